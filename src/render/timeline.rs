//! The day-by-day timeline as CSV: a header row, then one row per day.

use crate::model::value::show_number;
use crate::report::timeline::Timeline;

/// `date`, then each scenario's aggregate (`<scenario>`), then each analyst's estimate per
/// scenario (`<scenario> (<analyst>)`); fractions, an empty cell where there is none.
pub fn csv(t: &Timeline) -> String {
    let mut header = vec!["date".to_string()];
    header.extend(t.scenarios.iter().cloned());
    for a in &t.analysts {
        header.extend(t.scenarios.iter().map(|s| format!("{s} ({a})")));
    }
    let number = |p: &Option<f64>| p.map_or(String::new(), show_number);
    let rows = t.days.iter().map(|day| {
        let mut row = vec![day.date.clone()];
        row.extend(day.aggregate.iter().map(|(_, p)| number(p)));
        for (_, estimate) in day.analysts.iter() {
            row.extend(estimate.iter().map(|(_, p)| number(p)));
        }
        row
    });
    super::csv::table(header, rows)
}
