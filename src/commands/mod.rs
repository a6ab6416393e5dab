//! One module per subcommand, each owning its arguments and `run`; one enum and one dispatch.

pub mod check;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Check(check::Args),
}

/// Runs the chosen command.
pub fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Check(args) => check::run(ctx, args),
    }
}
