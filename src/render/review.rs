//! Review reports as text: `diff`, `whatif` and `scenario show`.

use super::table::{block, change, clip, field, pct, table};
use crate::report::review::{Change, Diff, ScenarioView, WhatIf};
use std::fmt::Write;

fn changes(list: &[Change], from: &str, to: &str) -> String {
    let rows = list
        .iter()
        .map(|c| {
            vec![
                c.title.clone(),
                c.from.map_or("—".into(), pct),
                "→".into(),
                c.to.map_or("—".into(), pct),
                change(c.from, c.to),
            ]
        })
        .collect();
    table(&["scenario", &format!(">{from}"), "", &format!(">{to}"), ">change"], rows)
}

pub fn diff(d: &Diff) -> String {
    let mut out = format!("from {} to {}\n\naggregate estimate:\n", d.from, d.to);
    out.push_str(&changes(&d.scenarios, "from", "to"));
    for a in &d.authors {
        let _ = writeln!(out, "\n{}:", field(&a.author));
        out.push_str(&changes(&a.scenarios, "from", "to"));
    }
    let _ = writeln!(out, "\nupdates ({}):", d.updates.rows.len());
    for r in &d.updates.rows {
        let _ = writeln!(
            out,
            "  {}",
            super::table::update_line(&r.local, "  ", &r.author, r.method, r.evidence.len(), &r.rationale, 70)
        );
    }
    if !d.attribution.is_empty() {
        let _ = writeln!(out, "\nwhat moved the analysts' estimates (sum over their updates in the period):");
        for (scenario, shares) in &d.attribution {
            let listed = super::history::shares_text(shares, None);
            if !listed.is_empty() {
                let _ = writeln!(out, "  {scenario}:");
                for line in listed {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
        if let Some(line) = super::history::counted_once(d.attribution.values().flatten()) {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(out, "\nevidence logged ({}):", d.evidence.len());
    for e in &d.evidence {
        let grade = if e.grade.is_empty() { String::new() } else { format!("[{}] ", e.grade) };
        let _ = writeln!(out, "  {}  {grade}{}", e.date, clip(&e.title, 70));
    }
    if !d.indicators.is_empty() {
        let _ = writeln!(out, "\nindicators newly observed:");
        for o in &d.indicators {
            let _ = writeln!(out, "  {}/{}: {}", o.scenario, o.indicator, field(&o.text));
        }
    }
    if !d.retractions.is_empty() {
        let _ = writeln!(out, "\nretractions:");
        for e in &d.retractions {
            let r = e.retracted.as_ref().expect("a retraction has its table");
            let _ = writeln!(out, "  {}  {}: {}", r.date, e.id, field(&r.reason));
        }
    }
    out
}

pub fn whatif(w: &WhatIf) -> String {
    let mut out = format!("as of {}, without:\n", w.as_of);
    for e in &w.removed {
        let _ = writeln!(out, "  {}  {}", e.id, clip(&e.title, 70));
    }
    out.push_str("\naggregate estimate:\n");
    out.push_str(&changes(&w.scenarios, "with", "without"));
    for a in &w.authors {
        let _ = writeln!(out, "\n{}:", field(&a.author));
        out.push_str(&changes(&a.scenarios, "with", "without"));
    }
    for r in &w.recomputed {
        let _ = writeln!(
            out,
            "\nat the time: {}'s bayes update of {} ({}), recomputed without them:",
            field(&r.author),
            r.at,
            r.update
        );
        out.push_str(&changes(&r.scenarios, "recorded", "without"));
    }
    if !w.flagged.is_empty() {
        let _ = writeln!(
            out,
            "judgment updates that cited them (kept as recorded, may rest on them): {}",
            w.flagged.join(", ")
        );
    }
    out
}

pub fn scenario(v: &ScenarioView) -> String {
    let mut out = format!("{} ({})\n", field(&v.title), v.id);
    if let Some(summary) = &v.summary {
        let _ = writeln!(out, "{}", block(summary));
    }
    if v.since.is_some() || v.retired.is_some() {
        let _ = writeln!(
            out,
            "in play from {} until {}",
            v.since.as_deref().unwrap_or("the start"),
            v.retired.as_deref().unwrap_or("now")
        );
    }
    let _ = writeln!(out, "\nindicators:");
    for i in &v.indicators {
        let seen = if i.observed_by.is_empty() {
            "not observed".to_string()
        } else {
            format!("observed by {}", i.observed_by.join(", "))
        };
        let _ = writeln!(out, "  {}: {}\n    {seen}", i.id, field(&i.text));
    }
    for (label, list) in [("favours it most", &v.favouring), ("counts against it most", &v.against)] {
        let _ = writeln!(
            out,
            "\nevidence that {label} (how much more or less expected under it than under the strongest other scenario):"
        );
        if list.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for w in list {
            let _ = writeln!(out, "  {:<16} {}  {}", super::table::times_or_less(w.ratio), w.date, clip(&w.title, 64));
        }
    }
    let _ = writeln!(out, "\nprobability over time:");
    let rows = v
        .timeline
        .iter()
        .map(|p| {
            vec![
                p.at.clone(),
                p.author.clone(),
                p.probability.map_or("—".into(), pct),
                p.aggregate.map_or("—".into(), pct),
            ]
        })
        .collect();
    out.push_str(&table(&["at", "author", ">theirs", ">aggregate"], rows));
    out
}

/// The scenario list as a table.
pub fn scenarios(listing: &crate::report::scenarios::Listing) -> String {
    let rows = listing
        .scenarios
        .iter()
        .map(|s| {
            let play = if s.in_play { "in play" } else { "out of play" };
            vec![s.id.clone(), s.title.clone(), play.to_string(), s.indicators.len().to_string()]
        })
        .collect();
    table(&["id", "title", "status", ">indicators"], rows)
}
