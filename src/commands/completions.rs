//! `forecast completions SHELL`: shell completion scripts.

use crate::error::Result;
use crate::output::Ui;

/// Print a completion script for your shell
///
/// Examples:
///   forecast completions bash > ~/.local/share/bash-completion/completions/forecast
///   forecast completions zsh > ~/.zfunc/_forecast
///   forecast completions fish > ~/.config/fish/completions/forecast.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// bash, elvish, fish, powershell or zsh
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the script for `command`, the whole command line (which `cli` owns and hands down).
pub fn run(ui: &Ui, args: Args, mut command: clap::Command) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "forecast", &mut script);
    ui.out(&String::from_utf8_lossy(&script))
}
