//! `forecast report`: the weekly briefing, as Markdown with its chart, one HTML page, or JSON.

use crate::context::{Context, Workspace};
use crate::error::{Error, Result};
use crate::model::Moment;
use crate::model::time::{self, TimeArg, Week};
use crate::output::Ui;
use crate::render::{self, Format, markdown};
use crate::report::{briefing, chart};
use crate::store::{self, Summaries};
use chrono::Datelike;
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// Render the weekly briefing, as Markdown with its chart, one HTML page, or JSON
///
/// The bottom line, estimates with words, ranges and trends, what changed and why, new evidence,
/// indicators, retractions and their knock-on, disagreement, a chart and numbered sources. It
/// replays what was known at the end of the week, so a past week's briefing is the same whenever
/// it is rendered, but for the line saying when.
///
/// Templates: a file of the same name in the notebook's templates/ overrides a built-in
/// (`forecast templates export` copies them out); --template FILE replaces the whole briefing.
///
/// Examples:
///   forecast report --week 2025-W46
///   forecast report --week 2025-W46 --out reports/        # writes reports/2025-W46.md and .svg
///   forecast report --week 2025-W46 --format html --out reports/   # one page, chart inside
///   forecast report --as-of 2025-11-13 --out reports/     # reports/2025-11-07--2025-11-13.md
///   forecast report --as-of 2025-11-13 --format json
///   forecast report --template my-briefing.md --out briefing.md --force
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The ISO week, like 2025-W46 [default: the current week in the notebook's zone]
    #[arg(long, value_name = "YYYY-Www", conflicts_with = "as_of")]
    pub week: Option<Week>,
    /// Instead of a week, the 7 days ending at this time (a date means its end)
    #[arg(long = "as-of", value_name = "TIME")]
    pub as_of: Option<TimeArg>,
    /// A template replacing the whole briefing
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Write to FILE, or into a folder named after the period: <week>.md and <week>.svg, or
    /// <week>.html [default: stdout]
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Share at this TLP level: clear, green, amber or amber+strict. Evidence marked above it is
    /// withheld everywhere the briefing shows evidence, and updates resting on it keep their
    /// numbers but not their reasons [default: show everything, marked with the highest level]
    #[arg(long, value_name = "LEVEL", value_parser = super::tlp_levels(), hide_possible_values = true)]
    pub tlp: Option<crate::model::Tlp>,
    /// Replace an existing briefing (analysts often edit them after rendering)
    #[arg(long)]
    pub force: bool,
    /// Output format: markdown, html (one self-contained page) or json
    #[arg(long, default_value = "markdown", value_parser = super::formats(&["markdown", "html", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let ws = super::load(ctx, ui, summaries_for(ctx, &args))?;
    let author = super::shown_author(ctx, &ws)?;
    if let Some(week) = args.week.filter(|w| w.monday > time::day_in(ws.zone(), &ws.now)) {
        return Err(Error::input(format!(
            "`--week {}` has not begun: it starts on {}; expected this week or an earlier one",
            week.name(),
            week.monday
        )));
    }
    let window = window(ws.zone(), &ws.now, args.week, args.as_of);
    let first = chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(chrono::NaiveDate::MIN);
    if window.start < first || window.end.year() > 9999 {
        return Err(Error::input(format!(
            "the period {} to {} reaches outside the years 0000 to 9999 the records can hold; expected a later `--as-of`",
            window.start, window.end
        )));
    }
    let sharing = briefing::Sharing { level: args.tlp };
    let mut context = briefing::build(&ws.notebook, author, &window, sharing);
    context.generated = time::local_with_zone(&ws.now, ws.zone());
    let html = args.format == Format::Html;
    let extension = match args.format {
        Format::Html => "html",
        Format::Json => "json",
        _ => "md",
    };
    let targets = args.out.as_ref().map(|out| Targets::of(&ctx.path(out), &window.name(), extension));
    // Markdown written to a file gets its chart beside it; HTML carries it inside; JSON has none.
    let separate_chart = extension == "md" && targets.is_some();
    context.chart = match (&targets, html) {
        (_, true) => Some(render::html::CHART_PLACEHOLDER.to_string()),
        (Some(t), false) if separate_chart => Some(t.chart_name()),
        _ => None,
    };
    let svg = || {
        let picture = chart::build(
            &ws.notebook.as_of(&window.as_of),
            author,
            None,
            &window.as_of,
            Some((window.start, window.end)),
            &|e| sharing.hides(&ws.notebook, e),
        );
        render::chart::svg(&picture).map_err(Error::input)
    };
    let text = match args.format {
        Format::Json => render::json::json(&context),
        _ => {
            let templates = overrides(ctx, &ws, args.template.as_deref())?;
            let markdown =
                markdown_of(&context, &templates).map_err(|e| Error::input(format!("template error: {e}")))?;
            if html { render::html::page(&title(&context), &markdown, Some(&svg()?)) } else { markdown }
        }
    };
    let Some(t) = targets else { return ui.out(&text) };
    let mut files = vec![(t.markdown.clone(), text.into_bytes())];
    if separate_chart {
        files.push((t.chart.clone(), svg()?.into_bytes()));
    }
    let hint = "briefings are often edited after rendering; pass --force to replace it";
    let landed = store::write_outputs(Some(&ws.root), &files, args.force, hint)?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    let names: Vec<String> = files.iter().map(|(path, _)| path.display().to_string()).collect();
    ui.err(&format!("wrote {}\n", names.join(" and ")));
    Ok(())
}

/// The page title of an HTML briefing.
fn title(context: &briefing::Briefing) -> String {
    match &context.week {
        Some(week) => format!("{}: weekly briefing {week}", context.notebook.title),
        None => format!("{}: briefing {} to {}", context.notebook.title, context.period.start, context.period.end),
    }
}

/// The briefing through the templates, within the memory limit.
fn markdown_of(
    context: &briefing::Briefing,
    templates: &markdown::Overrides,
) -> std::result::Result<String, markdown::TemplateError> {
    let _limit = crate::output::memory_limit(
        TEMPLATE_MEMORY,
        format!(
            "template error: the briefing template used more than {} MiB of memory, expected a briefing (a value built up in a loop?)",
            TEMPLATE_MEMORY >> 20
        ),
    );
    markdown::render(context, templates)
}

/// For `check`: the notebook's templates compiled, then, if they compile, rendered for the current
/// week, the week of the latest update, and (once resolved) the last week before the resolution,
/// so that a misspelt field in either bottom line is found before the weekly run.
pub fn template_problems(
    notebook: &crate::model::Notebook,
    now: &Moment,
    templates: &markdown::Overrides,
) -> Vec<markdown::TemplateError> {
    let failed = markdown::compile(templates);
    if !failed.is_empty() {
        return failed;
    }
    let zone = notebook.settings.timezone;
    let mut weeks = vec![Week::of(time::day_in(zone, now))];
    weeks.extend(notebook.updates.iter().map(|u| u.at).max().map(|at| Week::of(time::day_in(zone, &at))));
    weeks.extend(notebook.resolution.as_ref().and_then(|r| r.date.pred_opt()).map(Week::of));
    weeks.dedup();
    weeks
        .into_iter()
        .filter_map(|week| {
            let window = window(zone, now, Some(week), None);
            markdown_of(&briefing::build(notebook, None, &window, briefing::Sharing::default()), templates).err()
        })
        .take(1)
        .collect()
}

/// How much memory rendering a briefing template may take: a busy week's built-in briefing needs a
/// few megabytes.
const TEMPLATE_MEMORY: usize = 512 << 20;

/// The week or 7-day period asked for, replayed to its end (or to now, for the current week).
pub fn window(zone: Tz, now: &Moment, week: Option<Week>, as_of: Option<TimeArg>) -> briefing::Window {
    if let Some(typed) = as_of {
        let at = typed.resolve(zone);
        let end = time::day_in(zone, &at);
        let start = end - chrono::Duration::days(6);
        return briefing::Window { week: None, start, end, as_of: at };
    }
    let week = week.unwrap_or_else(|| Week::of(time::day_in(zone, now)));
    let end: Moment = time::end_of_day(zone, week.sunday()).min(*now);
    briefing::Window { week: Some(week.name()), start: week.monday, end: week.sunday(), as_of: end }
}

/// The briefing quotes the summaries of the items it lists, those that came in during its week, so
/// the load keeps those alone. The week is found before the notebook's time zone is known, so the
/// days kept reach one further each way.
fn summaries_for(ctx: &Context, args: &Args) -> Summaries {
    let rough = window(Tz::UTC, &ctx.now(Tz::UTC), args.week, args.as_of);
    let day = chrono::Duration::days(1);
    Summaries::KnownOn { first: rough.start - day, last: rough.end + day }
}

fn overrides(ctx: &Context, ws: &Workspace, whole: Option<&Path>) -> Result<markdown::Overrides> {
    let found = store::template_overrides(&ws.root)?;
    let mut map: markdown::Overrides = found.into_iter().map(|(name, shown, source)| (name, (shown, source))).collect();
    if let Some(file) = whole {
        let source = store::text_file(&ctx.path(file))?;
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
    /// Into a folder, files named after the period (`.md`, `.html` or `.json`); to a file, that
    /// file (and, for Markdown, its chart beside it).
    fn of(out: &Path, period: &str, extension: &str) -> Targets {
        if out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/') {
            Targets { markdown: out.join(format!("{period}.{extension}")), chart: out.join(format!("{period}.svg")) }
        } else {
            Targets { markdown: out.to_path_buf(), chart: out.with_extension("svg") }
        }
    }

    fn chart_name(&self) -> String {
        self.chart.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }
}
