//! Bayes' rule over scenarios: posterior ∝ prior × Π likelihoods, and each item's likelihood ratio.

use crate::model::{Distribution, Evidence};

/// Why a Bayes update cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum BayesProblem {
    /// The item has no likelihood table at all.
    NoLikelihoods { evidence: String },
    /// The item's table lacks a scenario the prior covers.
    MissingScenario { evidence: String, scenario: String },
    /// Every scenario ends with zero weight.
    AllZero,
}

impl std::fmt::Display for BayesProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BayesProblem::NoLikelihoods { evidence } => {
                write!(f, "evidence `{evidence}` has no likelihoods, so Bayes cannot use it")
            }
            BayesProblem::MissingScenario { evidence, scenario } => {
                write!(f, "evidence `{evidence}` gives no likelihood for scenario `{scenario}`")
            }
            BayesProblem::AllZero => write!(f, "the prior and likelihoods give every scenario zero weight"),
        }
    }
}

/// The posterior over the prior's scenarios after the given items. Computed in log space, so that
/// thousands of items do not underflow to zero.
pub fn posterior(prior: &Distribution, items: &[&Evidence]) -> Result<Distribution, BayesProblem> {
    let mut logs: Distribution = prior.iter().map(|(s, p)| (s.clone(), p.ln())).collect();
    for item in items {
        let table =
            item.likelihood.as_ref().ok_or_else(|| BayesProblem::NoLikelihoods { evidence: item.id.clone() })?;
        for (scenario, weight) in logs.iter_mut() {
            let likelihood = table.get(scenario).ok_or_else(|| BayesProblem::MissingScenario {
                evidence: item.id.clone(),
                scenario: scenario.clone(),
            })?;
            *weight += likelihood.value().ln();
        }
    }
    let top = logs.values().copied().fold(f64::NEG_INFINITY, f64::max);
    if !top.is_finite() {
        return Err(BayesProblem::AllZero);
    }
    normalize(logs.into_iter().map(|(s, l)| (s, (l - top).exp())).collect()).ok_or(BayesProblem::AllZero)
}

/// `distribution` with every probability below `floor` raised to it and the others scaled down in
/// proportion, so that it still sums to 1: Cromwell's rule for a Bayes proposal. Returns the
/// scenarios raised, in id order.
pub fn floored(distribution: &Distribution, floor: f64) -> (Distribution, Vec<String>) {
    let mut fixed: Vec<String> = Vec::new();
    loop {
        let free: f64 = distribution.iter().filter(|(s, _)| !fixed.contains(s)).map(|(_, p)| p).sum();
        let room = 1.0 - floor * fixed.len() as f64;
        let scaled: Distribution = distribution
            .iter()
            .map(|(s, p)| (s.clone(), if fixed.contains(s) { floor } else { p * room / free }))
            .collect();
        let low: Vec<String> =
            scaled.iter().filter(|(s, p)| **p < floor && !fixed.contains(s)).map(|(s, _)| s.clone()).collect();
        if low.is_empty() || fixed.len() + low.len() >= distribution.len() {
            return (scaled, fixed);
        }
        fixed.extend(low);
        fixed.sort();
    }
}

/// Scales weights to sum to 1; `None` when they sum to zero or are not finite.
pub fn normalize(mut weights: Distribution) -> Option<Distribution> {
    let total: f64 = weights.values().sum();
    if !(total.is_finite() && total > 0.0) {
        return None;
    }
    weights.values_mut().for_each(|w| *w /= total);
    Some(weights)
}

/// The item's likelihood ratio for `scenario` against `other`, when both likelihoods are known and `other`'s is not zero.
pub fn likelihood_ratio(item: &Evidence, scenario: &str, other: &str) -> Option<f64> {
    let top = item.likelihood_of(scenario)?;
    let bottom = item.likelihood_of(other)?;
    (bottom > 0.0).then(|| top / bottom)
}

/// The scenario among `scenarios` for which the item's likelihood is largest, with that likelihood.
pub fn strongest<'a>(item: &Evidence, scenarios: impl IntoIterator<Item = &'a str>) -> Option<(&'a str, f64)> {
    scenarios.into_iter().filter_map(|s| Some((s, item.likelihood_of(s)?))).fold(
        None,
        |best: Option<(&str, f64)>, (s, l)| match best {
            Some((_, top)) if top >= l => best,
            _ => Some((s, l)),
        },
    )
}

/// The item's likelihood for `scenario` divided by its largest likelihood among `others`
/// (infinite when those are all 0); `None` without likelihoods.
pub fn ratio_to_strongest<'a>(
    item: &Evidence,
    scenario: &str,
    others: impl IntoIterator<Item = &'a str>,
) -> Option<f64> {
    let own = item.likelihood_of(scenario)?;
    let (_, other) = strongest(item, others)?;
    Some(if other > 0.0 { own / other } else { f64::INFINITY })
}

/// What an item says about the scenarios: those it points to most (highest likelihood) and least
/// (lowest), and how many times more expected it is under the first than under the second.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contrast {
    /// The scenarios with the highest likelihood, in the order given (more than one is a tie).
    pub most: Vec<String>,
    /// The scenarios with the lowest likelihood, in the order given.
    pub least: Vec<String>,
    /// Highest likelihood over lowest: 1 when the item does not tell the scenarios apart, infinite
    /// when the lowest is 0.
    pub ratio: f64,
}

impl Contrast {
    /// Whether the item tells the scenarios apart at all.
    pub fn discriminates(&self) -> bool {
        self.ratio > 1.0
    }
}

/// The item's contrast among `scenarios` (those in play on its date); `None` when it gives no
/// likelihood for any of them.
pub fn contrast(item: &Evidence, scenarios: &[&str]) -> Option<Contrast> {
    let known: Vec<(&str, f64)> = scenarios.iter().filter_map(|s| Some((*s, item.likelihood_of(s)?))).collect();
    let high = known.iter().map(|(_, l)| *l).fold(f64::NEG_INFINITY, f64::max);
    let low = known.iter().map(|(_, l)| *l).fold(f64::INFINITY, f64::min);
    if known.is_empty() || !(high.is_finite() && low.is_finite()) {
        return None;
    }
    // Likelihoods within a billionth of each other (0.3 and 0.1 + 0.2) are the same likelihood.
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
    let with = |value: f64| known.iter().filter(|(_, l)| same(*l, value)).map(|(s, _)| s.to_string()).collect();
    if same(high, low) {
        return Some(Contrast { most: with(high), least: Vec::new(), ratio: 1.0 });
    }
    let ratio = if low > 0.0 { high / low } else { f64::INFINITY };
    Some(Contrast { most: with(high), least: with(low), ratio })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Likelihood;
    use chrono::NaiveDate;

    fn item(id: &str, pairs: &[(&str, f64)]) -> Evidence {
        let date = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        Evidence::bare(id, date, Some(pairs.iter().map(|(k, v)| (k.to_string(), Likelihood::Number(*v))).collect()))
    }

    fn dist(pairs: &[(&str, f64)]) -> Distribution {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn matches_hand_computation() {
        // prior 0.5/0.3/0.2; likelihoods 0.7/0.4/0.05 → 0.35/0.12/0.01, total 0.48.
        let prior = dist(&[("a", 0.5), ("b", 0.3), ("c", 0.2)]);
        let e = item("e", &[("a", 0.7), ("b", 0.4), ("c", 0.05)]);
        let post = posterior(&prior, &[&e]).unwrap();
        assert!((post["a"] - 0.35 / 0.48).abs() < 1e-12);
        assert!((post["b"] - 0.12 / 0.48).abs() < 1e-12);
        assert!((post["c"] - 0.01 / 0.48).abs() < 1e-12);
    }

    #[test]
    fn proposals_are_floored_at_a_tenth_of_a_percent() {
        // 0.0005 is raised to 0.001; the other two share 0.999 in their ratio 0.7 : 0.2995.
        let (d, raised) = floored(&dist(&[("a", 0.7), ("b", 0.2995), ("c", 0.0005)]), 0.001);
        assert_eq!(raised, ["c"]);
        assert!((d["c"] - 0.001).abs() < 1e-15);
        assert!((d["a"] - 0.7 * 0.999 / 0.9995).abs() < 1e-12);
        assert!((d.values().sum::<f64>() - 1.0).abs() < 1e-12);
        let (same, none) = floored(&dist(&[("a", 0.5), ("b", 0.5)]), 0.001);
        assert!(none.is_empty() && same["a"] == 0.5);
    }

    #[test]
    fn thousands_of_items_do_not_underflow() {
        let prior = dist(&[("a", 0.5), ("b", 0.5)]);
        let e = item("e", &[("a", 0.1), ("b", 0.09)]);
        let many: Vec<&Evidence> = std::iter::repeat_n(&e, 5000).collect();
        let post = posterior(&prior, &many).unwrap();
        assert!(post["a"] > 0.999_999 && post["a"] <= 1.0, "{post:?}");
    }

    #[test]
    fn contrast_names_most_least_ties_and_non_discriminating_items() {
        // Cut I (0.2), Hold C (0.95), Hike C (0.95): 4.75× more expected under Hold or Hike.
        let e = item("e", &[("cut", 0.2), ("hold", 0.95), ("hike", 0.95)]);
        let c = contrast(&e, &["cut", "hold", "hike"]).unwrap();
        assert_eq!((c.most.clone(), c.least.clone()), (vec!["hold".into(), "hike".into()], vec!["cut".into()]));
        assert!((c.ratio - 4.75).abs() < 1e-12 && c.discriminates());
        let flat = contrast(&item("f", &[("a", 0.5), ("b", 0.5)]), &["a", "b"]).unwrap();
        assert!(!flat.discriminates() && flat.least.is_empty() && flat.most.len() == 2);
        let middle = contrast(&item("m", &[("a", 0.8), ("b", 0.4), ("c", 0.2)]), &["a", "b", "c"]).unwrap();
        assert_eq!((middle.most, middle.least, middle.ratio), (vec!["a".into()], vec!["c".into()], 4.0));
        assert!(contrast(&item("n", &[("a", 0.5)]), &["b"]).is_none());
        let near = contrast(&item("t", &[("a", 0.1), ("b", 0.1 + 0.2), ("c", 0.3)]), &["a", "b", "c"]).unwrap();
        assert_eq!(near.most, vec!["b".to_string(), "c".to_string()], "0.1 + 0.2 and 0.3 tie");
    }

    #[test]
    fn refuses_items_without_likelihoods_and_all_zero() {
        let prior = dist(&[("a", 0.5), ("b", 0.5)]);
        let mut bare = item("bare", &[]);
        bare.likelihood = None;
        assert_eq!(posterior(&prior, &[&bare]), Err(BayesProblem::NoLikelihoods { evidence: "bare".into() }));
        let zero = item("z", &[("a", 0.0), ("b", 0.0)]);
        assert_eq!(posterior(&prior, &[&zero]), Err(BayesProblem::AllZero));
        let partial = item("p", &[("a", 0.5)]);
        assert!(matches!(posterior(&prior, &[&partial]), Err(BayesProblem::MissingScenario { .. })));
    }
}
