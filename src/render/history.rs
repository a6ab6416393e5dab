//! The history report as a table, as CSV (`at,author,method,<scenarios>,evidence`), with attribution.

use super::table::{apportion, change, clip, field, pct, shown_points, shown_shift, table};
use crate::report::history::History;
use crate::report::review::{Label, Share};
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
            row.extend(r.probabilities.iter().zip(&r.previous).map(|(p, q)| match (p, q) {
                (Some(p), Some(_)) => format!("{} ({})", pct(*p), change(*q, Some(*p))),
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
        for (i, s) in h.scenarios.iter().enumerate() {
            let total = r.previous[i].zip(r.probabilities[i]).map(|(q, p)| shown_points(p) - shown_points(q));
            let shares = shares_text(r.attribution.iter().filter(|a| a.scenario == s.id), total);
            if !shares.is_empty() {
                let _ = writeln!(out, "    {}: {}", s.id, shares.join(", "));
            }
        }
        if let Some(line) = counted_once(&r.attribution) {
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}

/// One scenario's shares in words: `+4 pp e1, +2 pp judgment, e3 (against)`. The shares are
/// rounded to whole points adding up to `total` (the change shown for the scenario; without one,
/// their rounded sum), and those that round to nothing are left out.
pub fn shares_text<'a>(shares: impl IntoIterator<Item = &'a Share>, total: Option<i64>) -> Vec<String> {
    // Items counted once are listed once per update (see `counted_once`), not under every scenario.
    let list: Vec<&Share> = shares.into_iter().filter(|a| a.label != Label::Folded).collect();
    let aside = |a: &Share| a.label == Label::Against;
    let moving: Vec<&&Share> = list.iter().filter(|a| !aside(a)).collect();
    let shifts: Vec<f64> = moving.iter().map(|a| a.shift).collect();
    let total = total.unwrap_or_else(|| (shifts.iter().sum::<f64>() * 100.0).round() as i64);
    let rounded = apportion(total, &shifts);
    let mut out: Vec<String> = moving
        .iter()
        .zip(rounded)
        .filter(|(_, n)| *n != 0)
        .map(|(a, n)| {
            let what = field(a.evidence.as_deref().unwrap_or(a.label.as_str()));
            let toward = if a.label == Label::Toward { " (toward)" } else { "" };
            format!("{} {what}{toward}", shown_shift(n))
        })
        .collect();
    out.extend(
        list.iter().filter(|a| aside(a)).map(|a| format!("{} (against)", field(a.evidence.as_deref().unwrap_or("")))),
    );
    out
}

/// The items among `shares` counted once (another of their origin counts), each once, the first
/// five named: `counted once (same news as an item counted): a, b and 3 more`.
pub fn counted_once<'a>(shares: impl IntoIterator<Item = &'a Share>) -> Option<String> {
    let mut ids: Vec<&str> =
        shares.into_iter().filter(|a| a.label == Label::Folded).filter_map(|a| a.evidence.as_deref()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return None;
    }
    let named: Vec<String> = ids.iter().take(5).map(|id| field(id)).collect();
    let more = if ids.len() > 5 { format!(" and {} more", ids.len() - 5) } else { String::new() };
    Some(format!("counted once (same news as an item counted): {}{more}", named.join(", ")))
}

/// CSV as the contract says: `at,author,method,<scenarios>,evidence`, fractions, an empty cell for
/// a scenario not in play, ids joined by `;`; then, added since and always at the end, `recorded`,
/// `confidence` and the whole `rationale`.
pub fn csv(h: &History) -> String {
    let mut header = vec!["at".to_string(), "author".to_string(), "method".to_string()];
    header.extend(h.scenarios.iter().map(|s| s.id.clone()));
    header.extend(["evidence", "recorded", "confidence", "rationale"].map(String::from));
    let rows = h.rows.iter().map(|r| {
        let mut record = vec![r.at.clone(), r.author.clone(), r.method.to_string()];
        record.extend(r.probabilities.iter().map(|p| p.map_or(String::new(), |p| p.to_string())));
        record.push(r.evidence.join(";"));
        record.push(r.recorded.clone().unwrap_or_default());
        record.push(r.confidence.map_or(String::new(), |c| c.to_string()));
        record.push(r.rationale_text.clone());
        record
    });
    super::csv::table(header, rows)
}
