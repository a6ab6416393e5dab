//! `forecast chart`: the probability chart alone, as SVG.

use super::AsOf;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::time;
use crate::output::Ui;
use crate::render;
use crate::report::chart;
use crate::store::{self, Summaries};
use chrono::NaiveDate;
use std::path::PathBuf;

/// Draw each scenario's probability over time as an SVG chart
///
/// A step chart of the aggregate (or, with --author, that analyst's) probability of each
/// scenario as it was believed at each moment, with the evidence logged in a strip below, and
/// retractions, scenarios added or retired, and the resolution marked on the time axis.
///
/// Examples:
///   forecast chart --out pokrovsk.svg
///   forecast chart --since 2025-11-01 --as-of 2025-11-09 > week45.svg
///   forecast --author olena chart --out olena.svg
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// First day shown [default: the day of the first update]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub since: Option<NaiveDate>,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Write the SVG here [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing file
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let author = super::shown_author(ctx, &ws)?;
    let as_of = ws.moment(args.as_of.as_of);
    let last = crate::model::time::day_in(ws.zone(), &as_of);
    if let Some(since) = args.since.filter(|since| *since > last) {
        return Err(Error::input(format!(
            "`--since {since}` is after the last day shown ({last}), expected an earlier day"
        )));
    }
    let picture = chart::build(&ws.notebook.as_of(&as_of), author, args.since, &as_of, None, &|_| false);
    let svg = render::chart::svg(&picture).map_err(Error::input)?;
    match args.out {
        None => ui.out(&svg),
        Some(out) => {
            let landed = store::write_outputs(
                Some(&ws.root),
                &[(ctx.path(&out), svg.into_bytes())],
                args.force,
                "pass --force to replace it",
            )?;
            landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
            Ok(())
        }
    }
}
