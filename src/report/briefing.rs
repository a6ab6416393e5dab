//! The weekly briefing's context: everything the Markdown template (and `--format json`) sees.
//! Every field is documented in docs/templates.md.

use super::evidence::{self as evidence_report, Item};
use super::review::{self, Change};
use super::status::{self, Line, Observed};
use crate::analysis::{aggregate, timeline};
use crate::model::{Evidence, Moment, Notebook, time};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Briefing {
    pub notebook: NotebookInfo,
    pub week: String,
    pub period: Period,
    /// When the briefing was rendered; the only field that changes between renderings.
    pub generated: String,
    pub version: &'static str,
    /// The analyst whose estimate is shown, or `None` for the aggregate.
    pub author: Option<String>,
    pub leading: Option<Line>,
    pub scenarios: Vec<Line>,
    pub updates: Vec<UpdateEntry>,
    pub evidence: Vec<EvidenceEntry>,
    pub retractions: Vec<Retraction>,
    pub indicators: Indicators,
    pub disagreement: Option<Disagreement>,
    pub sources: Vec<Source>,
    /// The chart's file name, relative to the briefing, once written.
    pub chart: Option<String>,
    pub resolution: Option<super::score::Resolved>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotebookInfo {
    pub title: String,
    pub question: String,
    pub timezone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// First day (Monday for a week), `YYYY-MM-DD`.
    pub start: String,
    /// Last day (Sunday for a week), `YYYY-MM-DD`.
    pub end: String,
    /// The moment the briefing replays to (RFC 3339).
    pub as_of: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateEntry {
    pub id: String,
    pub at: String,
    pub author: String,
    pub method: crate::model::Method,
    pub confidence: Option<crate::model::Confidence>,
    pub summary: String,
    pub rationale: String,
    /// Per scenario: the author's previous estimate (`from`) and this one (`to`).
    pub changes: Vec<Change>,
    pub evidence: Vec<Cited>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cited {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    /// The item's number in `sources`.
    pub source: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceEntry {
    #[serde(flatten)]
    pub item: Item,
    /// The favoured scenario's title.
    pub favours_title: Option<String>,
    pub source_number: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Retraction {
    pub id: String,
    pub title: String,
    pub date: String,
    pub reason: String,
    pub cited_by: Vec<String>,
    /// The estimate at the end of the period with the item (`from`) and without it (`to`).
    pub effect: Vec<Change>,
    /// Each Bayes update that used it: what it recorded (`from`) and what it gives without it (`to`).
    pub at_the_time: Vec<review::AtTheTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicators {
    pub this_week: Vec<Observed>,
    pub so_far: Vec<Observed>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub authors: Vec<String>,
    pub scenarios: Vec<Spread>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Spread {
    pub id: String,
    pub title: String,
    /// Aligned with `authors`.
    pub estimates: Vec<Option<f64>>,
    pub spread: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub source: String,
    pub date: String,
    pub grade: String,
    pub url: Option<String>,
}

/// The period a briefing covers: its name, first and last day, and the moment it replays to.
pub struct Window {
    pub week: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: Moment,
}

/// Builds the briefing for `window` from the full notebook.
pub fn build(full: &Notebook, author: Option<&str>, window: &Window) -> Briefing {
    let notebook = full.as_of(&window.as_of);
    let zone = notebook.settings.timezone;
    let since = time::start_of_day(zone, window.start);
    let in_period = |m: &Moment| *m >= since && *m <= window.as_of;
    let state = status::build(&notebook, author, &window.as_of);
    let mut sources = Sources::default();
    let updates: Vec<UpdateEntry> = notebook
        .updates
        .iter()
        .filter(|u| in_period(&u.at) && author.is_none_or(|a| u.author == a))
        .map(|u| update_entry(&notebook, u, &mut sources))
        .collect();
    let evidence: Vec<EvidenceEntry> = notebook
        .evidence
        .iter()
        .filter(|e| in_period(&e.known_at(zone)))
        .map(|e| evidence_entry(&notebook, e, &mut sources))
        .collect();
    let retractions = notebook
        .evidence
        .iter()
        .filter(|e| e.retracted.as_ref().is_some_and(|r| r.date >= window.start && r.date <= window.end))
        .map(|e| retraction(&notebook, e, &window.as_of))
        .collect();
    let leading = state
        .scenarios
        .iter()
        .filter(|l| l.probability.is_some())
        .max_by(|a, b| a.probability.unwrap_or(0.0).total_cmp(&b.probability.unwrap_or(0.0)))
        .cloned();
    Briefing {
        notebook: NotebookInfo {
            title: notebook.settings.title.clone(),
            question: notebook.settings.question.clone(),
            timezone: zone.name().to_string(),
        },
        week: window.week.clone(),
        period: Period {
            start: window.start.to_string(),
            end: window.end.to_string(),
            as_of: window.as_of.to_rfc3339(),
        },
        generated: String::new(),
        version: env!("CARGO_PKG_VERSION"),
        author: author.map(str::to_string),
        leading,
        disagreement: disagreement(&notebook, &state.scenarios, &window.as_of),
        scenarios: state.scenarios,
        updates,
        evidence,
        retractions,
        indicators: Indicators {
            this_week: status::observed(&notebook, Some(window.start)),
            so_far: status::observed(&notebook, None),
        },
        sources: sources.list,
        chart: None,
        resolution: super::score::resolved(&notebook),
    }
}

/// Numbers each evidence item the first time the briefing mentions it.
#[derive(Default)]
struct Sources {
    list: Vec<Source>,
}

impl Sources {
    fn number(&mut self, e: &Evidence) -> usize {
        if let Some(existing) = self.list.iter().find(|s| s.id == e.id) {
            return existing.number;
        }
        let number = self.list.len() + 1;
        self.list.push(Source {
            number,
            id: e.id.clone(),
            title: e.title.clone(),
            source: e.source.clone(),
            date: e.date.to_string(),
            grade: e.grade.label(),
            url: e.url.clone(),
        });
        number
    }
}

fn update_entry(notebook: &Notebook, u: &crate::model::Update, sources: &mut Sources) -> UpdateEntry {
    let previous = timeline::prior_of(notebook, u);
    let changes = notebook
        .scenarios
        .iter()
        .filter_map(|s| {
            let to = *u.probabilities.get(&s.id)?;
            let from = previous.as_ref().and_then(|p| p.get(&s.id)).copied();
            Some(Change {
                id: s.id.clone(),
                title: s.title.clone(),
                from,
                to: Some(to),
                change: from.map(|f| super::computed(to - f)),
            })
        })
        .collect();
    let evidence = u
        .evidence
        .iter()
        .filter_map(|id| notebook.evidence(id))
        .map(|e| Cited { id: e.id.clone(), title: e.title.clone(), url: e.url.clone(), source: sources.number(e) })
        .collect();
    UpdateEntry {
        id: u.id.clone(),
        at: time::local(&u.at, notebook.settings.timezone),
        author: u.author.clone(),
        method: u.method,
        confidence: u.confidence,
        summary: u.rationale.lines().next().unwrap_or("").to_string(),
        rationale: u.rationale.clone(),
        changes,
        evidence,
    }
}

fn evidence_entry(notebook: &Notebook, e: &Evidence, sources: &mut Sources) -> EvidenceEntry {
    let item = evidence_report::item(notebook, e);
    let favours_title = item.favours.as_ref().and_then(|id| notebook.scenario(id)).map(|s| s.title.clone());
    EvidenceEntry { item, favours_title, source_number: sources.number(e) }
}

fn retraction(notebook: &Notebook, e: &Evidence, as_of: &Moment) -> Retraction {
    let r = e.retracted.as_ref().expect("only retracted items are passed");
    let (effect, at_the_time) = if notebook.updates.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let replay = review::whatif(notebook, &[e.id.as_str()], as_of);
        (replay.scenarios, replay.recomputed)
    };
    Retraction {
        id: e.id.clone(),
        title: e.title.clone(),
        date: r.date.to_string(),
        reason: r.reason.clone(),
        cited_by: timeline::citing(notebook, &e.id).iter().map(|u| u.id.clone()).collect(),
        effect,
        at_the_time,
    }
}

fn disagreement(notebook: &Notebook, lines: &[Line], as_of: &Moment) -> Option<Disagreement> {
    let standing = aggregate::by_author(notebook, as_of);
    if standing.len() < 2 {
        return None;
    }
    let authors: Vec<String> =
        timeline::authors(notebook).into_iter().filter(|a| standing.contains_key(*a)).map(str::to_string).collect();
    let scenarios = lines
        .iter()
        .map(|l| Spread {
            id: l.id.clone(),
            title: l.title.clone(),
            estimates: authors.iter().map(|a| standing[a].get(&l.id).copied()).collect(),
            spread: l.disagreement,
        })
        .collect();
    Some(Disagreement { authors, scenarios })
}
