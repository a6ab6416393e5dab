//! CSV for spreadsheets: one writer, and text cells that a spreadsheet can never run as a formula.

use crate::model::text::{Lines, safe};
use std::borrow::Cow;

/// A header and rows as CSV. Every cell passes through `cell`.
pub fn table(header: Vec<String>, rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header.iter().map(|c| cell(c).into_owned())).expect("writing to memory");
    for row in rows {
        writer.write_record(row.iter().map(|c| cell(c).into_owned())).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing memory")).expect("CSV of UTF-8 text is UTF-8")
}

/// A cell as a spreadsheet should see it. Text that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return would be run as a formula (OWASP's CSV injection), so it gets a leading `'`.
/// A cell that reads as a number stays a number (`-0.05` is not a formula). Terminal controls
/// are shown escaped, as in every text output; line breaks stay, quoted by the CSV writer.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = text.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) && text.parse::<f64>().is_ok();
    let text = safe(text, Lines::Keep);
    if risky && !number { Cow::Owned(format!("'{text}")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("+cmd"), "'+cmd");
        assert_eq!(cell("-0.05"), "-0.05");
        assert_eq!(cell("0.62"), "0.62");
        assert_eq!(cell("ana"), "ana");
        assert_eq!(cell("\tx"), "'\\u{9}x");
        assert_eq!(cell("-inf"), "'-inf");
    }
}
