//! `forecast score`: Brier, time-averaged Brier and log scores of every analyst and the aggregate.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::score;
use crate::store::Summaries;

/// Score every analyst and the aggregate once the question is resolved
///
/// All Brier scores here are per question: the sum over the scenarios of (pᵢ − oᵢ)², 0 perfect,
/// 2 worst. final_brier: the estimate held just before the resolution day began (an update made
/// on the resolution day does not count).
/// time_averaged_brier: the mean Brier of the estimate standing at the end of each day, from the
/// day of the first update to the day before resolution. log_score: ln of the final probability
/// of the outcome. baseline_brier: a uniform forecast's Brier. See docs/scoring.md.
///
/// Examples:
///   forecast score
///   forecast score --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let card = score::scorecard(&ws.notebook).ok_or_else(|| {
        Error::refused(
            "the question is not resolved yet, so there is nothing to score",
            "record the outcome with `forecast resolve SCENARIO --date YYYY-MM-DD`",
        )
    })?;
    super::show(ui, args.format, &card, render::score::scorecard)
}
