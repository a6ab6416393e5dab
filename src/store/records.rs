//! The on-disk records: serde structs mirroring each TOML file exactly, with byte spans kept.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::value::Datetime;
use toml::{Spanned, Value};

/// A map whose keys and values both keep their spans (probabilities, likelihoods).
pub type SpannedMap = BTreeMap<Spanned<String>, Spanned<Value>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotebookFile {
    pub title: Spanned<String>,
    pub question: Spanned<String>,
    pub timezone: Option<Spanned<String>>,
    pub words: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub title: Spanned<String>,
    pub summary: Option<Spanned<String>>,
    pub order: Option<Spanned<i64>>,
    pub since: Option<Spanned<Datetime>>,
    pub retired: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub indicators: Vec<IndicatorEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEntry {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceFile {
    pub title: Spanned<String>,
    pub date: Spanned<Datetime>,
    pub logged: Option<Spanned<Datetime>>,
    pub logged_by: Option<Spanned<String>>,
    pub source: Spanned<String>,
    pub url: Option<Spanned<String>>,
    pub reliability: Option<Spanned<String>>,
    pub credibility: Option<Spanned<i64>>,
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub observes: Vec<Spanned<String>>,
    pub likelihood: Option<Spanned<SpannedMap>>,
    pub retracted: Option<Spanned<RetractionEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetractionEntry {
    pub date: Spanned<Datetime>,
    pub reason: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateFile {
    pub at: Spanned<Datetime>,
    pub author: Spanned<String>,
    pub method: Spanned<String>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
    pub confidence: Option<Spanned<String>>,
    pub rationale: Option<Spanned<String>>,
    pub probabilities: Spanned<SpannedMap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionFile {
    pub scenario: Spanned<String>,
    pub date: Spanned<Datetime>,
    pub note: Option<Spanned<String>>,
    pub recorded: Option<Spanned<Datetime>>,
    pub recorded_by: Option<Spanned<String>>,
}

// ---- Records the tool writes. Field order here is the order in the file. ----

#[derive(Debug, Serialize)]
pub struct NewNotebook<'a> {
    pub title: &'a str,
    pub question: &'a str,
    pub timezone: &'a str,
    pub words: &'a str,
}

#[derive(Debug, Serialize)]
pub struct NewScenario<'a> {
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Datetime>,
}

#[derive(Debug, Serialize)]
pub struct NewEvidence {
    pub title: String,
    pub date: Datetime,
    pub logged: Datetime,
    pub logged_by: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credibility: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub observes: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub likelihood: BTreeMap<String, Value>,
}

#[derive(Debug, Serialize)]
pub struct NewUpdate {
    pub at: Datetime,
    pub author: String,
    pub method: String,
    pub evidence: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    pub rationale: String,
    /// In display order.
    #[serde(serialize_with = "ordered_map")]
    pub probabilities: Vec<(String, f64)>,
}

/// Writes pairs as a TOML table in the order given.
fn ordered_map<S: serde::Serializer>(pairs: &[(String, f64)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

#[derive(Debug, Serialize)]
pub struct NewResolution {
    pub scenario: String,
    pub date: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub recorded: Datetime,
    pub recorded_by: String,
}
