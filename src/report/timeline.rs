//! The day-by-day timeline for spreadsheets: each analyst's standing estimate and the aggregate at
//! the end of each day, as known then.

use super::{Ordered, computed};
use crate::analysis::{aggregate, timeline};
use crate::model::{Notebook, time};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The notebook's zone, whose days the rows are.
    pub zone: String,
    pub since: String,
    pub until: String,
    /// Every scenario of the notebook, in display order; a day where one is not in play has none.
    pub scenarios: Vec<String>,
    /// The analysts with an estimate on some day of the range, in name order.
    pub analysts: Vec<String>,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Day {
    pub date: String,
    /// Scenario → the aggregate at the end of the day, as known then (none: not in play, or no
    /// estimate yet).
    pub aggregate: Ordered<Option<f64>>,
    /// Analyst → scenario → their standing estimate at the end of the day, as known then.
    pub analysts: Ordered<Ordered<Option<f64>>>,
}

/// The timeline from `since` to `until`, both included, one row per day in the notebook's zone.
pub fn build(notebook: &Notebook, since: NaiveDate, until: NaiveDate) -> Timeline {
    let zone = notebook.settings.timezone;
    let dates: Vec<NaiveDate> = since.iter_days().take_while(|d| *d <= until).collect();
    let moments: Vec<_> = dates.iter().map(|d| time::end_of_day(zone, *d)).collect();
    let series = timeline::known_series(notebook, &moments);
    let scenarios: Vec<String> = notebook.scenarios.iter().map(|s| s.id.clone()).collect();
    let analysts: Vec<String> = timeline::authors(notebook)
        .into_iter()
        .filter(|a| series.iter().any(|day| day.contains_key(*a)))
        .map(str::to_string)
        .collect();
    let row = |d: Option<&crate::model::Distribution>| {
        Ordered(scenarios.iter().map(|s| (s.clone(), d.and_then(|d| d.get(s)).copied().map(computed))).collect())
    };
    let days = dates
        .iter()
        .zip(&series)
        .map(|(date, standing)| Day {
            date: date.to_string(),
            aggregate: row(aggregate::geometric_mean(standing.values()).as_ref()),
            analysts: Ordered(analysts.iter().map(|a| (a.clone(), row(standing.get(a)))).collect()),
        })
        .collect();
    Timeline {
        zone: zone.name().to_string(),
        since: since.to_string(),
        until: until.to_string(),
        scenarios,
        analysts,
        days,
    }
}
