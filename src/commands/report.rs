//! `forecast report`: the weekly Markdown briefing, with its chart.

use crate::context::{Context, Workspace};
use crate::error::{Error, Result};
use crate::model::{Moment, time};
use crate::render::{self, markdown};
use crate::report::{briefing, chart};
use crate::store::{self, templates};
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// Render the weekly briefing as Markdown: bottom line, estimates with words, ranges and trends,
/// what changed and why, new evidence, indicators, retractions and their knock-on, disagreement,
/// a chart and numbered sources. It replays what was known at the end of the week, so a past
/// week's briefing is the same whenever it is rendered, but for the line saying when.
///
/// Templates: a file of the same name in the notebook's templates/ overrides a built-in
/// (`forecast templates export` copies them out); --template FILE replaces the whole briefing.
///
/// Examples:
///   forecast report --week 2025-W46
///   forecast report --week 2025-W46 --out reports/        # writes reports/2025-W46.md and .svg
///   forecast report --as-of 2025-11-13 --format json
///   forecast report --template my-briefing.md --out briefing.md --force
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The ISO week, like 2025-W46 [default: the current week in the notebook's zone]
    #[arg(long, value_name = "YYYY-Www", conflicts_with = "as_of")]
    pub week: Option<String>,
    /// Instead of a week, the 7 days ending at this time (a date means its end)
    #[arg(long = "as-of", value_name = "TIME")]
    pub as_of: Option<String>,
    /// A template replacing the whole briefing
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Write to FILE, or into a folder as <week>.md with the chart <week>.svg [default: stdout]
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Replace an existing briefing (analysts often edit them after rendering)
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let ws = ctx.load_with(summaries_for(ctx, &args)?)?;
    let window = window(ws.notebook.settings.timezone, &ws.now, args.week.as_deref(), args.as_of.as_deref())?;
    let mut context = briefing::build(&ws.notebook, ctx.author_given(), &window);
    context.generated = ws.now.with_timezone(&ws.notebook.settings.timezone).format("%Y-%m-%d %H:%M %Z").to_string();
    let targets = args.out.as_ref().map(|out| Targets::of(&ctx.cwd().join(out), &window.week));
    if let Some(t) = &targets {
        t.refuse_overwrite(args.force)?;
        context.chart = Some(t.chart_name());
    }
    let text = match args.format {
        ReportFormat::Json => render::evidence::json(&context),
        ReportFormat::Markdown => {
            markdown::render(&context, &overrides(ctx, &ws, args.template.as_deref())?, ws.notebook.settings.words)
                .map_err(|e| Error::input(format!("template error: {e}")))?
        }
    };
    match targets {
        None => print!("{text}"),
        Some(t) => {
            let picture =
                chart::build(&ws.notebook.as_of(&window.as_of), None, &window.as_of, Some((window.start, window.end)));
            let svg = render::chart::svg(&picture).map_err(Error::input)?;
            templates::write_output(&t.chart, &svg, args.force).map_err(|e| Error::write(&t.chart, e))?;
            templates::write_output(&t.markdown, &text, args.force).map_err(|e| Error::write(&t.markdown, e))?;
            eprintln!("wrote {} and {}", t.markdown.display(), t.chart.display());
        }
    }
    Ok(())
}

/// The week or 7-day period asked for, replayed to its end (or to now, for the current week).
pub fn window(zone: Tz, now: &Moment, week: Option<&str>, as_of: Option<&str>) -> Result<briefing::Window> {
    if let Some(text) = as_of {
        let at = time::parse_moment(text, zone).map_err(|m| Error::input(format!("invalid `--as-of`: {m}")))?;
        let end = time::day_in(zone, &at);
        let start = end - chrono::Duration::days(6);
        return Ok(briefing::Window { week: time::week_name(end), start, end, as_of: at });
    }
    let monday = match week {
        Some(text) => parse_week(text)?,
        None => {
            let today = time::day_in(zone, now);
            today - chrono::Duration::days(today.weekday().num_days_from_monday().into())
        }
    };
    let sunday = monday + chrono::Duration::days(6);
    let end: Moment = time::end_of_day(zone, sunday).min(*now);
    Ok(briefing::Window { week: time::week_name(monday), start: monday, end: sunday, as_of: end })
}

/// The briefing quotes the summaries of the items it lists, those that came in during its week, so
/// the load keeps those alone. The week is found before the notebook's time zone is known, so the
/// days kept reach one further each way.
fn summaries_for(ctx: &Context, args: &Args) -> Result<store::Summaries> {
    let rough = window(Tz::UTC, &ctx.now(Tz::UTC)?, args.week.as_deref(), args.as_of.as_deref())?;
    let day = chrono::Duration::days(1);
    Ok(store::Summaries::KnownOn { first: rough.start - day, last: rough.end + day })
}

/// `2025-W46` → Monday 10 November 2025.
fn parse_week(text: &str) -> Result<NaiveDate> {
    let bad = || Error::input(format!("found `--week {text}`, expected an ISO week like `2025-W46`"));
    let (year, week) = text.trim().split_once("-W").ok_or_else(bad)?;
    let (year, week) = (year.parse::<i32>().map_err(|_| bad())?, week.parse::<u32>().map_err(|_| bad())?);
    NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(bad)
}

fn overrides(ctx: &Context, ws: &Workspace, whole: Option<&Path>) -> Result<markdown::Overrides> {
    let names: Vec<&str> = markdown::BUILTIN.iter().map(|(name, _)| *name).collect();
    let found = templates::read_overrides(&ws.root, &names)
        .map_err(|e| Error::Read { path: ws.root.join(templates::FOLDER), source: e })?;
    let mut map: markdown::Overrides = found.into_iter().map(|(name, shown, source)| (name, (shown, source))).collect();
    if let Some(file) = whole {
        let path = ctx.cwd().join(file);
        let source = templates::read_text(&path).map_err(|e| Error::Read { path: path.clone(), source: e })?;
        map.insert(markdown::MAIN.to_string(), (file.display().to_string(), source));
    }
    Ok(map)
}

/// Where a briefing and its chart go.
struct Targets {
    markdown: PathBuf,
    chart: PathBuf,
}

impl Targets {
    fn of(out: &Path, week: &str) -> Targets {
        if out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/') {
            Targets { markdown: out.join(format!("{week}.md")), chart: out.join(format!("{week}.svg")) }
        } else {
            Targets { markdown: out.to_path_buf(), chart: out.with_extension("svg") }
        }
    }

    fn chart_name(&self) -> String {
        self.chart.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    fn refuse_overwrite(&self, force: bool) -> Result<()> {
        match [&self.markdown, &self.chart].into_iter().find(|p| p.exists()) {
            Some(existing) if !force => Err(Error::refused(
                format!("`{}` already exists", existing.display()),
                "briefings are often edited after rendering; pass --force to replace it",
            )),
            _ => Ok(()),
        }
    }
}
