//! The error every command can end with, and the exit code each maps to.

use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The notebook failed its checks; the diagnostics say where.
    #[error("the notebook has {} error{}", count_errors(.0), if count_errors(.0) == 1 { "" } else { "s" })]
    Invalid(Vec<Diagnostic>),
    /// No notebook was found where one was needed.
    #[error("no notebook found: neither `{}` nor any folder above it holds a `notebook.toml`", .0.display())]
    NoNotebook(PathBuf),
    /// Input on the command line that cannot be used; the message says what was found and expected.
    #[error("{0}")]
    Input(String),
    /// Input refused with a suggestion of what to do instead.
    #[error("{message}")]
    Refused { message: String, hint: String },
    /// The command line is incomplete: a usage error (exit code 2), with what to add.
    #[error("{message}")]
    Usage { message: String, hint: String },
    /// A file could not be written; nothing was changed.
    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    /// A file (such as `--from FILE`) could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    /// A path in the notebook leads outside it, or to something that is not a plain file or folder.
    #[error("refused `{path}`: {why}")]
    Outside { path: String, why: String },
    /// A record changed between reading it and replacing it.
    #[error("`{path}` was changed by someone else while this command ran; nothing was written, try again")]
    Changed { path: String },
    /// Standard output could not be written (other than being closed by its reader).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// Standard output was closed by its reader (`forecast status | head`): end quietly.
    #[error("standard output was closed")]
    ClosedPipe,
    /// A command failed after it had already written records, which the note names.
    #[error("{error}")]
    AfterWriting { error: Box<Error>, note: String },
    /// The failure was already shown (for example as JSON on stdout); exit 1 without another message.
    #[error("")]
    Reported,
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

    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), hint: hint.into() }
    }

    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write { path: path.into(), source }
    }

    /// This error, after records were already written: the note says which, so nobody retries blindly.
    pub fn after_writing(self, note: impl Into<String>) -> Self {
        match self {
            Error::AfterWriting { .. } => self,
            error => Error::AfterWriting { error: Box::new(error), note: note.into() },
        }
    }

    /// 0 for a closed pipe (the reader had enough), 1 for everything else; usage errors (2) come
    /// from clap before a command runs.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::ClosedPipe => 0,
            Error::Usage { .. } => 2,
            Error::AfterWriting { error, .. } => error.exit_code(),
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
