//! Scoring resolved questions: multi-category Brier, time-averaged Brier, log score, the uniform baseline,
//! and calibration of binary forecasts with the Murphy decomposition.

use super::{aggregate, range, timeline};
use crate::model::{Distribution, Moment, Notebook, Update, time};
use chrono::NaiveDate;
use serde::Serialize;

/// Σ (pᵢ − oᵢ)² over the estimate's scenarios and the outcome (0 = perfect, 2 = worst).
pub fn brier(estimate: &Distribution, outcome: &str) -> f64 {
    let missed = if estimate.contains_key(outcome) { 0.0 } else { 1.0 };
    estimate.iter().map(|(s, p)| if s == outcome { (p - 1.0).powi(2) } else { p * p }).sum::<f64>() + missed
}

/// The Brier score of a uniform forecast over `n` scenarios: 1 − 1/n.
pub fn baseline(n: usize) -> f64 {
    if n == 0 { 0.0 } else { 1.0 - 1.0 / n as f64 }
}

/// One forecaster's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub final_brier: f64,
    /// `None` when there is no day to average (the first update came on the resolution date).
    pub time_averaged_brier: Option<f64>,
    /// ln of the final probability of the outcome; `None` (−∞) when it was 0.
    pub log_score: Option<f64>,
    pub days: usize,
}

/// The last moment that counts for scoring: just before the start of the resolution day.
pub fn last_counted(notebook: &Notebook, date: NaiveDate) -> Moment {
    time::start_of_day(notebook.settings.timezone, date) - chrono::Duration::nanoseconds(1)
}

/// The estimate scored at `moment`: `author`'s (or the aggregate, with `None`) as it was known at
/// `moment`, from updates recorded by then and by the resolution (see `timeline::estimate_known`).
pub fn held(notebook: &Notebook, author: Option<&str>, moment: &Moment) -> Option<Distribution> {
    let zone = notebook.settings.timezone;
    let limit = notebook.resolution.as_ref().map_or(*moment, |r| r.known_at(zone));
    aggregate::known(notebook, author, moment, &limit)
}

/// Scores `author` (or the aggregate, with `None`) on a notebook resolved as `outcome` on `date`.
/// Each estimate is the one held then, as known then (see `held`): an update counts from when it
/// was written at the earliest, never for days before. The final estimate is the one held just
/// before the start of `date`; the average runs over each day from the day of the first update
/// (the author's own, or the notebook's) to the day before `date`, each day's estimate as held at
/// its end.
pub fn score(notebook: &Notebook, author: Option<&str>, outcome: &str, date: NaiveDate) -> Option<Scores> {
    let zone = notebook.settings.timezone;
    let final_estimate = held(notebook, author, &last_counted(notebook, date))?;
    let first =
        notebook.updates.iter().filter(|u| author.is_none_or(|a| u.author == a)).map(Update::counts_from).min()?;
    let mut day = time::day_in(zone, &first);
    let mut total = 0.0;
    let mut days = 0;
    while day < date {
        if let Some(estimate) = held(notebook, author, &time::end_of_day(zone, day)) {
            total += brier(&estimate, outcome);
            days += 1;
        }
        day = day.succ_opt()?;
    }
    let p = final_estimate.get(outcome).copied().unwrap_or(0.0);
    Some(Scores {
        final_brier: brier(&final_estimate, outcome),
        time_averaged_brier: (days > 0).then(|| total / days as f64),
        log_score: (p > 0.0).then(|| p.ln()),
        days,
    })
}

/// Every author with an estimate held before the resolution date.
pub fn scored_authors(notebook: &Notebook, date: NaiveDate) -> Vec<&str> {
    let last = last_counted(notebook, date);
    timeline::authors(notebook).into_iter().filter(|a| held(notebook, Some(a), &last).is_some()).collect()
}

/// One binary forecast: a probability and whether the event happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binary {
    pub p: f64,
    pub happened: bool,
}

/// How many equal-width bins calibration uses.
pub const BINS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub count: usize,
    pub mean_forecast: Option<f64>,
    pub observed: Option<f64>,
    /// 90% Jeffreys interval for the observed frequency: Beta(k + ½, n − k + ½) quantiles.
    pub interval: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Calibration {
    pub forecasts: usize,
    pub bins: Vec<Bin>,
    pub brier: Option<f64>,
    pub reliability: Option<f64>,
    pub resolution: Option<f64>,
    pub uncertainty: Option<f64>,
}

/// Calibration over binary forecasts, in 10 bins [0, 0.1), …, [0.9, 1.0].
pub fn calibration(forecasts: &[Binary]) -> Calibration {
    let n = forecasts.len();
    let bin_of = |p: f64| ((p * BINS as f64).floor() as usize).min(BINS - 1);
    let base_rate = (n > 0).then(|| forecasts.iter().filter(|f| f.happened).count() as f64 / n as f64);
    let mut reliability = 0.0;
    let mut resolution = 0.0;
    let bins = (0..BINS)
        .map(|b| {
            let members: Vec<&Binary> = forecasts.iter().filter(|f| bin_of(f.p) == b).collect();
            let count = members.len();
            let hits = members.iter().filter(|f| f.happened).count();
            let mean = (count > 0).then(|| members.iter().map(|f| f.p).sum::<f64>() / count as f64);
            let observed = (count > 0).then(|| hits as f64 / count as f64);
            if let (Some(f), Some(o), Some(rate)) = (mean, observed, base_rate) {
                reliability += count as f64 * (f - o).powi(2);
                resolution += count as f64 * (o - rate).powi(2);
            }
            let interval = (count > 0).then(|| {
                let (a, b) = (hits as f64 + 0.5, (count - hits) as f64 + 0.5);
                [range::beta_quantile(a, b, 0.05), range::beta_quantile(a, b, 0.95)]
            });
            Bin {
                low: b as f64 / BINS as f64,
                high: (b + 1) as f64 / BINS as f64,
                count,
                mean_forecast: mean,
                observed,
                interval,
            }
        })
        .collect();
    let brier = (n > 0)
        .then(|| forecasts.iter().map(|f| (f.p - if f.happened { 1.0 } else { 0.0 }).powi(2)).sum::<f64>() / n as f64);
    Calibration {
        forecasts: n,
        bins,
        brier,
        reliability: (n > 0).then(|| reliability / n as f64),
        resolution: (n > 0).then(|| resolution / n as f64),
        uncertainty: base_rate.map(|o| o * (1.0 - o)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(pairs: &[(&str, f64)]) -> Distribution {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn brier_by_hand() {
        // (0.6−1)² + 0.3² + 0.1² = 0.16 + 0.09 + 0.01 = 0.26
        assert!((brier(&dist(&[("a", 0.6), ("b", 0.3), ("c", 0.1)]), "a") - 0.26).abs() < 1e-12);
        assert!((brier(&dist(&[("a", 1.0), ("b", 0.0)]), "b") - 2.0).abs() < 1e-12);
        assert!((baseline(3) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn calibration_with_known_answers() {
        // Bin 0.1–0.2: two forecasts of 0.15, one happened. Bin 0.8–0.9: two of 0.85, both happened.
        let f = |p, happened| Binary { p, happened };
        let c = calibration(&[f(0.15, true), f(0.15, false), f(0.85, true), f(0.85, true)]);
        assert_eq!(c.bins[1].count, 2);
        assert_eq!(c.bins[1].observed, Some(0.5));
        assert_eq!(c.bins[8].observed, Some(1.0));
        // Brier: (0.85² + 0.15² + 0.15² + 0.15²) / 4 = (0.7225 + 0.0675) / 4 = 0.1975
        assert!((c.brier.unwrap() - 0.1975).abs() < 1e-12);
        // base rate 0.75; reliability (2·0.35² + 2·0.15²)/4 = 0.0725; resolution (2·0.25² + 2·0.25²)/4 = 0.0625
        assert!((c.reliability.unwrap() - 0.0725).abs() < 1e-12);
        assert!((c.resolution.unwrap() - 0.0625).abs() < 1e-12);
        assert!((c.uncertainty.unwrap() - 0.1875).abs() < 1e-12);
        // Brier = REL − RES + UNC when forecasts within a bin are equal.
        assert!((c.brier.unwrap() - (0.0725 - 0.0625 + 0.1875)).abs() < 1e-12);
        // Jeffreys for 1 of 2: Beta(1.5, 1.5).
        let [low, high] = c.bins[1].interval.unwrap();
        assert!((low + high - 1.0).abs() < 1e-9 && low > 0.0 && low < 0.2);
    }
}
