//! `forecast check`: validates the whole notebook and lists every finding.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::render::diagnostics;
use crate::store;

/// Validate the notebook: syntax, types, ids, values, references and history.
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
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Remove leftover temporary files of the tool
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let root = ctx.root()?;
    if args.fix {
        let removed = store::read::remove_temporary_files(&root).map_err(|e| Error::write(&root, e))?;
        for path in removed {
            eprintln!("removed `{path}`");
        }
    }
    let (_, found) = ctx.check(&root, store::Summaries::Drop);
    let failed = found.iter().any(Diagnostic::is_error);
    match args.format {
        Format::Json => print!("{}", diagnostics::json(&found)),
        Format::Text if failed => return Err(Error::Invalid(found)),
        Format::Text => eprint!("{}", diagnostics::report(&found, ctx.err_style)),
    }
    if failed { Err(Error::Reported) } else { Ok(()) }
}
