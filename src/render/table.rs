//! Aligned plain-text tables for people, built with comfy-table, and the number formats they use.
//! Every cell passes through the one safety function: a cell is one line, shown safe.

use crate::model::text;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

/// A borderless table with a header row; columns whose header starts with `>` are right-aligned.
pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(headers.iter().map(|h| Cell::new(text::line(h.trim_start_matches('>')))));
    for row in rows {
        table.add_row(row.iter().map(|cell| Cell::new(text::line(cell))));
    }
    let last = headers.len().saturating_sub(1);
    for (i, header) in headers.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_padding((0, if i == last { 0 } else { 2 }));
            if header.starts_with('>') {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let text = table.to_string();
    text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}

/// A probability for people: `62%`, or `0.4%` below 1%.
pub fn pct(p: f64) -> String {
    if p > 0.0 && p < 0.01 { format!("{:.1}%", p * 100.0) } else { format!("{:.0}%", p * 100.0) }
}

/// A signed change in percentage points: `+6 pp`, `−3 pp`, `±0 pp`.
pub fn pp(change: f64) -> String {
    let points = (change * 100.0).round();
    if points == 0.0 {
        "±0 pp".to_string()
    } else if points > 0.0 {
        format!("+{points:.0} pp")
    } else {
        format!("−{:.0} pp", -points)
    }
}

/// The first line of a text, made safe and cut to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let safe = text::line(first_line);
    if safe.chars().count() <= max {
        safe.into_owned()
    } else {
        safe.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// A one-line field from the notebook, safe to show (see `model::text`).
pub fn field(text: &str) -> String {
    text::line(text).into_owned()
}

/// A field from the notebook shown in a line of prose: its lines joined by spaces, safe.
pub fn one_line(text: &str) -> String {
    field(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A multi-line field from the notebook (a summary, a rationale), safe to show, newlines kept.
pub fn block(text: &str) -> String {
    text::safe(text, text::Lines::Keep).into_owned()
}

/// One update in a line: `2025-11-13 19:00<joiner>olena (bayes, 2 items): first line of the why`.
pub fn update_line(
    at: &str,
    joiner: &str,
    author: &str,
    method: impl std::fmt::Display,
    items: usize,
    why: &str,
    width: usize,
) -> String {
    format!("{at}{joiner}{} ({method}, {}): {}", field(author), count(items, "item"), clip(why, width))
}

pub use crate::model::value::count;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_trim() {
        let text = table(&["id", ">p"], vec![vec!["a".into(), "5%".into()], vec!["long-id".into(), "62%".into()]]);
        assert_eq!(text, "id         p\na         5%\nlong-id  62%\n");
    }

    #[test]
    fn cells_are_one_safe_line() {
        let text = table(&["t"], vec![vec!["a\nb\x1b[31m".into()]]);
        assert_eq!(text, "t\na\\u{a}b\\u{1b}[31m\n");
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(pct(0.62), "62%");
        assert_eq!(pct(0.0035), "0.4%");
        assert_eq!(pct(0.0), "0%");
        assert_eq!(pp(0.061), "+6 pp");
        assert_eq!(pp(-0.03), "−3 pp");
        assert_eq!(pp(0.001), "±0 pp");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(count(1, "item"), "1 item");
        assert_eq!(count(0, "item"), "0 items");
    }
}
