//! `forecast whatif --without ID...`: the estimate had some evidence never been logged.

use super::AsOf;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::review;
use crate::store::Summaries;

/// The estimate had some evidence never been logged
///
/// Replays every analyst's timeline without the items and compares with the estimate as
/// recorded. Bayes updates are recomputed from their recorded likelihoods, chained from the
/// replayed prior; judgment updates stand as recorded and are flagged if they cited a removed item.
///
/// Examples:
///   forecast whatif --without 2025-11-04-russia-claims-full-blockade
///   forecast whatif --without a --without b --as-of 2025-11-07
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// An evidence item to leave out: its id or a unique start of it (repeatable)
    #[arg(long = "without", value_name = "ID", required = true)]
    pub without: Vec<String>,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let as_of = ws.moment(args.as_of.as_of);
    let mut removed = Vec::new();
    for id in &args.without {
        removed.push(ws.notebook.find_evidence(id)?.id.as_str());
    }
    if ws.notebook.updates.is_empty() {
        return Err(Error::refused("no estimate has been recorded yet", "record one with `forecast update`"));
    }
    let report = review::whatif(&ws.notebook.as_of(&as_of), &removed, &as_of);
    super::show(ui, args.format, &report, render::review::whatif)
}
