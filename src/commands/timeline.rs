//! `forecast timeline`: the estimate day by day, as known each day, for spreadsheets.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::time;
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::timeline;
use crate::store::Summaries;
use chrono::NaiveDate;

/// The estimate day by day, as known each day, for a spreadsheet
///
/// One row per day in the notebook's zone, --since and --until both included: the aggregate of
/// the analysts' standing estimates for each scenario at the end of that day, then each analyst's
/// own, as known then (an update written later, even backdated, counts from when it was written).
/// CSV has a header row; cells are fractions, empty where a scenario is not in play or there is no
/// estimate yet. JSON gives the same with null. Defaults: from the day of the first update to
/// today.
///
/// Examples:
///   forecast timeline > timeline.csv
///   forecast timeline --since 2025-11-01 --until 2025-11-30
///   forecast timeline --format json | jq '.days[-1].aggregate'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The first day [default: the day of the first update]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub since: Option<NaiveDate>,
    /// The last day [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub until: Option<NaiveDate>,
    /// Output format: csv or json
    #[arg(long, default_value = "csv", value_parser = super::formats(&["csv", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let zone = ws.zone();
    let today = time::day_in(zone, &ws.now);
    let Some(first) = ws.notebook.updates.iter().map(|u| time::day_in(zone, &u.at)).min() else {
        return Err(Error::refused("no estimate has been recorded yet", "record one with `forecast update`"));
    };
    let until = args.until.unwrap_or(today);
    let since = args.since.unwrap_or(first.min(until));
    if until > today {
        return Err(Error::refused(
            format!("found --until {until}, after today ({today}); expected a day that has begun"),
            "a timeline shows what was known each day; leave out --until to end today",
        ));
    }
    if since > until {
        return Err(Error::usage(
            format!("found --since {since} after --until {until}; expected the first day first"),
            "swap them",
        ));
    }
    let report = timeline::build(&ws.notebook, since, until);
    match args.format {
        Format::Csv => ui.out(&render::timeline::csv(&report)),
        format => super::show(ui, format, &report, render::timeline::csv),
    }
}
