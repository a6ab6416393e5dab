//! Chart data: each scenario's probability over time as it was believed then, the evidence logged,
//! and the events that change what the lines mean (retractions, scenarios added or retired, the
//! resolution).

use crate::analysis::aggregate;
use crate::model::{Moment, Notebook, time};
use chrono::NaiveDate;

/// How many distinct steps a chart shows across its width: changes closer together than
/// 1/`STEPS` of the time shown are drawn as one step to their last value, not as a spike.
pub const STEPS: f64 = 300.0;

#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    /// Whose estimate the lines show: `aggregate of all analysts` or `olena's estimate`.
    pub whose: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The days shown, from the start of `start` to the moment charted.
    pub days: f64,
    /// Per scenario in display order.
    pub series: Vec<Series>,
    /// Day offsets of evidence items logged in the window, with whether each was retracted since.
    pub evidence: Vec<(f64, bool)>,
    /// Retractions, scenarios added or retired, and the resolution, in time order.
    pub events: Vec<Event>,
    /// The days to shade (the report's period), as offsets.
    pub shade: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub title: String,
    /// Runs of (day offset, probability) steps; a run ends where the scenario left play.
    pub runs: Vec<Vec<(f64, f64)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    Retraction,
    Added,
    Retired,
    Resolution,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub x: f64,
    pub kind: EventKind,
}

/// The chart of `author`'s estimate (the aggregate with `None`) from `since` (default: the first
/// update's day) to `as_of`, on a notebook replayed to `as_of`. Each point is the estimate held at
/// that moment as it was known then, so a backdated update shows from when it was written.
pub fn build(
    notebook: &Notebook,
    author: Option<&str>,
    since: Option<NaiveDate>,
    as_of: &Moment,
    shade: Option<(NaiveDate, NaiveDate)>,
    hidden: &dyn Fn(&crate::model::Evidence) -> bool,
) -> Chart {
    let zone = notebook.settings.timezone;
    let mine = |u: &&crate::model::Update| author.is_none_or(|a| u.author == a);
    let first = notebook.updates.iter().filter(mine).map(|u| time::day_in(zone, &u.counts_from())).min();
    let end = time::day_in(zone, as_of);
    let start = since.or(first).unwrap_or(end).min(end);
    let origin = time::start_of_day(zone, start);
    let offset = |m: &Moment| (*m - origin).num_seconds() as f64 / 86_400.0;
    let days = offset(as_of).max(1.0);
    let moments = moments(notebook, author, origin, as_of, days / STEPS);
    let estimates: Vec<(f64, Option<crate::model::Distribution>)> =
        moments.iter().map(offset).zip(aggregate::as_known_series(notebook, author, &moments)).collect();
    let series = notebook
        .scenarios
        .iter()
        .map(|s| Series { title: s.title.clone(), runs: runs(&estimates, &s.id, days) })
        .filter(|s| !s.runs.is_empty())
        .collect();
    let within = |x: f64| (0.0..=days).contains(&x);
    let evidence = notebook
        .evidence
        .iter()
        .filter(|e| !hidden(e))
        .map(|e| (offset(&e.known_at(zone)), e.retracted.is_some()))
        .filter(|(x, _)| within(*x))
        .collect();
    let shade = shade.map(|(a, b)| {
        let from = offset(&time::start_of_day(zone, a)).max(0.0);
        let to = offset(&time::start_of_day(zone, b.succ_opt().unwrap_or(b))).min(days);
        (from, to)
    });
    let mut events: Vec<Event> =
        events(notebook, hidden).into_iter().map(|(m, kind)| Event { x: offset(&m), kind }).collect();
    events.retain(|e| within(e.x));
    events.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.kind.cmp(&b.kind)));
    let whose = author.map_or("aggregate of all analysts".to_string(), |a| format!("{a}'s estimate"));
    Chart { title: notebook.settings.title.clone(), whose, start, end, days, series, evidence, events, shade }
}

/// The moments at which the estimate may change: the origin, each update taking effect, and each
/// scenario entering or leaving play. Moments closer than `gap` days to the next are dropped, so
/// a burst of changes becomes one step to where it ended.
fn moments(notebook: &Notebook, author: Option<&str>, origin: Moment, as_of: &Moment, gap: f64) -> Vec<Moment> {
    let zone = notebook.settings.timezone;
    let mut all: Vec<Moment> = notebook
        .updates
        .iter()
        .filter(|u| author.is_none_or(|a| u.author == a))
        .map(|u| u.counts_from())
        .chain(notebook.scenarios.iter().filter_map(|s| s.added_at(zone)))
        .chain(notebook.scenarios.iter().filter_map(|s| Some(time::start_of_day(zone, s.since?))))
        .chain(notebook.scenarios.iter().filter_map(|s| Some(time::start_of_day(zone, s.retired?))))
        .chain(notebook.scenarios.iter().filter_map(|s| s.retired.and(s.retirement_known_at(zone))))
        .chain(notebook.evidence.iter().filter_map(|e| Some(e.retracted.as_ref()?.known_at(zone))))
        .filter(|m| *m > origin && *m <= *as_of)
        .collect();
    all.sort();
    all.dedup();
    let gap = chrono::Duration::seconds((gap * 86_400.0) as i64);
    let mut kept: Vec<Moment> = vec![origin];
    for (i, m) in all.iter().enumerate() {
        let next = all.get(i + 1);
        if next.is_none_or(|n| *n - *m >= gap) {
            kept.push(*m);
        }
    }
    kept
}

/// One scenario's steps: a run per stretch in which it has an estimate, each ending at the next
/// moment (or at `days`).
fn runs(estimates: &[(f64, Option<crate::model::Distribution>)], scenario: &str, days: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (x, estimate) in estimates {
        match estimate.as_ref().and_then(|d| d.get(scenario)) {
            Some(p) => {
                if let Some(&(_, before)) = current.last() {
                    current.push((*x, before));
                }
                current.push((*x, *p));
            }
            None => {
                if let Some(&(_, before)) = current.last() {
                    current.push((*x, before));
                    runs.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if let Some(&(_, p)) = current.last() {
        current.push((days, p));
        runs.push(current);
    }
    runs
}

/// Retractions, scenarios added and retired, and the resolution, each at the moment it became
/// known, where the lines (drawn as believed at each moment) change.
fn events(notebook: &Notebook, hidden: &dyn Fn(&crate::model::Evidence) -> bool) -> Vec<(Moment, EventKind)> {
    let zone = notebook.settings.timezone;
    let retractions = notebook
        .evidence
        .iter()
        .filter(|e| !hidden(e))
        .filter_map(|e| Some((e.retracted.as_ref()?.known_at(zone), EventKind::Retraction)));
    let added = notebook
        .scenarios
        .iter()
        .filter(|s| s.since.is_some())
        .filter_map(|s| Some((s.added_at(zone)?, EventKind::Added)));
    let retired = notebook
        .scenarios
        .iter()
        .filter(|s| s.retired.is_some())
        .filter_map(|s| Some((s.retirement_known_at(zone)?, EventKind::Retired)));
    let resolution = notebook.resolution.iter().map(|r| (r.known_at(zone), EventKind::Resolution));
    retractions.chain(added).chain(retired).chain(resolution).collect()
}
