//! `forecast history`: every update, oldest first, with what changed and, with --explain, why.

use super::AsOf;
use crate::context::Context;
use crate::error::Result;
use crate::model::time;
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::history::{self, Filter};
use crate::store::Summaries;
use chrono::NaiveDate;

/// Every update, oldest first: what changed, and with --explain, why
///
/// For each recorded update: time, author, method, probabilities with the change from that
/// author's previous estimate, the cited evidence, and the rationale's first line.
///
/// --explain adds what moved each update: a Bayes update's shift is split by each item's
/// log-likelihood-ratio weight; a judgment update's is shared equally among its cited items.
///
/// Examples:
///   forecast history
///   forecast history --scenario withdrawal --explain
///   forecast history --format csv > history.csv
///   forecast --author marko history --since 2025-11-10
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only this scenario's column
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// Only updates made on or after this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub since: Option<NaiveDate>,
    /// Only updates made on or before this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub until: Option<NaiveDate>,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Show which evidence moved each update, and by how much
    #[arg(long)]
    pub explain: bool,
    /// Output format: table, csv or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "csv", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let author = super::shown_author(ctx, &ws)?;
    let as_of = ws.moment(args.as_of.as_of);
    let zone = ws.zone();
    let scenario = args.scenario.as_deref().map(|id| ws.notebook.find_scenario(id)).transpose()?;
    let filter = Filter {
        scenario: scenario.map(|s| s.id.clone()),
        author: author.map(str::to_string),
        since: args.since.map(|d| time::start_of_day(zone, d)),
        until: args.until.map(|d| time::end_of_day(zone, d)),
        explain: args.explain,
    };
    let report = history::build(&ws.notebook.as_of(&as_of), &filter);
    match args.format {
        Format::Csv => ui.out(&render::history::csv(&report)),
        format => super::show(ui, format, &report, render::history::text),
    }
}
