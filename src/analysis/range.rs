//! Ranges from analytic confidence: p read as the mean of Beta(k·p, k·(1−p)), shown as its central 90% interval.
//!
//! Quantiles come from bisection on statrs's regularized incomplete beta function rather than
//! statrs 0.19's `inverse_cdf`, which is inaccurate for small shape parameters (such as k·p < 1).

use crate::model::Confidence;
use statrs::function::beta::beta_reg;

/// The Beta concentration k for each confidence level.
pub fn concentration(confidence: Confidence) -> f64 {
    match confidence {
        Confidence::Low => 10.0,
        Confidence::Moderate => 30.0,
        Confidence::High => 100.0,
    }
}

/// The central 90% interval around `p` at `confidence`.
pub fn range(p: f64, confidence: Confidence) -> (f64, f64) {
    let k = concentration(confidence);
    if p <= 0.0 {
        return (0.0, 0.0);
    }
    if p >= 1.0 {
        return (1.0, 1.0);
    }
    (beta_quantile(k * p, k * (1.0 - p), 0.05), beta_quantile(k * p, k * (1.0 - p), 0.95))
}

/// The `q` quantile of Beta(a, b), for a, b > 0, to within 1e-12.
pub fn beta_quantile(a: f64, b: f64, q: f64) -> f64 {
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if beta_reg(a, b, mid) < q {
            low = mid;
        } else {
            high = mid;
        }
        if high - low < 1e-15 {
            break;
        }
    }
    0.5 * (low + high)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values from scipy.stats.beta.ppf (SciPy 1.17).
    const REFERENCE: [(Confidence, f64, f64, f64); 12] = [
        (Confidence::Low, 0.0035, 0.0, 0.0160987834),
        (Confidence::Low, 0.02, 0.0000000217, 0.1037522738),
        (Confidence::Low, 0.05, 0.0002124480, 0.1873656641),
        (Confidence::Low, 0.5, 0.2513676274, 0.7486323726),
        (Confidence::Low, 0.95, 0.8126343359, 0.9997875520),
        (Confidence::Moderate, 0.02, 0.0001932915, 0.0712663969),
        (Confidence::Moderate, 0.3, 0.1724648194, 0.4429359020),
        (Confidence::Moderate, 0.62, 0.4718426178, 0.7589070172),
        (Confidence::High, 0.0035, 0.0000013892, 0.0152060950),
        (Confidence::High, 0.05, 0.0201087556, 0.0900735582),
        (Confidence::High, 0.62, 0.5391542014, 0.6981026950),
        (Confidence::High, 0.95, 0.9099264418, 0.9798912444),
    ];

    #[test]
    fn ranges_match_scipy_including_small_shapes() {
        for (confidence, p, low, high) in REFERENCE {
            let (l, h) = range(p, confidence);
            assert!((l - low).abs() < 1e-8, "{confidence:?} {p}: low {l} vs {low}");
            assert!((h - high).abs() < 1e-8, "{confidence:?} {p}: high {h} vs {high}");
        }
    }

    #[test]
    fn jeffreys_interval_reference() {
        assert!((beta_quantile(0.5, 3.5, 0.05) - 0.0006029985).abs() < 1e-9);
        assert!((beta_quantile(0.5, 3.5, 0.95) - 0.4440671095).abs() < 1e-9);
    }

    #[test]
    fn certain_estimates_have_no_width() {
        assert_eq!(range(0.0, Confidence::Low), (0.0, 0.0));
        assert_eq!(range(1.0, Confidence::High), (1.0, 1.0));
    }
}
