//! The history report: one row per update, oldest first, with its change and, optionally, its attribution.

use crate::analysis::{attribution, timeline};
use crate::model::{Moment, Notebook, Update, time};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The columns, in display order.
    pub scenarios: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    /// RFC 3339, as recorded.
    pub at: String,
    /// When the update was written (RFC 3339), if the file says.
    pub recorded: Option<String>,
    /// Whether it was recorded more than an hour after its `at`.
    pub backdated: bool,
    /// When it was recorded, in the notebook's zone, for people.
    pub recorded_local: Option<String>,
    /// In the notebook's zone, for people.
    pub local: String,
    pub author: String,
    pub method: crate::model::Method,
    /// Aligned with `scenarios`; `None` where the scenario was not in play.
    pub probabilities: Vec<Option<f64>>,
    /// The author's previous estimate (over the scenarios this update covers), aligned with `scenarios`.
    pub previous: Vec<Option<f64>>,
    /// The change from the author's previous estimate, aligned with `scenarios`.
    pub changes: Vec<Option<f64>>,
    pub evidence: Vec<String>,
    pub confidence: Option<crate::model::Confidence>,
    /// The rationale's first line.
    pub rationale: String,
    /// The whole rationale.
    pub rationale_text: String,
    /// Filled with `--explain`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attribution: Vec<attribution::Share>,
}

/// Which updates and columns a history shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub scenario: Option<String>,
    pub author: Option<String>,
    pub since: Option<Moment>,
    pub until: Option<Moment>,
    pub explain: bool,
}

pub fn build(notebook: &Notebook, filter: &Filter) -> History {
    let scenarios: Vec<Column> = notebook
        .scenarios
        .iter()
        .filter(|s| filter.scenario.as_ref().is_none_or(|id| &s.id == id))
        .map(|s| Column { id: s.id.clone(), title: s.title.clone() })
        .collect();
    let rows = notebook
        .updates
        .iter()
        .filter(|u| filter.author.as_ref().is_none_or(|a| &u.author == a))
        .filter(|u| filter.since.is_none_or(|t| u.at >= t) && filter.until.is_none_or(|t| u.at <= t))
        .map(|u| row(notebook, u, &scenarios, filter))
        .collect();
    History { scenarios, rows }
}

fn row(notebook: &Notebook, u: &Update, columns: &[Column], filter: &Filter) -> Row {
    let previous = timeline::prior_of(notebook, u);
    let probabilities: Vec<Option<f64>> = columns.iter().map(|c| u.probabilities.get(&c.id).copied()).collect();
    let before: Vec<Option<f64>> = columns.iter().map(|c| previous.as_ref()?.get(&c.id).copied()).collect();
    let changes = probabilities.iter().zip(&before).map(|(p, q)| Some(super::computed((*p)? - (*q)?))).collect();
    let mut shares = if filter.explain { attribution::update_shares(notebook, u) } else { Vec::new() };
    shares.retain(|s| columns.iter().any(|c| c.id == s.scenario));
    shares.iter_mut().for_each(|s| s.shift = super::computed(s.shift));
    Row {
        id: u.id.clone(),
        at: u.at.to_rfc3339(),
        recorded: u.recorded.as_ref().map(time::rfc3339),
        backdated: u.backdated(),
        recorded_local: u.recorded.as_ref().map(|r| time::local(r, notebook.settings.timezone)),
        local: time::local(&u.at, notebook.settings.timezone),
        author: u.author.clone(),
        method: u.method,
        probabilities,
        previous: before.into_iter().map(|q| q.map(super::computed)).collect(),
        changes,
        evidence: u.evidence.clone(),
        confidence: u.confidence,
        rationale: u.rationale.lines().next().unwrap_or("").to_string(),
        rationale_text: u.rationale.clone(),
        attribution: shares,
    }
}
