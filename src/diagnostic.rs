//! Diagnostics: one finding about one place in one notebook file, with its severity, message and hint.

use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a finding is: errors stop every command that reads the notebook, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a finding sits once its byte span has been resolved against the file's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The text of the offending line, without its line ending.
    #[serde(skip)]
    pub line_text: String,
    /// How many characters of `line_text` the underline covers (at least 1).
    #[serde(skip)]
    pub width: usize,
}

/// One finding. `span` is a byte range into the file; `location` is filled in by the store.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the notebook root, with `/` separators.
    pub path: String,
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    #[serde(flatten)]
    pub location: Option<Location>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path.into(), span, message.into())
    }

    pub fn warning(path: impl Into<String>, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path.into(), span, message.into())
    }

    pub fn new(severity: Severity, path: String, span: Option<Range<usize>>, message: String) -> Self {
        Diagnostic { severity, path, span, location: None, message, hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file, then line and column, then message, so output never depends on read order.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        let (line, column) = self.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (&self.path, line, column, &self.message)
    }
}

/// Sorts findings by file and position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Sorts findings and drops repeats: one problem met by several reads is reported once.
pub fn sort_unique(diagnostics: &mut Vec<Diagnostic>) {
    sort(diagnostics);
    diagnostics
        .dedup_by(|a, b| a.path == b.path && a.span == b.span && a.message == b.message && a.severity == b.severity);
}

/// A notebook-relative path with `/` separators.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}
