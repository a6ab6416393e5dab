//! The scorecard of a resolved question, and calibration across notebooks.

use super::computed;
use crate::analysis::scoring;
pub use crate::analysis::scoring::{Bin, Calibration, Scores};
use crate::model::Notebook;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    pub outcome: String,
    pub date: String,
    pub baseline_brier: f64,
    /// Ranked: best time-averaged Brier first.
    pub authors: Vec<AuthorScore>,
    pub aggregate: Option<Scores>,
    #[serde(skip)]
    pub outcome_title: String,
    #[serde(skip)]
    pub note: Option<String>,
}

/// The resolution as reports show it: the outcome's title and the note beside the scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    pub scenario: String,
    pub title: String,
    pub date: String,
    pub note: Option<String>,
    pub scores: Scorecard,
}

pub fn resolved(notebook: &Notebook) -> Option<Resolved> {
    let scores = scorecard(notebook)?;
    Some(Resolved {
        scenario: scores.outcome.clone(),
        title: scores.outcome_title.clone(),
        date: scores.date.clone(),
        note: scores.note.clone(),
        scores,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorScore {
    pub author: String,
    #[serde(flatten)]
    pub scores: Scores,
}

/// The scorecard, or `None` before the question is resolved.
pub fn scorecard(notebook: &Notebook) -> Option<Scorecard> {
    let resolution = notebook.resolution.as_ref()?;
    let (outcome, date) = (resolution.scenario.as_str(), resolution.date);
    let in_play = notebook.scenarios.iter().filter(|s| s.in_play_on(date)).count();
    let mut authors: Vec<AuthorScore> = scoring::scored_authors(notebook, date)
        .into_iter()
        .filter_map(|a| {
            Some(AuthorScore {
                author: a.to_string(),
                scores: shown(scoring::score(notebook, Some(a), outcome, date)?),
            })
        })
        .collect();
    let key = |s: &AuthorScore| (s.scores.time_averaged_brier.unwrap_or(f64::INFINITY), s.scores.final_brier);
    authors.sort_by(|a, b| {
        key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.author.cmp(&b.author))
    });
    Some(Scorecard {
        outcome: outcome.to_string(),
        date: date.to_string(),
        baseline_brier: computed(scoring::baseline(in_play)),
        aggregate: scoring::score(notebook, None, outcome, date).map(shown),
        authors,
        outcome_title: notebook.scenario(outcome).map_or(outcome.to_string(), |s| s.title.clone()),
        note: resolution.note.clone(),
    })
}

/// The final aggregate estimate of every scenario as one binary forecast each.
pub fn binary_forecasts(notebook: &Notebook) -> Option<Vec<scoring::Binary>> {
    let resolution = notebook.resolution.as_ref()?;
    let estimate = scoring::held(notebook, None, &scoring::last_counted(notebook, resolution.date))?;
    Some(estimate.iter().map(|(s, p)| scoring::Binary { p: *p, happened: *s == resolution.scenario }).collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct CalibrationReport {
    pub notebooks: Vec<String>,
    pub skipped: Vec<Skipped>,
    #[serde(flatten)]
    pub calibration: scoring::Calibration,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Scores as reports give them (see `computed`).
fn shown(s: Scores) -> Scores {
    Scores {
        final_brier: computed(s.final_brier),
        time_averaged_brier: s.time_averaged_brier.map(computed),
        log_score: s.log_score.map(computed),
        days: s.days,
    }
}

/// Calibration over binary forecasts, as reports give it (see `computed`).
pub fn calibration(forecasts: &[scoring::Binary]) -> Calibration {
    let c = scoring::calibration(forecasts);
    let pair = |[a, b]: [f64; 2]| [computed(a), computed(b)];
    Calibration {
        forecasts: c.forecasts,
        bins: c
            .bins
            .into_iter()
            .map(|b| Bin {
                mean_forecast: b.mean_forecast.map(computed),
                observed: b.observed.map(computed),
                interval: b.interval.map(pair),
                ..b
            })
            .collect(),
        brier: c.brier.map(computed),
        reliability: c.reliability.map(computed),
        resolution: c.resolution.map(computed),
        uncertainty: c.uncertainty.map(computed),
    }
}
