//! The scenario list: each scenario, whether it is in play today, and its indicators.

use crate::model::Notebook;
use chrono::NaiveDate;
use serde::Serialize;

/// The JSON shape of `scenario list`: `{"scenarios": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub scenarios: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub order: Option<i64>,
    pub since: Option<String>,
    pub retired: Option<String>,
    pub in_play: bool,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub text: String,
}

/// Every scenario in display order, with whether it is in play on `day`.
pub fn list(notebook: &Notebook, day: NaiveDate) -> Listing {
    let scenarios = notebook
        .scenarios
        .iter()
        .map(|s| Entry {
            id: s.id.clone(),
            title: s.title.clone(),
            summary: s.summary.clone(),
            order: s.order,
            since: s.since.map(|d| d.to_string()),
            retired: s.retired.map(|d| d.to_string()),
            in_play: s.in_play_on(day),
            indicators: s.indicators.iter().map(|i| Indicator { id: i.id.clone(), text: i.text.clone() }).collect(),
        })
        .collect();
    Listing { scenarios }
}
