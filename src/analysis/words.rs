//! Words of estimative probability: ICD 203 bands and the PHIA yardstick.

use crate::model::WordScale;

/// The estimative phrase for probability `p` on the notebook's scale.
pub fn words(p: f64, scale: WordScale) -> &'static str {
    match scale {
        WordScale::Icd203 => icd203(p),
        WordScale::Phia => phia(p),
    }
}

fn icd203(p: f64) -> &'static str {
    match p {
        p if p < 0.05 => "almost no chance",
        p if p < 0.20 => "very unlikely",
        p if p < 0.45 => "unlikely",
        p if p <= 0.55 => "roughly even chance",
        p if p < 0.80 => "likely",
        p if p < 0.95 => "very likely",
        _ => "almost certain",
    }
}

/// PHIA bands with their ranges; a probability between two bands takes the nearer one.
const PHIA: [(f64, f64, &str); 7] = [
    (0.0, 0.05, "remote chance"),
    (0.10, 0.20, "highly unlikely"),
    (0.25, 0.35, "unlikely"),
    (0.40, 0.50, "realistic possibility"),
    (0.55, 0.75, "likely"),
    (0.80, 0.90, "highly likely"),
    (0.95, 1.0, "almost certain"),
];

fn phia(p: f64) -> &'static str {
    let distance = |(low, high, _): &(f64, f64, &str)| {
        if p < *low {
            low - p
        } else if p > *high {
            p - high
        } else {
            0.0
        }
    };
    PHIA.iter().min_by(|a, b| distance(a).total_cmp(&distance(b))).map_or("remote chance", |band| band.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd203_band_edges() {
        let cases = [
            (0.0, "almost no chance"),
            (0.049, "almost no chance"),
            (0.05, "very unlikely"),
            (0.2, "unlikely"),
            (0.45, "roughly even chance"),
            (0.55, "roughly even chance"),
            (0.551, "likely"),
            (0.8, "very likely"),
            (0.95, "almost certain"),
            (1.0, "almost certain"),
        ];
        for (p, expected) in cases {
            assert_eq!(words(p, WordScale::Icd203), expected, "p = {p}");
        }
    }

    #[test]
    fn phia_takes_the_nearest_band() {
        let cases = [
            (0.03, "remote chance"),
            (0.08, "highly unlikely"),
            (0.22, "highly unlikely"),
            (0.23, "unlikely"),
            (0.45, "realistic possibility"),
            (0.62, "likely"),
            (0.85, "highly likely"),
            (0.93, "almost certain"),
        ];
        for (p, expected) in cases {
            assert_eq!(words(p, WordScale::Phia), expected, "p = {p}");
        }
    }
}
