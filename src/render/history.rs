//! The history report as a table, as CSV (`at,author,method,<scenarios>,evidence`), with attribution.

use super::table::{clip, field, pct, pp, table};
use crate::report::history::History;
use std::fmt::Write;

pub fn text(h: &History) -> String {
    if h.rows.is_empty() {
        return "no updates match\n".to_string();
    }
    let mut headers = vec!["at".to_string(), "author".to_string(), "method".to_string()];
    headers.extend(h.scenarios.iter().map(|s| format!(">{}", s.id)));
    headers.extend(["evidence".to_string(), "rationale".to_string()]);
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows = h
        .rows
        .iter()
        .map(|r| {
            let when = if r.backdated { format!("{}*", r.local) } else { r.local.clone() };
            let mut row = vec![when, r.author.clone(), r.method.to_string()];
            row.extend(r.probabilities.iter().zip(&r.changes).map(|(p, c)| match (p, c) {
                (Some(p), Some(c)) => format!("{} ({})", pct(*p), pp(*c)),
                (Some(p), None) => pct(*p),
                _ => "—".to_string(),
            }));
            row.push(r.evidence.len().to_string());
            row.push(clip(&r.rationale, 60));
            row
        })
        .collect();
    let mut out = table(&refs, rows);
    for r in h.rows.iter().filter(|r| r.backdated) {
        let recorded = r.recorded_local.as_deref().unwrap_or("later");
        let _ = writeln!(out, "* backdated: {}'s update at {} was recorded {recorded}", field(&r.author), r.local);
    }
    if h.rows.iter().any(|r| !r.attribution.is_empty()) {
        out.push_str(&explain(h));
    }
    out
}

/// What moved each update: per scenario, each item's share of the shift.
fn explain(h: &History) -> String {
    let mut out = String::from("\nwhat moved each update (shift in points, split by attribution):\n");
    for r in h.rows.iter().filter(|r| !r.attribution.is_empty()) {
        let _ = writeln!(out, "  {} {} ({})", r.local, field(&r.author), r.method);
        for s in &h.scenarios {
            let shares: Vec<String> = r
                .attribution
                .iter()
                .filter(|a| a.scenario == s.id && a.shift.abs() >= 0.0005)
                .map(|a| format!("{} {}", pp(a.shift), a.evidence.as_deref().unwrap_or(a.label.as_str())))
                .collect();
            if !shares.is_empty() {
                let _ = writeln!(out, "    {}: {}", s.id, shares.join(", "));
            }
        }
    }
    out
}

/// CSV as the contract says: `at,author,method,<scenarios>,evidence`, fractions, an empty cell for
/// a scenario not in play, ids joined by `;`; then, added since, `recorded`.
pub fn csv(h: &History) -> String {
    let mut header = vec!["at".to_string(), "author".to_string(), "method".to_string()];
    header.extend(h.scenarios.iter().map(|s| s.id.clone()));
    header.extend(["evidence".to_string(), "recorded".to_string()]);
    let rows = h.rows.iter().map(|r| {
        let mut record = vec![r.at.clone(), r.author.clone(), r.method.to_string()];
        record.extend(r.probabilities.iter().map(|p| p.map_or(String::new(), |p| p.to_string())));
        record.push(r.evidence.join(";"));
        record.push(r.recorded.clone().unwrap_or_default());
        record
    });
    super::csv::table(header, rows)
}
