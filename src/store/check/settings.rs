//! Checking `notebook.toml`: title, question, time zone and word scale.

use super::Findings;
use crate::model::{Settings, WordScale, time};
use crate::store::records::NotebookFile;
use chrono_tz::Tz;

/// Where the settings live.
pub const NOTEBOOK_FILE: &str = "notebook.toml";

pub fn check(file: NotebookFile, out: &mut Findings) -> Settings {
    let timezone =
        file.timezone.as_ref().and_then(|zone| out.parse(NOTEBOOK_FILE, zone, time::parse_zone)).unwrap_or(Tz::UTC);
    let words = file
        .words
        .as_ref()
        .and_then(|words| out.parse(NOTEBOOK_FILE, words, str::parse::<WordScale>))
        .unwrap_or(WordScale::Icd203);
    let tlp = file.tlp.as_ref().and_then(|t| out.parse(NOTEBOOK_FILE, t, str::parse::<crate::model::Tlp>));
    Settings {
        title: out.text(NOTEBOOK_FILE, "title", file.title),
        question: out.text(NOTEBOOK_FILE, "question", file.question),
        timezone,
        words,
        tlp: tlp.unwrap_or(crate::model::Tlp::Clear),
    }
}
