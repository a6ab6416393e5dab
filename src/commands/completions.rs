//! `forecast completions SHELL`: shell completion scripts.

use crate::error::Result;
use clap::CommandFactory;

/// Print a completion script for your shell.
///
/// Examples:
///   forecast completions bash > ~/.local/share/bash-completion/completions/forecast
///   forecast completions zsh > ~/.zfunc/_forecast
///   forecast completions fish > ~/.config/fish/completions/forecast.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> Result<()> {
    let mut command = crate::cli::Cli::command();
    clap_complete::generate(args.shell, &mut command, "forecast", &mut std::io::stdout());
    Ok(())
}
