//! `forecast scenario`: add, list and show scenarios.

use super::AsOf;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Scenario, id, time};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::review;
use crate::store::{self, Summaries};
use chrono::NaiveDate;

/// Add, list and show scenarios
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
}

/// One scenario with its indicators, evidence and probability over time
///
/// Its summary, indicators and what observed them, the items that favour it and count against it
/// most, and its probability after every update.
///
/// Examples:
///   forecast scenario show withdrawal
///   forecast scenario show containment --as-of 2025-11-06 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The scenario's id, or a unique start of it
    pub id: String,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

/// Add a scenario
///
/// Once a scenario is in play, every update must give it a probability: the next update has to
/// cover it (record it by judgment, since Bayes cannot invent a prior for it).
///
/// Examples:
///   forecast scenario add stalemate --title "Frozen front" --summary "Lines hold through winter" --order 4
///   forecast scenario add ceasefire --title "Ceasefire" --since 2025-12-01
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct AddArgs {
    /// The new scenario's id (lowercase letters, digits and `-`)
    pub id: String,
    /// Its short name
    #[arg(long)]
    pub title: String,
    /// What the scenario means
    #[arg(long)]
    pub summary: Option<String>,
    /// Display order
    #[arg(long)]
    pub order: Option<i64>,
    /// First day in play [default: today; none in a notebook without records]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub since: Option<NaiveDate>,
}

/// List the scenarios in display order
///
/// Examples:
///   forecast scenario list
///   forecast scenario list --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    match args.command {
        Sub::Add(a) => add(ctx, ui, a),
        Sub::List(a) => list(ctx, ui, a),
        Sub::Show(a) => show(ctx, ui, a),
    }
}

fn show(ctx: &Context, ui: &Ui, args: ShowArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let id = ws.notebook.find_scenario(&args.id)?.id.clone();
    let as_of = ws.moment(args.as_of.as_of);
    let view = review::scenario(&ws.notebook.as_of(&as_of), &id).expect("the scenario exists");
    super::show(ui, args.format, &view, render::review::scenario)
}

fn add(ctx: &Context, ui: &Ui, args: AddArgs) -> Result<()> {
    let (root, frame) = ctx.frame()?;
    id::validate(&args.id).map_err(|m| Error::input(format!("invalid scenario id `{}`: {m}", args.id)))?;
    if frame.scenarios.iter().any(|s| s.id == args.id) || frame.unreadable.contains(&args.id) {
        return Err(Error::input(format!("scenario `{}` already exists", args.id)));
    }
    if args.title.trim().is_empty() {
        return Err(Error::input("found an empty `--title`, expected some text"));
    }
    let today = time::day_in(frame.zone(), &ctx.now(frame.zone()));
    let since = args.since.or_else(|| store::has_records(&root).then_some(today));
    let scenario = Scenario {
        id: args.id.clone(),
        title: args.title,
        summary: args.summary,
        order: args.order,
        since,
        retired: None,
        indicators: Vec::new(),
    };
    let landed = store::add_scenario(&root, &scenario)?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    ui.out(&format!("{}\n", args.id))?;
    let from = since.map_or("now".to_string(), |d| format!("from {d}"));
    ui.err(&format!("added `{}` (scenarios/{}.toml); it is in play {from}\n", args.id, args.id));
    ui.err(&format!(
        "note: the next update must give `{}` a probability; record it by judgment: forecast update {}=P\n",
        args.id, args.id
    ));
    Ok(())
}

fn list(ctx: &Context, ui: &Ui, args: ListArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let day = time::day_in(ws.zone(), &ws.now);
    let listing = crate::report::scenarios::list(&ws.notebook, day);
    super::show(ui, args.format, &listing, render::review::scenarios)
}
