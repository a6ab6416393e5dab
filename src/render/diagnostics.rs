//! Diagnostics for people (`path:line:column: error: …` with the line and an underline) and as JSON.

use super::style::Style;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::text;
use serde::Serialize;
use std::fmt::Write;

/// One finding as text, compiler style.
pub fn text(d: &Diagnostic, style: Style) -> String {
    let mut out = String::new();
    let path = text::line(&d.path);
    let place = match &d.location {
        Some(l) => format!("{path}:{}:{}", l.line, l.column),
        None => path.into_owned(),
    };
    let label = match d.severity {
        Severity::Error => style.error("error"),
        Severity::Warning => style.warning("warning"),
    };
    let _ = writeln!(out, "{}: {label}: {}", style.bold(&place), text::line(&d.message));
    if let Some(l) = d.location.as_ref().filter(|l| !l.line_text.is_empty()) {
        let (line, column, width) = shown_line(&l.line_text, l.column, l.width);
        let (shown, column, width) = window(&line, column, width);
        let number = l.line.to_string();
        let pad = " ".repeat(number.len());
        let lead: String = shown.chars().take(column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        let _ = writeln!(out, "{pad} {}", style.accent("|"));
        let _ = writeln!(out, "{} {} {shown}", style.accent(&number), style.accent("|"));
        let _ = writeln!(out, "{pad} {} {lead}{}", style.accent("|"), style.error(&"^".repeat(width)));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  = hint: {}", text::line(hint));
    }
    out
}

/// The offending line made safe to show, with the underline's column and width moved to match
/// what each escaped character became.
fn shown_line(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    let mut shown = String::new();
    let (mut new_column, mut new_width) = (1, 0);
    for (i, c) in line.chars().enumerate() {
        let piece = if c == '\t' { "\t".to_string() } else { text::line(&c.to_string()).into_owned() };
        let n = piece.chars().count();
        if i + 1 < column {
            new_column += n;
        } else if i + 1 < column + width {
            new_width += n;
        }
        shown.push_str(&piece);
    }
    (shown, new_column, new_width.max(1))
}

/// Characters of a long line shown before and after the span.
const CONTEXT: usize = 40;
const MAX_UNDERLINE: usize = 60;

/// The part of a long line around the span, with the span's column and width in that part.
fn window(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let width = width.min(MAX_UNDERLINE);
    if chars.len() <= 2 * CONTEXT + MAX_UNDERLINE {
        return (line.to_string(), column, width);
    }
    let start = (column - 1).saturating_sub(CONTEXT);
    let end = (column - 1 + width + CONTEXT).min(chars.len());
    let mut shown: String = if start > 0 { "…".to_string() } else { String::new() };
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column - start + usize::from(start > 0), width)
}

/// All findings as text, then a count such as `2 errors, 1 warning`.
pub fn report(diagnostics: &[Diagnostic], style: Style) -> String {
    let mut out: String = diagnostics.iter().map(|d| text(d, style)).collect::<Vec<_>>().join("\n");
    if !diagnostics.is_empty() {
        out.push('\n');
        out.push_str(&summary(diagnostics));
        out.push('\n');
    }
    out
}

/// `N errors, M warnings`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

use super::table::count as plural;

/// All findings as one JSON object: `{"errors", "warnings", "diagnostics": [...]}`.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

impl<'a> JsonReport<'a> {
    pub fn of(diagnostics: &'a [Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        JsonReport { errors, warnings: diagnostics.len() - errors, diagnostics }
    }
}
