//! The ACH matrix as a table for people, as Markdown, and as CSV.

use super::table::{clip, field, pct, table};
use crate::model::value::{and_list, show_number};
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
        return match &m.author {
            Some(a) => format!("no item {} cited has likelihoods, so nothing to compare", field(a)),
            None => "no item with likelihoods yet, so nothing to compare".to_string(),
        };
    }
    let titles = |ids: &[String]| and_list(&ids.iter().map(|id| field(title_of(m, id))).collect::<Vec<_>>());
    let score =
        m.scenarios.iter().find(|s| Some(&s.id) == m.least_inconsistent.first()).map_or(0.0, |s| s.inconsistency);
    let tied = if m.least_inconsistent.len() > 1 { "tied, " } else { "" };
    let least = format!("least inconsistent: {} ({tied}{})", titles(&m.least_inconsistent), show_number(score));
    let whose = if m.author.is_some() { "the analyst's" } else { "the analysts'" };
    let (leaders, verb) = match m.leaders.len() {
        1 => (format!("{whose} leading scenario, {},", titles(&m.leaders)), ["agrees", "does not"]),
        _ => (format!("{whose} leading scenarios, {} (tied),", titles(&m.leaders)), ["agree", "do not"]),
    };
    match m.agrees {
        _ if m.leaders.is_empty() => format!("{least}; no estimate to compare it with"),
        Some(true) => format!("{least}; {leaders} {}", verb[0]),
        _ => format!("{least}; {leaders} {}", verb[1]),
    }
}

/// What the matrix holds, and from how many rows the implied probabilities come.
fn heading(m: &Matrix) -> String {
    let whose = m.author.as_ref().map_or("items with likelihoods, not retracted".to_string(), |a| {
        format!("the items {} cited that have likelihoods", field(a))
    });
    let mut line = format!("ACH matrix as of {} ({whose}; one row per origin, most diagnostic first)", m.as_of);
    let unrated: Vec<String> = m.scenarios.iter().filter(|s| s.rated_by == 0).map(|s| field(&s.title)).collect();
    if !unrated.is_empty() && !m.evidence.is_empty() {
        line.push_str(&format!(
            "\n{} rated by no item (added after them): its scores are shown as —",
            and_list(&unrated)
        ));
    }
    if m.implied_from < m.evidence.len() && m.implied_from > 0 {
        line.push_str(&format!("\nimplied probabilities from the {} rows that rate every scenario", m.implied_from));
    }
    line
}

/// A scenario's score, or `—` when no row rates it.
fn score(s: &crate::report::matrix::ScenarioScore, value: f64) -> String {
    if s.rated_by == 0 { "—".to_string() } else { show_number(value) }
}

pub fn text(m: &Matrix) -> String {
    let mut out = format!("{}\n\n", heading(m));
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
    rows.push(footer("inconsistency (I 1, II 2)", &|s| score(s, s.inconsistency)));
    rows.push(footer("weighted by grade", &|s| score(s, s.weighted_inconsistency)));
    rows.push(footer("implied, uniform prior", &|s| implied(s.implied_probability)));
    out.push_str(&table(&header_refs, rows));
    out.push('\n');
    out.push_str(&verdict(m));
    out.push('\n');
    out
}

pub fn markdown(m: &Matrix) -> String {
    let md = super::markdown::inline;
    let said: Vec<String> = heading(m).lines().map(|l| format!("*{}*", md(l))).collect();
    let mut out = format!("{}\n\n", said.join("  \n"));
    out.push_str(&format!(
        "| Item | Grade | Diagnosticity |{}\n",
        m.scenarios.iter().map(|s| format!(" {} |", md(&s.title))).collect::<String>()
    ));
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
    out.push_str(&footer("Inconsistency (I 1, II 2)", &|s| score(s, s.inconsistency)));
    out.push_str(&footer("Weighted by grade", &|s| score(s, s.weighted_inconsistency)));
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
            vec![r.id.clone(), r.title.clone(), r.date.clone(), r.grade.clone(), show_number(r.diagnosticity)];
        for s in &m.scenarios {
            match r.cells.iter().find(|(id, _)| *id == s.id) {
                Some((_, c)) => record.extend([c.rating.clone(), show_number(c.likelihood)]),
                None => record.extend([String::new(), String::new()]),
            }
        }
        record
    });
    super::csv::table(header, rows)
}
