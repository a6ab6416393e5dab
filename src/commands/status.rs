//! `forecast status`: the current estimate, how it moved in a week, and what is pending.

use super::Format;
use crate::context::Context;
use crate::error::Result;
use crate::render;
use crate::report::status;

/// The estimate now: per scenario the probability, a week ago, the change, the estimative words,
/// the 90% range from analytic confidence and a 12-week sparkline; then each analyst's estimate and
/// their disagreement, the latest update, evidence not yet reflected, and indicators observed.
///
/// Without --author it shows the notebook's aggregate (the renormalized geometric mean of each
/// analyst's standing estimate); with it, that analyst's.
///
/// Examples:
///   forecast status
///   forecast status --as-of 2025-11-06
///   forecast --author olena status --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    let as_of = args.as_of.moment(&ws)?;
    let known = ws.notebook.as_of(&as_of);
    let report = status::build(&known, ctx.author_given(), &as_of);
    match args.format {
        Format::Json => print!("{}", render::evidence::json(&report)),
        Format::Table => print!("{}", render::status::text(&report, ctx.out_style)),
    }
    Ok(())
}
