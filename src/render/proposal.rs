//! A proposed or recorded update as a table: prior → new per scenario, then each item's likelihood ratios.

use super::table::{change, count, field, pct, table, times_or_less};
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
                change(r.prior, Some(r.probability)),
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
        let _ = writeln!(
            out,
            "\nhow much more (or less) expected each item is under `{}` than under each other scenario{which}:",
            p.leading
        );
        for e in &p.evidence {
            let ratios: Vec<String> = e.ratios.iter().map(|(k, v)| format!("{k}: {}", times_or_less(*v))).collect();
            let shown = if ratios.is_empty() { "no likelihoods".to_string() } else { ratios.join(", ") };
            let _ = writeln!(out, "  {}  {shown}", e.id);
        }
    }
    if !p.floored.is_empty() {
        let names: Vec<String> = p.floored.iter().map(|s| format!("`{s}`")).collect();
        let _ = writeln!(
            out,
            "\nraised to 0.1%, the floor for a scenario in play (a zero could never be revised): {}; the others were scaled to match",
            names.join(", ")
        );
    }
    if !p.folded.is_empty() {
        let _ = writeln!(
            out,
            "\ncounted once ({} folded in: the same news as an item already counted):",
            count(p.folded.len(), "item")
        );
        for f in p.folded.iter().take(crate::report::LISTED) {
            let origin = if f.group == f.into { String::new() } else { format!(" (origin `{}`)", field(&f.group)) };
            let _ = writeln!(out, "  {}  same news as {}{origin}", field(&f.id), field(&f.into));
        }
    }
    for s in &p.shared_sources {
        let _ = writeln!(
            out,
            "\nnote: {} of these items come from {}; Bayes multiplies them as independent reports. If some only repeat one report, link them so that it counts once (`forecast evidence link ID --origin ID`); separate reports need nothing",
            s.count,
            field(&s.source)
        );
    }
    if !p.left_out.is_empty() {
        let _ = writeln!(out, "\nleft out ({}):", count(p.left_out.len(), "item"));
        for item in p.left_out.iter().take(crate::report::LISTED) {
            let _ = writeln!(out, "  {}  {}", item.id, item.reason);
            if let Some(fix) = &item.fix {
                let _ = writeln!(out, "    to use it: {fix}");
            }
        }
        let more = p.left_out.len().saturating_sub(crate::report::LISTED);
        if more > 0 {
            let _ = writeln!(out, "  and {more} more");
        }
    }
    out
}
