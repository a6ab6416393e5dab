//! One module per subcommand, each owning its arguments and `run`; one enum and one dispatch.

pub mod check;
mod editor;
pub mod evidence;
pub mod init;
pub mod scenario;
pub mod update;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Init(init::Args),
    Scenario(scenario::Args),
    Evidence(evidence::Args),
    Update(update::Args),
    Check(check::Args),
}

/// Output format of commands that print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Runs the chosen command.
pub fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Scenario(args) => scenario::run(ctx, args),
        Command::Evidence(args) => evidence::run(ctx, args),
        Command::Update(args) => update::run(ctx, args),
        Command::Check(args) => check::run(ctx, args),
    }
}
