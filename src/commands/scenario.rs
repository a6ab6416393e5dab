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

/// Add, retire, list and show scenarios
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  forecast scenario list
  forecast scenario show withdrawal
  forecast scenario add stalemate --title \"Frozen front\"
  forecast scenario retire pushback --reason \"No reserves left\"")]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Add(AddArgs),
    Retire(RetireArgs),
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
    #[arg(value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub id: String,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

/// Add a scenario
///
/// The file records when it was added. Records made before then need nothing for it; from then
/// on every update covers it (record the first by judgment: Bayes cannot invent a prior for it),
/// and old evidence can be rated for it with `forecast evidence rate`. An earlier --since is
/// refused if it would make an existing record invalid.
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

/// Retire a scenario: from the day given it is out of play
///
/// Records the day, the reason, and when the retirement was recorded (`retired_recorded`): a
/// replay of any earlier moment, such as a past week's briefing, is unchanged. From the retirement
/// on, every standing estimate is read over the scenarios still in play, renormalized. Refuses a
/// day in the future or not after the scenario's `since`, a resolved question, leaving fewer than
/// two scenarios in play, and a day that would make an existing record invalid.
///
/// Examples:
///   forecast scenario retire pushback --reason "Reserves committed to Kupiansk"
///   forecast scenario retire pushback --date 2025-12-01 --reason "No reserves left"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct RetireArgs {
    /// The scenario's id, or a unique start of it
    #[arg(value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub id: String,
    /// The first day it is out of play [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub date: Option<NaiveDate>,
    /// Why it is retired
    #[arg(long)]
    pub reason: Option<String>,
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
        Sub::Retire(a) => retire(ctx, ui, a),
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
    let _lock = store::lock_alone(&ctx.root()?)?;
    let (root, frame) = ctx.frame()?;
    if let Some(resolution) = store::resolution(&root, &frame)? {
        return Err(Error::refused(
            format!(
                "the question resolved as `{}` on {}, so its scenarios are settled",
                resolution.scenario, resolution.date
            ),
            "estimates and scenarios are locked once the question is resolved",
        ));
    }
    id::validate(&args.id).map_err(|m| Error::input(format!("invalid scenario id `{}`: {m}", args.id)))?;
    if frame.scenarios.iter().any(|s| s.id == args.id) || frame.unreadable.contains(&args.id) {
        return Err(Error::input(format!("scenario `{}` already exists", args.id)));
    }
    if args.title.trim().is_empty() {
        return Err(Error::input("found an empty `--title`, expected some text"));
    }
    let now = ctx.now(frame.zone());
    let today = time::day_in(frame.zone(), &now);
    let since = args.since.or_else(|| store::has_records(&root).then_some(today));
    let scenario = Scenario {
        summary: args.summary,
        order: args.order,
        since,
        added: Some(now),
        ..Scenario::new(args.id.clone(), args.title)
    };
    let what = if args.since.is_some() { "--since" } else { "scenario, added now," };
    refuse_breaks(&root, &scenario, what)?;
    let landed = store::add_scenario(&root, &scenario, &frame)?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    ui.out(&format!("{}\n", args.id))?;
    let from = since.map_or("now".to_string(), |d| format!("from {d}"));
    ui.err(&format!("added `{}` (scenarios/{}.toml); it is in play {from}\n", args.id, args.id));
    if since.is_some_and(|d| d < today) {
        ui.err("note: it is recorded now; replays and scores of moments before now do not show it, as it was not yet part of the question\n");
    }
    ui.err(&format!(
        "note: the next update must give `{}` a probability; record it by judgment: forecast update {}=P\n",
        args.id, args.id
    ));
    Ok(())
}

/// Refuses a scenario change that would make existing records invalid, naming them.
fn refuse_breaks(root: &std::path::Path, scenario: &Scenario, what: &str) -> Result<()> {
    let broken = store::breaks_with(root, scenario);
    if broken.is_empty() {
        return Ok(());
    }
    let mut files: Vec<&str> = broken.iter().map(|d| d.path.as_str()).collect();
    files.dedup();
    let shown: Vec<String> = files.iter().take(8).map(|f| format!("`{f}`")).collect();
    let more = files.len().saturating_sub(8);
    Err(Error::refused(
        format!(
            "this {what} would make {} invalid: {}{}",
            render::table::count(files.len(), "record"),
            shown.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ),
        format!("for example: {}", broken[0].message),
    ))
}

fn retire(ctx: &Context, ui: &Ui, args: RetireArgs) -> Result<()> {
    let _lock = store::lock_alone(&ctx.root()?)?;
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let scenario = ws.notebook.find_scenario(&args.id)?.clone();
    let today = time::day_in(ws.zone(), &ws.now);
    let day = args.date.unwrap_or(today);
    if let Some(retired) = scenario.retired {
        return Err(Error::refused(
            format!("`{}` was already retired on {retired}", scenario.id),
            "to change a retirement, edit the scenario's file by hand, then run `forecast check`",
        ));
    }
    if let Some(resolution) = &ws.notebook.resolution {
        return Err(Error::refused(
            format!(
                "the question resolved as `{}` on {}, so its scenarios are settled",
                resolution.scenario, resolution.date
            ),
            "estimates and scenarios are locked once the question is resolved",
        ));
    }
    if day > today {
        return Err(Error::input(format!("`--date {day}` is in the future, expected today ({today}) or earlier")));
    }
    if let Some(since) = scenario.since.filter(|since| day <= *since) {
        return Err(Error::input(format!(
            "`--date {day}` is not after the scenario's `since = {since}`, expected a later day"
        )));
    }
    let remaining = ws.notebook.scenarios.iter().filter(|s| s.id != scenario.id && s.in_play_on(day)).count();
    if remaining < 2 {
        return Err(Error::refused(
            format!("retiring `{}` would leave {} in play", scenario.id, render::table::count(remaining, "scenario")),
            "a question with one scenario left is settled: record it with `forecast resolve`",
        ));
    }
    let reason = args.reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    let retired = Scenario { retired: Some(day), retired_recorded: Some(ws.now), retired_reason: reason, ..scenario };
    refuse_breaks(&ws.root, &retired, "retirement")?;
    let landed = store::retire(&ws.root, &retired)?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    ui.out(&format!("retired `{}` from {day}\n", retired.id))
        .map_err(|e| e.after_writing(format!("`{}` was retired", retired.id)))?;
    ui.err("from then on every standing estimate is read over the scenarios still in play, renormalized\n");
    if day < today {
        ui.err(&format!(
            "note: the retirement is recorded now; replays and scores of moments before now still show `{}` in play, as it was then believed\n",
            retired.id
        ));
    }
    Ok(())
}

fn list(ctx: &Context, ui: &Ui, args: ListArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let day = time::day_in(ws.zone(), &ws.now);
    let listing = crate::report::scenarios::list(&ws.notebook, day);
    super::show(ui, args.format, &listing, render::review::scenarios)
}
