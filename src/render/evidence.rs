//! Evidence lists and details as text tables, and as JSON.

use super::table::{clip, table};
use crate::report::evidence::{Detail, Item};
use std::fmt::Write;

pub fn list(items: &[Item]) -> String {
    if items.is_empty() {
        return "no evidence matches\n".to_string();
    }
    let rows = items
        .iter()
        .map(|i| {
            let favours = match (&i.favours, i.ratio) {
                (Some(s), Some(r)) => format!("{s} ×{r:.1}"),
                (Some(s), None) => s.clone(),
                _ => String::new(),
            };
            let title = if i.retracted.is_some() { format!("[retracted] {}", i.title) } else { i.title.clone() };
            vec![i.date.clone(), i.grade.clone(), clip(&i.source, 28), clip(&title, 64), favours, i.id.clone()]
        })
        .collect();
    table(&["date", "grade", "source", "title", "favours", "id"], rows)
}

pub fn detail(d: &Detail) -> String {
    let i = &d.item;
    let mut out = String::new();
    let _ = writeln!(out, "{}", i.title);
    let _ = writeln!(out, "  id:         {}  ({})", i.id, d.path);
    let logged = match (&i.logged, &i.logged_by) {
        (Some(at), Some(by)) => format!(" (logged {at} by {by})"),
        (Some(at), None) => format!(" (logged {at})"),
        _ => String::new(),
    };
    let _ = writeln!(out, "  date:       {}{logged}", i.date);
    let grade = if i.grade.is_empty() { String::new() } else { format!(" [{}]", i.grade) };
    let _ = writeln!(out, "  source:     {}{grade}", i.source);
    if let Some(url) = &i.url {
        let _ = writeln!(out, "  url:        {url}");
    }
    if !i.tags.is_empty() {
        let _ = writeln!(out, "  tags:       {}", i.tags.join(", "));
    }
    for (n, text) in d.observes_text.iter().enumerate() {
        let _ = writeln!(out, "  {}{text}", if n == 0 { "observes:   " } else { "            " });
    }
    match &i.likelihood {
        Some(map) => {
            let pairs: Vec<String> = map.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let _ = writeln!(out, "  likelihood: {}", pairs.join(", "));
            if let (Some(s), Some(r)) = (&i.favours, i.ratio) {
                let _ = writeln!(out, "  favours:    {s}, likelihood ratio ×{r:.2} against the next scenario");
            }
        }
        None => {
            let _ = writeln!(out, "  likelihood: none (informs judgment only; Bayes cannot use it)");
        }
    }
    if let Some(r) = &i.retracted {
        let _ = writeln!(out, "  retracted:  {}: {}", r.date, r.reason);
    }
    if let Some(summary) = &i.summary {
        let _ = writeln!(out, "\n  {}", summary.replace('\n', "\n  "));
    }
    if d.cited_by.is_empty() {
        let _ = writeln!(out, "\n  cited by no update yet");
    } else {
        let _ = writeln!(out, "\n  cited by:");
        for c in &d.cited_by {
            let _ = writeln!(out, "    {}  {} ({}, {})", c.at, c.id, c.author, c.method);
        }
    }
    out
}

/// Any report as pretty JSON with a trailing newline.
/// Writes pretty JSON and a newline straight to `out`, for outputs too large to build as one string.
pub fn write_json<T: serde::Serialize>(value: &T, out: impl std::io::Write) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("reports always serialize") + "\n"
}
