//! Records dated ahead of the clock: a typo in a year (`9999`) hides an estimate until then, so
//! `check` warns about anything dated more than a day after now.

use crate::diagnostic::Diagnostic;
use crate::model::{Moment, Notebook, time};

/// How far ahead of now a record may be dated before it is suspect (clocks and zones differ).
const SLACK_DAYS: i64 = 1;

/// A warning for each record dated more than a day after `now`.
pub fn dated_ahead(notebook: &Notebook, now: &Moment) -> Vec<Diagnostic> {
    let zone = notebook.settings.timezone;
    let limit = *now + chrono::Duration::days(SLACK_DAYS);
    let today = time::day_in(zone, now);
    let mut found = Vec::new();
    let warn = |path: &str, span: Option<std::ops::Range<usize>>, what: &str, when: String| {
        Diagnostic::warning(
            path,
            span,
            format!(
                "found {what} {when}, more than a day after now ({}); expected a date that has come",
                time::rfc3339(now)
            ),
        )
        .with_hint("a wrong year or month hides the record from every replay until then")
    };
    for e in &notebook.evidence {
        if e.date > today + chrono::Duration::days(SLACK_DAYS) {
            found.push(warn(&e.path(), Some(e.spans.date.clone()), "an evidence item dated", e.date.to_string()));
        } else if let (Some(logged), Some(span)) = (e.logged, &e.spans.logged)
            && logged > limit
        {
            found.push(warn(&e.path(), Some(span.clone()), "an evidence item logged", time::rfc3339(&logged)));
        }
    }
    for u in &notebook.updates {
        if u.at > limit {
            found.push(warn(&u.path, Some(u.spans.at.clone()), "an update at", time::rfc3339(&u.at)));
        } else if let (Some(recorded), Some(span)) = (u.recorded, &u.spans.recorded)
            && recorded > limit
        {
            found.push(warn(&u.path, Some(span.clone()), "an update recorded", time::rfc3339(&recorded)));
        }
    }
    for e in &notebook.evidence {
        if let Some(recorded) = e.retracted.as_ref().and_then(|r| r.recorded).filter(|r| *r > limit) {
            found.push(warn(&e.path(), None, "a retraction recorded", time::rfc3339(&recorded)));
        }
    }
    for s in &notebook.scenarios {
        let path = s.path();
        if let Some(added) = s.added.filter(|a| *a > limit) {
            found.push(warn(&path, None, "a scenario added", time::rfc3339(&added)));
        }
        if let Some(recorded) = s.retired_recorded.filter(|r| *r > limit) {
            found.push(warn(&path, None, "a retirement recorded", time::rfc3339(&recorded)));
        }
    }
    if let Some(recorded) = notebook.resolution.as_ref().and_then(|r| r.recorded).filter(|r| *r > limit) {
        found.push(warn("resolution.toml", None, "a resolution recorded", time::rfc3339(&recorded)));
    }
    found
}
