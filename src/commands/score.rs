//! `forecast score`: Brier, time-averaged Brier and log scores of every analyst and the aggregate.

use super::Format;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::render;
use crate::report::score;

/// Score every analyst and the notebook's aggregate once the question is resolved.
///
/// final_brier: Σ(pᵢ − oᵢ)² (0 perfect, 2 worst) of the estimate standing at the start of the
/// resolution date. time_averaged_brier: the mean Brier of the estimate standing at the end of
/// each day, from the day of the first update to the day before resolution. log_score: ln of the
/// final probability of the outcome. baseline_brier: a uniform forecast's Brier. See docs/scoring.md.
///
/// Examples:
///   forecast score
///   forecast score --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    let card = score::scorecard(&ws.notebook).ok_or_else(|| {
        Error::refused(
            "the question is not resolved yet, so there is nothing to score",
            "record the outcome with `forecast resolve SCENARIO --date YYYY-MM-DD`",
        )
    })?;
    match args.format {
        Format::Json => print!("{}", render::evidence::json(&card)),
        Format::Table => print!("{}", render::score::scorecard(&card)),
    }
    Ok(())
}
