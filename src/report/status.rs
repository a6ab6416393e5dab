//! The status report: the estimate now and a week ago, ranges, trends, analysts, and what is pending.

use super::computed;
use crate::analysis::{aggregate, indicators, range, timeline, words};
use crate::model::{Confidence, Moment, Notebook, Update, time};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many weekly points a trend holds.
pub const TREND_WEEKS: i64 = 12;

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub title: String,
    pub question: String,
    pub as_of: String,
    /// The author whose estimate is shown, or `None` for the notebook's aggregate.
    pub author: Option<String>,
    pub scenarios: Vec<Line>,
    /// Authors with an estimate standing, in name order.
    pub authors: Vec<String>,
    pub latest: Option<Latest>,
    /// The newest `LISTED` pieces of news not yet reflected, oldest first: one item per origin
    /// group (its first), with how many more of its group are pending.
    pub unreflected: Vec<Pending>,
    /// How many items are not yet reflected.
    pub unreflected_total: usize,
    /// How many pieces of news (origin groups) they report.
    pub unreflected_news: usize,
    pub indicators: Vec<Observed>,
    /// The outcome and scores, once the question is resolved.
    pub resolution: Option<super::score::Resolved>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub id: String,
    pub title: String,
    pub probability: Option<f64>,
    /// The estimate at the `Looking::previous` moment, as known then: 7 days earlier for status,
    /// the end of last week for a briefing.
    pub previous: Option<f64>,
    pub change: Option<f64>,
    pub words: Option<&'static str>,
    /// The central 90% range from analytic confidence.
    pub range: Option<[f64; 2]>,
    /// The estimate at each of the `Looking::trend` moments (12 weeks), as known then, oldest first.
    pub trend: Vec<Option<f64>>,
    /// Each author's standing estimate.
    pub authors: BTreeMap<String, f64>,
    /// The largest gap between two authors, as a fraction.
    pub disagreement: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Latest {
    pub id: String,
    pub at: String,
    pub author: String,
    pub method: crate::model::Method,
    pub items: usize,
    pub rationale: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pending {
    pub id: String,
    pub date: String,
    pub title: String,
    pub has_likelihoods: bool,
    /// Its TLP marking when other than clear.
    pub tlp: Option<String>,
    /// How many other pending items report the same news (one origin group).
    pub same_news: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Observed {
    pub scenario: String,
    /// The scenario's title.
    pub title: String,
    pub indicator: String,
    pub text: String,
    pub first: String,
    pub evidence: Vec<String>,
}

/// The past moments a status or a briefing compares with: the "previous" estimate's, and the
/// trend's points, oldest first, ending with the moment shown. Each is read as it was known then.
#[derive(Debug, Clone)]
pub struct Looking {
    pub previous: Moment,
    pub trend: Vec<Moment>,
}

impl Looking {
    /// For status: the same local clock time 7, 14, … days before `as_of`.
    pub fn days(zone: chrono_tz::Tz, as_of: &Moment) -> Looking {
        let back = |weeks: i64| time::days_before(zone, as_of, 7 * weeks as u64);
        Looking { previous: back(1), trend: (0..TREND_WEEKS).rev().map(back).collect() }
    }

    /// For a briefing of the period starting `first`: the end of the day before it (the end of
    /// last week, for a week), and the end of each earlier week, then `as_of`.
    pub fn weeks(zone: chrono_tz::Tz, first: chrono::NaiveDate, as_of: &Moment) -> Looking {
        let end_of_week = |weeks: i64| time::end_of_day(zone, first - chrono::Duration::days(7 * weeks - 6));
        let mut trend: Vec<Moment> = (1..TREND_WEEKS).rev().map(end_of_week).collect();
        trend.push(*as_of);
        Looking { previous: end_of_week(1), trend }
    }
}

/// Builds the status of `notebook` (already replayed to `as_of`), for one author or the aggregate,
/// comparing with the moments `looking` names, each as known then.
pub fn build(notebook: &Notebook, author: Option<&str>, as_of: &Moment, looking: &Looking) -> Status {
    let zone = notebook.settings.timezone;
    let now = aggregate::estimate(notebook, author, as_of);
    let before = aggregate::as_known(notebook, author, &looking.previous);
    let standing = aggregate::by_author(notebook, as_of);
    let gaps = aggregate::disagreement(&standing);
    let confidence = confidence(notebook, author, as_of);
    let trends: Vec<Option<crate::model::Distribution>> =
        looking.trend.iter().map(|t| aggregate::as_known(notebook, author, t)).collect();
    // Numbers as stored come through unchanged (they have at most 6 decimals); the aggregate and
    // estimates renormalized after a retirement are rounded like every computed number.
    let shown = |p: Option<f64>| p.map(computed);
    let scenarios = notebook
        .in_play_at(as_of)
        .into_iter()
        .map(|s| {
            let p = now.as_ref().and_then(|d| d.get(&s.id)).copied();
            let previous = before.as_ref().and_then(|d| d.get(&s.id)).copied();
            Line {
                id: s.id.clone(),
                title: s.title.clone(),
                probability: shown(p),
                previous: shown(previous),
                change: p.zip(previous).map(|(a, b)| computed(a - b)),
                words: p.map(|p| words::words(p, notebook.settings.words)),
                range: p
                    .zip(confidence)
                    .map(|(p, c)| range::range(p, c))
                    .map(|(low, high)| [above_zero(low), above_zero(high)]),
                trend: trends.iter().map(|d| shown(d.as_ref().and_then(|d| d.get(&s.id)).copied())).collect(),
                authors: standing.iter().filter_map(|(a, d)| Some((a.clone(), computed(*d.get(&s.id)?)))).collect(),
                disagreement: gaps.get(&s.id).copied().map(computed),
            }
        })
        .collect();
    let pending_items = timeline::unreflected(notebook, author, as_of);
    let unreflected_total = pending_items.len();
    let mut newest = by_news(notebook, &pending_items, as_of);
    let unreflected_news = newest.len();
    newest.drain(..unreflected_news.saturating_sub(super::LISTED));
    Status {
        title: notebook.settings.title.clone(),
        question: notebook.settings.question.clone(),
        as_of: time::local_with_zone(as_of, zone),
        author: author.map(str::to_string),
        scenarios,
        authors: timeline::authors(notebook)
            .into_iter()
            .filter(|a| standing.contains_key(*a))
            .map(str::to_string)
            .collect(),
        latest: latest(notebook, author).map(|u| latest_of(notebook, u)),
        unreflected: newest.into_iter().map(|(e, more)| Pending { same_news: more, ..pending(notebook, e) }).collect(),
        unreflected_total,
        unreflected_news,
        indicators: observed(notebook, None),
        resolution: super::score::resolved(notebook),
    }
}

/// A range's end rounded like every computed number, but never to 0 when it is above 0: the
/// quantile of an estimate above 0 is above 0, and shows as `<1%`, not `0%`.
fn above_zero(v: f64) -> f64 {
    if v > 0.0 { computed(v).max(0.000001) } else { 0.0 }
}

/// The confidence the range uses: the author's latest, or for the aggregate the least confident
/// standing one; none if any standing estimate gives none.
fn confidence(notebook: &Notebook, author: Option<&str>, as_of: &Moment) -> Option<Confidence> {
    let authors: Vec<&str> = match author {
        Some(a) => vec![a],
        None => timeline::authors(notebook),
    };
    let standing: Vec<Option<Confidence>> =
        authors.into_iter().filter_map(|a| timeline::standing(notebook, a, as_of)).map(|u| u.confidence).collect();
    standing.into_iter().collect::<Option<Vec<Confidence>>>()?.into_iter().min()
}

fn latest<'a>(notebook: &'a Notebook, author: Option<&str>) -> Option<&'a Update> {
    notebook.updates.iter().rev().find(|u| author.is_none_or(|a| u.author == a))
}

fn latest_of(notebook: &Notebook, u: &Update) -> Latest {
    Latest {
        id: u.id.clone(),
        at: time::local(&u.at, notebook.settings.timezone),
        author: u.author.clone(),
        method: u.method,
        items: u.evidence.len(),
        rationale: u.rationale.lines().next().unwrap_or("").to_string(),
    }
}

/// `items` one per origin group (as known at `as_of`), in their order, each group shown by its
/// item logged first, with how many more of its group are among them.
fn by_news<'a>(
    notebook: &Notebook,
    items: &[&'a crate::model::Evidence],
    as_of: &Moment,
) -> Vec<(&'a crate::model::Evidence, usize)> {
    let groups = notebook.groups_at(as_of);
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut news: Vec<(&crate::model::Evidence, usize)> = Vec::new();
    for item in items {
        let key = notebook.position(&item.id).map_or(item.id.as_str(), |at| groups.key(at));
        match first.get(key) {
            Some(&n) => {
                // The item that stands for the group is the one logged first, as in Bayes.
                let zone = notebook.settings.timezone;
                if (item.known_at(zone), &item.id) < (news[n].0.known_at(zone), &news[n].0.id) {
                    news[n].0 = item;
                }
                news[n].1 += 1;
            }
            None => {
                first.insert(key, news.len());
                news.push((item, 0));
            }
        }
    }
    news
}

fn pending(notebook: &Notebook, e: &crate::model::Evidence) -> Pending {
    Pending {
        same_news: 0,
        id: e.id.clone(),
        date: e.date.to_string(),
        title: e.title.clone(),
        has_likelihoods: e.likelihood.is_some(),
        tlp: Some(notebook.tlp_of(e)).filter(|t| *t != crate::model::Tlp::Clear).map(|t| t.marking()),
    }
}

/// Indicators observed by non-retracted evidence, per scenario in display order; only items dated from
/// `since` on count when it is given.
pub fn observed(notebook: &Notebook, since: Option<chrono::NaiveDate>) -> Vec<Observed> {
    let mut list = Vec::new();
    for scenario in &notebook.scenarios {
        for indicator in &scenario.indicators {
            let items = indicators::observing(notebook, &scenario.id, &indicator.id);
            let Some(first) = items.first() else { continue };
            if since.is_some_and(|d| first.date < d) {
                continue;
            }
            list.push(Observed {
                scenario: scenario.id.clone(),
                title: scenario.title.clone(),
                indicator: indicator.id.clone(),
                text: indicator.text.clone(),
                first: first.date.to_string(),
                evidence: items.iter().map(|e| e.id.clone()).collect(),
            });
        }
    }
    list
}
