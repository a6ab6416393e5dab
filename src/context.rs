//! The resolved context a command runs in: notebook root, clock, author and colour, decided once from what was typed.

use crate::analysis::audit;
use crate::diagnostic::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::model::{Moment, Notebook, time};
use crate::render::{diagnostics, style::Style};
use crate::store::{self, Summaries};
use chrono_tz::Tz;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Global options as typed (see `cli::Globals`), before any decision.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub notebook: Option<PathBuf>,
    pub author: Option<String>,
    /// Whether `--author` was typed on the command line (rather than coming from `FORECAST_AUTHOR`).
    pub author_typed: bool,
    pub now: Option<String>,
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Decisions shared by every command.
#[derive(Debug, Clone)]
pub struct Context {
    typed: Typed,
    cwd: PathBuf,
    /// Colour for standard output and standard error.
    pub out_style: Style,
    pub err_style: Style,
}

/// A loaded, valid notebook with the moment the command treats as now.
pub struct Workspace {
    pub root: PathBuf,
    pub notebook: Notebook,
    pub now: Moment,
}

impl Context {
    pub fn new(typed: Typed) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |terminal: bool| match typed.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        let out_style = Style { color: decide(std::io::stdout().is_terminal()) };
        let err_style = Style { color: decide(std::io::stderr().is_terminal()) };
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Context { typed, cwd, out_style, err_style }
    }

    /// The working folder, against which relative paths on the command line are read.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The notebook folder: `--notebook` exactly, or the nearest folder upward holding `notebook.toml`.
    pub fn root(&self) -> Result<PathBuf> {
        match &self.typed.notebook {
            Some(dir) => {
                let dir = self.cwd.join(dir);
                if dir.join(store::read::NOTEBOOK_FILE).is_file() {
                    Ok(dir)
                } else {
                    Err(Error::refused(
                        format!("`{}` is not a notebook: it has no `notebook.toml`", dir.display()),
                        "create one with `forecast init DIR --title T --question Q`",
                    ))
                }
            }
            None => store::find_root(&self.cwd).ok_or_else(|| Error::NoNotebook(self.cwd.clone())),
        }
    }

    /// The moment treated as now: `--now`/`FORECAST_NOW`, else the system clock, in the notebook's zone.
    pub fn now(&self, zone: Tz) -> Result<Moment> {
        match &self.typed.now {
            Some(text) => time::parse_moment(text, zone).map_err(|m| Error::input(format!("invalid `--now`: {m}"))),
            None => Ok(time::system_now(zone)),
        }
    }

    /// Who is working: `--author`/`FORECAST_AUTHOR`, else git's `user.name`, else `$USER`.
    pub fn author(&self) -> Result<String> {
        let chosen = self.typed.author.clone().or_else(git_user_name).or_else(|| std::env::var("USER").ok());
        match chosen.map(|a| a.trim().to_string()).filter(|a| !a.is_empty()) {
            Some(author) => Ok(author),
            None => Err(Error::refused("cannot tell who you are", "pass `--author NAME` or set `FORECAST_AUTHOR`")),
        }
    }

    /// The analyst a read command should show alone: only one named by `--author` on the command line.
    /// `FORECAST_AUTHOR` says who writes, not whose view to show, so read commands default to the aggregate.
    pub fn author_given(&self) -> Option<&str> {
        self.typed.author.as_deref().filter(|_| self.typed.author_typed)
    }

    /// Loads and checks the whole notebook. Every finding is located and sorted; nothing is printed.
    pub fn check(&self, root: &Path, summaries: Summaries) -> (Option<Notebook>, Vec<Diagnostic>) {
        let (notebook, mut found) = store::load(root, summaries);
        if let Some(nb) = notebook.as_ref().filter(|_| !found.iter().any(Diagnostic::is_error)) {
            found.extend(audit::audit(nb));
        }
        store::locate(root, &mut found);
        diagnostic::sort(&mut found);
        (notebook, found)
    }

    /// Loads a valid notebook for a command: prints warnings, and refuses with every error if there is one.
    /// Evidence summaries are checked but not kept; `load_with(Summaries::Keep)` keeps them.
    pub fn load(&self) -> Result<Workspace> {
        self.load_with(Summaries::Drop)
    }

    pub fn load_with(&self, summaries: Summaries) -> Result<Workspace> {
        let root = self.root()?;
        let (notebook, found) = self.check(&root, summaries);
        match notebook {
            Some(notebook) if !found.iter().any(Diagnostic::is_error) => {
                self.print_warnings(&found);
                let now = self.now(notebook.settings.timezone)?;
                Ok(Workspace { root, notebook, now })
            }
            _ => Err(Error::Invalid(found)),
        }
    }

    /// Loads only what one analyst's next update needs: settings, scenarios, their latest updates
    /// up to `at` and the cited items (see `store::analyst`), so that appending costs the same on any
    /// size of notebook. Falls back to the whole notebook when a cited item lies in a subfolder.
    pub fn load_for_update(&self, author: &str, at: Option<&str>, cited: &[String]) -> Result<Workspace> {
        let root = self.root()?;
        let frame = store::append::read_frame(&root).map_err(Error::Invalid)?;
        let zone = frame.settings.timezone;
        let now = self.now(zone)?;
        // An invalid `--at` is refused by the command, with its own message.
        let at = at.and_then(|text| time::parse_moment(text, zone).ok()).unwrap_or(now);
        match store::analyst::view(&root, frame, author, &at, cited).map_err(Error::Invalid)? {
            Some(notebook) => Ok(Workspace { root, notebook, now }),
            None => self.load(),
        }
    }

    fn print_warnings(&self, found: &[Diagnostic]) {
        for warning in found {
            eprint!("{}", diagnostics::text(warning, self.err_style));
        }
    }
}

impl Workspace {
    /// A moment typed as `--as-of`, `FROM` or `TO`: a date (its last second) or an RFC 3339 time; `None` is now.
    pub fn moment(&self, typed: Option<&str>, flag: &str) -> Result<Moment> {
        match typed {
            None => Ok(self.now),
            Some(text) => time::parse_moment(text, self.notebook.settings.timezone)
                .map_err(|m| Error::input(format!("invalid `{flag}`: {m}"))),
        }
    }

    /// A plain date typed as `--since`/`--until`.
    pub fn day(&self, typed: Option<&str>, flag: &str) -> Result<Option<chrono::NaiveDate>> {
        typed.map(time::parse_date).transpose().map_err(|m| Error::input(format!("invalid `{flag}`: {m}")))
    }
}

fn git_user_name() -> Option<String> {
    let output = std::process::Command::new("git").args(["config", "user.name"]).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}
