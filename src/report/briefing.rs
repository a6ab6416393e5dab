//! The weekly briefing's context: everything the Markdown template (and `--format json`) sees.
//! Every field is documented in docs/templates.md.

use super::evidence::{self as evidence_report, Item};
use super::review::{self, Change};
use super::status::{self, Line, Observed};
use crate::analysis::attribution::{self, Label};
use crate::analysis::{aggregate, timeline};
use crate::model::{Evidence, Moment, Notebook, Tlp, time};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Briefing {
    pub notebook: NotebookInfo,
    /// The ISO week, like `2025-W46`; `None` for a 7-day period asked for with `--as-of`.
    pub week: Option<String>,
    pub period: Period,
    /// When the briefing was rendered; the only field that changes between renderings.
    pub generated: String,
    pub version: &'static str,
    /// The analyst whose estimate is shown, or `None` for the aggregate.
    pub author: Option<String>,
    pub leading: Option<Line>,
    /// The ids of every scenario sharing the highest estimate (more than one is a tie).
    pub leaders: Vec<String>,
    pub scenarios: Vec<Line>,
    /// Scenarios added or retired during the period, in date order.
    pub scenario_changes: Vec<ScenarioChange>,
    pub updates: Vec<UpdateEntry>,
    /// How many distinct items this period's updates cite.
    pub cited_items: usize,
    /// How many updates, new items and retractions the period has: the lists show the newest 20
    /// of each.
    pub totals: Totals,
    pub evidence: Vec<EvidenceEntry>,
    pub retractions: Vec<Retraction>,
    pub indicators: Indicators,
    pub disagreement: Option<Disagreement>,
    pub sources: Vec<Source>,
    /// The chart's file name, relative to the briefing, once written.
    pub chart: Option<String>,
    /// The TLP marking the briefing carries, `TLP:GREEN`: the level it was made for, or the
    /// highest among the evidence it shows.
    pub marking: String,
    /// How many items were withheld because their marking is above the level shared at.
    pub withheld: usize,
    /// The ACH view: the period's most diagnostic items and every scenario's inconsistency over
    /// all the evidence known; `None` while no item has likelihoods.
    pub matrix: Option<MatrixView>,
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
    /// How the period is named in titles and file names: `2025-W46`, or `2026-03-06--2026-03-12`.
    pub name: String,
    /// First day (Monday for a week), `YYYY-MM-DD`.
    pub start: String,
    /// Last day (Sunday for a week), `YYYY-MM-DD`.
    pub end: String,
    /// The moment the briefing replays to (RFC 3339).
    pub as_of: String,
    /// The same moment in the notebook's zone, for people.
    pub as_of_local: String,
    /// The day before `start` (`YYYY-MM-DD`): "last week" is the estimate at its end.
    pub previous_day: String,
    /// Whether the period had not ended at `as_of` (a briefing of the current week).
    pub partial: bool,
}

/// The full counts behind the briefing's lists, which hold at most `LISTED` entries each.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub updates: usize,
    pub evidence: usize,
    pub retractions: usize,
}

/// The last `LISTED` of `list` (the newest, as lists are in time order).
fn newest<'a, T>(list: &[&'a T]) -> Vec<&'a T> {
    list[list.len().saturating_sub(super::LISTED)..].to_vec()
}

/// The part of the ACH matrix a briefing shows (see `report::matrix`).
#[derive(Debug, Clone, Serialize)]
pub struct MatrixView {
    /// Up to three of the period's new items, most diagnostic first.
    pub top: Vec<super::matrix::Row>,
    pub scenarios: Vec<super::matrix::ScenarioScore>,
    pub least_inconsistent: Vec<String>,
    pub leading: Option<String>,
    pub agrees: Option<bool>,
}

/// A scenario added or retired during the period.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioChange {
    pub id: String,
    pub title: String,
    /// `added` or `retired`.
    pub kind: &'static str,
    /// The day it took effect (`since`, or the retirement's day).
    pub date: String,
    /// The day it was recorded, when that was later than `date`.
    pub recorded: Option<String>,
    /// The reason recorded with a retirement, or the summary of an added scenario.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateEntry {
    /// The update's number in this briefing, from 1.
    pub number: usize,
    pub id: String,
    pub at: String,
    /// When it was written, in the notebook's zone, if more than an hour after `at`.
    pub backdated: Option<String>,
    pub author: String,
    pub method: crate::model::Method,
    pub confidence: Option<crate::model::Confidence>,
    pub summary: String,
    pub rationale: String,
    /// Per scenario: the author's previous estimate (`from`) and this one (`to`).
    pub changes: Vec<Change>,
    pub evidence: Vec<Cited>,
    /// The part of each scenario's move that no cited item explains (see docs/review.md), for the
    /// scenarios where it shows as at least a point.
    pub judgment: Vec<Credit>,
    /// Cited items that count once, with the item of their origin group that stands for them.
    pub folded: Vec<crate::analysis::groups::Folded>,
}

/// An update citing a retracted item.
#[derive(Debug, Clone, Serialize)]
pub struct Citing {
    pub id: String,
    pub author: String,
    pub at: String,
    pub method: crate::model::Method,
}

/// A share of a move credited to an item or to judgment.
#[derive(Debug, Clone, Serialize)]
pub struct Credit {
    pub scenario: String,
    pub title: String,
    /// The exact share of the move (0.05 = 5 points).
    pub shift: f64,
    /// The share in whole points as shown: the shares of a scenario's move add up to the change
    /// shown for it.
    pub points: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cited {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    /// The item's number in `sources`.
    pub source: usize,
    /// `toward` (it points the way the update moved some scenario, and is credited), `against`
    /// (it points the other way everywhere), `bayes` (a Bayes update's item), `unweighed` (it
    /// has no likelihoods, so carries no weight), or `counted once` (another cited item of its
    /// origin group stands for it).
    pub role: &'static str,
    /// For an item counted once: the number in `sources` of the item of its group that counts.
    pub counted_as: Option<usize>,
    /// Its credited shares that show as at least a point, largest first.
    pub moved: Vec<Credit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceEntry {
    #[serde(flatten)]
    pub item: Item,
    pub source_number: usize,
    /// When another item of its origin group was logged before it (and is shown): that item's
    /// number in `sources`. The same news, counted once.
    pub same_news_as: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Retraction {
    pub id: String,
    pub title: String,
    /// The item's number in `sources`.
    pub source_number: usize,
    pub date: String,
    pub reason: String,
    pub cited_by: Vec<String>,
    /// The updates that cite it, oldest first: `id`, `author`, `at` (local) and `method`.
    pub citing: Vec<Citing>,
    /// The estimate at the end of the period with the item (`from`) and without it (`to`).
    pub effect: Vec<Change>,
    /// Each Bayes update that used it: what it recorded (`from`) and what it gives without it (`to`).
    pub at_the_time: Vec<review::AtTheTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicators {
    /// Observed for the first time during the period.
    pub this_week: Vec<Observed>,
    /// Observed before the period began.
    pub earlier: Vec<Observed>,
    /// All observed so far: `earlier` and `this_week`.
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
    /// The ISO week, or `None` for a 7-day period ending on a given day.
    pub week: Option<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: Moment,
}

/// Who a briefing is for: everyone the notebook's evidence may reach, or a TLP level, above which
/// evidence is withheld everywhere the briefing shows evidence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sharing {
    pub level: Option<Tlp>,
}

impl Sharing {
    /// Whether `e` is withheld at this level.
    pub fn hides(&self, notebook: &Notebook, e: &Evidence) -> bool {
        self.level.is_some_and(|level| notebook.tlp_of(e) > level)
    }
}

/// Builds the briefing for `window` from the full notebook, for sharing at `sharing`.
pub fn build(full: &Notebook, author: Option<&str>, window: &Window, sharing: Sharing) -> Briefing {
    let notebook = full.as_of(&window.as_of);
    let hidden = |e: &Evidence| sharing.hides(&notebook, e);
    let zone = notebook.settings.timezone;
    let since = time::start_of_day(zone, window.start);
    let in_period = |m: &Moment| *m >= since && *m <= window.as_of;
    let looking = status::Looking::weeks(zone, window.start, &window.as_of);
    let state = status::build(&notebook, author, &window.as_of, &looking);
    let mut sources = Sources::default();
    // An update belongs to the period in which it took effect: its time, or when it was written
    // if that was later (a backdated update was not known before).
    let all_updates: Vec<&crate::model::Update> = notebook
        .updates
        .iter()
        .filter(|u| in_period(&u.counts_from()) && author.is_none_or(|a| u.author == a))
        .collect();
    let mut cited: Vec<&str> = all_updates.iter().flat_map(|u| u.evidence.iter().map(String::as_str)).collect();
    cited.sort_unstable();
    cited.dedup();
    let cited_items = cited.len();
    // A week of thousands stays readable: the newest `LISTED` of each list, and the counts.
    let updates: Vec<UpdateEntry> = newest(&all_updates)
        .iter()
        .enumerate()
        .map(|(i, u)| update_entry(&notebook, u, i + 1, &mut sources, &hidden))
        .collect();
    let mut withheld: Vec<&str> = all_updates
        .iter()
        .flat_map(|u| u.evidence.iter())
        .filter_map(|id| notebook.evidence(id))
        .chain(notebook.evidence.iter().filter(|e| in_period(&e.known_at(zone))))
        .filter(|e| hidden(e))
        .map(|e| e.id.as_str())
        .collect();
    let new_items: Vec<&Evidence> =
        notebook.evidence.iter().filter(|e| in_period(&e.known_at(zone)) && !hidden(e)).collect();
    let evidence: Vec<EvidenceEntry> =
        newest(&new_items).iter().map(|e| evidence_entry(&notebook, e, &mut sources, &hidden)).collect();
    let retracted_all: Vec<&Evidence> = notebook
        .evidence
        .iter()
        .filter(|e| e.retracted.as_ref().is_some_and(|r| in_period(&r.known_at(zone))))
        .collect();
    withheld.extend(retracted_all.iter().filter(|e| hidden(e)).map(|e| e.id.as_str()));
    withheld.sort_unstable();
    withheld.dedup();
    let retracted: Vec<&Evidence> = retracted_all.into_iter().filter(|e| !hidden(e)).collect();
    let retractions =
        newest(&retracted).iter().map(|e| retraction(&notebook, e, &window.as_of, &mut sources)).collect();
    let totals = Totals { updates: all_updates.len(), evidence: new_items.len(), retractions: retracted.len() };
    let top = state.scenarios.iter().filter_map(|l| l.probability).fold(f64::NEG_INFINITY, f64::max);
    let leaders: Vec<String> =
        state.scenarios.iter().filter(|l| l.probability == Some(top)).map(|l| l.id.clone()).collect();
    Briefing {
        notebook: NotebookInfo {
            title: notebook.settings.title.clone(),
            question: notebook.settings.question.clone(),
            timezone: zone.name().to_string(),
        },
        week: window.week.clone(),
        period: Period {
            name: window.name(),
            start: window.start.to_string(),
            end: window.end.to_string(),
            as_of: time::rfc3339(&window.as_of),
            as_of_local: time::local_with_zone(&window.as_of, zone),
            previous_day: window.start.pred_opt().unwrap_or(window.start).to_string(),
            partial: window.as_of < time::end_of_day(zone, window.end),
        },
        generated: String::new(),
        version: env!("CARGO_PKG_VERSION"),
        author: author.map(str::to_string),
        leading: state.scenarios.iter().find(|l| leaders.first() == Some(&l.id)).cloned(),
        leaders,
        disagreement: disagreement(&notebook, &state.scenarios, &window.as_of),
        scenarios: state.scenarios,
        scenario_changes: scenario_changes(&notebook, window),
        updates,
        cited_items,
        totals,
        evidence,
        retractions,
        indicators: indicators(&notebook, window.start, &hidden),
        marking: marking(&notebook, sharing, &sources.list),
        withheld: withheld.len(),
        sources: sources.list,
        chart: None,
        matrix: matrix_view(&notebook, author, window, &hidden),
        resolution: super::score::resolved(&notebook),
    }
}

/// The marking a briefing carries: the level asked for, else the highest among the items it shows.
fn marking(notebook: &Notebook, sharing: Sharing, shown: &[Source]) -> String {
    let highest = || {
        shown.iter().filter_map(|s| notebook.evidence(&s.id)).map(|e| notebook.tlp_of(e)).max().unwrap_or(Tlp::Clear)
    };
    sharing.level.unwrap_or_else(highest).marking()
}

/// The indicators observed so far, split at the start of the period; withheld items neither count
/// nor show.
fn indicators(notebook: &Notebook, start: NaiveDate, hidden: &dyn Fn(&Evidence) -> bool) -> Indicators {
    let visible = |mut list: Vec<Observed>| {
        for o in &mut list {
            o.evidence.retain(|id| notebook.evidence(id).is_none_or(|e| !hidden(e)));
        }
        list.retain(|o| !o.evidence.is_empty());
        list
    };
    let this_week = visible(status::observed(notebook, Some(start)));
    let so_far = visible(status::observed(notebook, None));
    let new = |o: &Observed| this_week.iter().any(|n| n.scenario == o.scenario && n.indicator == o.indicator);
    let earlier = so_far.iter().filter(|o| !new(o)).cloned().collect();
    Indicators { this_week, earlier, so_far }
}

/// The period's most diagnostic items, and the inconsistency of every scenario so far.
fn matrix_view(
    notebook: &Notebook,
    author: Option<&str>,
    window: &Window,
    hidden: &dyn Fn(&Evidence) -> bool,
) -> Option<MatrixView> {
    let full = super::matrix::build_from(notebook, author, &window.as_of, &|e| !hidden(e));
    if full.evidence.is_empty() {
        return None;
    }
    let zone = notebook.settings.timezone;
    let since = time::start_of_day(zone, window.start);
    let new = |id: &str| notebook.evidence(id).is_some_and(|e| e.known_at(zone) >= since);
    Some(MatrixView {
        top: full.evidence.iter().filter(|r| new(&r.id)).take(3).cloned().collect(),
        scenarios: full.scenarios,
        least_inconsistent: full.least_inconsistent,
        leading: full.leading,
        agrees: full.agrees,
    })
}

impl Window {
    /// The period's name: the ISO week, or its first and last days, `2026-03-06--2026-03-12`.
    pub fn name(&self) -> String {
        self.week.clone().unwrap_or_else(|| format!("{}--{}", self.start, self.end))
    }
}

/// Scenarios added or retired that became known during the window (a retirement dated earlier but
/// recorded in the window shows here, with when it was recorded).
fn scenario_changes(notebook: &Notebook, window: &Window) -> Vec<ScenarioChange> {
    let zone = notebook.settings.timezone;
    let since = time::start_of_day(zone, window.start);
    let within = |m: Moment| m >= since && m <= window.as_of;
    let recorded = |known: Moment, day: NaiveDate| {
        (time::day_in(zone, &known) != day).then(|| time::day_in(zone, &known).to_string())
    };
    let mut list: Vec<ScenarioChange> = Vec::new();
    for s in &notebook.scenarios {
        if let (Some(day), Some(known)) = (s.since, s.added_at(zone).filter(|m| within(*m))) {
            list.push(ScenarioChange {
                id: s.id.clone(),
                title: s.title.clone(),
                kind: "added",
                date: day.to_string(),
                recorded: recorded(known, day),
                reason: s.summary.clone(),
            });
        }
        if let (Some(day), Some(known)) = (s.retired, s.retirement_known_at(zone).filter(|m| within(*m))) {
            list.push(ScenarioChange {
                id: s.id.clone(),
                title: s.title.clone(),
                kind: "retired",
                date: day.to_string(),
                recorded: recorded(known, day),
                reason: s.retired_reason.clone(),
            });
        }
    }
    list.sort_by(|a, b| a.date.cmp(&b.date));
    list
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

fn update_entry(
    notebook: &Notebook,
    u: &crate::model::Update,
    number: usize,
    sources: &mut Sources,
    hidden: &dyn Fn(&Evidence) -> bool,
) -> UpdateEntry {
    let previous = timeline::prior_of(notebook, u);
    let title = |id: &str| notebook.scenario(id).map_or(id.to_string(), |s| s.title.clone());
    let changes: Vec<Change> = notebook
        .scenarios
        .iter()
        .filter_map(|s| {
            let to = *u.probabilities.get(&s.id)?;
            let from = previous.as_ref().and_then(|p| p.get(&s.id)).copied().map(super::computed);
            Some(Change {
                id: s.id.clone(),
                title: s.title.clone(),
                from,
                to: Some(to),
                change: from.map(|f| super::computed(to - f)),
            })
        })
        .collect();
    let shares = attribution::update_shares(notebook, u);
    let points = shown_shares(&shares, &changes);
    let credits = |keep: &dyn Fn(&attribution::Share) -> bool| -> Vec<Credit> {
        let mut list: Vec<Credit> = shares
            .iter()
            .zip(&points)
            .filter(|(s, n)| keep(s) && **n != 0)
            .map(|(s, n)| Credit {
                scenario: s.scenario.clone(),
                title: title(&s.scenario),
                shift: super::computed(s.shift),
                points: *n,
            })
            .collect();
        list.sort_by_key(|c| std::cmp::Reverse(c.points.abs()));
        list
    };
    // An update resting on withheld evidence keeps its numbers; its reasons, which may quote the
    // evidence, are withheld with it.
    let withheld_level = u
        .evidence
        .iter()
        .filter_map(|id| notebook.evidence(id))
        .filter(|e| hidden(e))
        .map(|e| notebook.tlp_of(e))
        .max();
    let counted_once = {
        let cited: Vec<&Evidence> = u.evidence.iter().filter_map(|id| notebook.evidence(id)).collect();
        let shown = |id: &str| notebook.evidence(id).is_some_and(|e| !hidden(e));
        let mut folded = crate::analysis::groups::fold_for(notebook, u, &cited).1;
        folded.retain(|f| shown(&f.id) && shown(&f.into) && notebook.evidence(&f.group).is_none_or(|e| !hidden(e)));
        folded
    };
    let evidence = u
        .evidence
        .iter()
        .filter_map(|id| notebook.evidence(id))
        .filter(|e| !hidden(e))
        .map(|e| {
            let mine = |s: &attribution::Share| s.evidence.as_deref() == Some(e.id.as_str());
            let moved = credits(&|s| mine(s) && s.label != Label::Against);
            let against = shares.iter().any(|s| mine(s) && s.label == Label::Against);
            let folded = shares.iter().any(|s| mine(s) && s.label == Label::Folded);
            let role = match u.method {
                _ if folded => "counted once",
                _ if e.likelihood.is_none() => "unweighed",
                crate::model::Method::Bayes => "bayes",
                _ if moved.is_empty() && against => "against",
                _ if moved.is_empty() => "neutral",
                _ => "toward",
            };
            let counted_as = counted_once
                .iter()
                .find(|f| f.id == e.id)
                .and_then(|f| notebook.evidence(&f.into))
                .map(|into| sources.number(into));
            Cited {
                id: e.id.clone(),
                title: e.title.clone(),
                url: e.url.clone(),
                source: sources.number(e),
                role,
                counted_as,
                moved,
            }
        })
        .collect();
    UpdateEntry {
        number,
        id: u.id.clone(),
        at: time::local(&u.at, notebook.settings.timezone),
        // Marked when written more than an hour after `at`, or on a later day (so listed in a
        // later week than its time says).
        backdated: (u.backdated() || written_later_day(u, notebook.settings.timezone))
            .then(|| time::local(&u.known_at(), notebook.settings.timezone)),
        author: u.author.clone(),
        method: u.method,
        confidence: u.confidence,
        summary: withheld_level.map_or_else(|| u.rationale.lines().next().unwrap_or("").to_string(), withheld_note),
        rationale: withheld_level.map_or_else(|| u.rationale.clone(), withheld_note),
        changes,
        evidence,
        judgment: credits(&|s| s.evidence.is_none()),
        folded: counted_once,
    }
}

/// What stands for a rationale resting on withheld evidence.
fn withheld_note(level: Tlp) -> String {
    format!("[withheld: cites {} evidence]", level.marking())
}

/// Whether the update was written on a later day than the moment it is about.
fn written_later_day(u: &crate::model::Update, zone: chrono_tz::Tz) -> bool {
    u.recorded.is_some_and(|r| r > u.at && time::day_in(zone, &r) != time::day_in(zone, &u.at))
}

/// Each share's whole points as the briefing shows it: per scenario, the shares that moved it are
/// rounded to add up to the change shown for it (the difference of the shown percents); shares
/// against the move, or counted once, get none.
fn shown_shares(shares: &[attribution::Share], changes: &[Change]) -> Vec<i64> {
    use crate::model::value::{apportion, shown_points};
    let moving = |s: &attribution::Share| !matches!(s.label, Label::Against | Label::Folded);
    let mut points = vec![0; shares.len()];
    for c in changes {
        let (Some(from), Some(to)) = (c.from, c.to) else { continue };
        let here: Vec<usize> =
            (0..shares.len()).filter(|&i| shares[i].scenario == c.id && moving(&shares[i])).collect();
        let parts: Vec<f64> = here.iter().map(|&i| shares[i].shift).collect();
        for (i, n) in here.into_iter().zip(apportion(shown_points(to) - shown_points(from), &parts)) {
            points[i] = n;
        }
    }
    points
}

fn evidence_entry(
    notebook: &Notebook,
    e: &Evidence,
    sources: &mut Sources,
    hidden: &dyn Fn(&Evidence) -> bool,
) -> EvidenceEntry {
    let mut item = evidence_report::item(notebook, e);
    // An origin naming a withheld item would give away its id, and the id its title.
    if item.origin.as_deref().and_then(|o| notebook.evidence(o)).is_some_and(hidden) {
        item.origin = None;
    }
    let source_number = sources.number(e);
    let zone = notebook.settings.timezone;
    let groups = notebook.groups();
    let first = notebook.position(&e.id).and_then(|at| {
        groups.members(at).iter().map(|&m| &notebook.evidence[m as usize]).min_by_key(|m| (m.known_at(zone), &m.id))
    });
    let same_news_as = first.filter(|f| f.id != e.id && !hidden(f)).map(|f| sources.number(f));
    EvidenceEntry { item, source_number, same_news_as }
}

fn retraction(notebook: &Notebook, e: &Evidence, as_of: &Moment, sources: &mut Sources) -> Retraction {
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
        source_number: sources.number(e),
        date: r.date.to_string(),
        reason: r.reason.clone(),
        cited_by: timeline::citing(notebook, &e.id).iter().map(|u| u.id.clone()).collect(),
        citing: timeline::citing(notebook, &e.id)
            .iter()
            .map(|u| Citing {
                id: u.id.clone(),
                author: u.author.clone(),
                at: time::local(&u.at, notebook.settings.timezone),
                method: u.method,
            })
            .collect(),
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
