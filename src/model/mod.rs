//! Checked domain types: a notebook whose every record has passed the format's rules.

pub mod grade;
pub mod groups;
pub mod id;
#[macro_use]
pub mod keyword;
pub mod lookup;
pub mod text;
pub mod time;
pub mod value;

use chrono::NaiveDate;
use chrono_tz::Tz;
pub use grade::Grade;
use groups::Groups;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex};
pub use time::Moment;
use value::Invalid;

crate::keywords! {
    /// The estimative-language scale a notebook uses.
    WordScale, "words" { Icd203 => "icd203", Phia => "phia" }
}

/// `notebook.toml`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub title: String,
    pub question: String,
    pub timezone: Tz,
    pub words: WordScale,
    /// The TLP marking of evidence that gives none.
    pub tlp: Tlp,
}

crate::keywords! {
    /// A Traffic Light Protocol 2.0 marking (FIRST): how widely a piece of evidence may be shared,
    /// from `clear` (no limit) to `red` (named recipients only), in order.
    Tlp, "TLP marking" {
        Clear => "clear",
        Green => "green",
        Amber => "amber",
        AmberStrict => "amber+strict",
        Red => "red",
    }
}

impl Tlp {
    /// The marking as TLP writes it: `TLP:AMBER+STRICT`.
    pub fn marking(self) -> String {
        format!("TLP:{}", self.as_str().to_uppercase())
    }
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub order: Option<i64>,
    pub since: Option<NaiveDate>,
    /// When `scenario add` wrote it.
    pub added: Option<Moment>,
    pub retired: Option<NaiveDate>,
    /// When `scenario retire` recorded the retirement.
    pub retired_recorded: Option<Moment>,
    pub retired_reason: Option<String>,
    pub indicators: Vec<Indicator>,
}

impl Scenario {
    /// A scenario with an id and a title, and nothing else.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Scenario { id: id.into(), title: title.into(), ..Scenario::default() }
    }

    /// Whether the scenario is in play on `day`: on or after `since`, and before `retired`.
    pub fn in_play_on(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|since| day >= since) && self.retired.is_none_or(|retired| day < retired)
    }

    /// When the scenario entered the notebook: `added`, or the start of its `since`; `None`
    /// (from the beginning) without either.
    pub fn added_at(&self, zone: Tz) -> Option<Moment> {
        self.added.or_else(|| self.since.map(|d| time::start_of_day(zone, d)))
    }

    /// The scenario's file, relative to the notebook.
    pub fn path(&self) -> String {
        format!("scenarios/{}.toml", self.id)
    }

    /// When its retirement became known: `retired_recorded`, or the start of its `retired` day.
    pub fn retirement_known_at(&self, zone: Tz) -> Option<Moment> {
        self.retired_recorded.or_else(|| self.retired.map(|d| time::start_of_day(zone, d)))
    }

    /// Whether the scenario was in play on `day` as the notebook stood at `known`: added by then,
    /// on or after `since`, and not retired by `day` in a retirement recorded by then. A record
    /// made at `known` about `day` must cover exactly these scenarios.
    pub fn in_play_known(&self, day: NaiveDate, known: &Moment, zone: Tz) -> bool {
        let added = self.added_at(zone).is_none_or(|at| at <= *known);
        let retired = self.retired.filter(|_| self.retirement_known_at(zone).is_some_and(|at| at <= *known));
        added && self.since.is_none_or(|since| day >= since) && retired.is_none_or(|r| day < r)
    }
}

crate::keywords! {
    /// An ACH consistency rating, read as a likelihood.
    Rating, "rating" { CC => "CC", C => "C", N => "N", I => "I", II => "II" }
}

impl Rating {
    pub fn value(self) -> f64 {
        match self {
            Rating::CC => 0.95,
            Rating::C => 0.8,
            Rating::N => 0.5,
            Rating::I => 0.2,
            Rating::II => 0.05,
        }
    }
}

/// What a likelihood must be, in words.
pub const LIKELIHOOD_EXPECTED: &str = "expected a number above 0 or an ACH rating (`CC`, `C`, `N`, `I`, `II`)";

/// How expected an evidence item is under one scenario: a number, or an ACH rating.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Likelihood {
    Number(f64),
    Rating(Rating),
}

impl Likelihood {
    pub fn value(self) -> f64 {
        match self {
            Likelihood::Number(n) => n,
            Likelihood::Rating(r) => r.value(),
        }
    }

    /// A number read from a file or a flag: finite and above 0 (Cromwell's rule: a likelihood of 0
    /// would rule a scenario out for good, whatever evidence came later).
    pub fn number(n: f64) -> Result<Self, Invalid> {
        if n.is_finite() && n > 0.0 {
            Ok(Likelihood::Number(n))
        } else if n == 0.0 {
            Err(Invalid::new(format!(
                "found likelihood `0`, {LIKELIHOOD_EXPECTED}: a likelihood of 0 would rule the scenario out for good, and no later evidence could revise it"
            ))
            .with_hint(Some("use a small number such as 0.01, or `II` (0.05)".to_string())))
        } else {
            Err(Invalid::new(format!("found likelihood `{}`, {LIKELIHOOD_EXPECTED}", value::show_number(n))))
        }
    }
}

impl Likelihood {
    /// The likelihood if it keeps the rules (see `number`).
    pub fn checked(&self) -> Result<Likelihood, Invalid> {
        match self {
            Likelihood::Number(n) => Likelihood::number(*n),
            Likelihood::Rating(r) => Ok(Likelihood::Rating(*r)),
        }
    }
}

impl std::str::FromStr for Likelihood {
    type Err = Invalid;

    /// A number (`0.7`) or an ACH rating (`CC`, in either case).
    fn from_str(text: &str) -> Result<Self, Invalid> {
        if let Ok(rating) = text.trim().to_ascii_uppercase().parse::<Rating>() {
            return Ok(Likelihood::Rating(rating));
        }
        match text.trim().parse::<f64>() {
            Ok(n) => Likelihood::number(n),
            Err(_) => Err(Invalid::new(format!("found likelihood `{text}`, {LIKELIHOOD_EXPECTED}"))),
        }
    }
}

/// An item's likelihood per scenario: a few pairs, sorted by scenario id. A vector rather than a map,
/// because a notebook holds many items with only a handful of scenarios each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Likelihoods(Vec<(String, Likelihood)>);

impl Likelihoods {
    pub fn get(&self, scenario: &str) -> Option<&Likelihood> {
        self.0.iter().find(|(s, _)| s == scenario).map(|(_, l)| l)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Likelihood)> {
        self.0.iter().map(|(s, l)| (s, l))
    }

    pub fn values(&self) -> impl Iterator<Item = &Likelihood> {
        self.0.iter().map(|(_, l)| l)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, Likelihood)> for Likelihoods {
    fn from_iter<I: IntoIterator<Item = (String, Likelihood)>>(pairs: I) -> Self {
        let mut list: Vec<(String, Likelihood)> = pairs.into_iter().collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list.shrink_to_fit();
        Likelihoods(list)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Retraction {
    pub date: NaiveDate,
    pub reason: String,
    /// When it was written, if the file says.
    pub recorded: Option<Moment>,
}

impl Retraction {
    /// When the retraction became known: `recorded`, or the start of its day.
    pub fn known_at(&self, zone: Tz) -> Moment {
        self.recorded.unwrap_or_else(|| time::start_of_day(zone, self.date))
    }
}

/// A `scenario/indicator` reference from an evidence item's `observes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub scenario: String,
    pub indicator: String,
}

/// Byte spans of an evidence item's dates, kept for findings made after loading.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EvidenceSpans {
    pub date: Range<usize>,
    pub logged: Option<Range<usize>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evidence {
    pub id: String,
    /// Where the item's file is; see `path()`.
    pub filed: Filed,
    pub title: String,
    pub date: NaiveDate,
    pub logged: Option<Moment>,
    pub logged_by: Option<String>,
    pub source: String,
    pub url: Option<String>,
    pub grade: Grade,
    /// Most of an item's text, and needed by few commands: the cache leaves it out (see `store::cache`).
    #[serde(skip)]
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub observes: Vec<Observation>,
    /// The item that first reported this news (an id), or a short name of the original source:
    /// items of one origin are counted once (see `Notebook::group_of`).
    pub origin: Option<String>,
    /// When `evidence link` set `origin`, if it did: the origin counts from then, not from `logged`.
    pub linked: Option<Moment>,
    /// Its TLP marking, if it gives one (else the notebook's, see `Notebook::tlp_of`).
    pub tlp: Option<Tlp>,
    /// Scenario id → likelihood, or `None` when the item informs judgment only.
    pub likelihood: Option<Likelihoods>,
    pub retracted: Option<Retraction>,
    pub spans: EvidenceSpans,
}

/// Where an evidence file sits. The two usual places follow from the id, so most items need not
/// hold their path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Filed {
    /// `evidence/<id>.toml`
    Loose,
    /// `evidence/<YYYY-MM>/<id>.toml`, the month the id starts with, where `evidence add` files it
    ByMonth,
    /// Anywhere else under `evidence/`: the path relative to the notebook
    At(String),
}

impl Filed {
    /// How the file at `path` (relative to the notebook) is filed for the item `id`.
    pub fn of(path: &str, id: &str) -> Filed {
        let name = path.strip_prefix("evidence/").and_then(|p| p.strip_suffix(".toml"));
        match name {
            Some(rest) if rest == id => Filed::Loose,
            Some(rest) if id.len() > 7 && rest.len() == id.len() + 8 && rest[..7] == id[..7] && rest[8..] == *id => {
                Filed::ByMonth
            }
            _ => Filed::At(path.to_string()),
        }
    }
}

impl Evidence {
    /// A bare item with only an id, a date and likelihoods: for computations, tests and generators.
    pub fn bare(id: impl Into<String>, date: NaiveDate, likelihood: Option<Likelihoods>) -> Self {
        Evidence {
            id: id.into(),
            filed: Filed::Loose,
            title: String::new(),
            date,
            logged: None,
            logged_by: None,
            source: String::new(),
            url: None,
            grade: Grade::default(),
            summary: None,
            tags: Vec::new(),
            observes: Vec::new(),
            origin: None,
            tlp: None,
            likelihood,
            retracted: None,
            linked: None,
            spans: EvidenceSpans::default(),
        }
    }

    /// The item's file, relative to the notebook.
    pub fn path(&self) -> String {
        match &self.filed {
            Filed::Loose => format!("evidence/{}.toml", self.id),
            Filed::ByMonth => format!("evidence/{}/{}.toml", self.id.get(..7).unwrap_or_default(), self.id),
            Filed::At(path) => path.clone(),
        }
    }

    /// When the item entered the notebook: `logged`, or the start of its `date` when not recorded.
    pub fn known_at(&self, zone: Tz) -> Moment {
        self.logged.unwrap_or_else(|| time::start_of_day(zone, self.date))
    }

    /// When the item's `origin` became known: when it was linked, or else when the item was.
    pub fn origin_known_at(&self, zone: Tz) -> Moment {
        self.linked.map_or_else(|| self.known_at(zone), |l| l.max(self.known_at(zone)))
    }

    /// The likelihood of the item under one scenario, as a number.
    pub fn likelihood_of(&self, scenario: &str) -> Option<f64> {
        self.likelihood.as_ref()?.get(scenario).map(|l| l.value())
    }
}

crate::keywords! {
    /// How an estimate was made.
    Method, "method" { Judgment => "judgment", Bayes => "bayes" }
}

crate::keywords! {
    /// Analytic confidence, which sets the width of the range around an estimate.
    Confidence, "confidence" { Low => "low", Moderate => "moderate", High => "high" }
}

/// A probability per scenario id. Checked distributions sum to 1.
pub type Distribution = BTreeMap<String, f64>;

/// Byte spans of an update's parts, kept for diagnostics found after loading.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UpdateSpans {
    pub at: Range<usize>,
    pub recorded: Option<Range<usize>>,
    pub method: Range<usize>,
    pub probabilities: Range<usize>,
    pub evidence: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Update {
    pub id: String,
    pub path: String,
    /// The moment the judgment is about.
    pub at: Moment,
    /// When the update was written (the clock at writing); see `known_at`.
    pub recorded: Option<Moment>,
    pub author: String,
    pub method: Method,
    pub evidence: Vec<String>,
    pub confidence: Option<Confidence>,
    pub rationale: String,
    pub probabilities: Distribution,
    pub spans: UpdateSpans,
    /// Index in `Notebook::updates` of the same author's previous update; set by `Notebook::new`.
    pub previous: Option<usize>,
    /// Whether this is its author's latest update; set by `Notebook::new`.
    pub latest: bool,
}

impl Update {
    /// When the update became known: `recorded`, or its `at` when written by hand without one.
    pub fn known_at(&self) -> Moment {
        self.recorded.unwrap_or(self.at)
    }

    /// From when the update counts for scoring: its `at`, or when it was recorded if that was
    /// later, so that backdating never earns credit for days before it was written.
    pub fn counts_from(&self) -> Moment {
        self.at.max(self.known_at())
    }

    /// Whether it was recorded more than an hour after the moment it is about.
    pub fn backdated(&self) -> bool {
        self.recorded.is_some_and(|r| r > self.at + chrono::Duration::hours(1))
    }

    /// A new update, not yet written: no file, no spans, no links to its author's timeline.
    pub fn new(at: Moment, author: &str, method: Method, probabilities: Distribution) -> Self {
        Update {
            id: String::new(),
            path: String::new(),
            at,
            recorded: None,
            author: author.to_string(),
            method,
            evidence: Vec::new(),
            confidence: None,
            rationale: String::new(),
            probabilities,
            spans: UpdateSpans::default(),
            previous: None,
            latest: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub scenario: String,
    pub date: NaiveDate,
    pub note: Option<String>,
    pub recorded: Option<Moment>,
    pub recorded_by: Option<String>,
}

impl Resolution {
    /// When the resolution became known: `recorded`, or the start of its date.
    pub fn known_at(&self, zone: Tz) -> Moment {
        self.recorded.unwrap_or_else(|| time::start_of_day(zone, self.date))
    }

    /// The first moment that no longer counts for scoring: the start of the resolution day.
    pub fn cutoff(&self, zone: Tz) -> Moment {
        time::start_of_day(zone, self.date)
    }
}

/// The order of updates: by `at`; at the same `at`, by when recorded, then by the number an id
/// ends with (`-2` before `-10`), then by id.
pub fn update_order(a: &Update, b: &Update) -> std::cmp::Ordering {
    (a.at, a.known_at(), id::suffix_number(&a.id), &a.id).cmp(&(b.at, b.known_at(), id::suffix_number(&b.id), &b.id))
}

/// A whole notebook, checked. Scenarios are in display order, evidence by date then id, updates by `at` then id.
#[derive(Debug, Clone)]
pub struct Notebook {
    pub settings: Settings,
    pub scenarios: Vec<Scenario>,
    pub evidence: Vec<Evidence>,
    pub updates: Vec<Update>,
    pub resolution: Option<Resolution>,
    /// Positions in `evidence`, sorted by id, for lookups by binary search (4 bytes per item).
    evidence_index: Vec<u32>,
    /// The origin groups with every origin counted.
    groups: Arc<Groups>,
    /// When each origin became known, sorted: the groups as known at a moment count the first
    /// so many of them.
    group_changes: Vec<Moment>,
    /// Groups as known at earlier moments, by how many origins they count.
    earlier_groups: Arc<Mutex<HashMap<usize, Arc<Groups>>>>,
}

impl Notebook {
    /// Builds a notebook from records already in order (evidence by date then id, updates by `at` then
    /// id), linking each update to its author's previous one.
    pub fn new(
        settings: Settings,
        scenarios: Vec<Scenario>,
        evidence: Vec<Evidence>,
        mut updates: Vec<Update>,
        resolution: Option<Resolution>,
    ) -> Self {
        let evidence_index = index_by_id(&evidence);
        let mut last: HashMap<String, usize> = HashMap::new();
        for (i, update) in updates.iter_mut().enumerate() {
            update.previous = last.insert(update.author.clone(), i);
            update.latest = false;
        }
        for &i in last.values() {
            updates[i].latest = true;
        }
        let groups = Arc::new(Groups::build(&evidence, &evidence_index, |_| true));
        let group_changes = groups::changes(&evidence, settings.timezone);
        let earlier_groups = Arc::default();
        Notebook {
            settings,
            scenarios,
            evidence,
            updates,
            resolution,
            evidence_index,
            groups,
            group_changes,
            earlier_groups,
        }
    }

    pub fn evidence(&self, id: &str) -> Option<&Evidence> {
        find_by_id(&self.evidence, &self.evidence_index, id)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// An item's TLP marking: its own, or the notebook's.
    pub fn tlp_of(&self, item: &Evidence) -> Tlp {
        item.tlp.unwrap_or(self.settings.tlp)
    }

    /// The key of an item's origin group (see `groups`): the same for every item that reports
    /// the same news; an item of no group is its own, keyed by its id.
    pub fn group_of<'a>(&'a self, item: &'a Evidence) -> &'a str {
        match self.position(&item.id) {
            Some(at) => self.groups.key(at),
            None => &item.id,
        }
    }

    /// The origin groups, every origin counted.
    pub fn groups(&self) -> Arc<Groups> {
        Arc::clone(&self.groups)
    }

    /// The origin groups as known at `moment`: origins logged or linked later do not count.
    pub fn groups_at(&self, moment: &Moment) -> Arc<Groups> {
        let counted = self.group_changes.partition_point(|m| m <= moment);
        if counted == self.group_changes.len() {
            return self.groups();
        }
        let mut cache = self.earlier_groups.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let zone = self.settings.timezone;
        let built = cache.entry(counted).or_insert_with(|| {
            Arc::new(Groups::build(&self.evidence, &self.evidence_index, |e| e.origin_known_at(zone) <= *moment))
        });
        Arc::clone(built)
    }

    /// The origin groups were the item at `position` to name `origin` (what `evidence link` makes).
    pub fn groups_with(&self, position: usize, origin: &str) -> Groups {
        let mut evidence = self.evidence.clone();
        evidence[position].origin = Some(origin.to_string());
        Groups::build(&evidence, &self.evidence_index, |_| true)
    }

    /// The position of the item with `id` in `evidence`.
    pub fn position(&self, id: &str) -> Option<usize> {
        find_position(&self.evidence, &self.evidence_index, id)
    }

    /// The item a person named: its exact id or a unique prefix (see `lookup::find`).
    pub fn find_evidence(&self, typed: &str) -> Result<&Evidence, lookup::NotFound> {
        if let Some(item) = self.evidence(typed) {
            return Ok(item);
        }
        let sorted = self.evidence_index.iter().map(|&i| self.evidence[i as usize].id.as_str());
        let id = lookup::find("evidence", typed, sorted, "forecast evidence list")?;
        Ok(self.evidence(id).expect("the id was found among the items"))
    }

    /// What an origin typed at the command line names: an item's id (exactly, in any case, or by
    /// a unique start), or else a short name of the original source. A start of several ids, or
    /// text that begins with a date as ids do but names no item, is refused: stored as a name, it
    /// would make a group of one and count the news again.
    pub fn resolve_origin(&self, typed: &str) -> Result<String, lookup::NotFound> {
        let invalid = |e: Invalid| lookup::NotFound { message: e.message, hint: e.hint.unwrap_or_default() };
        let text = value::origin(typed).map_err(invalid)?;
        let key = groups::name_key(&text);
        let sorted = self.evidence_index.iter().map(|&i| self.evidence[i as usize].id.as_str());
        let starts = sorted.clone().filter(|id| id.starts_with(&key)).take(2).count();
        if starts > 0 || id::dated(&key) {
            let found = lookup::find("evidence", &key, sorted, "forecast evidence list").map_err(|e| lookup::NotFound {
                hint: format!("{}; a name of the original source (not an item) must not begin with a date, such as `ministry-statement-2026-02-16`", e.hint),
                ..e
            })?;
            return Ok(found.to_string());
        }
        Ok(text)
    }

    /// The scenario a person named: its exact id or a unique prefix.
    pub fn find_scenario(&self, typed: &str) -> Result<&Scenario, lookup::NotFound> {
        let id =
            lookup::find("scenario", typed, self.scenarios.iter().map(|s| s.id.as_str()), "forecast scenario list")?;
        Ok(self.scenario(id).expect("the id was found among the scenarios"))
    }

    /// The notebook as it was known at `moment`: evidence logged by then (retractions dated by then),
    /// updates recorded by then (each still at its own `at`), scenarios added by then with only
    /// the retirements recorded by then, and a resolution recorded by then. Every read command
    /// replays through this. When nothing is later than `moment` (the usual case) the notebook
    /// itself is returned, uncopied.
    pub fn as_of(&self, moment: &Moment) -> std::borrow::Cow<'_, Notebook> {
        let zone = self.settings.timezone;
        let known = |e: &Evidence| e.known_at(zone) <= *moment;
        let retraction_known = |e: &Evidence| e.retracted.as_ref().is_none_or(|r| r.known_at(zone) <= *moment);
        let scenario_known = |s: &Scenario| s.added_at(zone).is_none_or(|at| at <= *moment);
        let retirement_known = |s: &Scenario| s.retirement_known_at(zone).is_none_or(|at| at <= *moment);
        let resolution_known = |r: &Resolution| r.known_at(zone) <= *moment;
        let origin_known = |e: &Evidence| e.origin.is_none() || e.origin_known_at(zone) <= *moment;
        let unchanged = self.evidence.iter().all(|e| known(e) && retraction_known(e) && origin_known(e))
            && self.updates.iter().all(|u| u.known_at() <= *moment)
            && self.scenarios.iter().all(|s| scenario_known(s) && retirement_known(s))
            && self.resolution.as_ref().is_none_or(resolution_known);
        if unchanged {
            return std::borrow::Cow::Borrowed(self);
        }
        let evidence = self
            .evidence
            .iter()
            .filter(|e| known(e))
            .map(|e| {
                let mut seen = e.clone();
                seen.retracted = seen.retracted.filter(|r| r.known_at(zone) <= *moment);
                if !origin_known(e) {
                    (seen.origin, seen.linked) = (None, None);
                }
                seen
            })
            .collect();
        let scenarios = self
            .scenarios
            .iter()
            .filter(|s| scenario_known(s))
            .map(|s| {
                if retirement_known(s) {
                    s.clone()
                } else {
                    Scenario { retired: None, retired_recorded: None, retired_reason: None, ..s.clone() }
                }
            })
            .collect();
        let updates = self.updates.iter().filter(|u| u.known_at() <= *moment).cloned().collect();
        let resolution = self.resolution.clone().filter(resolution_known);
        std::borrow::Cow::Owned(Notebook::new(self.settings.clone(), scenarios, evidence, updates, resolution))
    }

    /// The scenarios in play at `moment`, judged by its day in the notebook's zone, in display order.
    pub fn in_play_at(&self, moment: &Moment) -> Vec<&Scenario> {
        let day = time::day_in(self.settings.timezone, moment);
        self.scenarios.iter().filter(|s| s.in_play_on(day)).collect()
    }
}

/// Positions of `evidence` sorted by id.
pub fn index_by_id(evidence: &[Evidence]) -> Vec<u32> {
    let mut index: Vec<u32> = (0..evidence.len() as u32).collect();
    index.sort_unstable_by(|&a, &b| evidence[a as usize].id.cmp(&evidence[b as usize].id));
    index
}

/// The item with `id`, found by binary search in an index made by `index_by_id`.
pub fn find_by_id<'a>(evidence: &'a [Evidence], index: &[u32], id: &str) -> Option<&'a Evidence> {
    Some(&evidence[find_position(evidence, index, id)?])
}

/// The position in `evidence` of the item with `id`, by binary search in its `index_by_id`.
pub fn find_position(evidence: &[Evidence], index: &[u32], id: &str) -> Option<usize> {
    let at = index.binary_search_by(|&i| evidence[i as usize].id.as_str().cmp(id)).ok()?;
    Some(index[at] as usize)
}

/// Sorts scenarios for display: those with an `order` first, by order, then the rest, by id.
pub fn sort_for_display(scenarios: &mut [Scenario]) {
    scenarios.sort_by(|a, b| (a.order.is_none(), a.order, &a.id).cmp(&(b.order.is_none(), b.order, &b.id)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_filed_loose_by_month_or_at_its_own_path() {
        let id = "2025-11-12-isw-estimate";
        assert_eq!(Filed::of("evidence/2025-11-12-isw-estimate.toml", id), Filed::Loose);
        assert_eq!(Filed::of("evidence/2025-11/2025-11-12-isw-estimate.toml", id), Filed::ByMonth);
        let other = "evidence/2025-10/2025-11-12-isw-estimate.toml";
        assert_eq!(Filed::of(other, id), Filed::At(other.to_string()));
        assert_eq!(Filed::of("evidence/isw/x.toml", "x"), Filed::At("evidence/isw/x.toml".to_string()));
        let item = Evidence { filed: Filed::ByMonth, ..Evidence::bare(id, NaiveDate::MIN, None) };
        assert_eq!(item.path(), "evidence/2025-11/2025-11-12-isw-estimate.toml");
    }

    fn scenario(id: &str, order: Option<i64>) -> Scenario {
        Scenario { order, ..Scenario::new(id, id) }
    }

    #[test]
    fn display_order_puts_ordered_first() {
        let mut list = vec![scenario("b", None), scenario("z", Some(2)), scenario("a", None), scenario("y", Some(1))];
        sort_for_display(&mut list);
        let ids: Vec<_> = list.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["y", "z", "a", "b"]);
    }

    #[test]
    fn in_play_respects_since_and_retired() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 11, d).unwrap();
        let s = Scenario { since: Some(day(5)), retired: Some(day(10)), ..scenario("s", None) };
        assert!(!s.in_play_on(day(4)));
        assert!(s.in_play_on(day(5)));
        assert!(s.in_play_on(day(9)));
        assert!(!s.in_play_on(day(10)));
    }

    #[test]
    fn in_play_as_known_when_a_record_was_made() {
        let zone = chrono_tz::Tz::UTC;
        let at = |text: &str| text.parse::<Moment>().unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2025, 11, d).unwrap();
        let added = Scenario { added: Some(at("2025-11-10T12:00:00Z")), ..scenario("new", None) };
        assert!(!added.in_play_known(day(10), &at("2025-11-10T11:59:59Z"), zone), "not yet added");
        assert!(
            added.in_play_known(day(9), &at("2025-11-10T12:00:00Z"), zone),
            "added, and without `since` in play on any day"
        );
        let retired = Scenario {
            retired: Some(day(12)),
            retired_recorded: Some(at("2025-11-20T09:00:00Z")),
            ..scenario("old", None)
        };
        assert!(
            retired.in_play_known(day(15), &at("2025-11-19T00:00:00Z"), zone),
            "the retirement was not recorded yet"
        );
        assert!(!retired.in_play_known(day(15), &at("2025-11-20T09:00:00Z"), zone));
        assert!(retired.in_play_known(day(11), &at("2025-11-21T00:00:00Z"), zone), "before the day it took effect");
    }

    #[test]
    fn ratings_map_to_numbers() {
        let parse = |t: &str| t.parse::<Likelihood>();
        assert_eq!(parse("CC").unwrap().value(), 0.95);
        assert_eq!(parse("II").unwrap().value(), 0.05);
        assert_eq!(parse("0.4").unwrap().value(), 0.4);
        assert!(parse("nan").is_err());
        assert!(parse("-1").is_err());
        assert_eq!("judgement".parse::<Method>().unwrap_err().hint.as_deref(), Some("did you mean `judgment`?"));
    }
}
