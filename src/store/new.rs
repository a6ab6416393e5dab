//! New records as TOML text: field order as documented, likelihoods and probabilities in the
//! scenarios' display order, every value written by the TOML serializer, never pasted as text.

use super::check::Frame;
use super::toml_time::{date_value, moment_value};
use crate::model::{Evidence, Likelihood, Moment, Resolution, Scenario, Settings, Update, id};
use chrono::NaiveDate;
use serde::Serialize;
use toml::value::Datetime;

#[derive(Serialize)]
struct NewNotebook<'a> {
    title: &'a str,
    question: &'a str,
    timezone: &'a str,
    words: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tlp: Option<&'a str>,
}

#[derive(Serialize)]
struct NewScenario<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    added: Option<Datetime>,
}

#[derive(Serialize)]
struct NewEvidence<'a> {
    title: &'a str,
    date: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    logged: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logged_by: Option<&'a str>,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "String::is_empty")]
    grade: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    observes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tlp: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "ordered_map")]
    likelihood: Vec<(&'a str, toml::Value)>,
}

#[derive(Serialize)]
struct NewUpdate<'a> {
    at: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded: Option<Datetime>,
    author: &'a str,
    method: &'a str,
    evidence: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'a str>,
    rationale: &'a str,
    #[serde(serialize_with = "ordered_map")]
    probabilities: Vec<(&'a str, f64)>,
}

#[derive(Serialize)]
struct NewResolution<'a> {
    scenario: &'a str,
    date: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded_by: Option<&'a str>,
}

/// Writes pairs as a TOML table in the order given.
fn ordered_map<K: Serialize, V: Serialize, S: serde::Serializer>(
    pairs: &[(K, V)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

fn to_toml<T: Serialize>(record: &T) -> String {
    toml::to_string(record).expect("records of strings, numbers and dates always serialize")
}

pub fn notebook_text(settings: &Settings) -> String {
    let zone = settings.timezone.name();
    to_toml(&NewNotebook {
        title: &settings.title,
        question: &settings.question,
        timezone: zone,
        words: settings.words.as_str(),
        tlp: (settings.tlp != crate::model::Tlp::Clear).then(|| settings.tlp.as_str()),
    })
}

pub fn scenario_text(scenario: &Scenario) -> String {
    to_toml(&NewScenario {
        title: &scenario.title,
        summary: scenario.summary.as_deref(),
        order: scenario.order,
        since: scenario.since.map(date_value),
        added: scenario.added.as_ref().map(moment_value),
    })
}

/// An evidence record; its likelihoods follow the scenarios' display order.
pub fn evidence_text(item: &Evidence, scenarios: &[Scenario]) -> String {
    let likelihood = item
        .likelihood
        .iter()
        .flat_map(|table| scenarios.iter().filter_map(|s| Some((s.id.as_str(), likelihood_value(*table.get(&s.id)?)))))
        .collect();
    to_toml(&NewEvidence {
        title: &item.title,
        date: date_value(item.date),
        logged: item.logged.as_ref().map(moment_value),
        logged_by: item.logged_by.as_deref(),
        source: &item.source,
        url: item.url.as_deref(),
        grade: item.grade.label(),
        summary: item.summary.as_deref(),
        tags: &item.tags,
        observes: item.observes.iter().map(|o| format!("{}/{}", o.scenario, o.indicator)).collect(),
        origin: item.origin.as_deref(),
        tlp: item.tlp.map(|t| t.as_str()),
        likelihood,
    })
}

fn likelihood_value(l: Likelihood) -> toml::Value {
    match l {
        Likelihood::Number(n) => toml::Value::Float(n),
        Likelihood::Rating(r) => toml::Value::String(r.as_str().to_string()),
    }
}

/// An update record; its probabilities follow the scenarios' display order.
pub fn update_text(update: &Update, scenarios: &[Scenario]) -> String {
    to_toml(&NewUpdate {
        at: moment_value(&update.at),
        recorded: update.recorded.as_ref().map(moment_value),
        author: &update.author,
        method: update.method.as_str(),
        evidence: &update.evidence,
        confidence: update.confidence.map(|c| c.as_str()),
        rationale: &update.rationale,
        probabilities: scenarios
            .iter()
            .filter_map(|s| Some((s.id.as_str(), *update.probabilities.get(&s.id)?)))
            .collect(),
    })
}

pub fn resolution_text(resolution: &Resolution) -> String {
    to_toml(&NewResolution {
        scenario: &resolution.scenario,
        date: date_value(resolution.date),
        note: resolution.note.as_deref(),
        recorded: resolution.recorded.as_ref().map(moment_value),
        recorded_by: resolution.recorded_by.as_deref(),
    })
}

/// The id a new evidence item gets: its date, a slug of its title, the author and the clone's
/// token, so that two analysts logging the same headline on the same day, or one analyst in two
/// clones, never write the same file.
pub fn evidence_stem(date: NaiveDate, title: &str, author: &str, token: &str) -> String {
    let who = id::name_slug(author, 16);
    let room = id::MAX_LEN - 11 - who.len() - 1 - token.len() - 1 - 6;
    format!("{date}-{}-{who}-{token}", id::slug(title, room))
}

/// A dated update name for `at` in the zone: `2025-11-13-091230-olena`.
pub fn update_name(at: &Moment, zone: chrono_tz::Tz, author: &str) -> String {
    format!("{}-{}", at.with_timezone(&zone).format("%Y-%m-%d-%H%M%S"), id::name_slug(author, 40))
}

/// The id a new update gets: its local date and time to the second, the author, and the clone's token.
pub fn update_stem(at: &Moment, frame: &Frame, author: &str, token: &str) -> String {
    format!("{}-{token}", update_name(at, frame.zone(), author))
}
