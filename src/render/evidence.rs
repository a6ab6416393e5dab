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

/// Every field of every item, one row each, for spreadsheets: the record's fields, then one
/// `likelihood.<scenario>` column per scenario any item rates (in display order), then what the
/// item favours. Lists are joined with `;`; text cells are formula-safe, numbers stay numbers.
pub fn csv(items: &[Item]) -> String {
    let mut scenarios: Vec<&str> = Vec::new();
    for item in items {
        for (s, _) in item.likelihood.iter().flat_map(|l| l.iter()) {
            if !scenarios.contains(&s.as_str()) {
                scenarios.push(s);
            }
        }
    }
    let mut header: Vec<String> = [
        "id",
        "date",
        "title",
        "source",
        "url",
        "grade",
        "summary",
        "tags",
        "observes",
        "origin",
        "tlp",
        "logged",
        "logged_by",
        "retracted",
        "retracted_reason",
    ]
    .map(String::from)
    .to_vec();
    header.extend(scenarios.iter().map(|s| format!("likelihood.{s}")));
    header.push("favours".into());
    let rows = items.iter().map(|i| {
        let mut row = vec![
            i.id.clone(),
            i.date.clone(),
            i.title.clone(),
            i.source.clone(),
            i.url.clone().unwrap_or_default(),
            i.grade.clone(),
            i.summary.clone().unwrap_or_default(),
            i.tags.join(";"),
            i.observes.join(";"),
            i.origin.clone().unwrap_or_default(),
            i.tlp.clone().unwrap_or_default(),
            i.logged.clone().unwrap_or_default(),
            i.logged_by.clone().unwrap_or_default(),
            i.retracted.as_ref().map_or(String::new(), |r| r.date.clone()),
            i.retracted.as_ref().map_or(String::new(), |r| r.reason.clone()),
        ];
        for s in &scenarios {
            let value = i
                .likelihood
                .iter()
                .flat_map(|l| l.iter())
                .find(|(k, _)| k == s)
                .map(|(_, v)| crate::model::value::show_number(*v));
            row.push(value.unwrap_or_default());
        }
        row.push(i.favours.as_ref().map_or(String::new(), |f| f.text.clone()));
        row
    });
    super::csv::table(header, rows)
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
        let linked = d.linked.as_ref().map_or(String::new(), |at| format!(" (linked {at})"));
        let _ = writeln!(out, "  origin:     {}{linked}", field(origin));
    }
    if !d.same_news.is_empty() {
        let _ = writeln!(out, "  same news:  {} (counted once with it)", d.same_news.join(", "));
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
