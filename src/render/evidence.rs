//! Evidence lists and details as text.

use super::table::{block, clip, field, table};
use crate::report::evidence::{Detail, Item};
use std::fmt::Write;

pub fn list(items: &[Item]) -> String {
    if items.is_empty() {
        return "no evidence matches\n".to_string();
    }
    let rows = items
        .iter()
        .map(|i| {
            let favours = i.favours.as_ref().map_or(String::new(), |f| f.short.clone());
            let mut title = if i.retracted.is_some() { format!("[retracted] {}", i.title) } else { i.title.clone() };
            if let Some(tlp) = &i.tlp {
                title = format!("[{tlp}] {title}");
            }
            vec![
                i.date.clone(),
                i.grade.clone(),
                clip(&i.source, 28),
                clip(&title, 64),
                clip(&favours, 36),
                i.id.clone(),
            ]
        })
        .collect();
    table(&["date", "grade", "source", "title", "favours", "id"], rows)
}

pub fn detail(d: &Detail) -> String {
    let i = &d.item;
    let mut out = String::new();
    let _ = writeln!(out, "{}", field(&i.title));
    let _ = writeln!(out, "  id:         {}  ({})", i.id, field(&d.path));
    let logged = match (&i.logged, &i.logged_by) {
        (Some(at), Some(by)) => format!(" (logged {at} by {})", field(by)),
        (Some(at), None) => format!(" (logged {at})"),
        _ => String::new(),
    };
    let _ = writeln!(out, "  date:       {}{logged}", i.date);
    let grade = if i.grade.is_empty() { String::new() } else { format!(" [{}]", i.grade) };
    let _ = writeln!(out, "  source:     {}{grade}", field(&i.source));
    if let Some(url) = &i.url {
        let _ = writeln!(out, "  url:        {}", field(url));
    }
    if let Some(tlp) = &i.tlp {
        let _ = writeln!(out, "  marking:    {tlp}");
    }
    if let Some(origin) = &i.origin {
        let _ = writeln!(out, "  origin:     {}", field(origin));
    }
    if !i.tags.is_empty() {
        let tags: Vec<String> = i.tags.iter().map(|t| field(t)).collect();
        let _ = writeln!(out, "  tags:       {}", tags.join(", "));
    }
    for (n, text) in d.observes_text.iter().enumerate() {
        let _ = writeln!(out, "  {}{}", if n == 0 { "observes:   " } else { "            " }, field(text));
    }
    match &i.likelihood {
        Some(_) => {
            let _ = writeln!(out, "  likelihood: {}", d.likelihood_text.join(", "));
            if let Some(f) = &i.favours {
                let _ = writeln!(out, "  favours:    {}", field(&f.text));
            }
        }
        None => {
            let _ = writeln!(out, "  likelihood: none (informs judgment only; Bayes cannot use it)");
        }
    }
    if let Some(r) = &i.retracted {
        let _ = writeln!(out, "  retracted:  {}: {}", r.date, field(&r.reason));
    }
    if let Some(summary) = &i.summary {
        let _ = writeln!(out, "\n  {}", block(summary).replace('\n', "\n  "));
    }
    if d.cited_by.is_empty() {
        let _ = writeln!(out, "\n  cited by no update yet");
    } else {
        let _ = writeln!(out, "\n  cited by:");
        for c in &d.cited_by {
            let _ = writeln!(out, "    {}  {} ({}, {})", c.at, c.id, field(&c.author), c.method);
        }
    }
    out
}
