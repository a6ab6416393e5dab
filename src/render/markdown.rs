//! Markdown briefings through minijinja: built-in templates, the notebook's overrides, and the filters.

use super::status::{range as show_range, sparkline};
use super::table::{pct, pp};
use crate::analysis::words;
use crate::model::WordScale;
use minijinja::{Environment, Value};
use std::collections::BTreeMap;

/// The main template's name.
pub const MAIN: &str = "briefing.md";

/// Built-in templates, embedded at build time: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[(MAIN, include_str!("templates/briefing.md"))];

/// Templates that replace built-ins: name → (how to name it in errors, source).
pub type Overrides = BTreeMap<String, (String, String)>;

/// A template that failed, named by file and line.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Renders `context` through the main template, the overrides taking precedence over the built-ins.
pub fn render<T: serde::Serialize>(
    context: &T,
    overrides: &Overrides,
    scale: WordScale,
) -> Result<String, TemplateError> {
    let mut env = Environment::new();
    let sources: BTreeMap<String, String> = BUILTIN
        .iter()
        .map(|(name, source)| (name.to_string(), source.to_string()))
        .chain(overrides.iter().map(|(name, (_, source))| (name.clone(), source.clone())))
        .collect();
    env.set_loader(move |name| Ok(sources.get(name).cloned()));
    add_filters(&mut env, scale);
    let display = |name: &str| -> String {
        overrides
            .get(name)
            .map_or_else(|| format!("src/render/templates/{name} (built-in)"), |(shown, _)| shown.clone())
    };
    let failed = |e: minijinja::Error| TemplateError {
        file: display(e.name().unwrap_or(MAIN)),
        line: e.line(),
        message: e.detail().map_or_else(|| e.kind().to_string(), |d| format!("{}: {d}", e.kind())),
    };
    let template = env.get_template(MAIN).map_err(failed)?;
    let text = template.render(minijinja::value::Serde(context)).map_err(failed)?;
    Ok(tidy(&text))
}

/// Collapses runs of blank lines a template leaves behind, and ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim_start_matches('\n').trim_end_matches('\n').to_string() + "\n"
}

fn add_filters(env: &mut Environment<'_>, scale: WordScale) {
    env.add_filter("pct", |p: Option<f64>| p.map_or("—".to_string(), pct));
    env.add_filter("pp", |c: Option<f64>| c.map_or(String::new(), pp));
    env.add_filter("points", |c: Option<f64>| c.map_or(String::new(), |c| format!("{:.0} pp", c.abs() * 100.0)));
    env.add_filter("movement", movement);
    env.add_filter("words", move |p: f64| words::words(p, scale).to_string());
    env.add_filter("range", |r: Option<Vec<f64>>| {
        r.filter(|r| r.len() == 2).map_or(String::new(), |r| show_range(Some([r[0], r[1]])))
    });
    env.add_filter("sparkline", |points: Vec<Option<f64>>| sparkline(&points));
    env.add_filter("ratio", |r: f64| format!("{r:.1}"));
    env.add_filter("score", |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.3}")));
    env.add_filter("date", date);
    env.add_filter("md", |text: Value| escape(&text_of(&text)));
    env.add_filter("cell", |text: Value| escape(&text_of(&text)).replace(['\n', '\r'], " "));
    env.add_filter("quote", |text: Value| {
        escape(&text_of(&text)).lines().map(|l| format!("> {l}").trim_end().to_string()).collect::<Vec<_>>().join("\n")
    });
    env.add_filter("is_web_link", |url: Option<String>| url.is_some_and(|u| is_web_link(&u)));
}

fn text_of(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.as_str().map_or_else(|| value.to_string(), str::to_string)
    }
}

/// `up 6 points`, `down 3 points`, `unchanged`.
fn movement(change: f64) -> String {
    let points = (change * 100.0).round();
    match points {
        p if p > 0.0 => format!("up {p:.0} point{}", if p == 1.0 { "" } else { "s" }),
        p if p < 0.0 => format!("down {:.0} point{}", -p, if p == -1.0 { "" } else { "s" }),
        _ => "unchanged".to_string(),
    }
}

/// `2025-11-12` → `12 Nov 2025`; anything else is left as it is.
fn date(text: String) -> String {
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_or(text, |d| d.format("%-d %b %Y").to_string())
}

/// Escapes text so Markdown shows it literally: no emphasis, links, HTML, headings or table breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Only plain http(s) addresses become links.
pub fn is_web_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(escape("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(escape("<script>a|b</script>"), "\\<script\\>a\\|b\\</script\\>");
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(is_web_link("https://example.org/a?b=c"));
    }

    #[test]
    fn movement_in_words() {
        assert_eq!(movement(0.061), "up 6 points");
        assert_eq!(movement(-0.01), "down 1 point");
        assert_eq!(movement(0.001), "unchanged");
    }
}
