//! What was typed: the clap parser for global options and the subcommand, and the one entry point.

use crate::commands::Command;
use crate::context::{ColorChoice, Context, Typed};
use crate::error::Error;
use crate::render::diagnostics;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser};
use std::path::PathBuf;

/// A command-line notebook for tracking a contested situation through competing scenarios.
///
/// Scenarios, evidence and every probability estimate live as plain TOML files in a folder kept
/// in git. `forecast` records each new estimate with the evidence behind it, replays what was
/// believed at any moment, and renders weekly Markdown briefings.
#[derive(Debug, Parser)]
#[command(name = "forecast", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Examples:
  forecast check                         validate the notebook
  forecast evidence add --title \"...\" --source ISW --grade B2 --likelihood withdrawal=0.7 ...
  forecast update --bayes --dry-run      see what the new evidence implies
  forecast status                        the current estimate")]
pub struct Cli {
    #[command(flatten)]
    pub globals: Globals,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, clap::Args)]
pub struct Globals {
    /// The notebook folder [default: the nearest folder upward holding notebook.toml]
    #[arg(long, global = true, env = "FORECAST_NOTEBOOK", value_name = "DIR")]
    pub notebook: Option<PathBuf>,
    /// Who is recording [default: git's user.name, else $USER]. Typed on the command line, it also
    /// selects that analyst's estimate in status, history and report.
    #[arg(long, global = true, env = "FORECAST_AUTHOR", value_name = "NAME")]
    pub author: Option<String>,
    /// The clock for every default: an RFC 3339 time, or a date (the end of that day)
    #[arg(long, global = true, env = "FORECAST_NOW", value_name = "TIME")]
    pub now: Option<String>,
    /// When to use colour (NO_COLOR is honoured under `auto`)
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Parses the command line, runs the command, prints any error, and returns the exit code.
pub fn main() -> i32 {
    let matches = Cli::command().get_matches();
    let author_typed = matches.value_source("author") == Some(ValueSource::CommandLine);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let typed = Typed {
        notebook: cli.globals.notebook,
        author: cli.globals.author,
        author_typed,
        now: cli.globals.now,
        color: cli.globals.color,
    };
    let ctx = Context::new(typed);
    match crate::commands::run(&ctx, cli.command) {
        Ok(()) => 0,
        Err(error) => {
            print_error(&ctx, &error);
            error.exit_code()
        }
    }
}

/// The one place errors are printed.
fn print_error(ctx: &Context, error: &Error) {
    let style = ctx.err_style;
    match error {
        Error::Reported => {}
        Error::Invalid(found) => eprint!("{}", diagnostics::report(found, style)),
        Error::Refused { message, hint } => eprintln!("{}: {message}\n  = hint: {hint}", style.error("error")),
        Error::NoNotebook(_) => {
            eprintln!(
                "{}: {error}\n  = hint: run inside a notebook folder, pass `--notebook DIR`, or create one with `forecast init`",
                style.error("error")
            )
        }
        other => eprintln!("{}: {other}", style.error("error")),
    }
}
