//! Markdown briefings through minijinja: built-in templates, the notebook's overrides, the
//! filters, and the limits that keep a template from running forever or filling the disk.

use super::status::sparkline;
use super::table::range as show_range;
use super::table::{change, pct, pp, same_shown, shown_points};
use crate::model::text::{self, Lines};
use minijinja::{Environment, Value};
use serde::Deserialize;
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

/// Names a template failure by file and line: the innermost error's, so that a mistake in an
/// included template is located there, not at the `include`.
fn failure(overrides: &Overrides, outer: &minijinja::Error) -> TemplateError {
    let mut e = outer;
    while let Some(inner) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<minijinja::Error>()) {
        e = inner;
    }
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
    env.add_filter("pct", |p: Value| Ok(number(&p, "pct")?.map_or("—".to_string(), pct)));
    env.add_filter("pp", |c: Value| Ok(number(&c, "pp")?.map_or(String::new(), pp)));
    env.add_filter("points", |c: Value| {
        Ok(number(&c, "points")?.map_or("—".to_string(), |c| format!("{} pp", (c.abs() * 100.0).round())))
    });
    env.add_filter("movement", |c: Value| {
        Ok(number(&c, "movement")?.map_or(String::new(), |c| movement((c * 100.0).round() as i64)))
    });
    env.add_function("spread", |values: Value| {
        defined(&values, "spread")?;
        let values: Vec<Option<f64>> = Vec::<Option<f64>>::deserialize(&values).unwrap_or_default();
        Ok(super::table::spread(&values.into_iter().flatten().collect::<Vec<f64>>()))
    });
    env.add_function("change", |from: Value, to: Value| Ok(change(number(&from, "change")?, number(&to, "change")?)));
    env.add_function("moved", |from: Value, to: Value| {
        let (from, to) = (number(&from, "moved")?, number(&to, "moved")?);
        Ok(from.zip(to).map_or(String::new(), |(a, b)| movement(shown_points(b) - shown_points(a))))
    });
    env.add_test("moved", |c: Value| {
        let number = |name: &str| c.get_attr(name).ok().and_then(|v| f64::try_from(v).ok());
        match (number("from"), number("to")) {
            (Some(from), Some(to)) => !same_shown(from, to),
            _ => true,
        }
    });
    env.add_filter("range", |r: Value| {
        defined(&r, "range")?;
        let ends: Option<Vec<f64>> = (!r.is_none()).then(|| Vec::<f64>::deserialize(&r).ok()).flatten();
        Ok(ends.filter(|r| r.len() == 2).map_or(String::new(), |r| show_range(Some([r[0], r[1]]))))
    });
    env.add_filter("sparkline", |points: Value| {
        defined(&points, "sparkline")?;
        Ok(sparkline(&Vec::<Option<f64>>::deserialize(&points).unwrap_or_default()))
    });
    env.add_filter("ratio", |r: Value| {
        Ok(number(&r, "ratio")?.map_or_else(|| crate::model::value::times(f64::INFINITY), crate::model::value::times))
    });
    env.add_filter("score", |v: Value| {
        Ok(number(&v, "score")?.map_or("—".to_string(), |v| format!("{v:.3}").replace('-', "−")))
    });
    env.add_filter("signed", |n: Value| {
        Ok(number(&n, "signed")?.map_or(String::new(), |n| super::table::shown_shift(n.round() as i64)))
    });
    env.add_filter("number", |n: Value| {
        Ok(number(&n, "number")?.map_or("—".to_string(), crate::model::value::show_number))
    });
    env.add_filter("date", |text: Value| Ok(date(text_in(&text, "date")?)));
    env.add_filter("when", |text: Value| Ok(when(text_in(&text, "when")?)));
    env.add_filter("sentence", |text: Value| Ok(sentence(&text_in(&text, "sentence")?)));
    env.add_filter("md", |text: Value| Ok(inline(&text_in(&text, "md")?)));
    env.add_filter("cell", |text: Value| Ok(inline(&text_in(&text, "cell")?)));
    env.add_filter("quote", |text: Value| {
        Ok(text_in(&text, "quote")?
            .lines()
            .map(|l| format!("> {}", inline(l)).trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n"))
    });
    env.add_filter("is_web_link", |url: Value| {
        defined(&url, "is_web_link")?;
        Ok(url.as_str().is_some_and(is_web_link))
    });
}

/// Refuses an undefined value given to a filter, which strict mode alone lets through as `none`:
/// `{{ leading.titel | md }}` is an error, like `{{ leading.titel }}`.
fn defined<'v>(value: &'v Value, filter: &str) -> Result<&'v Value, minijinja::Error> {
    if value.is_undefined() {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::UndefinedError,
            format!("the value given to `{filter}` is undefined (a misspelt field?)"),
        ));
    }
    Ok(value)
}

/// A number, or none, for a filter; an error if undefined or not a number.
fn number(value: &Value, filter: &str) -> Result<Option<f64>, minijinja::Error> {
    if defined(value, filter)?.is_none() {
        return Ok(None);
    }
    f64::try_from(value.clone()).map(Some).map_err(|_| {
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("`{filter}` expects a number, found `{value}`"),
        )
    })
}

/// Text, or empty for none, for a filter; an error if undefined.
fn text_in(value: &Value, filter: &str) -> Result<String, minijinja::Error> {
    defined(value, filter)?;
    Ok(text_of(value))
}

/// A field as a sentence: with a full stop unless it already ends with one (or `!`, `?`, `…`).
fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', '…']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}.")
    }
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

/// Whether the `.` or `)` at `i` ends an ordered-list marker at the start of the text: digits
/// (`1.`), or, as pandoc's fancy lists also read them, one letter (`a)`, `A.`) or a roman numeral
/// (`iv.`); followed by a space or the end.
fn list_number(chars: &[char], i: usize) -> bool {
    let marker = &chars[..i];
    let digits = !marker.is_empty() && marker.iter().all(|d| d.is_ascii_digit());
    let letter = marker.len() == 1 && marker[0].is_ascii_alphabetic();
    let roman = !marker.is_empty() && marker.len() <= 6 && marker.iter().all(|c| "ivxlcdmIVXLCDM".contains(*c));
    (digits || letter || roman) && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
}

/// Only plain http(s) addresses with a host become links, and only when nothing in them would be
/// shown escaped (a link must point where its text says).
pub fn is_web_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || text::is_unsafe(c) || matches!(c, '<' | '>' | '"'))
        && crate::model::value::normalized_url(url).is_some_and(|u| !u.is_empty() && !u.starts_with('/'))
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
        assert!(!is_web_link("https://a.example/\u{200b}x"), "a link goes where its text says");
        assert!(!is_web_link("https://"), "no host, no link");
    }

    #[test]
    fn fields_stay_one_inline_run() {
        assert_eq!(inline("Title\n===\n| a | b |"), "Title === \\| a \\| b \\|");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("12. not a list"), "12\\. not a list");
        assert_eq!(inline("1) not a list"), "1\\) not a list");
        assert_eq!(inline("3.2× more expected"), "3.2× more expected", "a decimal starts no list");
        assert_eq!(inline("a) first"), "a\\) first");
        assert_eq!(inline("A.  Smith"), "A\\.  Smith");
        assert_eq!(inline("iv. fourth"), "iv\\. fourth");
        assert_eq!(inline("Mr. Smith"), "Mr. Smith", "not a marker");
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
