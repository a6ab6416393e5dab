//! One module per subcommand, each owning its arguments and `run`; one enum and one dispatch, and
//! the few helpers every command shares: loading with warnings shown, and showing a report.

pub mod calibration;
pub mod chart;
pub mod check;
pub mod completions;
pub mod diff;
mod editor;
pub mod evidence;
pub mod history;
pub mod import;
pub mod init;
pub mod man;
pub mod matrix;
pub mod report;
pub mod resolve;
pub mod scenario;
pub mod schema;
pub mod score;
pub mod status;
pub mod templates;
pub mod timeline;
pub mod update;
pub mod whatif;

use crate::context::{Context, Workspace};
use crate::error::Result;
use crate::model::time::TimeArg;
use crate::output::Ui;
use crate::render::Format;
use crate::store::Summaries;
use clap::builder::{PossibleValuesParser, TypedValueParser};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Init(init::Args),
    Scenario(scenario::Args),
    Evidence(evidence::Args),
    Update(update::Args),
    Status(status::Args),
    History(history::Args),
    Diff(diff::Args),
    Whatif(whatif::Args),
    Matrix(matrix::Args),
    Timeline(timeline::Args),
    Report(report::Args),
    Chart(chart::Args),
    Templates(templates::Args),
    Resolve(resolve::Args),
    Score(score::Args),
    Calibration(calibration::Args),
    Check(check::Args),
    Schema(schema::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// Runs the chosen command; `app` is the whole command line, for the completion scripts.
pub fn run(ctx: &Context, ui: &Ui, command: Command, app: clap::Command) -> Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, ui, args),
        Command::Scenario(args) => scenario::run(ctx, ui, args),
        Command::Evidence(args) => evidence::run(ctx, ui, args),
        Command::Update(args) => update::run(ctx, ui, args),
        Command::Status(args) => status::run(ctx, ui, args),
        Command::History(args) => history::run(ctx, ui, args),
        Command::Diff(args) => diff::run(ctx, ui, args),
        Command::Whatif(args) => whatif::run(ctx, ui, args),
        Command::Matrix(args) => matrix::run(ctx, ui, args),
        Command::Timeline(args) => timeline::run(ctx, ui, args),
        Command::Report(args) => report::run(ctx, ui, args),
        Command::Chart(args) => chart::run(ctx, ui, args),
        Command::Templates(args) => templates::run(ctx, ui, args),
        Command::Resolve(args) => resolve::run(ctx, ui, args),
        Command::Score(args) => score::run(ctx, ui, args),
        Command::Calibration(args) => calibration::run(ctx, ui, args),
        Command::Check(args) => check::run(ctx, ui, args),
        Command::Schema(args) => schema::run(ctx, ui, args),
        Command::Completions(args) => completions::run(ui, args, app),
        Command::Man(args) => man::run(ctx, ui, args, app),
    }
}

/// `--as-of`, shared by every read command.
#[derive(Debug, Clone, clap::Args)]
pub struct AsOf {
    /// Replay what was known then: a date (its last instant) or an RFC 3339 time [default: now]
    #[arg(long = "as-of", value_name = "TIME")]
    pub as_of: Option<TimeArg>,
}

/// A value parser for `--format` that accepts only the formats a command can give.
pub fn formats(names: &'static [&'static str]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(names).map(|name| name.parse::<Format>().expect("a possible value is a format"))
}

/// A value parser for `--tlp` that lists the levels, so that help and shell completions offer them.
pub fn tlp_levels() -> impl TypedValueParser<Value = crate::model::Tlp> {
    PossibleValuesParser::new(crate::model::Tlp::NAMES)
        .map(|name| name.parse::<crate::model::Tlp>().expect("a possible value is a level"))
}

/// Loads the notebook for a read command and shows its warnings.
pub fn load(ctx: &Context, ui: &Ui, summaries: Summaries) -> Result<Workspace> {
    let ws = ctx.load(summaries)?;
    ui.warnings(&ws.warnings);
    Ok(ws)
}

/// Shows a report: as JSON, or as text drawn by `text`.
pub fn show<T: serde::Serialize>(ui: &Ui, format: Format, report: &T, text: impl FnOnce(&T) -> String) -> Result<()> {
    match format {
        Format::Json => ui.out(&crate::render::json::json(report)),
        _ => ui.out(&text(report)),
    }
}

/// The analyst named by `--author`, if any, refused when no update of theirs exists at all.
pub fn shown_author<'a>(ctx: &'a Context, ws: &Workspace) -> Result<Option<&'a str>> {
    let Some(author) = ctx.author_given() else { return Ok(None) };
    if ws.notebook.updates.iter().any(|u| u.author == author) {
        return Ok(Some(author));
    }
    let authors = crate::analysis::timeline::authors(&ws.notebook);
    let hint = crate::model::value::did_you_mean(author, authors.iter().copied()).unwrap_or_else(|| {
        match authors.as_slice() {
            [] => "no analyst has recorded an estimate yet".to_string(),
            list => format!("the analysts are {}", list.join(", ")),
        }
    });
    Err(crate::error::Error::refused(format!("no estimate by `{author}` in this notebook"), hint))
}
