//! `forecast resolve`: records how the question resolved, once.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::time;
use crate::store::{append, read::RESOLUTION_FILE, records::NewResolution};

/// Record how the question resolved: writes resolution.toml with the scenario, the date, a note,
/// and when and by whom it was recorded. Refuses a second resolution; to change one, edit
/// resolution.toml by hand and run `forecast check`.
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
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    #[arg(long)]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load()?;
    if ws.root.join(RESOLUTION_FILE).exists() {
        return Err(Error::refused(
            "the question is already resolved",
            "to change the resolution, edit resolution.toml by hand, then run `forecast check`",
        ));
    }
    let scenario = super::scenario::find(&ws, &args.scenario)?;
    let date = time::parse_date(&args.date).map_err(|m| Error::input(format!("invalid `--date`: {m}")))?;
    if !scenario.in_play_on(date) {
        return Err(Error::input(format!(
            "scenario `{}` is not in play on {date}, expected a scenario in play that day",
            scenario.id
        )));
    }
    if date > time::day_in(ws.notebook.settings.timezone, &ws.now) {
        return Err(Error::input(format!("`--date {date}` is in the future, expected today or earlier")));
    }
    let record = NewResolution {
        scenario: scenario.id.clone(),
        date: time::date_value(date),
        note: args.note.filter(|n| !n.trim().is_empty()),
        recorded: time::moment_value(&ws.now),
        recorded_by: ctx.author()?,
    };
    append::write_resolution(&ws.root, &record).map_err(|e| Error::write(ws.root.join(RESOLUTION_FILE), e))?;
    eprintln!("resolved as `{}` on {date}; see the scores with `forecast score`", scenario.id);
    Ok(())
}
