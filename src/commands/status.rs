//! `forecast status`: the current estimate, how it moved in a week, and what is pending.

use super::AsOf;
use crate::context::Context;
use crate::error::Result;
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::status;
use crate::store::Summaries;

/// The estimate now, a week ago, in words, with its range and trend
///
/// Per scenario: the probability, the estimate 7 days earlier, the change, the estimative words,
/// the 90% range from analytic confidence and a 12-week sparkline; then each analyst's estimate
/// and their disagreement, the latest update, evidence not yet reflected, and indicators observed.
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
    pub as_of: AsOf,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let author = super::shown_author(ctx, &ws)?;
    let as_of = ws.moment(args.as_of.as_of);
    let looking = status::Looking::days(ws.zone(), &as_of);
    let report = status::build(&ws.notebook.as_of(&as_of), author, &as_of, &looking);
    super::show(ui, args.format, &report, |r| render::status::text(r, ui.out_style()))
}
