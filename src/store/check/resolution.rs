//! Checking `resolution.toml`: a scenario in play on the resolution date.

use super::{Findings, Frame};
use crate::model::Resolution;
use crate::store::parse::FileRecord;
use crate::store::records::ResolutionFile;
use toml::Spanned;

/// Where the resolution lives.
pub const RESOLUTION_FILE: &str = "resolution.toml";

pub fn check(file: FileRecord<ResolutionFile>, frame: &Frame, out: &mut Findings) -> Option<Resolution> {
    let record = file.record;
    let date = out.date(RESOLUTION_FILE, &record.date);
    let recorded = record.recorded.as_ref().and_then(|d| out.moment(RESOLUTION_FILE, d));
    let name = record.scenario.get_ref();
    let scenario = out.scenario(RESOLUTION_FILE, record.scenario.span(), name, "", frame)?;
    if date.is_some_and(|d| !scenario.in_play_on(d)) {
        out.error(
            RESOLUTION_FILE,
            record.scenario.span(),
            format!("found scenario `{name}`, which is not in play on the resolution date"),
        );
        return None;
    }
    Some(Resolution {
        scenario: record.scenario.into_inner(),
        date: date?,
        note: record.note.map(Spanned::into_inner),
        recorded,
        recorded_by: record.recorded_by.map(Spanned::into_inner),
    })
}
