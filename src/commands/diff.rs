//! `forecast diff FROM TO`: what changed between two moments, and what moved it.

use super::Format;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::render;
use crate::report::review;

/// What changed between two moments: the estimates (aggregate and per analyst), the updates made,
/// the evidence logged, indicators newly observed, retractions, and which evidence moved each scenario.
///
/// FROM and TO are dates (the end of that day) or RFC 3339 times.
///
/// Examples:
///   forecast diff 2025-11-03 2025-11-13
///   forecast diff 2025-11-09 2025-11-16 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    pub from: String,
    pub to: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    let from = ws.moment(Some(&args.from), "FROM")?;
    let to = ws.moment(Some(&args.to), "TO")?;
    if from >= to {
        return Err(Error::input(format!(
            "FROM ({}) is not before TO ({}), expected an earlier FROM",
            args.from, args.to
        )));
    }
    let report = review::diff(&ws.notebook.as_of(&to), &from, &to);
    match args.format {
        Format::Json => print!("{}", render::evidence::json(&report)),
        Format::Table => print!("{}", render::review::diff(&report)),
    }
    Ok(())
}
