//! `forecast diff FROM TO`: what changed between two moments, and what moved it.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::time::{self, TimeArg};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::review;
use crate::store::Summaries;

/// What changed between two moments, and which evidence moved it
///
/// The estimates (aggregate and per analyst), the updates made, the evidence logged, indicators
/// newly observed, retractions, and which evidence moved each scenario. FROM and TO are dates
/// (the end of that day) or RFC 3339 times.
///
/// Examples:
///   forecast diff 2025-11-03 2025-11-13
///   forecast diff 2025-11-09 2025-11-16 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The earlier moment: a date (its last instant) or an RFC 3339 time
    #[arg(value_name = "FROM")]
    pub from: TimeArg,
    /// The later moment
    #[arg(value_name = "TO")]
    pub to: TimeArg,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let from = ws.moment(Some(args.from));
    let to = ws.moment(Some(args.to));
    if from >= to {
        return Err(Error::input(format!(
            "FROM ({}) is not before TO ({}), expected an earlier FROM",
            time::rfc3339(&from),
            time::rfc3339(&to)
        )));
    }
    let report = review::diff(&ws.notebook.as_of(&to), &from, &to);
    super::show(ui, args.format, &report, render::review::diff)
}
