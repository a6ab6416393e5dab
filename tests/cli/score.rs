//! `forecast resolve`, `forecast score` and `forecast calibration`, against hand computation.

use crate::common::{fixture, forecast, outcome, stderr, stdout};

fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn close(value: &serde_json::Value, want: f64) {
    let got = value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"));
    assert!((got - want).abs() < 1e-6, "{got} vs {want}");
}

#[test]
fn scores_match_hand_computation_with_analysts_starting_on_different_days() {
    let nb = fixture("court");
    nb.forecast()
        .args(["resolve", "remedies", "--date", "2026-03-10", "--note", "Approved with divestiture"])
        .assert()
        .success();
    let card = json(nb.forecast().args(["score", "--format", "json"]));
    assert_eq!(card["outcome"], "remedies");
    assert_eq!(card["date"], "2026-03-10");
    close(&card["baseline_brier"], 2.0 / 3.0);
    // ben: one estimate 0.2/0.2/0.6 from 6 March; days 6–9 March; Brier 0.04 + 0.04 + 0.16 = 0.24.
    let ben = &card["authors"][0];
    assert_eq!((ben["author"].as_str(), ben["days"].as_u64()), (Some("ben"), Some(4)));
    close(&ben["final_brier"], 0.24);
    close(&ben["time_averaged_brier"], 0.24);
    close(&ben["log_score"], 0.6_f64.ln());
    // ana: 0.5/0.2/0.3 on 1–2 March (Brier 0.25 + 0.04 + 0.49 = 0.78), carried forward; then
    // 0.306122/0.326531/0.367347 on 3–9 March (Brier 0.600583). Average over 9 days.
    let ana = &card["authors"][1];
    assert_eq!((ana["author"].as_str(), ana["days"].as_u64()), (Some("ana"), Some(9)));
    let later = 0.306122_f64.powi(2) + 0.326531_f64.powi(2) + (1.0 - 0.367347_f64).powi(2);
    close(&ana["final_brier"], later);
    close(&ana["time_averaged_brier"], (2.0 * 0.78 + 7.0 * later) / 9.0);
    close(&ana["log_score"], 0.367347_f64.ln());
    // The aggregate counts from the notebook's first update (1 March): 9 days.
    assert_eq!(card["aggregate"]["days"], 9);
    assert!(card["aggregate"].get("author").is_none());
    let table = stdout(&nb.forecast().arg("score").output().unwrap());
    assert!(table.contains("better than the baseline by 0.427"), "{table}");
    insta::assert_snapshot!(table);
}

#[test]
fn the_estimate_standing_at_the_start_of_the_resolution_day_is_final() {
    let nb = fixture("court");
    // An update on the resolution day itself does not count.
    nb.forecast()
        .env("FORECAST_NOW", "2026-03-10T08:00:00+01:00")
        .args(["--author", "ben", "update", "remedies=0.99"])
        .assert()
        .success();
    nb.forecast().args(["resolve", "remedies", "--date", "2026-03-10"]).assert().success();
    let card = json(nb.forecast().args(["score", "--format", "json"]));
    close(&card["authors"][0]["final_brier"], 0.24);
}

#[test]
fn resolve_refusals_write_nothing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let unresolved = nb.forecast().arg("score").output().unwrap();
    assert_eq!(unresolved.status.code(), Some(1));
    assert!(stderr(&unresolved).contains("forecast resolve SCENARIO --date"), "{}", stderr(&unresolved));
    for (args, expected, code) in [
        (&["resolve", "aprove", "--date", "2026-03-10"][..], "did you mean `approve`?", 1),
        (&["resolve", "approve", "--date", "2026-13-10"], "invalid `--date 2026-13-10`", 2),
        (&["resolve", "approve", "--date", "2027-01-01"], "in the future", 1),
    ] {
        let output = nb.forecast().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        assert!(stderr(&output).contains(expected), "{args:?}: {}", stderr(&output));
    }
    nb.forecast().args(["scenario", "add", "settle", "--title", "Settle", "--since", "2026-03-15"]).assert().success();
    let not_in_play = nb.forecast().args(["resolve", "settle", "--date", "2026-03-10"]).output().unwrap();
    assert!(stderr(&not_in_play).contains("not in play on 2026-03-10"), "{}", stderr(&not_in_play));
    let mut expected = before.clone();
    expected.insert("scenarios/settle.toml".into(), nb.read("scenarios/settle.toml").into_bytes());
    assert_eq!(nb.snapshot(), expected);
}

#[test]
fn a_second_resolution_is_refused_and_hand_edits_are_checked() {
    let nb = fixture("court");
    nb.forecast().args(["resolve", "block", "--date", "2026-03-12"]).assert().success();
    let first = nb.read("resolution.toml");
    let again = nb.forecast().args(["resolve", "approve", "--date", "2026-03-12"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("edit resolution.toml by hand"), "{}", stderr(&again));
    assert_eq!(nb.read("resolution.toml"), first);
    nb.write("resolution.toml", &first.replace("\"block\"", "\"blok\""));
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("resolution.toml:1:12: error: found unknown scenario `blok`"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn status_and_the_briefing_show_the_resolution_and_scores() {
    let nb = fixture("court");
    nb.forecast()
        .args(["resolve", "remedies", "--date", "2026-03-10", "--note", "Approved with divestiture"])
        .assert()
        .success();
    let status = stdout(&nb.forecast().arg("status").output().unwrap());
    assert!(status.contains("resolved: Approve with remedies (remedies) on 2026-03-10"), "{status}");
    let briefing = stdout(&nb.forecast().args(["report", "--week", "2026-W12"]).output().unwrap());
    let bottom = briefing.split("## Bottom line\n\n").nth(1).expect("a bottom line");
    assert!(
        bottom.starts_with("**Resolved: Approve with remedies on 10 Mar 2026.** Approved with divestiture"),
        "{briefing}"
    );
    assert!(bottom.contains("| ben | 0.240 | 0.240 | −0.511 | 4 |"), "{briefing}");
    assert!(!briefing.contains("We judge"), "no forecast language once resolved: {briefing}");
}

/// A resolved two-scenario notebook whose only estimate gives `yes` probability `p`.
fn resolved_notebook(dir: &std::path::Path, name: &str, p: f64, outcome: Option<&str>) {
    let root = dir.join(name);
    forecast()
        .arg("init")
        .arg(&root)
        .args(["--title", name, "--question", "Q?", "--scenario", "yes=Yes", "--scenario", "no=No"])
        .assert()
        .success();
    forecast()
        .arg("--notebook")
        .arg(&root)
        .env("FORECAST_NOW", "2026-01-01T12:00:00Z")
        .args(["update", &format!("yes={p}")])
        .assert()
        .success();
    if let Some(outcome) = outcome {
        forecast().arg("--notebook").arg(&root).args(["resolve", outcome, "--date", "2026-02-01"]).assert().success();
    }
}

#[test]
fn calibration_on_generated_notebooks_with_known_answers() {
    let dir = tempfile::tempdir().unwrap();
    resolved_notebook(dir.path(), "a", 0.15, Some("yes"));
    resolved_notebook(dir.path(), "b", 0.15, Some("no"));
    resolved_notebook(dir.path(), "c", 0.85, Some("yes"));
    resolved_notebook(dir.path(), "d", 0.85, Some("yes"));
    resolved_notebook(dir.path(), "open", 0.5, None);
    let svg = dir.path().join("calibration.svg");
    let report = json(forecast().arg("calibration").arg(dir.path()).arg("--format").arg("json").arg("--out").arg(&svg));
    assert_eq!(report["forecasts"], 8);
    assert_eq!(report["notebooks"].as_array().unwrap().len(), 4);
    assert!(report["skipped"][0]["path"].as_str().unwrap().ends_with("open"));
    // Bin 10–20%: four forecasts of 0.15, one happened. Bin 80–90%: four of 0.85, three happened.
    let low = &report["bins"][1];
    assert_eq!(low["count"], 4);
    close(&low["observed"], 0.25);
    close(&low["interval"][0], 0.0460071889);
    close(&low["interval"][1], 0.6507072166);
    close(&report["bins"][8]["observed"], 0.75);
    close(&report["bins"][8]["interval"][0], 0.3492927834);
    // Brier (0.7225 + 3·0.0225) · 2 / 8 = 0.1975 = reliability 0.01 − resolution 0.0625 + uncertainty 0.25.
    close(&report["brier"], 0.1975);
    close(&report["reliability"], 0.01);
    close(&report["resolution"], 0.0625);
    close(&report["uncertainty"], 0.25);
    roxmltree::Document::parse(&std::fs::read_to_string(&svg).unwrap()).expect("well-formed SVG");
    let table = stdout(&forecast().arg("calibration").arg(dir.path()).output().unwrap());
    assert!(table.contains("skipped") && table.contains("8 binary forecasts from 4 resolved notebooks"), "{table}");
}

#[test]
fn calibration_says_when_there_is_nothing_to_calibrate_and_takes_a_notebook_toml() {
    let nb = crate::common::fixture("court");
    let output = forecast().arg("calibration").arg(nb.path("notebook.toml")).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("not resolved yet") && text.contains("nothing to calibrate"), "{text}");
    let file = nb.path("evidence/2026-03-02-regulator-objection.toml");
    let odd = stdout(&forecast().arg("calibration").arg(&file).output().unwrap());
    assert!(odd.contains("not a notebook, nor a folder to search"), "{odd}");
}
