//! Indicators observed: which non-retracted items show a scenario's signpost.

use crate::model::{Evidence, Notebook};

/// The non-retracted items that observe `scenario/indicator`, by date.
pub fn observing<'a>(notebook: &'a Notebook, scenario: &str, indicator: &str) -> Vec<&'a Evidence> {
    let mut items: Vec<&Evidence> = notebook
        .evidence
        .iter()
        .filter(|e| e.retracted.is_none())
        .filter(|e| e.observes.iter().any(|o| o.scenario == scenario && o.indicator == indicator))
        .collect();
    items.sort_by_key(|e| e.date);
    items
}
