//! Report builders: pure functions from a notebook to plain `Serialize` structs that every output
//! format shares. Words, ranges and every computed number are decided here, never in `render`.

pub mod briefing;
pub mod chart;
pub mod evidence;
pub mod history;
pub mod matrix;
pub mod proposal;
pub mod review;
pub mod scenarios;
pub mod score;
pub mod status;
pub mod timeline;

/// How many items a summary lists before it only counts the rest (status, a proposal).
pub const LISTED: usize = 20;

/// A computed number as reports give it: rounded to 6 decimals, so float noise such as
/// `0.34661600000000004` never reaches the output. Numbers read from records are given as stored.
pub fn computed(x: f64) -> f64 {
    if x.is_finite() { (x * 1e6).round() / 1e6 } else { x }
}

/// A computed distribution as reports give it (see `computed`).
pub fn rounded(d: crate::model::Distribution) -> crate::model::Distribution {
    d.into_iter().map(|(s, p)| (s, computed(p))).collect()
}

/// Pairs in their order (the scenarios' display order), written in JSON as one object.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V: serde::Serialize> serde::Serialize for Ordered<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<V> Ordered<V> {
    pub fn iter(&self) -> impl Iterator<Item = &(String, V)> {
        self.0.iter()
    }
}
