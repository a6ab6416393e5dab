//! The status report as text: the estimate table, analysts, latest update, pending evidence, indicators.

use super::style::Style;
use super::table::{change, clip, count, field, pct, range, table};
use crate::report::status::Status;
use std::fmt::Write;

/// Unicode sparkline of probabilities on an absolute 0–1 scale; `·` where there was no estimate.
pub fn sparkline(points: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    points
        .iter()
        .map(|p| match p {
            Some(p) => BARS[((p.clamp(0.0, 1.0) * 7.0).round()) as usize],
            None => '·',
        })
        .collect()
}

pub fn text(s: &Status, style: Style) -> String {
    let mut out = String::new();
    let whose = s.author.as_ref().map_or("aggregate of all analysts".to_string(), |a| format!("{a}'s estimate"));
    let _ = writeln!(out, "{}", style.bold(&field(&s.title)));
    let _ = writeln!(out, "{}", field(&s.question));
    let _ = writeln!(out, "{}\n", style.dim(&format!("as of {}, {}", s.as_of, field(&whose))));
    let several = s.author.is_none() && s.authors.len() > 1;
    let mut headers: Vec<String> =
        ["scenario", ">now", ">7 days ago", ">change", "words", ">90% range", "12 weeks"].map(String::from).to_vec();
    if several {
        headers.extend(s.authors.iter().map(|a| format!(">{a}")));
        headers.push(">spread".to_string());
    }
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows = s
        .scenarios
        .iter()
        .map(|l| {
            let mut row = vec![
                l.title.clone(),
                l.probability.map_or("—".into(), pct),
                l.previous.map_or("—".into(), pct),
                change(l.previous, l.probability),
                l.words.unwrap_or("").to_string(),
                range(l.range),
                sparkline(&l.trend),
            ];
            if several {
                row.extend(s.authors.iter().map(|a| l.authors.get(a).map_or("—".into(), |p| pct(*p))));
                row.push(super::table::spread(&l.authors.values().copied().collect::<Vec<f64>>()));
            }
            row
        })
        .collect();
    out.push_str(&table(&header_refs, rows));
    if let Some(author) = s.author.as_deref().filter(|_| s.scenarios.iter().all(|l| l.probability.is_none())) {
        let _ = writeln!(out, "{} had recorded no estimate by then", field(author));
    }
    if several {
        let _ = writeln!(out, "{}", style.dim("aggregate: geometric mean of each analyst's standing estimate; spread: largest gap between two analysts"));
    }
    if let Some(r) = &s.resolution {
        let _ = writeln!(out, "\n{}", super::score::scorecard(&r.scores));
    }
    match &s.latest {
        Some(u) => {
            let line = super::table::update_line(&u.at, " by ", &u.author, u.method, u.items, &u.rationale, 80);
            let _ = writeln!(out, "\nlatest update: {line}");
        }
        None => {
            let _ = writeln!(out, "\nno estimate recorded yet: forecast update SCENARIO=P ...");
        }
    }
    if !s.unreflected.is_empty() {
        let mut shown = s.unreflected_total.to_string();
        if s.unreflected_news < s.unreflected_total {
            shown =
                format!("{} items reporting {}", s.unreflected_total, count(s.unreflected_news, "piece") + " of news");
        }
        if s.unreflected_news > s.unreflected.len() {
            shown.push_str(&format!(", the newest {} listed", s.unreflected.len()));
        }
        let whose = s.author.as_deref().map_or("any update".to_string(), |a| format!("{}'s updates", field(a)));
        let _ = writeln!(out, "\nnot yet reflected in {whose} ({shown}):");
        for e in &s.unreflected {
            let mark = if e.has_likelihoods { "" } else { "  (no likelihoods)" };
            let tlp = e.tlp.as_ref().map_or(String::new(), |t| format!("[{t}] "));
            let more = if e.same_news > 0 { format!("  (+{} of the same origin)", e.same_news) } else { String::new() };
            let _ = writeln!(out, "  {}  {tlp}{}{mark}{more}", e.date, clip(&e.title, 70));
        }
    }
    if !s.indicators.is_empty() {
        let _ = writeln!(out, "\nindicators observed:");
        for o in &s.indicators {
            let _ = writeln!(
                out,
                "  {}/{}  since {} ({}): {}",
                o.scenario,
                o.indicator,
                o.first,
                count(o.evidence.len(), "item"),
                field(&o.text)
            );
        }
    }
    out
}
