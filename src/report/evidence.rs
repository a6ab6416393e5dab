//! Evidence reports: the list of items and one item in full, with the updates that cite it.

use super::Ordered;
use crate::analysis::{bayes, timeline};
use crate::model::{Evidence, Notebook, time, value};
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
    /// What the item says about the scenarios in play on its date; `None` without likelihoods.
    pub favours: Option<Favours>,
    pub retracted: Option<Retracted>,
    /// Its TLP marking when other than clear, `TLP:AMBER`.
    pub tlp: Option<String>,
    /// Its origin, if it names one.
    pub origin: Option<String>,
}

/// The scenarios an item points to most and least, and by how much, in plain words.
#[derive(Debug, Clone, Serialize)]
pub struct Favours {
    /// The scenarios with the highest likelihood (several when tied), in display order.
    pub most: Vec<Named>,
    /// The scenarios with the lowest likelihood; empty when the item does not discriminate.
    pub least: Vec<Named>,
    /// Highest likelihood over lowest: 1 when the item does not discriminate; `None` when
    /// too large to be a number.
    pub ratio: Option<f64>,
    /// Whether the likelihoods differ at all.
    pub discriminates: bool,
    /// The sentence: `4.8× more expected under Hold or Hike (tied) than under Cut.`
    pub text: String,
    /// A few words for a table column: `hold, hike 4.8× vs cut`.
    pub short: String,
}

/// A scenario's id with its title.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: String,
    pub title: String,
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
    /// When `evidence link` set its origin, if it did.
    pub linked: Option<String>,
    /// The other items of its origin group, which report the same news: Bayes counts the group
    /// once, by the item logged first.
    pub same_news: Vec<String>,
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
    let favours = bayes::contrast(e, &scenarios).map(|c| favours(notebook, &c));
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
        favours,
        retracted: e.retracted.as_ref().map(|r| Retracted { date: r.date.to_string(), reason: r.reason.clone() }),
        tlp: Some(notebook.tlp_of(e)).filter(|t| *t != crate::model::Tlp::Clear).map(|t| t.marking()),
        origin: e.origin.clone(),
    }
}

/// The contrast in words, with the scenarios' titles.
fn favours(notebook: &Notebook, c: &bayes::Contrast) -> Favours {
    let named = |ids: &[String]| -> Vec<Named> {
        ids.iter()
            .map(|id| Named { id: id.clone(), title: notebook.scenario(id).map_or(id.clone(), |s| s.title.clone()) })
            .collect()
    };
    let (most, least) = (named(&c.most), named(&c.least));
    fn titles(list: &[Named]) -> Vec<&str> {
        list.iter().map(|n| n.title.as_str()).collect()
    }
    let ids = |list: &[Named]| list.iter().map(|n| n.id.as_str()).collect::<Vec<_>>().join(", ");
    let times = value::times(c.ratio);
    let text = if !c.discriminates() {
        "Equally expected under every scenario: it does not tell them apart.".to_string()
    } else {
        let tie = |list: &[Named]| if list.len() > 1 { " (tied)" } else { "" };
        format!(
            "{times} more expected under {}{} than under {}{}.",
            value::either(&titles(&most)),
            tie(&most),
            value::either(&titles(&least)),
            tie(&least)
        )
    };
    let short =
        if c.discriminates() { format!("{} {times} vs {}", ids(&most), ids(&least)) } else { "all equal".into() };
    Favours {
        ratio: Some(super::computed(c.ratio)).filter(|r| r.is_finite()),
        discriminates: c.discriminates(),
        most,
        least,
        text,
        short,
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
    let groups = notebook.groups();
    let members = notebook.position(&e.id).map_or(&[][..], |at| groups.members(at));
    let same_news =
        members.iter().map(|&m| &notebook.evidence[m as usize].id).filter(|id| **id != e.id).cloned().collect();
    Detail {
        item: item(notebook, e),
        path: e.path(),
        likelihood_text,
        observes_text,
        cited_by,
        linked: e.linked.map(|m| time::local(&m, zone)),
        same_news,
    }
}

/// A likelihood as written: `0.4`, or a rating with its number, `C (0.8)`.
pub fn written(l: &crate::model::Likelihood) -> String {
    match l {
        crate::model::Likelihood::Number(n) => crate::model::value::show_number(*n),
        crate::model::Likelihood::Rating(r) => format!("{r} ({})", crate::model::value::show_number(r.value())),
    }
}
