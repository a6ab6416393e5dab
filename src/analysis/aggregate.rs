//! The notebook's estimate: each author's standing estimate, and their renormalized geometric mean.

use super::timeline;
use crate::model::{Distribution, Moment, Notebook};
use std::collections::BTreeMap;

/// Each author's estimate at `moment` (see `timeline::estimate`), by author.
pub fn by_author(notebook: &Notebook, moment: &Moment) -> BTreeMap<String, Distribution> {
    timeline::authors(notebook)
        .into_iter()
        .filter_map(|a| Some((a.to_string(), timeline::estimate(notebook, a, moment)?)))
        .collect()
}

/// The estimate at `moment`: one author's if named, else the aggregate of all authors.
pub fn estimate(notebook: &Notebook, author: Option<&str>, moment: &Moment) -> Option<Distribution> {
    match author {
        Some(a) => timeline::estimate(notebook, a, moment),
        None => geometric_mean(by_author(notebook, moment).values()),
    }
}

/// The estimate held at `moment` as it was known at `moment` (and by `limit`): each author's
/// from the updates recorded by then (see `timeline::estimate_known`), aggregated like `estimate`.
/// Every past value a command shows ("last week", "7 days ago", trends, scores) is read this way,
/// so a backdated update never rewrites what an earlier briefing or score saw.
pub fn known(notebook: &Notebook, author: Option<&str>, moment: &Moment, limit: &Moment) -> Option<Distribution> {
    match author {
        Some(a) => timeline::estimate_known(notebook, a, moment, limit),
        None => geometric_mean(by_author_known(notebook, moment, limit).values()),
    }
}

/// `known` with no limit but the moment itself: what was believed at `moment`, as known then.
pub fn as_known(notebook: &Notebook, author: Option<&str>, moment: &Moment) -> Option<Distribution> {
    known(notebook, author, moment, moment)
}

/// `as_known` at each of `moments` (ascending), in one sweep over the updates: for charts.
pub fn as_known_series(notebook: &Notebook, author: Option<&str>, moments: &[Moment]) -> Vec<Option<Distribution>> {
    timeline::known_series(notebook, moments)
        .into_iter()
        .map(|by_author| match author {
            Some(a) => by_author.get(a).cloned(),
            None => geometric_mean(by_author.values()),
        })
        .collect()
}

/// Each author's estimate at `moment` as known at `moment` and by `limit`, by author.
pub fn by_author_known(notebook: &Notebook, moment: &Moment, limit: &Moment) -> BTreeMap<String, Distribution> {
    timeline::authors(notebook)
        .into_iter()
        .filter_map(|a| Some((a.to_string(), timeline::estimate_known(notebook, a, moment, limit)?)))
        .collect()
}

/// The geometric mean of the estimates, scenario by scenario, renormalized to sum to 1. Only scenarios
/// every estimate covers are kept. `None` when there is no estimate, or every scenario gets zero.
pub fn geometric_mean<'a>(estimates: impl IntoIterator<Item = &'a Distribution>) -> Option<Distribution> {
    let list: Vec<&Distribution> = estimates.into_iter().collect();
    let first = list.first()?;
    let n = list.len() as f64;
    let weights: Distribution = first
        .keys()
        .filter(|s| list.iter().all(|d| d.contains_key(*s)))
        .map(|s| (s.clone(), (list.iter().map(|d| d[s].ln()).sum::<f64>() / n).exp()))
        .collect();
    super::bayes::normalize(weights)
}

/// The largest gap between two authors' estimates per scenario, as a fraction (0.12 = 12 points),
/// for the scenarios at least two authors give a value.
pub fn disagreement(estimates: &BTreeMap<String, Distribution>) -> BTreeMap<String, f64> {
    let mut gaps: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    for d in estimates.values() {
        for (s, p) in d {
            let entry = gaps.entry(s.clone()).or_insert((*p, *p, 0));
            entry.0 = entry.0.min(*p);
            entry.1 = entry.1.max(*p);
            entry.2 += 1;
        }
    }
    gaps.into_iter().filter(|(_, (_, _, n))| *n >= 2).map(|(s, (low, high, _))| (s, high - low)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(pairs: &[(&str, f64)]) -> Distribution {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn geometric_mean_matches_hand_computation() {
        // sqrt(0.6·0.4) = 0.489898, sqrt(0.4·0.6) = 0.489898 → 0.5 / 0.5
        let a = dist(&[("x", 0.6), ("y", 0.4)]);
        let b = dist(&[("x", 0.4), ("y", 0.6)]);
        let m = geometric_mean([&a, &b]).unwrap();
        assert!((m["x"] - 0.5).abs() < 1e-12);
        // sqrt(0.9·0.5)=0.670820, sqrt(0.1·0.5)=0.223607 → 0.75 / 0.25
        let c = dist(&[("x", 0.9), ("y", 0.1)]);
        let d = dist(&[("x", 0.5), ("y", 0.5)]);
        let m = geometric_mean([&c, &d]).unwrap();
        assert!((m["x"] - 0.75).abs() < 1e-12, "{m:?}");
    }

    #[test]
    fn identical_estimates_aggregate_to_themselves() {
        let a = dist(&[("x", 0.62), ("y", 0.33), ("z", 0.05)]);
        let m = geometric_mean([&a, &a, &a]).unwrap();
        for (s, p) in &a {
            assert!((m[s] - p).abs() < 1e-12);
        }
    }

    #[test]
    fn disagreement_is_the_largest_gap() {
        let mut all = BTreeMap::new();
        all.insert("a".to_string(), dist(&[("x", 0.6), ("y", 0.4)]));
        all.insert("b".to_string(), dist(&[("x", 0.45), ("y", 0.55)]));
        all.insert("c".to_string(), dist(&[("x", 0.5), ("y", 0.5)]));
        let gaps = disagreement(&all);
        assert!((gaps["x"] - 0.15).abs() < 1e-12);
        let mut one = BTreeMap::new();
        one.insert("a".to_string(), dist(&[("x", 0.6), ("y", 0.4)]));
        one.insert("b".to_string(), dist(&[("x", 0.5)]));
        let gaps = disagreement(&one);
        assert!(gaps.contains_key("x") && !gaps.contains_key("y"), "a spread needs two analysts: {gaps:?}");
    }
}
