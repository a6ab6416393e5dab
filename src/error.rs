//! The error every command can end with, and the exit code each maps to.

use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The notebook failed its checks; the diagnostics say where.
    #[error("the notebook has {} error{}", count_errors(.0), if count_errors(.0) == 1 { "" } else { "s" })]
    Invalid(Vec<Diagnostic>),
    /// No notebook was found where one was needed.
    #[error("no notebook found in `{}` or any folder above it", .0.display())]
    NoNotebook(PathBuf),
    /// Input on the command line that cannot be used; the message says what was found and expected.
    #[error("{0}")]
    Input(String),
    /// Input refused with a suggestion of what to do instead.
    #[error("{message}")]
    Refused { message: String, hint: String },
    /// A file could not be written; nothing was changed.
    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    /// The failure was already shown (for example as JSON on stdout); exit 1 without another message.
    #[error("")]
    Reported,
    /// A file outside the notebook (such as `--from FILE`) could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

impl Error {
    pub fn input(message: impl Into<String>) -> Self {
        Error::Input(message.into())
    }

    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Refused { message: message.into(), hint: hint.into() }
    }

    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write { path: path.into(), source }
    }

    /// Every failure is exit code 1; usage errors (2) come from clap before a command runs.
    pub fn exit_code(&self) -> i32 {
        1
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
