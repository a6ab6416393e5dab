//! The ACH matrix as a table for people, as Markdown, and as CSV.

use super::table::{clip, field, pct, table};
use crate::model::value::show_number;
use crate::report::matrix::{Matrix, Row};

/// A cell: `C 0.8`, or `—` where the item gives the scenario no likelihood.
fn cell(row: &Row, scenario: &str) -> String {
    row.cells
        .iter()
        .find(|(s, _)| s == scenario)
        .map_or("—".to_string(), |(_, c)| format!("{} {}", c.rating, show_number(c.likelihood)))
}

/// An implied probability: as `pct`, but never `0%`, since no likelihood is 0 and no scenario is
/// ruled out (a product of many small numbers can underflow to 0).
fn implied(p: Option<f64>) -> String {
    match p {
        None => "—".to_string(),
        Some(p) if p < 0.005 => "<1%".to_string(),
        Some(p) => pct(p),
    }
}

fn diagnosticity(d: f64) -> String {
    crate::model::value::times(d)
}

fn title_of<'a>(m: &'a Matrix, id: &'a str) -> &'a str {
    m.scenarios.iter().find(|s| s.id == id).map_or(id, |s| s.title.as_str())
}

/// The closing line: the least inconsistent scenario, and whether the analysts' leading one agrees.
pub fn verdict(m: &Matrix) -> String {
    if m.evidence.is_empty() {
        return "no item with likelihoods yet, so nothing to compare".to_string();
    }
    let names: Vec<String> = m.least_inconsistent.iter().map(|id| field(title_of(m, id))).collect();
    let score =
        m.scenarios.iter().find(|s| Some(&s.id) == m.least_inconsistent.first()).map_or(0.0, |s| s.inconsistency);
    let least = if names.len() > 1 {
        format!("least inconsistent: {} (tied, {})", names.join(" and "), show_number(score))
    } else {
        format!("least inconsistent: {} ({})", names.join(""), show_number(score))
    };
    let whose = if m.author.is_some() { "the analyst's" } else { "the analysts'" };
    match (&m.leading, m.agrees) {
        (Some(leading), Some(true)) => {
            format!("{least}; {whose} leading scenario, {}, agrees", field(title_of(m, leading)))
        }
        (Some(leading), _) => format!("{least}; {whose} leading scenario, {}, does not", field(title_of(m, leading))),
        (None, _) => format!("{least}; no estimate to compare it with"),
    }
}

pub fn text(m: &Matrix) -> String {
    let whose = m.author.as_ref().map_or("every item".to_string(), |a| format!("the items {} cited", field(a)));
    let mut out = format!("ACH matrix as of {} ({whose}, one row per origin, most diagnostic first)\n\n", m.as_of);
    let mut headers: Vec<String> = vec!["item".into(), "grade".into(), ">diagnosticity".into()];
    headers.extend(m.scenarios.iter().map(|s| format!(">{}", clip(&s.title, 18))));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut rows: Vec<Vec<String>> = m
        .evidence
        .iter()
        .map(|r| {
            let mut row = vec![clip(&r.title, 44), r.grade.clone(), diagnosticity(r.diagnosticity)];
            row.extend(m.scenarios.iter().map(|s| cell(r, &s.id)));
            row
        })
        .collect();
    let footer = |label: &str, value: &dyn Fn(&crate::report::matrix::ScenarioScore) -> String| {
        let mut row = vec![label.to_string(), String::new(), String::new()];
        row.extend(m.scenarios.iter().map(value));
        row
    };
    rows.push(footer("inconsistency (I 1, II 2)", &|s| show_number(s.inconsistency)));
    rows.push(footer("weighted by grade", &|s| show_number(s.weighted_inconsistency)));
    rows.push(footer("implied, uniform prior", &|s| implied(s.implied_probability)));
    out.push_str(&table(&header_refs, rows));
    out.push('\n');
    out.push_str(&verdict(m));
    out.push('\n');
    out
}

pub fn markdown(m: &Matrix) -> String {
    let md = super::markdown::inline;
    let mut out = format!(
        "| Item | Grade | Diagnosticity |{}\n",
        m.scenarios.iter().map(|s| format!(" {} |", md(&s.title))).collect::<String>()
    );
    out.push_str(&format!("|---|---|--:|{}\n", "--:|".repeat(m.scenarios.len())));
    for r in &m.evidence {
        out.push_str(&format!("| {} | {} | {} |", md(&r.title), md(&r.grade), diagnosticity(r.diagnosticity)));
        for s in &m.scenarios {
            out.push_str(&format!(" {} |", cell(r, &s.id)));
        }
        out.push('\n');
    }
    let footer = |label: &str, value: &dyn Fn(&crate::report::matrix::ScenarioScore) -> String| {
        format!("| *{label}* | | |{}\n", m.scenarios.iter().map(|s| format!(" {} |", value(s))).collect::<String>())
    };
    out.push_str(&footer("Inconsistency (I 1, II 2)", &|s| show_number(s.inconsistency)));
    out.push_str(&footer("Weighted by grade", &|s| show_number(s.weighted_inconsistency)));
    out.push_str(&footer("Implied, uniform prior", &|s| implied(s.implied_probability)));
    let verdict = verdict(m);
    let mut chars = verdict.chars();
    let sentence = chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default();
    out.push_str(&format!("\n{}.\n", md(&sentence)));
    out
}

/// One row per item: `id,title,date,grade,diagnosticity`, then per scenario its rating and its
/// likelihood (`<id>` and `<id>_likelihood`), empty where the item gives none.
pub fn csv(m: &Matrix) -> String {
    let mut header = vec!["id".to_string(), "title".into(), "date".into(), "grade".into(), "diagnosticity".into()];
    for s in &m.scenarios {
        header.push(s.id.clone());
        header.push(format!("{}_likelihood", s.id));
    }
    let rows = m.evidence.iter().map(|r| {
        let mut record =
            vec![r.id.clone(), r.title.clone(), r.date.clone(), r.grade.clone(), r.diagnosticity.to_string()];
        for s in &m.scenarios {
            match r.cells.iter().find(|(id, _)| *id == s.id) {
                Some((_, c)) => record.extend([c.rating.clone(), c.likelihood.to_string()]),
                None => record.extend([String::new(), String::new()]),
            }
        }
        record
    });
    super::csv::table(header, rows)
}
