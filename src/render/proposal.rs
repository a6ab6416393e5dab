//! A proposed or recorded update as a table: prior → new per scenario, then each item's likelihood ratios.

use super::table::{clip, pct, pp, table};
use crate::report::proposal::Proposal;
use std::fmt::Write;

pub fn text(p: &Proposal) -> String {
    let rows = p
        .scenarios
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                r.prior.map_or("—".to_string(), pct),
                "→".to_string(),
                pct(r.probability),
                r.change.map_or(String::new(), pp),
                r.words.to_string(),
            ]
        })
        .collect();
    let mut out = table(&["scenario", ">prior", "", ">new", ">change", "words"], rows);
    if !p.evidence.is_empty() {
        let which = if p.evidence_total > p.evidence.len() {
            format!(" ({} of {} items, the strongest)", p.evidence.len(), p.evidence_total)
        } else {
            String::new()
        };
        let _ = writeln!(out, "\nlikelihood ratios for `{}` against each other scenario{which}:", p.leading);
        for e in &p.evidence {
            let ratios: Vec<String> = e.ratios.iter().map(|(k, v)| format!("{k} ×{v:.2}")).collect();
            let shown = if ratios.is_empty() { "no likelihoods".to_string() } else { ratios.join(", ") };
            let _ = writeln!(out, "  {}  {shown}", clip(&e.id, 60));
        }
    }
    if !p.skipped.is_empty() {
        let listed = p.skipped.iter().take(crate::report::LISTED).cloned().collect::<Vec<_>>().join(", ");
        let more = p.skipped.len().saturating_sub(crate::report::LISTED);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let _ = writeln!(out, "\nskipped (no likelihoods, so Bayes cannot use them): {listed}{more}");
    }
    out
}
