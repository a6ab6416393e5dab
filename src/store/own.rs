//! The records the tool writes pass the same checks as `check` before they land: no larger than a
//! record may be, and valid for their kind, so that no command leaves the notebook invalid.

use super::check::{self, Findings, Frame};
use super::files::MAX_RECORD_BYTES;
use super::{locate, parse, records};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

/// The kinds of record the tool writes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Settings,
    Scenario,
    Evidence,
    Update,
    Resolution,
}

/// Checks `text` as a record of `kind` named `name` (its file, for messages), against `frame`.
pub fn check(kind: Kind, name: &str, text: &str, frame: &Frame) -> Result<()> {
    fits(name, text)?;
    let id = parse::record_id(name);
    let mut found = Vec::new();
    let parsed = match kind {
        Kind::Settings => parse::parse_text::<records::NotebookFile>(name, id, text.as_bytes()).map(|r| {
            check::settings::check(r.record, &mut Findings { list: &mut found });
            Some(())
        }),
        Kind::Scenario => parse::parse_text::<records::ScenarioFile>(name, id, text.as_bytes()).map(|r| {
            check::scenario::check(r, &mut Findings { list: &mut found });
            Some(())
        }),
        Kind::Evidence => parse::parse_text::<records::EvidenceFile>(name, id, text.as_bytes())
            .map(|r| check::evidence::check(r, frame, &mut Findings { list: &mut found }).map(drop)),
        Kind::Update => parse::parse_text::<records::UpdateFile>(name, id, text.as_bytes())
            .map(|r| check::update::check(r, frame, &mut Findings { list: &mut found }).map(drop)),
        Kind::Resolution => parse::parse_text::<records::ResolutionFile>(name, id, text.as_bytes())
            .map(|r| check::resolution::check(r, frame, &mut Findings { list: &mut found }).map(drop)),
    };
    let ok = parsed.map_err(|list| found.extend(list)).ok().flatten().is_some();
    if !ok || found.iter().any(Diagnostic::is_error) {
        locate::in_text(text, &mut found);
        return Err(Error::Invalid(found));
    }
    Ok(())
}

/// Refuses a record larger than `check` reads.
pub fn fits(name: &str, text: &str) -> Result<()> {
    if text.len() as u64 > MAX_RECORD_BYTES {
        return Err(Error::refused(
            format!(
                "`{name}` would be {} bytes, more than the {MAX_RECORD_BYTES} bytes (1 MiB) a record may hold",
                text.len()
            ),
            "shorten its longest text (summary, rationale, reason, tags); nothing was written",
        ));
    }
    Ok(())
}
