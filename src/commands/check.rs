//! `forecast check`: validates the whole notebook and lists every finding.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Ui;
use crate::render::{Format, diagnostics, json};
use crate::store::{self, Summaries};

/// Validate the notebook: syntax, types, ids, values, references and history
///
/// Silent with exit code 0 when all is well. Otherwise lists every finding, sorted by file and
/// line, then a count; exit code 1 if any is an error. Warnings alone exit 0.
///
/// Examples:
///   forecast check
///   forecast check --format json | jq '.diagnostics[] | select(.severity == "error")'
///   forecast check --fix        # also remove temporary files left by interrupted writes
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output format: text or json
    #[arg(long, default_value = "text", value_parser = super::formats(&["text", "json"]))]
    pub format: Format,
    /// Remove temporary files left by interrupted writes (those older than 10 minutes)
    #[arg(long)]
    pub fix: bool,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let root = ctx.root()?;
    if args.fix {
        let (removed, kept) = store::remove_temporary_files(&root)?;
        for path in removed {
            ui.err(&format!("removed `{path}`\n"));
        }
        for path in kept {
            ui.err(&format!("kept `{path}`: it is under 10 minutes old, so a write may still own it\n"));
        }
    }
    let (_, mut found) = ctx.check(&root, Summaries::Drop);
    for draft in store::abandoned_drafts(&root) {
        let hint = format!("log it with `forecast evidence add --from {draft}`, or delete it");
        found.push(
            Diagnostic::warning(draft, None, "a draft kept from an editor session that was given up").with_hint(hint),
        );
    }
    crate::diagnostic::sort(&mut found);
    let failed = found.iter().any(Diagnostic::is_error);
    match args.format {
        Format::Json => ui.out(&json::json(&diagnostics::JsonReport::of(&found)))?,
        _ if failed => return Err(Error::Invalid(found)),
        _ => ui.report(&diagnostics::report(&found, ui.err_style()))?,
    }
    if failed { Err(Error::Reported) } else { Ok(()) }
}
