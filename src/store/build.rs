//! Turning raw records into a checked `Notebook`: every value, id, reference and time rule, all findings collected.

use super::read::{self, FileRecord, NOTEBOOK_FILE, RESOLUTION_FILE};
use super::records::{
    EvidenceFile, IndicatorEntry, NotebookFile, ResolutionFile, ScenarioFile, SpannedMap, UpdateFile,
};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{
    Confidence, Distribution, Evidence, Filed, Grade, Indicator, Likelihood, Likelihoods, Method, Notebook,
    Observation, Rating, Resolution, Retraction, Scenario, Settings, Update, UpdateSpans, WordScale, id,
    sort_for_display, time,
};
use chrono::NaiveDate;
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;
use toml::{Spanned, Value};

/// How far from 1 a distribution's sum may be.
pub const SUM_TOLERANCE: f64 = 1e-6;

/// Whether evidence summaries are kept once checked. Only the commands that show them need them,
/// and on a large notebook they are most of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summaries {
    Keep,
    Drop,
    /// Keep those of items that came into the notebook (by `known_at`) on these days, in its zone.
    KnownOn {
        first: NaiveDate,
        last: NaiveDate,
    },
}

impl Summaries {
    fn keeps(&self, item: &Evidence, zone: Tz) -> bool {
        match *self {
            Summaries::Keep => true,
            Summaries::Drop => false,
            Summaries::KnownOn { first, last } => (first..=last).contains(&time::day_in(zone, &item.known_at(zone))),
        }
    }
}

/// Reads and checks the whole notebook, parsing files in parallel. The notebook is `None` only when
/// `notebook.toml` itself is unusable.
pub fn load(root: &Path, summaries: Summaries) -> (Option<Notebook>, Vec<Diagnostic>) {
    let mut list = Vec::new();
    let settings = read::read_single::<NotebookFile>(root, NOTEBOOK_FILE, &mut list)
        .map(|r| settings(r.record, &mut Findings { list: &mut list }));
    let zone = settings.as_ref().map_or(Tz::UTC, |s| s.timezone);
    let mut scenarios: Vec<Scenario> = read::read_folder(root, read::SCENARIOS, false, &mut list, |r, found| {
        scenario(r, &mut Findings { list: found })
    });
    sort_for_display(&mut scenarios);
    let mut evidence: Vec<Evidence> = read::read_folder(root, read::EVIDENCE, true, &mut list, |r, found| {
        let mut item = self::evidence(r, &scenarios, &mut Findings { list: found })?;
        if !summaries.keeps(&item, zone) {
            item.summary = None;
        }
        Some(item)
    });
    // Ids are unique, so an unstable sort is deterministic, and it needs no buffer.
    evidence.sort_unstable_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let index = crate::model::index_by_id(&evidence);
    let known = Known { evidence: &evidence, index: &index };
    let mut updates: Vec<Update> = read::read_folder(root, read::UPDATES, true, &mut list, |r, found| {
        update(r, zone, &scenarios, Some(&known), &mut Findings { list: found })
    });
    drop(index);
    updates.sort_unstable_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    let resolution = if root.join(RESOLUTION_FILE).exists() {
        read::read_single::<ResolutionFile>(root, RESOLUTION_FILE, &mut list)
            .and_then(|r| self::resolution(r, &scenarios, &mut Findings { list: &mut list }))
    } else {
        None
    };
    if scenarios.is_empty() && settings.is_some() {
        list.push(
            Diagnostic::warning("scenarios", None, "the notebook has no scenarios yet")
                .with_hint("add one with `forecast scenario add ID --title T`"),
        );
    }
    let notebook = settings.map(|s| Notebook::new(s, scenarios, evidence, updates, resolution));
    (notebook, list)
}

/// The evidence loaded so far, for resolving citations.
struct Known<'a> {
    evidence: &'a [Evidence],
    index: &'a [u32],
}

impl Known<'_> {
    fn get(&self, id: &str) -> Option<&Evidence> {
        crate::model::find_by_id(self.evidence, self.index, id)
    }
}

/// Collects findings while building.
struct Findings<'a> {
    list: &'a mut Vec<Diagnostic>,
}

impl Findings<'_> {
    fn error(&mut self, path: &str, span: Range<usize>, message: impl Into<String>) {
        self.list.push(Diagnostic::error(path, Some(span), message));
    }

    fn warning(&mut self, path: &str, span: Range<usize>, message: impl Into<String>) {
        self.list.push(Diagnostic::warning(path, Some(span), message));
    }

    fn error_hint(&mut self, path: &str, span: Range<usize>, message: impl Into<String>, hint: Option<String>) {
        self.list.push(Diagnostic::error(path, Some(span), message).with_optional_hint(hint));
    }

    /// A required text that must not be blank.
    fn text(&mut self, path: &str, key: &str, value: Spanned<String>) -> String {
        if value.get_ref().trim().is_empty() {
            self.error(path, value.span(), format!("found an empty `{key}`, expected some text"));
        }
        value.into_inner()
    }

    fn date(&mut self, path: &str, value: &Spanned<toml::value::Datetime>) -> Option<NaiveDate> {
        time::to_date(value.get_ref()).map_err(|m| self.error(path, value.span(), m)).ok()
    }

    fn moment(&mut self, path: &str, value: &Spanned<toml::value::Datetime>) -> Option<time::Moment> {
        time::to_moment(value.get_ref()).map_err(|m| self.error(path, value.span(), m)).ok()
    }
}

fn settings(file: super::records::NotebookFile, out: &mut Findings) -> Settings {
    let timezone = match &file.timezone {
        None => Tz::UTC,
        Some(zone) => zone.get_ref().parse::<Tz>().unwrap_or_else(|_| {
            out.error(
                NOTEBOOK_FILE,
                zone.span(),
                format!("found time zone `{}`, expected an IANA name like `Europe/Kyiv` or `UTC`", zone.get_ref()),
            );
            Tz::UTC
        }),
    };
    let words = match &file.words {
        None => WordScale::Icd203,
        Some(words) => WordScale::parse(words.get_ref()).unwrap_or_else(|| {
            let hint = did_you_mean(words.get_ref(), WordScale::NAMES);
            out.error_hint(
                NOTEBOOK_FILE,
                words.span(),
                format!("found words `{}`, expected `icd203` or `phia`", words.get_ref()),
                hint,
            );
            WordScale::Icd203
        }),
    };
    Settings {
        title: out.text(NOTEBOOK_FILE, "title", file.title),
        question: out.text(NOTEBOOK_FILE, "question", file.question),
        timezone,
        words,
    }
}

fn scenario(file: FileRecord<ScenarioFile>, out: &mut Findings) -> Option<Scenario> {
    let FileRecord { id, path, record } = file;
    let since = record.since.as_ref().and_then(|d| out.date(&path, d));
    let retired = record.retired.as_ref().and_then(|d| out.date(&path, d));
    if let (Some(s), Some(r), Some(span)) = (since, retired, record.retired.as_ref().map(Spanned::span))
        && r <= s
    {
        out.error(&path, span, format!("found `retired = {r}`, expected a day after `since = {s}`"));
    }
    let indicators = indicators(&path, record.indicators, out);
    Some(Scenario {
        id,
        title: out.text(&path, "title", record.title),
        summary: record.summary.map(Spanned::into_inner),
        order: record.order.map(Spanned::into_inner),
        since,
        retired,
        indicators,
    })
}

fn indicators(path: &str, entries: Vec<IndicatorEntry>, out: &mut Findings) -> Vec<Indicator> {
    let mut seen = HashSet::new();
    let mut list = Vec::new();
    for entry in entries {
        let span = entry.id.span();
        let indicator_id = entry.id.into_inner();
        if let Err(problem) = id::validate(&indicator_id) {
            out.error(path, span, format!("invalid indicator id `{indicator_id}`: {problem}"));
            continue;
        }
        if !seen.insert(indicator_id.clone()) {
            out.error(
                path,
                span,
                format!("duplicate indicator id `{indicator_id}`, expected each indicator id once per scenario"),
            );
            continue;
        }
        list.push(Indicator { id: indicator_id, text: out.text(path, "text", entry.text) });
    }
    list
}

/// Checks one evidence record against the scenarios, as `build` does; for records about to be written.
pub fn check_evidence(file: FileRecord<EvidenceFile>, scenarios: &[Scenario]) -> Result<Evidence, Vec<Diagnostic>> {
    let mut list = Vec::new();
    let evidence = evidence(file, scenarios, &mut Findings { list: &mut list });
    match evidence {
        Some(e) if !list.iter().any(Diagnostic::is_error) => Ok(e),
        _ => Err(list),
    }
}

/// Checks the scenario files alone, in display order (for commands that append a record).
pub fn check_scenarios(files: Vec<FileRecord<ScenarioFile>>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Scenario> {
    let mut out = Findings { list: diagnostics };
    let mut scenarios: Vec<Scenario> = files.into_iter().filter_map(|r| scenario(r, &mut out)).collect();
    sort_for_display(&mut scenarios);
    scenarios
}

/// Checks `notebook.toml` alone.
pub fn check_settings(file: super::records::NotebookFile, diagnostics: &mut Vec<Diagnostic>) -> Settings {
    settings(file, &mut Findings { list: diagnostics })
}

fn evidence(file: FileRecord<EvidenceFile>, scenarios: &[Scenario], out: &mut Findings) -> Option<Evidence> {
    let FileRecord { id, path, record } = file;
    let filed = Filed::of(&path, &id);
    let date = out.date(&path, &record.date);
    let logged = record.logged.as_ref().and_then(|d| out.moment(&path, d));
    let grade = grade(&path, &record, out);
    let observes = observations(&path, &record.observes, scenarios, out);
    let likelihood = match (record.likelihood, date) {
        (Some(table), Some(day)) => likelihoods(&path, table, day, scenarios, out),
        _ => None,
    };
    let retracted = record.retracted.map(|r| {
        let r = r.into_inner();
        let date = out.date(&path, &r.date);
        Retraction { date: date.unwrap_or(NaiveDate::MIN), reason: out.text(&path, "reason", r.reason) }
    });
    Some(Evidence {
        id,
        title: out.text(&path, "title", record.title),
        date: date?,
        logged,
        logged_by: record.logged_by.map(Spanned::into_inner),
        source: out.text(&path, "source", record.source),
        url: record.url.map(Spanned::into_inner),
        grade,
        summary: record.summary.map(Spanned::into_inner),
        tags: record.tags.into_iter().map(Spanned::into_inner).collect(),
        observes,
        likelihood,
        retracted,
        filed,
    })
}

fn grade(path: &str, record: &EvidenceFile, out: &mut Findings) -> Grade {
    let reliability = record.reliability.as_ref().and_then(|r| {
        let text = r.get_ref();
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c @ 'A'..='F'), None) => Some(c),
            _ => {
                out.error(
                    path,
                    r.span(),
                    format!("found reliability `{text}`, expected an Admiralty source grade from `A` to `F`"),
                );
                None
            }
        }
    });
    let credibility = record.credibility.as_ref().and_then(|c| match *c.get_ref() {
        n @ 1..=6 => Some(n as u8),
        n => {
            out.error(
                path,
                c.span(),
                format!("found credibility {n}, expected an Admiralty information grade from 1 to 6"),
            );
            None
        }
    });
    Grade { reliability, credibility }
}

fn observations(path: &str, refs: &[Spanned<String>], scenarios: &[Scenario], out: &mut Findings) -> Vec<Observation> {
    let mut list = Vec::new();
    for reference in refs {
        let text = reference.get_ref();
        let Some((scenario_id, indicator_id)) = text.split_once('/') else {
            out.error(path, reference.span(), format!("found `{text}`, expected `SCENARIO/INDICATOR`"));
            continue;
        };
        let Some(scenario) = scenarios.iter().find(|s| s.id == scenario_id) else {
            let hint = did_you_mean(scenario_id, scenarios.iter().map(|s| s.id.as_str()));
            out.error_hint(
                path,
                reference.span(),
                format!("found unknown scenario `{scenario_id}` in `{text}`, expected a scenario id"),
                hint,
            );
            continue;
        };
        if !scenario.indicators.iter().any(|i| i.id == indicator_id) {
            let hint = did_you_mean(indicator_id, scenario.indicators.iter().map(|i| i.id.as_str()));
            out.error_hint(
                path,
                reference.span(),
                format!("found unknown indicator `{indicator_id}` in `{text}`, expected one of scenario `{scenario_id}`'s indicators"),
                hint,
            );
            continue;
        }
        list.push(Observation { scenario: scenario_id.to_string(), indicator: indicator_id.to_string() });
    }
    list
}

fn likelihoods(
    path: &str,
    table: Spanned<SpannedMap>,
    day: NaiveDate,
    scenarios: &[Scenario],
    out: &mut Findings,
) -> Option<Likelihoods> {
    let mut map = BTreeMap::new();
    let mut valid = true;
    let span = table.span();
    for (key, value) in table.into_inner() {
        if scenarios.iter().all(|s| &s.id != key.get_ref()) {
            let hint = did_you_mean(key.get_ref(), scenarios.iter().map(|s| s.id.as_str()));
            out.error_hint(
                path,
                key.span(),
                format!("found unknown scenario `{}` in `[likelihood]`, expected a scenario id", key.get_ref()),
                hint,
            );
            valid = false;
            continue;
        }
        match likelihood_value(&value) {
            Ok(l) => {
                map.insert(key.into_inner(), l);
            }
            Err(message) => {
                out.error(path, value.span(), message);
                valid = false;
            }
        }
    }
    for missing in scenarios.iter().filter(|s| s.in_play_on(day) && !map.contains_key(&s.id)) {
        if valid {
            out.error(
                path,
                span.clone(),
                format!("missing a likelihood for scenario `{}`, which is in play on {day}; expected every scenario in play, or no `[likelihood]` table", missing.id),
            );
        }
        valid = false;
    }
    if valid && !map.is_empty() && map.values().all(|l| l.value() == 0.0) {
        out.error(path, span, "found every likelihood 0, expected at least one above 0");
        valid = false;
    }
    valid.then(|| map.into_iter().collect())
}

fn likelihood_value(value: &Spanned<Value>) -> Result<Likelihood, String> {
    let expected = "expected a number ≥ 0 or an ACH rating (`CC`, `C`, `N`, `I`, `II`)";
    match value.get_ref() {
        Value::String(s) => {
            Rating::parse(s).map(Likelihood::Rating).ok_or_else(|| format!("found rating \"{s}\", {expected}"))
        }
        other => match number(other) {
            Some(n) if n.is_finite() && n >= 0.0 => Ok(Likelihood::Number(n)),
            Some(n) => Err(format!("found likelihood `{}`, {expected}", show_number(n))),
            None => Err(format!("found {}, {expected}", describe(other))),
        },
    }
}

/// Checks one update on its own, without its citations (for commands that read one analyst's
/// latest updates rather than the whole notebook).
pub fn check_update(
    file: FileRecord<UpdateFile>,
    zone: Tz,
    scenarios: &[Scenario],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Update> {
    update(file, zone, scenarios, None, &mut Findings { list: diagnostics })
}

/// The folder, under `updates/`, where the tool files an author's updates.
pub fn author_folder(author: &str) -> String {
    id::slug(author, 40)
}

fn update(
    file: FileRecord<UpdateFile>,
    zone: Tz,
    scenarios: &[Scenario],
    known: Option<&Known>,
    out: &mut Findings,
) -> Option<Update> {
    let FileRecord { id, path, record } = file;
    filed_under_author(&path, &record.author, out);
    let at = out.moment(&path, &record.at);
    let method = Method::parse(record.method.get_ref()).or_else(|| {
        let hint = did_you_mean(record.method.get_ref(), ["judgment", "bayes"]);
        out.error_hint(
            &path,
            record.method.span(),
            format!("found method `{}`, expected `judgment` or `bayes`", record.method.get_ref()),
            hint,
        );
        None
    });
    let confidence = record.confidence.as_ref().and_then(|c| {
        Confidence::parse(c.get_ref()).or_else(|| {
            let hint = did_you_mean(c.get_ref(), Confidence::NAMES);
            out.error_hint(
                &path,
                c.span(),
                format!("found confidence `{}`, expected `low`, `moderate` or `high`", c.get_ref()),
                hint,
            );
            None
        })
    });
    let probabilities =
        at.and_then(|at| distribution(&path, &record.probabilities, time::day_in(zone, &at), scenarios, out));
    if let (Some(at), Some(known)) = (at, known) {
        cited_evidence(&path, &record.evidence, &at, zone, known, out);
    }
    let mut seen = HashSet::new();
    for cited in &record.evidence {
        if !seen.insert(cited.get_ref()) {
            out.error(&path, cited.span(), format!("found `{}` cited twice, expected each item once", cited.get_ref()));
        }
    }
    let spans = UpdateSpans {
        at: record.at.span(),
        method: record.method.span(),
        probabilities: record.probabilities.span(),
        evidence: record.evidence.iter().map(Spanned::span).collect(),
    };
    Some(Update {
        author: out.text(&path, "author", record.author),
        rationale: record.rationale.map(Spanned::into_inner).unwrap_or_default(),
        evidence: record.evidence.into_iter().map(Spanned::into_inner).collect(),
        at: at?,
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

/// Checks that each cited item exists and was known by the update's time.
fn cited_evidence(
    path: &str,
    cited: &[Spanned<String>],
    at: &time::Moment,
    zone: Tz,
    known: &Known,
    out: &mut Findings,
) {
    let day = time::day_in(zone, at);
    for reference in cited {
        let name = reference.get_ref();
        let Some(item) = known.get(name) else {
            let hint = did_you_mean(name, known.evidence.iter().map(|e| e.id.as_str()));
            out.error_hint(
                path,
                reference.span(),
                format!("found unknown evidence id `{name}`, expected the id of a file under `evidence/`"),
                hint,
            );
            continue;
        };
        if item.date > day {
            out.error(
                path,
                reference.span(),
                format!(
                    "cites `{name}`, dated {}, after this update's day {day}; expected evidence dated on or before it",
                    item.date
                ),
            );
        } else if let Some(logged) = item.logged.filter(|logged| logged > at) {
            out.error(
                path,
                reference.span(),
                format!(
                    "cites `{name}`, logged {}, after this update at {}; expected evidence logged by then",
                    logged.to_rfc3339(),
                    at.to_rfc3339()
                ),
            );
        }
    }
}

/// Checks a `[probabilities]` table: numbers in [0, 1], exactly the scenarios in play on `day`, summing to 1.
fn distribution(
    path: &str,
    table: &Spanned<SpannedMap>,
    day: NaiveDate,
    scenarios: &[Scenario],
    out: &mut Findings,
) -> Option<Distribution> {
    let mut map = Distribution::new();
    let mut valid = true;
    for (key, value) in table.get_ref() {
        let name = key.get_ref();
        match scenarios.iter().find(|s| &s.id == name) {
            None => {
                let hint = did_you_mean(name, scenarios.iter().map(|s| s.id.as_str()));
                out.error_hint(
                    path,
                    key.span(),
                    format!("found unknown scenario `{name}` in `[probabilities]`, expected a scenario id"),
                    hint,
                );
                valid = false;
            }
            Some(s) if !s.in_play_on(day) => {
                out.error(
                    path,
                    key.span(),
                    format!("found scenario `{name}`, which is not in play on {day}; expected only scenarios in play"),
                );
                valid = false;
            }
            Some(_) => match probability_value(value) {
                Ok((p, warning)) => {
                    if let Some(w) = warning {
                        out.warning(path, value.span(), w);
                    }
                    map.insert(name.clone(), p);
                }
                Err(message) => {
                    out.error(path, value.span(), message);
                    valid = false;
                }
            },
        }
    }
    for missing in
        scenarios.iter().filter(|s| s.in_play_on(day) && !table.get_ref().keys().any(|k| k.get_ref() == &s.id))
    {
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

fn probability_value(value: &Spanned<Value>) -> Result<(f64, Option<String>), String> {
    let expected = "expected a probability from 0 to 1, such as 0.62";
    let n = number(value.get_ref()).ok_or_else(|| format!("found {}, {expected}", describe(value.get_ref())))?;
    if !n.is_finite() || !(0.0..=1.0).contains(&n) {
        return Err(format!("found `{}`, {expected}", show_number(n)));
    }
    let warning = (n == 0.0 && n.is_sign_negative())
        .then(|| "found `-0.0`, read as 0; expected a probability without a sign".to_string());
    Ok((n.abs(), warning))
}

fn resolution(file: FileRecord<ResolutionFile>, scenarios: &[Scenario], out: &mut Findings) -> Option<Resolution> {
    let record = file.record;
    let date = out.date(RESOLUTION_FILE, &record.date);
    let recorded = record.recorded.as_ref().and_then(|d| out.moment(RESOLUTION_FILE, d));
    let name = record.scenario.get_ref();
    match scenarios.iter().find(|s| &s.id == name) {
        None => {
            let hint = did_you_mean(name, scenarios.iter().map(|s| s.id.as_str()));
            out.error_hint(
                RESOLUTION_FILE,
                record.scenario.span(),
                format!("found unknown scenario `{name}`, expected a scenario id"),
                hint,
            );
            return None;
        }
        Some(s) if date.is_some_and(|d| !s.in_play_on(d)) => {
            out.error(
                RESOLUTION_FILE,
                record.scenario.span(),
                format!("found scenario `{name}`, which is not in play on the resolution date"),
            );
            return None;
        }
        Some(_) => {}
    }
    Some(Resolution {
        scenario: record.scenario.into_inner(),
        date: date?,
        note: record.note.map(Spanned::into_inner),
        recorded,
        recorded_by: record.recorded_by.map(Spanned::into_inner),
    })
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Float(f) => Some(*f),
        Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("string \"{s}\""),
        Value::Boolean(b) => format!("boolean `{b}`"),
        Value::Datetime(d) => format!("date `{d}`"),
        Value::Array(_) => "an array".to_string(),
        Value::Table(_) => "a table".to_string(),
        other => format!("`{other}`"),
    }
}

/// A number as a person would write it: `nan`, `inf`, `0.999`.
pub fn show_number(n: f64) -> String {
    if n.is_nan() {
        "nan".into()
    } else if n.is_infinite() {
        if n > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        let text = format!("{n:.9}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
