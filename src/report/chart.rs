//! Chart data: each scenario's aggregate probability as steps over time, the evidence dates, the week shaded.

use crate::analysis::aggregate;
use crate::model::{Moment, Notebook, time};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Per scenario in display order: the aggregate after each change, as (day offset from `start`, p).
    pub series: Vec<Series>,
    /// Day offsets of evidence items logged in the window.
    pub marks: Vec<f64>,
    /// The days to shade (the report's week), as offsets.
    pub shade: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub title: String,
    pub points: Vec<(f64, f64)>,
}

/// The chart from `since` (default: the first update's day) to `as_of`, on a notebook replayed to `as_of`.
pub fn build(
    notebook: &Notebook,
    since: Option<NaiveDate>,
    as_of: &Moment,
    shade: Option<(NaiveDate, NaiveDate)>,
) -> Chart {
    let zone = notebook.settings.timezone;
    let first = notebook.updates.first().map(|u| time::day_in(zone, &u.at));
    let end = time::day_in(zone, as_of);
    let start = since.or(first).unwrap_or(end).min(end);
    let origin = time::start_of_day(zone, start);
    let offset = |m: &Moment| (*m - origin).num_seconds() as f64 / 86_400.0;
    let last = offset(as_of).max(1.0);
    let moments: Vec<Moment> =
        std::iter::once(origin).chain(notebook.updates.iter().map(|u| u.at).filter(|t| *t > origin)).collect();
    let series = notebook
        .scenarios
        .iter()
        .map(|s| {
            let mut points: Vec<(f64, f64)> = Vec::new();
            for m in &moments {
                let Some(p) = aggregate::estimate(notebook, None, m).and_then(|d| d.get(&s.id).copied()) else {
                    continue;
                };
                if let Some(&(_, before)) = points.last() {
                    points.push((offset(m), before));
                }
                points.push((offset(m), p));
            }
            if let Some(&(_, p)) = points.last() {
                points.push((last, p));
            }
            Series { title: s.title.clone(), points }
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    let marks =
        notebook.evidence.iter().map(|e| offset(&e.known_at(zone))).filter(|x| (0.0..=last).contains(x)).collect();
    let shade = shade.map(|(a, b)| {
        let from = offset(&time::start_of_day(zone, a)).max(0.0);
        let to = offset(&time::start_of_day(zone, b.succ_opt().unwrap_or(b))).min(last);
        (from, to)
    });
    Chart { title: notebook.settings.title.clone(), start, end, series, marks, shade }
}
