//! The ACH matrix (Heuer's Analysis of Competing Hypotheses): evidence × scenarios, each cell a
//! consistency rating, each item's diagnosticity, each scenario's inconsistency score (plain and
//! weighted by the Admiralty grade), and the probabilities the items imply from a uniform prior.

use super::{bayes, groups};
use crate::model::{Distribution, Evidence, Likelihood, Notebook, Rating, Scenario};

/// One row: an origin group's first-logged item, with its cell per scenario (in the matrix's
/// scenario order; `None` where it gives no likelihood) and its diagnosticity.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub item: &'a Evidence,
    pub cells: Vec<Option<(Rating, f64)>>,
    /// Its largest likelihood over its smallest, among the scenarios it rates.
    pub diagnosticity: f64,
}

#[derive(Debug, Clone)]
pub struct Matrix<'a> {
    /// The scenarios in play, in display order.
    pub scenarios: Vec<&'a Scenario>,
    /// Most diagnostic first (then by date and id).
    pub rows: Vec<Row<'a>>,
    /// Per scenario: how many rows rate it I (1 each) or II (2 each).
    pub inconsistency: Vec<f64>,
    /// The same, each row's count multiplied by its grade's weight (`Grade::weight`).
    pub weighted: Vec<f64>,
    /// Per scenario: how many rows rate it (a scenario added after every item is rated by none).
    pub rated: Vec<usize>,
    /// Bayes from a uniform prior over the rows that rate every scenario; `None` without such rows.
    pub implied: Option<Distribution>,
    /// How many rows rate every scenario, and so imply the probabilities.
    pub implied_from: usize,
}

/// The rating a likelihood reads as: a rating as given; a number, after dividing the item's
/// numbers by their largest if that exceeds 1 (only ratios matter), as the nearest of CC 0.95,
/// C 0.8, N 0.5, I 0.2 and II 0.05, a tie going toward N.
pub fn rating(likelihood: Likelihood, scale: f64) -> Rating {
    match likelihood {
        Likelihood::Rating(r) => r,
        Likelihood::Number(n) => nearest(n / scale),
    }
}

fn nearest(n: f64) -> Rating {
    // Ordered from N outwards, so that the first of two equally near ratings is the one toward N.
    let toward_n = [Rating::N, Rating::C, Rating::I, Rating::CC, Rating::II];
    let distance = |r: &Rating| (r.value() - n).abs();
    let best = toward_n.iter().map(distance).fold(f64::INFINITY, f64::min);
    toward_n.into_iter().find(|r| distance(r) <= best + 1e-12).unwrap_or(Rating::N)
}

/// What an item counts toward a scenario's inconsistency: I 1, II 2, anything else 0.
fn inconsistent(r: Rating) -> f64 {
    match r {
        Rating::I => 1.0,
        Rating::II => 2.0,
        _ => 0.0,
    }
}

/// The matrix of `notebook` (replayed to the moment it is shown for): items known, not retracted,
/// with likelihoods, that `keep` keeps, one per origin group; with `author`, only the items that
/// analyst has cited.
pub fn matrix<'a>(
    notebook: &'a Notebook,
    author: Option<&str>,
    moment: &crate::model::Moment,
    keep: &dyn Fn(&Evidence) -> bool,
) -> Matrix<'a> {
    let scenarios = notebook.in_play_at(moment);
    let cited: Option<std::collections::HashSet<&str>> = author.map(|a| {
        notebook.updates.iter().filter(|u| u.author == a).flat_map(|u| u.evidence.iter().map(String::as_str)).collect()
    });
    let items: Vec<&Evidence> = notebook
        .evidence
        .iter()
        .filter(|e| e.retracted.is_none() && e.likelihood.is_some() && keep(e))
        .filter(|e| cited.as_ref().is_none_or(|c| c.contains(&e.id.as_str())))
        .collect();
    let (items, _) = groups::fold(notebook, &notebook.groups(), &items);
    let mut rows: Vec<Row> = items.into_iter().filter_map(|e| row(e, &scenarios)).collect();
    rows.sort_by(|a, b| {
        b.diagnosticity
            .total_cmp(&a.diagnosticity)
            .then_with(|| (a.item.date, &a.item.id).cmp(&(b.item.date, &b.item.id)))
    });
    let score = |weighted: bool| -> Vec<f64> {
        (0..scenarios.len())
            .map(|i| {
                rows.iter()
                    .filter_map(|r| r.cells[i].map(|(rating, _)| (rating, r.item.grade.weight())))
                    .map(|(rating, w)| inconsistent(rating) * if weighted { w } else { 1.0 })
                    .fold(0.0, |sum, x| sum + x)
            })
            .collect()
    };
    let (inconsistency, weighted) = (score(false), score(true));
    let complete: Vec<&Evidence> =
        rows.iter().filter(|r| r.cells.iter().all(Option::is_some)).map(|r| r.item).collect();
    let uniform: Distribution = scenarios.iter().map(|s| (s.id.clone(), 1.0 / scenarios.len() as f64)).collect();
    let implied = (!complete.is_empty()).then(|| bayes::posterior(&uniform, &complete).ok()).flatten();
    let rated = (0..scenarios.len()).map(|i| rows.iter().filter(|r| r.cells[i].is_some()).count()).collect();
    Matrix { scenarios, rows, inconsistency, weighted, rated, implied, implied_from: complete.len() }
}

fn row<'a>(item: &'a Evidence, scenarios: &[&Scenario]) -> Option<Row<'a>> {
    let table = item.likelihood.as_ref()?;
    let numbers: Vec<Option<f64>> = scenarios.iter().map(|s| table.get(&s.id).map(|l| l.value())).collect();
    let given: Vec<f64> = numbers.iter().flatten().copied().collect();
    let high = given.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let low = given.iter().copied().fold(f64::INFINITY, f64::min);
    if given.is_empty() || !(high.is_finite() && low > 0.0) {
        return None;
    }
    let scale = if high > 1.0 { high } else { 1.0 };
    let cells = scenarios.iter().map(|s| table.get(&s.id).map(|l| (rating(*l, scale), l.value()))).collect();
    Some(Row { item, cells, diagnosticity: high / low })
}

/// The scenarios with the lowest inconsistency score (several when tied), by index, among those
/// some row rates: a scenario no item rates has no score to be low.
pub fn least_inconsistent(matrix: &Matrix) -> Vec<usize> {
    let rated: Vec<usize> = (0..matrix.scenarios.len()).filter(|&i| matrix.rated[i] > 0).collect();
    let low = rated.iter().map(|&i| matrix.inconsistency[i]).fold(f64::INFINITY, f64::min);
    rated.into_iter().filter(|&i| matrix.inconsistency[i] == low).collect()
}

/// The leading scenarios of the estimate a matrix is compared with (`author`'s, or the notebook's
/// aggregate): the most probable, several when tied, in display order.
pub fn leading(notebook: &Notebook, author: Option<&str>, moment: &crate::model::Moment) -> Vec<String> {
    let Some(estimate) = super::aggregate::estimate(notebook, author, moment) else { return Vec::new() };
    let top = estimate.values().copied().fold(f64::NEG_INFINITY, f64::max);
    notebook
        .in_play_at(moment)
        .iter()
        .filter(|s| estimate.get(&s.id).is_some_and(|p| (top - p).abs() < 1e-9))
        .map(|s| s.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_nearest_rating_ties_toward_n() {
        assert_eq!(nearest(0.7), Rating::C);
        assert_eq!(nearest(0.875), Rating::C, "halfway between C and CC goes toward N");
        assert_eq!(nearest(0.35), Rating::N);
        assert_eq!(nearest(0.125), Rating::I);
        assert_eq!(nearest(0.01), Rating::II);
        assert_eq!(rating(Likelihood::Number(3.0), 4.0), Rating::C, "3/4 = 0.75");
        assert_eq!(rating(Likelihood::Rating(Rating::II), 1.0), Rating::II);
    }
}
