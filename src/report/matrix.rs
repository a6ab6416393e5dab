//! The ACH matrix as reports show it (see `analysis::ach`), in the JSON shape scripts rely on.

use super::{Ordered, computed};
use crate::analysis::ach;
use crate::model::{Moment, Notebook, time};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub as_of: String,
    /// The analyst whose cited items the rows are, or `None` for every item.
    pub author: Option<String>,
    pub scenarios: Vec<ScenarioScore>,
    /// Most diagnostic first.
    pub evidence: Vec<Row>,
    /// The scenarios with the lowest inconsistency score (several when tied), by id.
    pub least_inconsistent: Vec<String>,
    /// The leading scenario of the analysts' estimate (or the analyst's), if there is one; the
    /// first in display order when several tie.
    pub leading: Option<String>,
    /// Every leading scenario, several when tied.
    pub leaders: Vec<String>,
    /// Whether a leading scenario is among the least inconsistent.
    pub agrees: Option<bool>,
    /// How many rows rate every scenario, and so imply the probabilities.
    pub implied_from: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioScore {
    pub id: String,
    pub title: String,
    pub inconsistency: f64,
    pub weighted_inconsistency: f64,
    pub implied_probability: Option<f64>,
    /// How many rows rate it: none for a scenario added after every item, whose scores mean nothing.
    pub rated_by: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub date: String,
    pub grade: String,
    pub diagnosticity: f64,
    /// Scenario id → rating and recorded likelihood, in the scenarios' order; a scenario the item
    /// gives no likelihood is absent.
    pub cells: Ordered<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub rating: String,
    pub likelihood: f64,
}

/// The matrix of `notebook` replayed to `as_of`, for `author` or every item.
pub fn build(notebook: &Notebook, author: Option<&str>, as_of: &Moment) -> Matrix {
    build_from(notebook, author, as_of, &|_| true)
}

/// The matrix over the items `keep` keeps (a briefing shared at a TLP level keeps those at or
/// below it).
pub fn build_from(
    notebook: &Notebook,
    author: Option<&str>,
    as_of: &Moment,
    keep: &dyn Fn(&crate::model::Evidence) -> bool,
) -> Matrix {
    let m = ach::matrix(notebook, author, as_of, keep);
    let scenarios: Vec<ScenarioScore> = m
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| ScenarioScore {
            id: s.id.clone(),
            title: s.title.clone(),
            inconsistency: computed(m.inconsistency[i]),
            weighted_inconsistency: computed(m.weighted[i]),
            implied_probability: m.implied.as_ref().and_then(|d| d.get(&s.id)).copied().map(computed),
            rated_by: m.rated[i],
        })
        .collect();
    let evidence = m
        .rows
        .iter()
        .map(|r| Row {
            id: r.item.id.clone(),
            title: r.item.title.clone(),
            date: r.item.date.to_string(),
            grade: r.item.grade.label(),
            diagnosticity: computed(r.diagnosticity),
            cells: Ordered(
                m.scenarios
                    .iter()
                    .zip(&r.cells)
                    .filter_map(|(s, c)| {
                        let (rating, likelihood) = (*c)?;
                        Some((s.id.clone(), Cell { rating: rating.to_string(), likelihood }))
                    })
                    .collect(),
            ),
        })
        .collect();
    let least: Vec<String> = ach::least_inconsistent(&m).into_iter().map(|i| m.scenarios[i].id.clone()).collect();
    let leaders = ach::leading(notebook, author, as_of);
    Matrix {
        as_of: time::local_with_zone(as_of, notebook.settings.timezone),
        author: author.map(str::to_string),
        agrees: (!leaders.is_empty() && !least.is_empty()).then(|| leaders.iter().any(|l| least.contains(l))),
        scenarios,
        evidence,
        least_inconsistent: least,
        leading: leaders.first().cloned(),
        leaders,
        implied_from: m.implied_from,
    }
}
