//! `forecast history`: every update, oldest first, with what changed and, with --explain, why.

use crate::context::Context;
use crate::error::Result;
use crate::model::time;
use crate::render;
use crate::report::history::{self, Filter};

/// Every recorded update, oldest first: time, author, method, probabilities with the change from that
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
    #[arg(long)]
    pub scenario: Option<String>,
    /// Only updates made on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only updates made on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    #[command(flatten)]
    pub as_of: super::AsOf,
    /// Show which evidence moved each update, and by how much
    #[arg(long)]
    pub explain: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Table,
    Csv,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    let as_of = args.as_of.moment(&ws)?;
    let zone = ws.notebook.settings.timezone;
    if let Some(id) = &args.scenario {
        super::scenario::find(&ws, id)?;
    }
    let filter = Filter {
        scenario: args.scenario,
        author: ctx.author_given().map(str::to_string),
        since: ws.day(args.since.as_deref(), "--since")?.map(|d| time::start_of_day(zone, d)),
        until: ws.day(args.until.as_deref(), "--until")?.map(|d| time::end_of_day(zone, d)),
        explain: args.explain,
    };
    let report = history::build(&ws.notebook.as_of(&as_of), &filter);
    match args.format {
        HistoryFormat::Json => print!("{}", render::evidence::json(&report)),
        HistoryFormat::Csv => print!("{}", render::history::csv(&report)),
        HistoryFormat::Table => print!("{}", render::history::text(&report)),
    }
    Ok(())
}
