//! What was typed: the clap parser for global options and the subcommand, and the one entry point.

use crate::commands::Command;
use crate::context::{Context, Typed};
use crate::model::time::TimeArg;
use crate::output::{ColorChoice, Ui};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser};
use std::path::PathBuf;

const HELP: &str = "\
{about-with-newline}
{usage-heading} {usage}

{all-args}{after-help}";

/// Track a contested situation through competing scenarios: evidence, estimates, briefings, scores.
#[derive(Debug, Parser)]
#[command(name = "forecast", version, propagate_version = true, help_template = HELP, term_width = 0)]
#[command(subcommand_help_heading = "Commands", disable_help_subcommand = true)]
#[command(after_help = "\
Examples:
  forecast check                                  validate the notebook
  forecast evidence add --title \"ISW: 46% held\" --source ISW --grade B2 \\
      --likelihood withdrawal=0.7 --likelihood containment=0.45 --likelihood pushback=0.05
  forecast update --bayes --dry-run               see what the new evidence implies
  forecast status                                 the current estimate
  forecast report --week 2025-W46                 the weekly briefing

`forecast COMMAND --help` describes a command, with examples.")]
pub struct Cli {
    #[command(flatten)]
    pub globals: Globals,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts. Each also reads its environment variable; an empty variable
/// counts as unset.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct Globals {
    /// The notebook [env: FORECAST_NOTEBOOK; default: nearest folder upward with notebook.toml]
    #[arg(long, global = true, value_name = "DIR")]
    pub notebook: Option<PathBuf>,
    /// Who is recording [env: FORECAST_AUTHOR; default: git's user.name, else $USER]; typed, it
    /// also narrows status, history, report, chart and matrix to that analyst
    #[arg(long, global = true, value_name = "NAME")]
    pub author: Option<String>,
    /// The clock: an RFC 3339 time, or a date meaning its last instant [env: FORECAST_NOW]
    #[arg(long, global = true, value_name = "TIME")]
    pub now: Option<TimeArg>,
    /// When to use colour: auto, always or never [default: auto, which honours NO_COLOR]
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto", hide_default_value = true, hide_possible_values = true,
          value_parser = PossibleValuesParser::new(ColorChoice::NAMES).map(|s| s.parse::<ColorChoice>().expect("a possible value")))]
    pub color: ColorChoice,
    /// Read every file instead of taking unchanged ones from the cache in .forecast/cache/, and
    /// leave the cache as it is [env: FORECAST_NO_CACHE=1]
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// Parses the command line, runs the command, prints any error, and returns the exit code.
pub fn main() -> i32 {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => return usage_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let ui = Ui::new(cli.globals.color);
    let typed = Typed {
        notebook: cli.globals.notebook.or_else(|| variable("FORECAST_NOTEBOOK").map(PathBuf::from)),
        author_typed: cli.globals.author.is_some(),
        author: cli.globals.author.or_else(|| variable("FORECAST_AUTHOR")).map(|a| crate::model::text::name(&a)),
        now: match cli.globals.now {
            Some(now) => Some(now),
            None => match variable("FORECAST_NOW").map(|v| v.parse::<TimeArg>()).transpose() {
                Ok(now) => now,
                Err(e) => {
                    ui.error(&crate::error::Error::input(format!("invalid `FORECAST_NOW`: {e}")));
                    return 2;
                }
            },
        },
        no_cache: cli.globals.no_cache || variable("FORECAST_NO_CACHE").is_some_and(|v| v != "0"),
    };
    let ctx = Context::new(typed);
    match crate::commands::run(&ctx, &ui, cli.command, Cli::command()) {
        Ok(()) => 0,
        Err(error) => {
            ui.error(&error);
            error.exit_code()
        }
    }
}

/// Prints a usage error (or help, or the version) and returns its exit code: 2 for errors. A
/// value our parsers refused is worded as every other error is: `invalid `--date X`: found …`.
fn usage_error(error: clap::Error) -> i32 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let refused = error.kind() == ErrorKind::ValueValidation && std::error::Error::source(&error).is_some();
    match (refused, context(ContextKind::InvalidArg), context(ContextKind::InvalidValue)) {
        (true, Some(arg), Some(value)) => {
            let flag = arg.split([' ', '=']).next().unwrap_or(&arg).trim_matches(['[', ']', '<', '>', '.']);
            let why = std::error::Error::source(&error).map(|s| s.to_string()).unwrap_or_default();
            let shown = if flag.starts_with('-') { format!("{flag} {value}") } else { value };
            let ui = Ui::new(ColorChoice::Auto);
            let help = format!("see `{} --help` for the forms it takes", typed_command());
            ui.error(&crate::error::Error::refused(format!("invalid `{shown}`: {why}"), help));
            2
        }
        _ if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help goes through the output layer too, so that a full disk is reported.
            let ui = Ui::new(ColorChoice::Auto);
            match ui.out(&error.render().to_string()) {
                Ok(()) => 0,
                Err(e) => {
                    ui.error(&e);
                    e.exit_code()
                }
            }
        }
        _ => error.exit(),
    }
}

/// The command typed, as far as clap's tree goes: `forecast evidence add`.
fn typed_command() -> String {
    let mut command = Cli::command();
    let mut path = vec!["forecast".to_string()];
    for arg in std::env::args().skip(1) {
        let Some(sub) = command.find_subcommand(&arg).cloned() else { continue };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path.join(" ")
}

/// An environment variable's value; an empty one counts as unset.
fn variable(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
