//! The resolved context a command runs in: notebook root, clock and author, decided once from what
//! was typed. It loads notebooks and returns their warnings; it never prints.

use crate::analysis::audit;
use crate::diagnostic::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::model::time::TimeArg;
use crate::model::{Moment, Notebook};
use crate::store::{self, Frame, Summaries};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// Global options as typed (see `cli::Globals`) or read from the environment, before any decision.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub notebook: Option<PathBuf>,
    pub author: Option<String>,
    /// Whether `--author` was typed on the command line (rather than coming from `FORECAST_AUTHOR`).
    pub author_typed: bool,
    pub now: Option<TimeArg>,
    /// `--no-cache` or `FORECAST_NO_CACHE`: read every file, and leave the cache alone.
    pub no_cache: bool,
}

/// Decisions shared by every command.
#[derive(Debug, Clone)]
pub struct Context {
    typed: Typed,
    cwd: PathBuf,
}

/// A loaded, valid notebook with the moment the command treats as now, and the warnings found.
pub struct Workspace {
    pub root: PathBuf,
    pub notebook: Notebook,
    pub now: Moment,
    pub warnings: Vec<Diagnostic>,
}

impl Context {
    pub fn new(typed: Typed) -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Context { typed, cwd }
    }

    /// The working folder, against which relative paths on the command line are read.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// A path typed on the command line, read against the working folder.
    pub fn path(&self, typed: &Path) -> PathBuf {
        self.cwd.join(typed)
    }

    /// The notebook folder: `--notebook` exactly, or the nearest folder upward holding `notebook.toml`.
    pub fn root(&self) -> Result<PathBuf> {
        match &self.typed.notebook {
            Some(dir) => {
                let mut dir = self.cwd.join(dir);
                // `--notebook path/notebook.toml` names the notebook too.
                if dir.file_name().is_some_and(|n| n == store::NOTEBOOK_FILE) && dir.is_file() {
                    dir.pop();
                }
                if store::is_notebook(&dir) {
                    Ok(dir)
                } else {
                    Err(Error::refused(
                        format!("`{}` is not a notebook: it has no `{}`", dir.display(), store::NOTEBOOK_FILE),
                        "create one with `forecast init DIR --title T --question Q`",
                    ))
                }
            }
            None => store::find_root(&self.cwd).ok_or_else(|| Error::NoNotebook(self.cwd.clone())),
        }
    }

    /// The moment treated as now: `--now`/`FORECAST_NOW`, else the system clock, in the notebook's zone.
    pub fn now(&self, zone: Tz) -> Moment {
        match self.typed.now {
            Some(typed) => typed.resolve(zone),
            // Records are written to the second, so the clock is read to the second.
            None => chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0).with_timezone(&zone).fixed_offset(),
        }
    }

    /// Who is working: `--author`/`FORECAST_AUTHOR`, else git's `user.name`, else `$USER`.
    pub fn author(&self) -> Result<String> {
        let user = || std::env::var("USER").ok();
        let chosen = self.typed.author.clone().or_else(store::git_user_name).or_else(user);
        match chosen.map(|a| crate::model::text::name(&a)).filter(|a| !a.is_empty()) {
            Some(author) if author.chars().any(crate::model::text::is_unsafe) => Err(Error::input(format!(
                "the author name `{}` holds an invisible or control character, expected a name as it is written",
                crate::model::text::line(&author)
            ))),
            Some(author) => Ok(author),
            None => Err(Error::refused("cannot tell who you are", "pass `--author NAME` or set `FORECAST_AUTHOR`")),
        }
    }

    /// The analyst a read command should show alone: only one named by `--author` on the command line.
    /// `FORECAST_AUTHOR` says who writes, not whose view to show, so read commands default to the aggregate.
    pub fn author_given(&self) -> Option<&str> {
        self.typed.author.as_deref().filter(|_| self.typed.author_typed)
    }

    /// Loads and checks the whole notebook, from the cache where it is valid (unless the cache is
    /// turned off). Every finding is located and sorted.
    pub fn check(&self, root: &Path, summaries: Summaries) -> (Option<Notebook>, Vec<Diagnostic>) {
        self.check_reading(root, summaries, !self.typed.no_cache)
    }

    /// Like `check`, reading every file whatever the cache holds: for `forecast check`.
    pub fn check_every_file(&self, root: &Path, summaries: Summaries) -> (Option<Notebook>, Vec<Diagnostic>) {
        self.check_reading(root, summaries, false)
    }

    fn check_reading(&self, root: &Path, summaries: Summaries, cached: bool) -> (Option<Notebook>, Vec<Diagnostic>) {
        let (notebook, mut found) = store::load(root, summaries, cached);
        if let Some(nb) = notebook.as_ref().filter(|_| !found.iter().any(Diagnostic::is_error)) {
            found.extend(audit::audit(nb, &self.now(nb.settings.timezone)));
        }
        store::locate(root, &mut found);
        diagnostic::sort_unique(&mut found);
        (notebook, found)
    }

    /// Loads a valid notebook for a command, refusing with every error if there is one.
    pub fn load(&self, summaries: Summaries) -> Result<Workspace> {
        let root = self.root()?;
        let (notebook, found) = self.check(&root, summaries);
        match notebook {
            Some(notebook) if !found.iter().any(Diagnostic::is_error) => {
                let now = self.now(notebook.settings.timezone);
                Ok(Workspace { root, notebook, now, warnings: found })
            }
            _ => Err(Error::Invalid(found)),
        }
    }

    /// Reads only `notebook.toml` and the scenarios, for commands that append a record.
    pub fn frame(&self) -> Result<(PathBuf, Frame)> {
        let root = self.root()?;
        let frame = store::read_frame(&root)?;
        Ok((root, frame))
    }

    /// Loads only what one analyst's next update needs: settings, scenarios, their latest updates
    /// up to `at` and the cited items (see `store::analyst_view`), so that appending costs the same
    /// on any size of notebook. Falls back to the whole notebook when a cited item lies elsewhere.
    pub fn load_for_update(&self, author: &str, at: Option<TimeArg>, cited: &[String]) -> Result<Workspace> {
        let (root, frame) = self.frame()?;
        let zone = frame.zone();
        let now = self.now(zone);
        let at = at.map_or(now, |t| t.resolve(zone));
        match store::analyst_view(&root, frame, author, &at, cited)? {
            Some(notebook) => Ok(Workspace { root, notebook, now, warnings: Vec::new() }),
            None => self.load(Summaries::Drop),
        }
    }
}

impl Workspace {
    /// A time typed as `--as-of`, `FROM` or `TO`, in the notebook's zone; `None` is now.
    pub fn moment(&self, typed: Option<TimeArg>) -> Moment {
        typed.map_or(self.now, |t| t.resolve(self.notebook.settings.timezone))
    }

    pub fn zone(&self) -> Tz {
        self.notebook.settings.timezone
    }
}
