//! The on-disk records: serde structs mirroring each TOML file exactly, with byte spans kept.

use serde::Deserialize;
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
    pub tlp: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub title: Spanned<String>,
    pub summary: Option<Spanned<String>>,
    pub order: Option<Spanned<i64>>,
    pub since: Option<Spanned<Datetime>>,
    pub added: Option<Spanned<Datetime>>,
    pub retired: Option<Spanned<Datetime>>,
    pub retired_recorded: Option<Spanned<Datetime>>,
    pub retired_reason: Option<Spanned<String>>,
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
    /// The Admiralty grade as one value (`B2`), the form the `--grade` flag takes…
    pub grade: Option<Spanned<String>>,
    /// …or as its two parts.
    pub reliability: Option<Spanned<String>>,
    pub credibility: Option<Spanned<i64>>,
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub observes: Vec<Spanned<String>>,
    pub origin: Option<Spanned<String>>,
    /// When `evidence link` set `origin`.
    pub linked: Option<Spanned<Datetime>>,
    pub tlp: Option<Spanned<String>>,
    pub likelihood: Option<Spanned<SpannedMap>>,
    pub retracted: Option<Spanned<RetractionEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetractionEntry {
    pub date: Spanned<Datetime>,
    pub reason: Spanned<String>,
    /// When `evidence retract` wrote it; replays show the retraction from then.
    pub recorded: Option<Spanned<Datetime>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateFile {
    pub at: Spanned<Datetime>,
    pub recorded: Option<Spanned<Datetime>>,
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
