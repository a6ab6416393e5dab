//! `forecast whatif --without ID...`: the estimate had some evidence never been logged.

use super::Format;
use crate::context::{Context, Workspace};
use crate::error::{Error, Result};
use crate::model::Moment;
use crate::render;
use crate::report::review;

/// Replay every analyst's timeline without some evidence items and compare with the estimate as
/// recorded. Bayes updates are recomputed from their recorded likelihoods, chained from the
/// replayed prior; judgment updates stand as recorded and are flagged if they cited a removed item.
///
/// Examples:
///   forecast whatif --without 2025-11-04-russia-claims-full-blockade
///   forecast whatif --without a --without b --as-of 2025-11-07
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// An evidence item to leave out (repeatable)
    #[arg(long = "without", value_name = "ID", required = true)]
    pub without: Vec<String>,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    let as_of = args.as_of.moment(&ws)?;
    for id in &args.without {
        super::evidence::find(&ws, id)?;
    }
    let removed: Vec<&str> = args.without.iter().map(String::as_str).collect();
    let report = build(&ws, &removed, &as_of)?;
    match args.format {
        Format::Json => print!("{}", render::evidence::json(&report)),
        Format::Table => print!("{}", render::review::whatif(&report)),
    }
    Ok(())
}

/// The what-if report at `as_of`.
pub fn build(ws: &Workspace, removed: &[&str], as_of: &Moment) -> Result<review::WhatIf> {
    if ws.notebook.updates.is_empty() {
        return Err(Error::refused("no estimate has been recorded yet", "record one with `forecast update`"));
    }
    Ok(review::whatif(&ws.notebook.as_of(as_of), removed, as_of))
}
