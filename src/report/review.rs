//! Review reports: what changed between two moments (`diff`), the what-if without some items, and one scenario.

use super::history::{self, History};
use super::status::{self, Observed};
use super::{computed, rounded};
pub use crate::analysis::attribution::{Label, Share};
use crate::analysis::{aggregate, attribution, bayes, indicators, whatif};
use crate::model::{Distribution, Moment, Notebook, time};
use serde::Serialize;
use std::collections::BTreeMap;

/// A scenario's probability at two moments.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: String,
    pub title: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
    pub change: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorChange {
    pub author: String,
    pub scenarios: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub from: String,
    pub to: String,
    pub scenarios: Vec<Change>,
    pub authors: Vec<AuthorChange>,
    pub updates: History,
    pub evidence: Vec<super::evidence::Item>,
    pub indicators: Vec<Observed>,
    pub retractions: Vec<super::evidence::Item>,
    /// Per scenario, the evidence that moved it over the period, largest first.
    pub attribution: BTreeMap<String, Vec<attribution::Share>>,
}

fn changes(notebook: &Notebook, from: Option<&Distribution>, to: Option<&Distribution>) -> Vec<Change> {
    notebook
        .scenarios
        .iter()
        .filter(|s| from.is_some_and(|d| d.contains_key(&s.id)) || to.is_some_and(|d| d.contains_key(&s.id)))
        .map(|s| {
            let a = from.and_then(|d| d.get(&s.id)).copied();
            let b = to.and_then(|d| d.get(&s.id)).copied();
            Change {
                id: s.id.clone(),
                title: s.title.clone(),
                from: a,
                to: b,
                change: a.zip(b).map(|(a, b)| computed(b - a)),
            }
        })
        .collect()
}

/// What changed between `from` and `to` (the notebook replayed to `to`).
pub fn diff(notebook: &Notebook, from: &Moment, to: &Moment) -> Diff {
    let zone = notebook.settings.timezone;
    let before = notebook.as_of(from);
    let scenarios = changes(
        notebook,
        aggregate::as_known(notebook, None, from).map(rounded).as_ref(),
        aggregate::estimate(notebook, None, to).map(rounded).as_ref(),
    );
    let then = aggregate::by_author_known(notebook, from, from);
    let now = aggregate::by_author(notebook, to);
    let authors = now
        .iter()
        .map(|(a, d)| AuthorChange { author: a.clone(), scenarios: changes(notebook, then.get(a), Some(d)) })
        .collect();
    // The updates whose effect falls in the period: made after `from`, or backdated before it but
    // recorded after it (they were not known at `from`).
    let period: Vec<&crate::model::Update> =
        notebook.updates.iter().filter(|u| u.counts_from() > *from && u.at <= *to).collect();
    let mut updates =
        history::build(notebook, &history::Filter { until: Some(*to), explain: true, ..Default::default() });
    updates.rows.retain(|r| period.iter().any(|u| u.id == r.id));
    let evidence = notebook
        .evidence
        .iter()
        .filter(|e| e.known_at(zone) > *from)
        .map(|e| super::evidence::item(notebook, e))
        .collect();
    let seen: Vec<(String, String)> =
        status::observed(&before, None).into_iter().map(|o| (o.scenario, o.indicator)).collect();
    let indicators = status::observed(notebook, None)
        .into_iter()
        .filter(|o| !seen.contains(&(o.scenario.clone(), o.indicator.clone())))
        .collect();
    let from_day = time::day_in(zone, from);
    let retractions = notebook
        .evidence
        .iter()
        .filter(|e| e.retracted.as_ref().is_some_and(|r| r.date > from_day))
        .map(|e| super::evidence::item(notebook, e))
        .collect();
    Diff {
        from: time::local_with_zone(from, zone),
        to: time::local_with_zone(to, zone),
        scenarios,
        authors,
        updates,
        evidence,
        indicators,
        retractions,
        attribution: attribution::totals(notebook, period)
            .into_iter()
            .map(|(scenario, mut shares)| {
                shares.iter_mut().for_each(|s| s.shift = computed(s.shift));
                (scenario, shares)
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct WhatIf {
    pub as_of: String,
    pub removed: Vec<super::evidence::Item>,
    /// The aggregate with (`from`) and without (`to`) the items.
    pub scenarios: Vec<Change>,
    pub authors: Vec<AuthorChange>,
    /// Each Bayes update recomputed without the items: what it recorded, and what it becomes.
    pub recomputed: Vec<AtTheTime>,
    pub flagged: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AtTheTime {
    pub update: String,
    pub at: String,
    pub author: String,
    pub scenarios: Vec<Change>,
}

/// Each author's estimate, and the aggregate, at `as_of` with and without the `removed` items.
pub fn whatif(notebook: &Notebook, removed: &[&str], as_of: &Moment) -> WhatIf {
    let replay = whatif::replay(notebook, removed, as_of);
    let actual = aggregate::by_author(notebook, as_of);
    WhatIf {
        as_of: time::local_with_zone(as_of, notebook.settings.timezone),
        removed: removed
            .iter()
            .filter_map(|id| notebook.evidence(id))
            .map(|e| super::evidence::item(notebook, e))
            .collect(),
        scenarios: changes(
            notebook,
            aggregate::estimate(notebook, None, as_of).map(rounded).as_ref(),
            replay.aggregate.clone().map(rounded).as_ref(),
        ),
        authors: actual
            .iter()
            .map(|(a, d)| AuthorChange {
                author: a.clone(),
                scenarios: changes(notebook, Some(d), replay.authors.get(a).cloned().map(rounded).as_ref()),
            })
            .collect(),
        recomputed: replay
            .recomputed
            .iter()
            .filter_map(|r| {
                let u = notebook.updates.iter().find(|u| u.id == r.update)?;
                Some(AtTheTime {
                    update: u.id.clone(),
                    at: time::local(&u.at, notebook.settings.timezone),
                    author: u.author.clone(),
                    scenarios: changes(notebook, Some(&r.recorded), Some(&rounded(r.replayed.clone()))),
                })
            })
            .collect(),
        flagged: replay.flagged,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub since: Option<String>,
    pub retired: Option<String>,
    pub indicators: Vec<IndicatorView>,
    /// Items that favour the scenario most, by likelihood ratio against the strongest other scenario.
    pub favouring: Vec<Weighed>,
    /// Items that count against it most.
    pub against: Vec<Weighed>,
    /// The probability after each update: that author's, and the aggregate.
    pub timeline: Vec<Point>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub text: String,
    pub observed_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Weighed {
    pub id: String,
    pub date: String,
    pub title: String,
    pub ratio: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub at: String,
    pub author: String,
    pub update: String,
    pub probability: Option<f64>,
    pub aggregate: Option<f64>,
}

/// How many items each side of a scenario view lists.
const TOP: usize = 5;

pub fn scenario(notebook: &Notebook, id: &str) -> Option<ScenarioView> {
    let s = notebook.scenario(id)?;
    let indicators = s
        .indicators
        .iter()
        .map(|i| IndicatorView {
            id: i.id.clone(),
            text: i.text.clone(),
            observed_by: indicators::observing(notebook, &s.id, &i.id).iter().map(|e| e.id.clone()).collect(),
        })
        .collect();
    let mut weighed: Vec<Weighed> = notebook
        .evidence
        .iter()
        .filter(|e| e.retracted.is_none())
        .filter_map(|e| {
            let others: Vec<&str> = notebook
                .scenarios
                .iter()
                .filter(|t| t.id != s.id && t.in_play_on(e.date))
                .map(|t| t.id.as_str())
                .collect();
            let ratio = computed(bayes::ratio_to_strongest(e, &s.id, others)?);
            Some(Weighed { id: e.id.clone(), date: e.date.to_string(), title: e.title.clone(), ratio })
        })
        .collect();
    weighed.sort_by(|a, b| b.ratio.total_cmp(&a.ratio).then_with(|| a.id.cmp(&b.id)));
    let favouring = weighed.iter().filter(|w| w.ratio > 1.0).take(TOP).cloned().collect();
    let against = weighed.iter().rev().filter(|w| w.ratio < 1.0).take(TOP).cloned().collect();
    let zone = notebook.settings.timezone;
    let timeline = notebook
        .updates
        .iter()
        .map(|u| Point {
            at: time::local(&u.at, zone),
            author: u.author.clone(),
            update: u.id.clone(),
            probability: u.probabilities.get(&s.id).copied(),
            aggregate: aggregate::estimate(notebook, None, &u.at).and_then(|d| d.get(&s.id).copied()).map(computed),
        })
        .collect();

    Some(ScenarioView {
        id: s.id.clone(),
        title: s.title.clone(),
        summary: s.summary.clone(),
        since: s.since.map(|d| d.to_string()),
        retired: s.retired.map(|d| d.to_string()),
        indicators,
        favouring,
        against,
        timeline,
    })
}
