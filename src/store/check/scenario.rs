//! Checking a scenario file: title, dates in play, and its indicators.

use super::Findings;
use crate::model::{Indicator, Scenario, id};
use crate::store::parse::FileRecord;
use crate::store::records::{IndicatorEntry, ScenarioFile};
use std::collections::HashSet;
use toml::Spanned;

pub fn check(file: FileRecord<ScenarioFile>, out: &mut Findings) -> Scenario {
    let FileRecord { id, path, record } = file;
    let since = record.since.as_ref().and_then(|d| out.date(&path, d));
    let retired = record.retired.as_ref().and_then(|d| out.date(&path, d));
    if let (Some(s), Some(r), Some(span)) = (since, retired, record.retired.as_ref().map(Spanned::span))
        && r <= s
    {
        out.error(&path, span, format!("found `retired = {r}`, expected a day after `since = {s}`"));
    }
    let added = record.added.as_ref().and_then(|d| out.moment(&path, d));
    let retired_recorded = record.retired_recorded.as_ref().and_then(|d| out.moment(&path, d));
    for (key, value) in [
        ("retired_recorded", record.retired_recorded.as_ref().map(Spanned::span)),
        ("retired_reason", record.retired_reason.as_ref().map(Spanned::span)),
    ] {
        if let (Some(span), None) = (value, &record.retired) {
            out.error(
                &path,
                span,
                format!("found `{key}` without `retired`, expected it only beside the day the scenario was retired"),
            );
        }
    }
    let indicators = indicators(&path, record.indicators, out);
    Scenario {
        id,
        title: out.text(&path, "title", record.title),
        summary: record.summary.map(Spanned::into_inner),
        order: record.order.map(Spanned::into_inner),
        since,
        added,
        retired,
        retired_recorded,
        retired_reason: record.retired_reason.map(Spanned::into_inner),
        indicators,
    }
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
