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
    /// The leading scenario of the analysts' estimate (or the analyst's), if there is one.
    pub leading: Option<String>,
    /// Whether the leading scenario is among the least inconsistent.
    pub agrees: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioScore {
    pub id: String,
    pub title: String,
    pub inconsistency: f64,
    pub weighted_inconsistency: f64,
    pub implied_probability: Option<f64>,
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
    let least: Vec<String> = if m.rows.is_empty() {
        Vec::new()
    } else {
        ach::least_inconsistent(&m).into_iter().map(|i| m.scenarios[i].id.clone()).collect()
    };
    let leading = ach::leading(notebook, author, as_of);
    Matrix {
        as_of: time::local_with_zone(as_of, notebook.settings.timezone),
        author: author.map(str::to_string),
        agrees: leading.as_ref().filter(|_| !least.is_empty()).map(|l| least.contains(l)),
        scenarios,
        evidence,
        least_inconsistent: least,
        leading,
    }
}
