//! `forecast chart`: the probability chart alone, as SVG.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::render;
use crate::report::chart;
use crate::store::templates;
use std::path::PathBuf;

/// Draw each scenario's aggregate probability over time as an SVG step chart, with the evidence
/// logged marked on the time axis.
///
/// Examples:
///   forecast chart --out pokrovsk.svg
///   forecast chart --since 2025-11-01 --as-of 2025-11-09 > week45.svg
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// First day shown [default: the day of the first update]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    #[command(flatten)]
    pub as_of: super::AsOf,
    /// Write the SVG here [default: stdout]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing file
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    let as_of = args.as_of.moment(&ws)?;
    let since = ws.day(args.since.as_deref(), "--since")?;
    let picture = chart::build(&ws.notebook.as_of(&as_of), since, &as_of, None);
    let svg = render::chart::svg(&picture).map_err(Error::input)?;
    match args.out {
        None => print!("{svg}"),
        Some(out) => {
            let path = ctx.cwd().join(out);
            if path.exists() && !args.force {
                return Err(Error::refused(
                    format!("`{}` already exists", path.display()),
                    "pass --force to replace it",
                ));
            }
            templates::write_output(&path, &svg, args.force).map_err(|e| Error::write(&path, e))?;
        }
    }
    Ok(())
}
