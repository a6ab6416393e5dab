//! Scorecards and calibration tables as text.

use super::table::table;
use crate::report::score::Scores;
use crate::report::score::{CalibrationReport, Scorecard};
use std::fmt::Write;

fn number(value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.3}"))
}

/// How a Brier score compares with the uniform baseline, in words.
pub fn versus_baseline(score: Option<f64>, baseline: f64) -> String {
    match score {
        None => "no days to average".to_string(),
        Some(s) if (s - baseline).abs() < 0.0005 => "the same as the baseline".to_string(),
        Some(s) if s < baseline => format!("better than the baseline by {:.3}", baseline - s),
        Some(s) => format!("worse than the baseline by {:.3}", s - baseline),
    }
}

fn row(rank: String, who: &str, s: &Scores, baseline: f64) -> Vec<String> {
    vec![
        rank,
        super::table::field(who),
        number(s.time_averaged_brier),
        number(Some(s.final_brier)),
        number(s.log_score),
        s.days.to_string(),
        versus_baseline(s.time_averaged_brier, baseline),
    ]
}

pub fn scorecard(card: &Scorecard) -> String {
    let mut out = format!("resolved: {} ({}) on {}", super::table::field(&card.outcome_title), card.outcome, card.date);
    if let Some(note) = &card.note {
        let _ = write!(out, ". {}", super::table::one_line(note));
    }
    let _ = writeln!(
        out,
        "\nBrier per question: the sum over the scenarios of (p − outcome)², 0 perfect, 2 worst; lower is better\nbaseline (uniform forecast): Brier {:.3}; only estimates held before the resolution day count\n",
        card.baseline_brier
    );
    let mut rows: Vec<Vec<String>> = card
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| row((i + 1).to_string(), &a.author, &a.scores, card.baseline_brier))
        .collect();
    if let Some(aggregate) = &card.aggregate {
        rows.push(row(String::new(), "aggregate", aggregate, card.baseline_brier));
    }
    if rows.is_empty() {
        let _ = writeln!(out, "no analyst had an estimate before the resolution date, so there is nothing to score");
        return out;
    }
    out.push_str(&table(
        &[
            ">rank",
            "analyst",
            ">time-averaged Brier",
            ">final Brier",
            ">log score",
            ">days",
            "time-averaged Brier against the baseline",
        ],
        rows,
    ));
    out
}

pub fn calibration(report: &CalibrationReport) -> String {
    let mut out = String::new();
    for s in &report.skipped {
        let _ = writeln!(out, "skipped {}: {}", super::table::field(&s.path), s.reason);
    }
    let c = &report.calibration;
    if report.notebooks.is_empty() {
        let _ = writeln!(out, "no resolved notebook with an estimate was found, so there is nothing to calibrate");
        return out;
    }
    let _ = writeln!(
        out,
        "{} from {}\n",
        super::table::count(c.forecasts, "binary forecast"),
        super::table::count(report.notebooks.len(), "resolved notebook")
    );
    let rows = c
        .bins
        .iter()
        .map(|b| {
            let interval = b.interval.map_or(String::new(), |[l, h]| format!("{:.0}–{:.0}%", l * 100.0, h * 100.0));
            vec![
                format!("{:.0}–{:.0}%", b.low * 100.0, b.high * 100.0),
                b.count.to_string(),
                pct(b.mean_forecast),
                pct(b.observed),
                interval,
            ]
        })
        .collect();
    out.push_str(&table(&["forecast", ">n", ">mean forecast", ">observed", ">90% interval (Jeffreys)"], rows));
    let _ = writeln!(
        out,
        "\nBrier per binary forecast (0 perfect, 1 worst) {}  =  reliability {}  −  resolution {}  +  uncertainty {}",
        number(c.brier),
        number(c.reliability),
        number(c.resolution),
        number(c.uncertainty)
    );
    out
}

fn pct(value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0))
}
