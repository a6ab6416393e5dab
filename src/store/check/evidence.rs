//! Checking an evidence file: its values, grade, indicators observed, and likelihoods.

use super::{Findings, Frame, describe, number};
use crate::model::grade::{Credibility, Reliability};
use crate::model::{
    Evidence, EvidenceSpans, Filed, Grade, Likelihood, Likelihoods, Moment, Observation, Retraction, time,
};
use crate::store::parse::FileRecord;
use crate::store::records::{EvidenceFile, SpannedMap};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use toml::{Spanned, Value};

pub fn check(file: FileRecord<EvidenceFile>, frame: &Frame, out: &mut Findings) -> Option<Evidence> {
    let FileRecord { id, path, record } = file;
    let filed = Filed::of(&path, &id);
    let date = out.date(&path, &record.date);
    if let Some(day) = date {
        out.in_its_month(&path, day, record.date.span(), "`date`");
    }
    let logged = record.logged.as_ref().and_then(|d| out.moment(&path, d));
    let grade = grade(&path, &record, out);
    let observes = observations(&path, &record.observes, frame, out);
    let spans = EvidenceSpans { date: record.date.span(), logged: record.logged.as_ref().map(Spanned::span) };
    let known = date.map(|d| logged.unwrap_or_else(|| time::start_of_day(frame.zone(), d)));
    let likelihood = match (record.likelihood, date, known) {
        (Some(table), Some(day), Some(known)) => likelihoods(&path, table, (day, known), frame, out),
        _ => None,
    };
    let retracted = record.retracted.map(|r| {
        let r = r.into_inner();
        let date = out.date(&path, &r.date);
        let recorded = r.recorded.as_ref().and_then(|m| out.moment(&path, m));
        Retraction { date: date.unwrap_or(NaiveDate::MIN), reason: out.text(&path, "reason", r.reason), recorded }
    });
    if let (Some(linked), None) = (&record.linked, &record.origin) {
        out.error(
            &path,
            linked.span(),
            "found `linked` without `origin`, expected it only beside the `origin` it dates",
        );
    }
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
        origin: record.origin.and_then(|o| origin(&path, o, out)),
        linked: record.linked.as_ref().and_then(|m| out.moment(&path, m)),
        tlp: record.tlp.as_ref().and_then(|t| out.parse(&path, t, str::parse::<crate::model::Tlp>)),
        observes,
        likelihood,
        retracted,
        filed,
        spans,
    })
}

/// `origin`: one line of text, an item's id or a short name of the original source.
fn origin(path: &str, value: Spanned<String>, out: &mut Findings) -> Option<String> {
    match crate::model::value::origin(value.get_ref()) {
        Ok(origin) => Some(origin),
        Err(invalid) => {
            out.invalid(path, value.span(), invalid);
            None
        }
    }
}

/// `grade = "B2"`, or `reliability` and `credibility`; not both.
fn grade(path: &str, record: &EvidenceFile, out: &mut Findings) -> Grade {
    if let Some(grade) = &record.grade {
        if let Some(part) =
            record.reliability.as_ref().map(Spanned::span).or(record.credibility.as_ref().map(Spanned::span))
        {
            out.error_hint(
                path,
                part,
                "found both `grade` and `reliability`/`credibility`, expected one form of the grade",
                Some(format!("keep `grade = \"{}\"` and delete the other two keys", grade.get_ref())),
            );
        }
        return out.parse(path, grade, str::parse::<Grade>).unwrap_or_default();
    }
    let reliability = record.reliability.as_ref().and_then(|r| out.parse(path, r, Reliability::parse));
    let credibility = record
        .credibility
        .as_ref()
        .and_then(|c| Credibility::new(*c.get_ref()).map_err(|e| out.invalid(path, c.span(), e)).ok());
    Grade { reliability, credibility }
}

fn observations(path: &str, refs: &[Spanned<String>], frame: &Frame, out: &mut Findings) -> Vec<Observation> {
    let mut list = Vec::new();
    for reference in refs {
        let text = reference.get_ref();
        let Some((scenario_id, indicator_id)) = text.split_once('/') else {
            out.error(path, reference.span(), format!("found `{text}`, expected `SCENARIO/INDICATOR`"));
            continue;
        };
        let Some(scenario) = out.scenario(path, reference.span(), scenario_id, &format!(" in `{text}`"), frame) else {
            continue;
        };
        if !scenario.indicators.iter().any(|i| i.id == indicator_id) {
            let hint =
                crate::model::value::did_you_mean(indicator_id, scenario.indicators.iter().map(|i| i.id.as_str()));
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

/// A `[likelihood]` table: known scenarios, values above 0, and every scenario in play on the
/// item's day as the notebook stood when it was logged (a scenario added later needs none until
/// `evidence rate` gives it one).
fn likelihoods(
    path: &str,
    table: Spanned<SpannedMap>,
    (day, known): (NaiveDate, Moment),
    frame: &Frame,
    out: &mut Findings,
) -> Option<Likelihoods> {
    let mut map = BTreeMap::new();
    let mut valid = true;
    let span = table.span();
    for (key, value) in table.into_inner() {
        if out.scenario(path, key.span(), key.get_ref(), " in `[likelihood]`", frame).is_none() {
            valid = false;
            continue;
        }
        match likelihood_value(value.get_ref()) {
            Ok(l) => {
                map.insert(key.into_inner(), l);
            }
            Err(e) => {
                out.invalid(path, value.span(), e);
                valid = false;
            }
        }
    }
    let zone = frame.zone();
    for missing in frame.scenarios.iter().filter(|s| s.in_play_known(day, &known, zone) && !map.contains_key(&s.id)) {
        if valid {
            out.error(
                path,
                span.clone(),
                format!("missing a likelihood for scenario `{}`, which is in play on {day}; expected every scenario in play, or no `[likelihood]` table", missing.id),
            );
        }
        valid = false;
    }
    valid.then(|| map.into_iter().collect())
}

fn likelihood_value(value: &Value) -> Result<Likelihood, crate::model::value::Invalid> {
    match value {
        Value::String(s) => {
            s.to_ascii_uppercase().parse::<crate::model::Rating>().map(Likelihood::Rating).map_err(|_| {
                crate::model::value::Invalid::new(format!(
                    "found likelihood `{s}`, {}",
                    crate::model::LIKELIHOOD_EXPECTED
                ))
            })
        }
        other => match number(other) {
            Some(n) => Likelihood::number(n),
            None => Err(crate::model::value::Invalid::new(format!(
                "found {}, {}",
                describe(other),
                crate::model::LIKELIHOOD_EXPECTED
            ))),
        },
    }
}
