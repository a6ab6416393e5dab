//! One module per subcommand, each owning its arguments and `run`; one enum and one dispatch.

pub mod calibration;
pub mod chart;
pub mod check;
pub mod completions;
pub mod diff;
mod editor;
pub mod evidence;
pub mod history;
pub mod init;
pub mod report;
pub mod resolve;
pub mod scenario;
pub mod score;
pub mod status;
pub mod templates;
pub mod update;
pub mod whatif;

use crate::context::Context;
use crate::error::Result;

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
    Report(report::Args),
    Chart(chart::Args),
    Templates(templates::Args),
    Resolve(resolve::Args),
    Score(score::Args),
    Calibration(calibration::Args),
    Check(check::Args),
    Completions(completions::Args),
}

/// Output format of commands that print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// `--as-of`, shared by every read command.
#[derive(Debug, Clone, clap::Args)]
pub struct AsOf {
    /// Replay what was known then: a date (its last second) or an RFC 3339 time [default: now]
    #[arg(long = "as-of", value_name = "TIME")]
    pub as_of: Option<String>,
}

impl AsOf {
    /// The moment to replay to.
    pub fn moment(&self, ws: &crate::context::Workspace) -> Result<crate::model::Moment> {
        ws.moment(self.as_of.as_deref(), "--as-of")
    }
}

/// Runs the chosen command.
pub fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Scenario(args) => scenario::run(ctx, args),
        Command::Evidence(args) => evidence::run(ctx, args),
        Command::Update(args) => update::run(ctx, args),
        Command::Status(args) => status::run(ctx, args),
        Command::History(args) => history::run(ctx, args),
        Command::Diff(args) => diff::run(ctx, args),
        Command::Whatif(args) => whatif::run(ctx, args),
        Command::Report(args) => report::run(ctx, args),
        Command::Chart(args) => chart::run(ctx, args),
        Command::Templates(args) => templates::run(ctx, args),
        Command::Resolve(args) => resolve::run(ctx, args),
        Command::Score(args) => score::run(ctx, args),
        Command::Calibration(args) => calibration::run(ctx, args),
        Command::Check(args) => check::run(ctx, args),
        Command::Completions(args) => completions::run(args),
    }
}
