//! Markdown briefings through minijinja: built-in templates, the notebook's overrides, the
//! filters, and the limits that keep a template from running forever or filling the disk.

use super::status::sparkline;
use super::table::range as show_range;
use super::table::{change, pct, pp, same_shown, shown_points};
use crate::model::text::{self, Lines};
use minijinja::{Environment, Value};
use std::collections::BTreeMap;

/// The main template's name.
pub const MAIN: &str = "briefing.md";

/// Built-in templates, embedded at build time: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[(MAIN, include_str!("templates/briefing.md"))];

/// Templates that replace built-ins: name → (how to name it in errors, source).
pub type Overrides = BTreeMap<String, (String, String)>;

/// How many instructions a template may run: the built-in briefing of a busy week needs well
/// under a million; a runaway loop stops here.
const FUEL: u64 = 20_000_000;

/// How much text a template may produce.
const MAX_OUTPUT: usize = 64 * 1024 * 1024;

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

/// The environment every briefing renders in: the built-ins and overrides, the filters and
/// functions, strict undefined (a misspelt name is an error, located), and the fuel limit.
fn environment(overrides: &Overrides) -> Environment<'static> {
    let mut env = Environment::new();
    let sources: BTreeMap<String, String> = BUILTIN
        .iter()
        .map(|(name, source)| (name.to_string(), source.to_string()))
        .chain(overrides.iter().map(|(name, (_, source))| (name.clone(), source.clone())))
        .collect();
    env.set_loader(move |name| Ok(sources.get(name).cloned()));
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    // Whatever a template prints, a terminal control character never passes raw.
    env.set_formatter(|out, _state, value| {
        let shown = if value.is_none() || value.is_undefined() { String::new() } else { value.to_string() };
        out.write_str(&text::safe(&shown, Lines::Keep)).map_err(minijinja::Error::from)
    });
    add_filters(&mut env);
    env
}

/// Names a template failure by file and line.
fn failure(overrides: &Overrides, e: &minijinja::Error) -> TemplateError {
    let name = e.name().unwrap_or(MAIN);
    let file = overrides
        .get(name)
        .map_or_else(|| format!("src/render/templates/{name} (built-in)"), |(shown, _)| shown.clone());
    let message = match e.kind() {
        minijinja::ErrorKind::OutOfFuel => {
            format!("the template ran more than {FUEL} steps, expected it to finish (a loop that never ends?)")
        }
        minijinja::ErrorKind::UndefinedError => format!(
            "{}, expected a variable or field the briefing has (see docs/templates.md)",
            e.detail().unwrap_or("undefined value")
        ),
        kind => e.detail().map_or_else(|| kind.to_string(), |d| format!("{kind}: {d}")),
    };
    TemplateError { file, line: e.line(), message }
}

/// Compiles every override, and the main template: the syntax errors found, one per template.
pub fn compile(overrides: &Overrides) -> Vec<TemplateError> {
    let env = environment(overrides);
    let mut names: Vec<&str> = overrides.keys().map(String::as_str).collect();
    if !names.contains(&MAIN) {
        names.push(MAIN);
    }
    names.into_iter().filter_map(|name| env.get_template(name).err()).map(|e| failure(overrides, &e)).collect()
}

/// Renders `context` through the main template, the overrides taking precedence over the built-ins.
pub fn render<T: serde::Serialize>(context: &T, overrides: &Overrides) -> Result<String, TemplateError> {
    let env = environment(overrides);
    let template = env.get_template(MAIN).map_err(|e| failure(overrides, &e))?;
    let mut out = Capped(Vec::new());
    template.render_captured_to(minijinja::value::Serde(context), &mut out).map(|_| ()).map_err(|e| {
        if out.0.len() > MAX_OUTPUT {
            TemplateError {
                file: failure(overrides, &e).file,
                line: None,
                message: format!(
                    "the template wrote more than {} MiB, expected a briefing",
                    MAX_OUTPUT / (1024 * 1024)
                ),
            }
        } else {
            failure(overrides, &e)
        }
    })?;
    // The template's own text too: whatever it holds, no terminal control passes raw.
    Ok(text::safe(&tidy(&String::from_utf8_lossy(&out.0)), Lines::Keep).into_owned())
}

/// A buffer that refuses to grow past `MAX_OUTPUT`.
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + bytes.len() > MAX_OUTPUT {
            self.0.resize(MAX_OUTPUT + 1, 0);
            return Err(std::io::Error::other("output too large"));
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

fn add_filters(env: &mut Environment<'_>) {
    env.add_filter("pct", |p: Option<f64>| p.map_or("—".to_string(), pct));
    env.add_filter("pp", |c: Option<f64>| c.map_or(String::new(), pp));
    env.add_filter("points", |c: Option<f64>| c.map_or("—".to_string(), |c| format!("{:.0} pp", c.abs() * 100.0)));
    env.add_filter("movement", |c: f64| movement((c * 100.0).round() as i64));
    env.add_function("change", |from: Option<f64>, to: Option<f64>| change(from, to));
    env.add_function("moved", |from: f64, to: f64| movement(shown_points(to) - shown_points(from)));
    env.add_test("moved", |c: Value| {
        let number = |name: &str| c.get_attr(name).ok().and_then(|v| f64::try_from(v).ok());
        match (number("from"), number("to")) {
            (Some(from), Some(to)) => !same_shown(from, to),
            _ => true,
        }
    });
    env.add_filter("range", |r: Option<Vec<f64>>| {
        r.filter(|r| r.len() == 2).map_or(String::new(), |r| show_range(Some([r[0], r[1]])))
    });
    env.add_filter("sparkline", |points: Vec<Option<f64>>| sparkline(&points));
    env.add_filter("ratio", |r: Option<f64>| {
        r.map_or_else(|| crate::model::value::times(f64::INFINITY), crate::model::value::times)
    });
    env.add_filter("score", |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.3}").replace('-', "−")));
    env.add_filter("date", date);
    env.add_filter("number", |n: f64| crate::model::value::show_number(n));
    env.add_filter("when", when);
    env.add_filter("md", |text: Value| inline(&text_of(&text)));
    env.add_filter("cell", |text: Value| inline(&text_of(&text)));
    env.add_filter("quote", |text: Value| {
        text_of(&text).lines().map(|l| format!("> {}", inline(l)).trim_end().to_string()).collect::<Vec<_>>().join("\n")
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

/// `up 6 points`, `down 3 points`, `unchanged`, from a whole number of points.
fn movement(points: i64) -> String {
    match points {
        1 => "up 1 point".to_string(),
        -1 => "down 1 point".to_string(),
        p if p > 0 => format!("up {p} points"),
        p if p < 0 => format!("down {} points", -p),
        _ => "unchanged".to_string(),
    }
}

/// `2025-11-12 21:00` (with a zone when the time happened twice) → `12 Nov 21:00`; anything else
/// is left as it is.
fn when(text: String) -> String {
    let (stamp, zone) = text.split_at(text.len().min(16));
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M")
        .map_or(text.clone(), |t| format!("{}{zone}", t.format("%-d %b %H:%M")))
}

/// `2025-11-12` → `12 Nov 2025`; anything else is left as it is.
fn date(text: String) -> String {
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_or(text, |d| d.format("%-d %b %Y").to_string())
}

/// Any field as one inline run of Markdown that shows exactly its text: line breaks become
/// spaces, leading spaces go (they would make a code block), control characters are shown
/// escaped, and every character that could start a block (heading, list, quote, code, table row,
/// setext underline, pandoc's definition lists, fenced divs and example lists), emphasis, a link,
/// HTML, math, a superscript, an emoji code, or an autolinked address is escaped. Addresses are
/// linked only from a record's `url`.
pub fn inline(text: &str) -> String {
    let one_line: String = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let safe = text::line(&one_line);
    let chars: Vec<char> = safe.chars().collect();
    let mut out = String::with_capacity(safe.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if needs_escape(&chars, i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the character at `i` must be escaped to show as itself (see `inline`).
fn needs_escape(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let next = chars.get(i + 1).copied();
    let previous = i.checked_sub(1).map(|p| chars[p]);
    match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' | '@' | '$' | '^' => true,
        // At the start: a list item, a setext heading, or pandoc's example list.
        '-' | '+' | '=' | '(' => i == 0,
        // `1.` or `1)` at the start, then a space or the end, is an ordered list.
        ')' => list_number(chars, i),
        // `https://…` is autolinked; `: x` at the start is a pandoc definition; `:smile:` an emoji.
        ':' => {
            next == Some('/')
                || i == 0
                || (previous.is_some_and(char::is_whitespace) && next.is_some_and(char::is_alphanumeric))
        }
        // `1. ` at the start is an ordered list (`3.2` is not); `www.…` is autolinked.
        '.' => {
            list_number(chars, i) || (i >= 3 && chars[i - 3..i].iter().collect::<String>().eq_ignore_ascii_case("www"))
        }
        _ => false,
    }
}

/// Whether the `.` or `)` at `i` ends an ordered-list number: only digits before it, and a space
/// or the end after it.
fn list_number(chars: &[char], i: usize) -> bool {
    i > 0 && chars[..i].iter().all(|d| d.is_ascii_digit()) && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
}

/// Only plain http(s) addresses become links.
pub fn is_web_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(inline("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(inline("<script>a|b</script>"), "\\<script\\>a\\|b\\</script\\>");
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("https://example.org/\x1b[2J"));
        assert!(is_web_link("https://example.org/a?b=c"));
    }

    #[test]
    fn fields_stay_one_inline_run() {
        assert_eq!(inline("Title\n===\n| a | b |"), "Title === \\| a \\| b \\|");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("12. not a list"), "12\\. not a list");
        assert_eq!(inline("1) not a list"), "1\\) not a list");
        assert_eq!(inline("3.2× more expected"), "3.2× more expected", "a decimal starts no list");
        assert_eq!(
            inline("see https://evil.example and www.evil.example"),
            "see https\\://evil.example and www\\.evil.example"
        );
        assert_eq!(inline("a@b.org"), "a\\@b.org");
        assert_eq!(inline("bell\x07"), "bell\\\\u{7}");
        assert_eq!(inline("    code? no"), "code? no");
        assert_eq!(inline(": definition"), "\\: definition");
        assert_eq!(inline("(1) example"), "\\(1) example");
        assert_eq!(inline("math $x^2$ and :smile: at 10:30"), "math \\$x\\^2\\$ and \\:smile: at 10:30");
    }

    #[test]
    fn movement_in_words() {
        assert_eq!(movement(6), "up 6 points");
        assert_eq!(movement(-1), "down 1 point");
        assert_eq!(movement(0), "unchanged");
    }
}
