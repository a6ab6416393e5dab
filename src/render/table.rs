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

pub use crate::model::value::{apportion, shown_points};

/// A probability for people, in whole percent: `62%`; `<1%` and `>99%` for the values that would
/// round to 0% or 100% without being 0 or 1. The one display rule for probabilities.
pub fn pct(p: f64) -> String {
    match shown_points(p) {
        0 if p > 0.0 => "<1%".to_string(),
        100 if p < 1.0 => ">99%".to_string(),
        n => format!("{n}%"),
    }
}

/// A change between two probabilities as the reader sees them: the difference of the shown whole
/// percents (`<1%` counting as 0, `>99%` as 100), so that `27% → 46%` reads `+19 pp`. Empty when
/// either side is missing.
pub fn change(from: Option<f64>, to: Option<f64>) -> String {
    match (from, to) {
        (Some(a), Some(b)) => points(shown_points(b) - shown_points(a)),
        _ => String::new(),
    }
}

/// Whether two probabilities show as the same number.
pub fn same_shown(a: f64, b: f64) -> bool {
    pct(a) == pct(b)
}

/// The gap between the largest and the smallest of several analysts' probabilities, from the
/// numbers shown (`52%` and `58%`: `6 pp`); `—` with fewer than two.
pub fn spread(values: &[f64]) -> String {
    if values.len() < 2 {
        return "—".to_string();
    }
    let shown: Vec<i64> = values.iter().map(|p| shown_points(*p)).collect();
    let gap = shown.iter().max().unwrap_or(&0) - shown.iter().min().unwrap_or(&0);
    format!("{gap} pp")
}

/// A range for people: `48–75%`, `<1–3%`, or one number when both ends show the same.
pub fn range(r: Option<[f64; 2]>) -> String {
    let Some([low, high]) = r else { return String::new() };
    if same_shown(low, high) {
        return pct(low);
    }
    format!("{}–{}", pct(low).trim_end_matches('%'), pct(high))
}

/// A signed shift in percentage points, rounded: `+6 pp`, `−3 pp`, `±0 pp`.
pub fn pp(shift: f64) -> String {
    points((shift * 100.0).round() as i64)
}

/// A whole number of points, signed: `+6 pp`, `−3 pp`, `±0 pp`.
fn points(n: i64) -> String {
    match n {
        0 => "±0 pp".to_string(),
        n if n > 0 => format!("+{n} pp"),
        n => format!("−{} pp", -n),
    }
}

/// A shift shown as whole points, signed (see `apportion`).
pub fn shown_shift(n: i64) -> String {
    points(n)
}

/// A likelihood ratio in words: `4.8× more`, `2.5× less`, `over 1000× less` (see `value::times`).
pub fn times_or_less(ratio: f64) -> String {
    if (ratio - 1.0).abs() < 1e-9 {
        "equally expected".to_string()
    } else if ratio >= 1.0 || ratio.is_nan() {
        format!("{} more", crate::model::value::times(ratio))
    } else {
        format!("{} less", crate::model::value::times(1.0 / ratio))
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
    fn shares_add_up_to_the_change_shown() {
        // +4.6 and +3.4 exactly: rounded alone, +5 and +3 make 8; the change shows +7.
        assert_eq!(apportion(7, &[0.046, 0.034]), vec![4, 3]);
        assert_eq!(apportion(-13, &[-0.078858, -0.052942]), vec![-8, -5]);
        assert_eq!(apportion(0, &[0.004, -0.004]), vec![0, 0]);
    }

    #[test]
    fn cells_are_one_safe_line() {
        let text = table(&["t"], vec![vec!["a\nb\x1b[31m".into()]]);
        assert_eq!(text, "t\na\\u{a}b\\u{1b}[31m\n");
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(pct(0.62), "62%");
        assert_eq!(pct(0.0035), "<1%");
        assert_eq!(pct(0.0), "0%");
        assert_eq!(pct(0.996), ">99%");
        assert_eq!(pct(1.0), "100%");
        assert_eq!(pp(0.061), "+6 pp");
        assert_eq!(pp(-0.03), "−3 pp");
        assert_eq!(pp(0.001), "±0 pp");
        // 27.4% → 45.6% shows 27% → 46%: +19 pp, not the +18 of the exact change.
        assert_eq!(change(Some(0.274), Some(0.456)), "+19 pp");
        assert_eq!(change(Some(0.017), Some(0.024)), "±0 pp");
        assert_eq!(range(Some([0.001, 0.004])), "<1%");
        assert_eq!(range(Some([0.004, 0.03])), "<1–3%");
        assert_eq!(range(Some([0.48, 0.75])), "48–75%");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(count(1, "item"), "1 item");
        assert_eq!(count(0, "item"), "0 items");
    }
}
