//! `forecast resolve`: records how the question resolved, once.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Resolution, time};
use crate::output::Ui;
use crate::store::{self, Summaries};
use chrono::NaiveDate;

/// Record how the question resolved
///
/// Writes resolution.toml with the scenario, the date, a note, and when and by whom it was
/// recorded. Refuses a second resolution; to change one, edit resolution.toml by hand and run
/// `forecast check`.
///
/// Examples:
///   forecast resolve withdrawal --date 2026-01-10 --note "Ukrainian forces withdrew from Myrnohrad"
///   forecast score
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The scenario that happened
    pub scenario: String,
    /// The day the question resolved
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub date: NaiveDate,
    /// How it resolved, in a sentence
    #[arg(long)]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let _lock = store::lock_alone(&ctx.root()?)?;
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    if ws.notebook.resolution.is_some() || ws.root.join(store::RESOLUTION_FILE).exists() {
        return Err(Error::refused(
            "the question is already resolved",
            "to change the resolution, edit resolution.toml by hand, then run `forecast check`",
        ));
    }
    let scenario = ws.notebook.find_scenario(&args.scenario)?;
    let date = args.date;
    if !scenario.in_play_on(date) {
        return Err(Error::input(format!(
            "scenario `{}` is not in play on {date}, expected a scenario in play that day",
            scenario.id
        )));
    }
    if date > time::day_in(ws.zone(), &ws.now) {
        return Err(Error::input(format!("`--date {date}` is in the future, expected today or earlier")));
    }
    let resolution = Resolution {
        scenario: scenario.id.clone(),
        date,
        note: args.note.filter(|n| !n.trim().is_empty()),
        recorded: Some(ws.now),
        recorded_by: Some(ctx.author()?),
    };
    let landed = store::add_resolution(&ws.root, &resolution, &store::Frame::of(&ws.notebook))?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    ui.err(&format!("resolved as `{}` on {date}; see the scores with `forecast score`\n", scenario.id));
    Ok(())
}
