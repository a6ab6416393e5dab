//! Building a new estimate: judgment values with the rest filled in proportionally, and storage rounding.

use crate::model::Distribution;

/// How far the given probabilities may exceed 1 before they are refused.
const OVERFLOW: f64 = 1e-9;

/// Why a judgment estimate cannot be built.
#[derive(Debug, Clone, PartialEq)]
pub enum EstimateProblem {
    /// The given probabilities add up to more than 1.
    Overfull { total: f64 },
    /// Every scenario was given, and they do not sum to 1.
    NotOne { total: f64 },
}

impl std::fmt::Display for EstimateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EstimateProblem::Overfull { total } => {
                write!(f, "the given probabilities add up to {:.4}, expected at most 1", total)
            }
            EstimateProblem::NotOne { total } => write!(
                f,
                "every scenario was given and they add up to {}, expected 1 (within 0.000001); leave one out and it takes what the others leave",
                crate::model::value::show_number(*total)
            ),
        }
    }
}

/// The new estimate over `in_play`: the `given` values, with the scenarios left out sharing what remains
/// in the proportions they had in `prior` (equally when there is no prior or it gave them nothing).
pub fn fill(
    in_play: &[&str],
    given: &Distribution,
    prior: Option<&Distribution>,
) -> Result<Distribution, EstimateProblem> {
    let total: f64 = given.values().sum();
    if total > 1.0 + OVERFLOW {
        return Err(EstimateProblem::Overfull { total });
    }
    let left_out: Vec<&str> = in_play.iter().copied().filter(|s| !given.contains_key(*s)).collect();
    if left_out.is_empty() {
        if (total - 1.0).abs() > crate::model::value::SUM_TOLERANCE {
            return Err(EstimateProblem::NotOne { total });
        }
        return Ok(given.clone());
    }
    let remaining = (1.0 - total).max(0.0);
    let weights: Vec<f64> = left_out.iter().map(|s| prior.and_then(|p| p.get(*s)).copied().unwrap_or(0.0)).collect();
    let weight_total: f64 = weights.iter().sum();
    let mut result = given.clone();
    for (scenario, weight) in left_out.iter().zip(weights) {
        let share = if weight_total > 0.0 { weight / weight_total } else { 1.0 / left_out.len() as f64 };
        result.insert(scenario.to_string(), remaining * share);
    }
    Ok(result)
}

/// Rounds to millionths so the stored numbers sum to exactly 1 (largest-remainder rounding).
pub fn round_for_storage(distribution: &Distribution) -> Distribution {
    const UNITS: f64 = 1_000_000.0;
    let total: f64 = distribution.values().sum();
    let scaled: Vec<(&String, f64)> = distribution.iter().map(|(k, v)| (k, v / total * UNITS)).collect();
    let mut units: Vec<(&String, i64, f64)> =
        scaled.iter().map(|(k, v)| (*k, v.floor() as i64, v - v.floor())).collect();
    let short = UNITS as i64 - units.iter().map(|u| u.1).sum::<i64>();
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| units[b].2.total_cmp(&units[a].2).then(a.cmp(&b)));
    for &i in order.iter().take(short.max(0) as usize) {
        units[i].1 += 1;
    }
    units.into_iter().map(|(k, n, _)| (k.clone(), n as f64 / UNITS)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(pairs: &[(&str, f64)]) -> Distribution {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn left_out_scenarios_keep_their_proportions() {
        let prior = dist(&[("a", 0.5), ("b", 0.3), ("c", 0.2)]);
        let got = fill(&["a", "b", "c"], &dist(&[("a", 0.6)]), Some(&prior)).unwrap();
        assert!((got["b"] - 0.24).abs() < 1e-12 && (got["c"] - 0.16).abs() < 1e-12);
    }

    #[test]
    fn without_a_prior_the_rest_is_shared_equally() {
        let got = fill(&["a", "b", "c"], &dist(&[("a", 0.4)]), None).unwrap();
        assert!((got["b"] - 0.3).abs() < 1e-12 && (got["c"] - 0.3).abs() < 1e-12);
    }

    #[test]
    fn refuses_overfull_and_incomplete_totals() {
        assert!(matches!(
            fill(&["a", "b"], &dist(&[("a", 0.7), ("b", 0.4)]), None),
            Err(EstimateProblem::Overfull { .. })
        ));
        assert!(matches!(
            fill(&["a", "b"], &dist(&[("a", 0.5), ("b", 0.4)]), None),
            Err(EstimateProblem::NotOne { .. })
        ));
    }

    #[test]
    fn storage_rounding_sums_to_one() {
        let third = 1.0 / 3.0;
        let got = round_for_storage(&dist(&[("a", third), ("b", third), ("c", third)]));
        assert_eq!(got.values().map(|v| (v * 1e6).round() as i64).sum::<i64>(), 1_000_000);
        assert_eq!(got["a"], 0.333334);
    }
}
