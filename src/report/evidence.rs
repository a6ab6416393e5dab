//! Evidence reports: the list of items and one item in full, with the updates that cite it.

use super::Ordered;
use crate::analysis::{bayes, timeline};
use crate::model::{Evidence, Notebook, time};
use serde::Serialize;

/// One evidence item as reports show it.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub date: String,
    pub logged: Option<String>,
    pub logged_by: Option<String>,
    pub source: String,
    pub url: Option<String>,
    pub grade: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub observes: Vec<String>,
    /// Scenario id → likelihood as a number, in the scenarios' display order.
    pub likelihood: Option<Ordered<f64>>,
    /// The scenario the item favours most, and its likelihood ratio against the next strongest.
    pub favours: Option<String>,
    pub ratio: Option<f64>,
    pub retracted: Option<Retracted>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Retracted {
    pub date: String,
    pub reason: String,
}

/// An update that cites an item.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub id: String,
    pub at: String,
    pub author: String,
    pub method: crate::model::Method,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub item: Item,
    pub path: String,
    /// Each likelihood as written, in display order: `block C (0.8)`.
    pub likelihood_text: Vec<String>,
    pub observes_text: Vec<String>,
    pub cited_by: Vec<Citation>,
}

/// Which items a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    pub tag: Option<String>,
}

pub fn item(notebook: &Notebook, e: &Evidence) -> Item {
    let zone = notebook.settings.timezone;
    let scenarios: Vec<&str> =
        notebook.scenarios.iter().filter(|s| s.in_play_on(e.date)).map(|s| s.id.as_str()).collect();
    let favours = bayes::favours(e, &scenarios);
    Item {
        id: e.id.clone(),
        title: e.title.clone(),
        date: e.date.to_string(),
        logged: e.logged.map(|m| time::local(&m, zone)),
        logged_by: e.logged_by.clone(),
        source: e.source.clone(),
        url: e.url.clone(),
        grade: e.grade.label(),
        summary: e.summary.clone(),
        tags: e.tags.clone(),
        observes: e.observes.iter().map(|o| format!("{}/{}", o.scenario, o.indicator)).collect(),
        likelihood: e.likelihood.as_ref().map(|l| {
            Ordered(notebook.scenarios.iter().filter_map(|s| Some((s.id.clone(), l.get(&s.id)?.value()))).collect())
        }),
        ratio: favours.as_ref().map(|f| super::computed(f.1)).filter(|r| r.is_finite()),
        favours: favours.map(|f| f.0),
        retracted: e.retracted.as_ref().map(|r| Retracted { date: r.date.to_string(), reason: r.reason.clone() }),
    }
}

/// The items passing the filter, by date then id.
/// The JSON shape of `evidence list`: `{"evidence": [...]}`.
#[derive(Debug, Serialize)]
pub struct Listing<'a> {
    pub evidence: &'a [Item],
}

pub fn list(notebook: &Notebook, filter: &Filter) -> Vec<Item> {
    notebook
        .evidence
        .iter()
        .filter(|e| filter.since.is_none_or(|d| e.date >= d) && filter.until.is_none_or(|d| e.date <= d))
        .filter(|e| filter.tag.as_ref().is_none_or(|t| e.tags.contains(t)))
        .map(|e| item(notebook, e))
        .collect()
}

pub fn detail(notebook: &Notebook, e: &Evidence) -> Detail {
    let zone = notebook.settings.timezone;
    let observes_text = e
        .observes
        .iter()
        .map(|o| {
            let text = notebook
                .scenario(&o.scenario)
                .and_then(|s| s.indicators.iter().find(|i| i.id == o.indicator))
                .map_or("", |i| i.text.as_str());
            format!("{}/{}: {text}", o.scenario, o.indicator)
        })
        .collect();
    let cited_by = timeline::citing(notebook, &e.id)
        .into_iter()
        .map(|u| Citation {
            id: u.id.clone(),
            at: time::local(&u.at, zone),
            author: u.author.clone(),
            method: u.method,
        })
        .collect();
    let likelihood_text = e
        .likelihood
        .as_ref()
        .map(|l| {
            notebook.scenarios.iter().filter_map(|s| Some(format!("{} {}", s.id, written(l.get(&s.id)?)))).collect()
        })
        .unwrap_or_default();
    Detail { item: item(notebook, e), path: e.path(), likelihood_text, observes_text, cited_by }
}

/// A likelihood as written: `0.4`, or a rating with its number, `C (0.8)`.
pub fn written(l: &crate::model::Likelihood) -> String {
    match l {
        crate::model::Likelihood::Number(n) => crate::model::value::show_number(*n),
        crate::model::Likelihood::Rating(r) => format!("{r} ({})", crate::model::value::show_number(r.value())),
    }
}
