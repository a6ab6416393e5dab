//! Checking an update file on its own (values, the scenarios in play, its author's folder), and
//! its citations against the evidence once every item is known.

use super::{Findings, Frame, describe, number};
use crate::model::value::{self, Invalid, SUM_TOLERANCE, show_number};
use crate::model::{Confidence, Distribution, Evidence, Method, Moment, Scenario, Update, UpdateSpans, time};
use crate::store::parse::FileRecord;
use crate::store::records::{SpannedMap, UpdateFile};
use chrono::NaiveDate;
use chrono::Timelike;
use chrono_tz::Tz;
use std::collections::HashSet;
use std::ops::Range;
use toml::{Spanned, Value};

/// The folder, under `updates/`, where the tool files an author's updates (see `id::name_slug`).
pub fn author_folder(author: &str) -> String {
    crate::model::id::name_slug(author, 40)
}

pub fn check(file: FileRecord<UpdateFile>, frame: &Frame, out: &mut Findings) -> Option<Update> {
    let FileRecord { id, path, record } = file;
    filed_under_author(&path, &record.author, out);
    if record.author.get_ref().chars().any(crate::model::text::is_unsafe) {
        out.error(
            &path,
            record.author.span(),
            "found an invisible or control character in `author`, expected a name as it is written (two names that look the same would count as two analysts)",
        );
    }
    let at = out.moment(&path, &record.at);
    let recorded = record.recorded.as_ref().and_then(|d| out.moment(&path, d));
    if let Some(at) = at.filter(|_| frame.zone_valid) {
        out.in_its_month(&path, time::day_in(frame.zone(), &at), record.at.span(), "`at` (in the notebook's zone)");
        named_after(&id, &path, &at, &record.author, record.at.span(), frame.zone(), out);
    }
    let method = out.parse(&path, &record.method, str::parse::<Method>);
    let confidence = record.confidence.as_ref().and_then(|c| out.parse(&path, c, str::parse::<Confidence>));
    let probabilities = at.and_then(|at| {
        let known = recorded.unwrap_or(at);
        distribution(&path, &record.probabilities, (time::day_in(frame.zone(), &at), known), frame, out)
    });
    let mut seen = HashSet::new();
    for cited in &record.evidence {
        if !seen.insert(cited.get_ref()) {
            out.error(&path, cited.span(), format!("found `{}` cited twice, expected each item once", cited.get_ref()));
        }
    }
    let spans = UpdateSpans {
        at: record.at.span(),
        recorded: record.recorded.as_ref().map(Spanned::span),
        method: record.method.span(),
        probabilities: record.probabilities.span(),
        evidence: record.evidence.iter().map(Spanned::span).collect(),
    };
    Some(Update {
        // One person typed in two Unicode forms is one analyst.
        author: crate::model::text::name(&out.text(&path, "author", record.author)),
        rationale: record.rationale.map(Spanned::into_inner).unwrap_or_default(),
        evidence: record.evidence.into_iter().map(Spanned::into_inner).collect(),
        at: at?,
        recorded,
        method: method?,
        confidence,
        probabilities: probabilities?,
        spans,
        previous: None,
        latest: false,
        id,
        path,
    })
}

/// An update in a folder under `updates/` must sit in its author's folder, so that a command can
/// find an analyst's updates without reading everyone's.
fn filed_under_author(path: &str, author: &Spanned<String>, out: &mut Findings) {
    let mut parts = path.split('/').skip(1);
    let (Some(folder), Some(_)) = (parts.next(), parts.next()) else { return };
    let expected = author_folder(author.get_ref());
    if folder != expected {
        out.error(
            path,
            author.span(),
            format!(
                "found author `{}` in an update under `updates/{folder}/`, expected updates in a folder to be filed under their author's folder `updates/{expected}/`",
                author.get_ref()
            ),
        );
    }
}

/// The evidence loaded, for resolving citations.
pub struct Known<'a> {
    pub evidence: &'a [Evidence],
    /// Positions in `evidence`, sorted by id (see `model::index_by_id`).
    pub index: &'a [u32],
    /// Ids of evidence files that could not be parsed (their own errors say why), sorted.
    pub unreadable: &'a [String],
}

impl Known<'_> {
    fn get(&self, id: &str) -> Option<&Evidence> {
        crate::model::find_by_id(self.evidence, self.index, id)
    }
}

/// An update whose file name starts with a date (`2025-11-13`, optionally `-0912` or `-091230`)
/// must be named after its `at` in the notebook's zone, and name its author: appends find an
/// analyst's standing estimate by name. Other names are free.
fn named_after(
    id: &str,
    path: &str,
    at: &Moment,
    author: &Spanned<String>,
    span: Range<usize>,
    zone: Tz,
    out: &mut Findings,
) {
    let Some((day, clock)) = name_time(id) else { return };
    let local = at.with_timezone(&zone);
    let shown = local.format("%Y-%m-%d %H:%M:%S %Z");
    let time_differs = match clock {
        Some((h, m, sec)) => (local.hour(), local.minute()) != (h, m) || sec.is_some_and(|sec| local.second() != sec),
        None => false,
    };
    if local.date_naive() != day || time_differs {
        let expected = crate::store::new::update_name(at, zone, author.get_ref());
        out.error_hint(
            path,
            span,
            format!("the file name says {}, but `at` is {shown} in the notebook's zone; expected them to agree, since commands find an analyst's latest estimate by name", name_shown((day, clock))),
            Some(format!("rename the file to start with `{}`, or correct `at`", &expected[..expected.len().min(17)])),
        );
        return;
    }
    let who = author_folder(author.get_ref());
    let short = crate::model::id::name_slug(author.get_ref(), 16);
    if !format!("-{id}-").contains(&format!("-{who}-")) && !format!("-{id}-").contains(&format!("-{short}-")) {
        out.error_hint(
            path,
            author.span(),
            format!("the file name `{id}` does not name its author `{}` (`{who}`); expected a dated name to carry its author's id", author.get_ref()),
            Some(format!("rename the file to `{}`", crate::store::new::update_name(at, zone, author.get_ref()))),
        );
    }
}

/// The day and, if given, the time (hour, minute, second) a dated update name starts with.
type NameTime = (NaiveDate, Option<(u32, u32, Option<u32>)>);

fn name_time(id: &str) -> Option<NameTime> {
    let day = NaiveDate::parse_from_str(id.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = &id[10..];
    let digits: String =
        rest.strip_prefix('-').map(|r| r.chars().take_while(char::is_ascii_digit).collect()).unwrap_or_default();
    let ends = |n: usize| rest[1 + n..].is_empty() || rest[1 + n..].starts_with('-');
    let number = |from: usize| digits[from..from + 2].parse::<u32>().ok();
    let clock = match digits.len() {
        4 if ends(4) => Some((number(0)?, number(2)?, None)),
        6 if ends(6) => Some((number(0)?, number(2)?, Some(number(4)?))),
        _ => None,
    };
    Some((day, clock))
}

fn name_shown((day, clock): NameTime) -> String {
    match clock {
        None => day.to_string(),
        Some((h, m, None)) => format!("{day} {h:02}:{m:02}"),
        Some((h, m, Some(s))) => format!("{day} {h:02}:{m:02}:{s:02}"),
    }
}

/// Checks that each item an update cites exists and was known by the update's time.
pub fn check_citations(update: &Update, zone: chrono_tz::Tz, known: &Known, out: &mut Findings) {
    let day = time::day_in(zone, &update.at);
    for (name, span) in update.evidence.iter().zip(&update.spans.evidence) {
        let Some(item) = known.get(name) else {
            if known.unreadable.binary_search(name).is_ok() {
                continue;
            }
            let hint = value::did_you_mean(name, known.evidence.iter().map(|e| e.id.as_str()));
            out.error_hint(
                &update.path,
                span.clone(),
                format!("found unknown evidence id `{name}`, expected the id of a file under `evidence/`"),
                hint,
            );
            continue;
        };
        if item.date > day {
            out.error(
                &update.path,
                span.clone(),
                format!(
                    "cites `{name}`, dated {}, after this update's day {day}; expected evidence dated on or before it",
                    item.date
                ),
            );
        } else if let Some(logged) = item.logged.filter(|logged| *logged > update.at) {
            out.error(
                &update.path,
                span.clone(),
                format!(
                    "cites `{name}`, logged {}, after this update at {}; expected evidence logged by then",
                    logged.to_rfc3339(),
                    update.at.to_rfc3339()
                ),
            );
        }
    }
}

/// Checks a `[probabilities]` table: exactly the scenarios in play on the update's day as the
/// notebook stood when it was recorded, each at least 0.001 (Cromwell's rule), summing to 1.
fn distribution(
    path: &str,
    table: &Spanned<SpannedMap>,
    (day, known): (NaiveDate, Moment),
    frame: &Frame,
    out: &mut Findings,
) -> Option<Distribution> {
    let zone = frame.zone();
    let mut map = Distribution::new();
    let mut valid = true;
    for (key, value) in table.get_ref() {
        let name = key.get_ref();
        match out.scenario(path, key.span(), name, " in `[probabilities]`", frame) {
            None => valid = false,
            Some(s) if !s.in_play_known(day, &known, zone) => {
                out.error(
                    path,
                    key.span(),
                    format!("found scenario `{name}`, which is not in play on {day}; expected only scenarios in play"),
                );
                valid = false;
            }
            Some(_) => match probability_value(value.get_ref()) {
                Ok((p, warning)) => {
                    if let Some(w) = warning {
                        out.warning(path, value.span(), w);
                    }
                    if p < value::FLOOR {
                        out.invalid(path, value.span(), value::below_floor(name, p));
                        valid = false;
                    }
                    map.insert(name.clone(), p);
                }
                Err(e) => {
                    out.invalid(path, value.span(), e);
                    valid = false;
                }
            },
        }
    }
    let given = |s: &Scenario| table.get_ref().keys().any(|k| k.get_ref() == &s.id);
    for missing in frame.scenarios.iter().filter(|s| s.in_play_known(day, &known, zone) && !given(s)) {
        out.error(
            path,
            table.span(),
            format!("missing scenario `{}`, which is in play on {day}; expected a probability for it", missing.id),
        );
        valid = false;
    }
    if valid {
        let sum: f64 = map.values().sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            out.error(
                path,
                table.span(),
                format!("probabilities sum to {}, expected 1 (within 0.000001)", show_number(sum)),
            );
            valid = false;
        }
    }
    valid.then_some(map)
}

fn probability_value(value: &Value) -> Result<(f64, Option<String>), Invalid> {
    let n = number(value)
        .ok_or_else(|| Invalid::new(format!("found {}, {}", describe(value), value::PROBABILITY_EXPECTED)))?;
    let p = value::probability(n)?;
    let warning = (n == 0.0 && n.is_sign_negative())
        .then(|| "found `-0.0`, read as 0; expected a probability without a sign".to_string());
    Ok((p, warning))
}
