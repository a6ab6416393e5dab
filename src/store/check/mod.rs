//! Checking records into domain types, one module per record kind; every finding is collected,
//! located by byte span, and worded by the model's one parser per kind of value.

pub mod evidence;
pub mod resolution;
pub mod scenario;
pub mod settings;
pub mod update;

use super::toml_time;
use crate::diagnostic::Diagnostic;
use crate::model::value::Invalid;
use crate::model::{Moment, Scenario, Settings};
use chrono::NaiveDate;
use std::ops::Range;
use toml::{Spanned, Value};

/// Whether a folder name reads as a month: `YYYY-MM`.
fn is_month_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 7 && b[4] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit())
}

/// Collects findings while checking.
pub struct Findings<'a> {
    pub list: &'a mut Vec<Diagnostic>,
}

impl Findings<'_> {
    pub fn error(&mut self, path: &str, span: Range<usize>, message: impl Into<String>) {
        self.list.push(Diagnostic::error(path, Some(span), message));
    }

    pub fn warning(&mut self, path: &str, span: Range<usize>, message: impl Into<String>) {
        self.list.push(Diagnostic::warning(path, Some(span), message));
    }

    pub fn error_hint(&mut self, path: &str, span: Range<usize>, message: impl Into<String>, hint: Option<String>) {
        self.list.push(Diagnostic::error(path, Some(span), message).with_optional_hint(hint));
    }

    /// A record in a folder named like a month (`2025-11`) must be dated in that month, since
    /// commands look for it there (`what` names the date: "`date`" or "`at`, in the notebook's zone").
    pub fn in_its_month(&mut self, path: &str, day: NaiveDate, span: Range<usize>, what: &str) {
        let mut parts: Vec<&str> = path.split('/').collect();
        parts.pop();
        let Some(folder) = parts.last().filter(|f| is_month_name(f)) else { return };
        let month = day.format("%Y-%m").to_string();
        if **folder != month {
            self.error_hint(
                path,
                span,
                format!("found {what} in {month} in the month folder `{folder}/`, expected a record dated in the month its folder names"),
                Some(format!("move the file to a `{month}/` folder beside `{folder}/`, or correct the date")),
            );
        }
    }

    /// A value the model's parser refused, located at `span`.
    pub fn invalid(&mut self, path: &str, span: Range<usize>, invalid: Invalid) {
        self.error_hint(path, span, invalid.message, invalid.hint);
    }

    /// Parses a spanned value with the model's parser, reporting a refusal where the value is.
    pub fn parse<T>(
        &mut self,
        path: &str,
        value: &Spanned<String>,
        parse: impl FnOnce(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        parse(value.get_ref()).map_err(|e| self.invalid(path, value.span(), e)).ok()
    }

    /// A required text that must not be blank.
    pub fn text(&mut self, path: &str, key: &str, value: Spanned<String>) -> String {
        if value.get_ref().trim().is_empty() {
            self.error(path, value.span(), format!("found an empty `{key}`, expected some text"));
        }
        value.into_inner()
    }

    pub fn date(&mut self, path: &str, value: &Spanned<toml::value::Datetime>) -> Option<NaiveDate> {
        toml_time::to_date(value.get_ref()).map_err(|e| self.invalid(path, value.span(), e)).ok()
    }

    pub fn moment(&mut self, path: &str, value: &Spanned<toml::value::Datetime>) -> Option<Moment> {
        toml_time::to_moment(value.get_ref()).map_err(|e| self.invalid(path, value.span(), e)).ok()
    }

    /// A reference to a scenario by id: known, with a did-you-mean hint otherwise. A scenario whose
    /// own file is broken is not reported again here (its file's error says what is wrong).
    pub fn scenario<'s>(
        &mut self,
        path: &str,
        span: Range<usize>,
        name: &str,
        context: &str,
        frame: &'s Frame,
    ) -> Option<&'s Scenario> {
        let found = frame.scenarios.iter().find(|s| s.id == name);
        if found.is_none() && !frame.unreadable.iter().any(|id| id == name || id == ANY_SCENARIO) {
            let hint = crate::model::value::did_you_mean(name, frame.scenarios.iter().map(|s| s.id.as_str()));
            self.error_hint(
                path,
                span,
                format!("found unknown scenario `{name}`{context}, expected a scenario id"),
                hint,
            );
        }
        found
    }
}

/// Stands in `Frame::unreadable` for every id when the scenarios folder itself cannot be read.
pub const ANY_SCENARIO: &str = "*";

/// What checking one record needs besides its own file: the settings and the scenarios.
#[derive(Debug, Clone)]
pub struct Frame {
    pub settings: Settings,
    /// In display order.
    pub scenarios: Vec<Scenario>,
    /// Ids of scenario files that could not be read or parsed: references to them are not
    /// reported as unknown, so one broken file gives one error, not a cascade.
    pub unreadable: Vec<String>,
    /// Whether `notebook.toml`'s time zone is valid; if not (its error says so), nothing is
    /// checked against the zone, so one mistake does not cascade into every update's name.
    pub zone_valid: bool,
}

impl Frame {
    /// The frame of a loaded notebook.
    pub fn of(notebook: &crate::model::Notebook) -> Frame {
        Frame {
            settings: notebook.settings.clone(),
            scenarios: notebook.scenarios.clone(),
            unreadable: Vec::new(),
            zone_valid: true,
        }
    }

    pub fn zone(&self) -> chrono_tz::Tz {
        self.settings.timezone
    }
}

/// A TOML number as a float (integers too).
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Float(f) => Some(*f),
        Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// A TOML value's kind and content, for "found …" messages.
pub fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("string \"{s}\""),
        Value::Boolean(b) => format!("boolean `{b}`"),
        Value::Datetime(d) => format!("date `{d}`"),
        Value::Array(_) => "an array".to_string(),
        Value::Table(_) => "a table".to_string(),
        other => format!("`{other}`"),
    }
}
