//! `forecast matrix`: the ACH matrix of evidence against scenarios.

use super::AsOf;
use crate::context::Context;
use crate::error::Result;
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::matrix;
use crate::store::Summaries;

/// Show the ACH matrix: evidence × scenarios, diagnosticity and inconsistency
///
/// Heuer's Analysis of Competing Hypotheses, from the ratings the notebook already holds. One row
/// per origin group (echoes of one report count once) of the items known then, not retracted,
/// with likelihoods; one column per scenario in play. Each cell is the ACH rating (a number reads
/// as the nearest of CC .95, C .8, N .5, I .2, II .05) and the number. Per row: diagnosticity (the
/// largest likelihood over the smallest) and the Admiralty grade; most diagnostic first. Per
/// scenario: the inconsistency score (I counts 1, II counts 2), the same weighted by each item's
/// grade, and the probability the items imply from a uniform prior. The last line names the least
/// inconsistent scenario and says whether the analysts' leading scenario agrees. With --author,
/// only the items that analyst has cited. See docs/review.md.
///
/// Examples:
///   forecast matrix
///   forecast matrix --as-of 2025-11-09 --format markdown
///   forecast --author olena matrix --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub as_of: AsOf,
    /// Output format: table, markdown, csv or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "markdown", "csv", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let author = super::shown_author(ctx, &ws)?;
    let as_of = ws.moment(args.as_of.as_of);
    let report = matrix::build(&ws.notebook.as_of(&as_of), author, &as_of);
    match args.format {
        Format::Markdown => ui.out(&render::matrix::markdown(&report)),
        Format::Csv => ui.out(&render::matrix::csv(&report)),
        format => super::show(ui, format, &report, render::matrix::text),
    }
}
