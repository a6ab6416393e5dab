//! `forecast update`: judgment and Bayes, checked against hand computation, and every refusal.

use crate::common::{fixture, outcome, stderr, stdout};

fn probabilities(json: &serde_json::Value) -> Vec<(String, f64)> {
    json["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s["probability"].as_f64().unwrap()))
        .collect()
}

#[test]
fn judgment_fills_the_rest_in_proportion() {
    let nb = fixture("court");
    // ben's prior is approve 0.2, block 0.2, remedies 0.6: setting approve to 60% leaves 0.4 split 1:3.
    let output = nb
        .forecast()
        .args(["--author", "ben", "update", "approve=60%", "-m", "Hearing went well\nDetails.", "--confidence", "high"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    insta::assert_snapshot!(stdout(&output));
    assert_eq!(
        nb.read("updates/2026-03-20-1200-ben.toml"),
        "at = 2026-03-20T12:00:00+01:00\nauthor = \"ben\"\nmethod = \"judgment\"\nevidence = []\nconfidence = \"high\"\nrationale = \"\"\"\nHearing went well\nDetails.\"\"\"\n\n[probabilities]\napprove = 0.6\nblock = 0.1\nremedies = 0.3\n"
    );
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn refused_judgments_write_nothing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (&["approve=0.7", "block=0.5"], "add up to 1.2000, expected at most 1"),
        (&["aprove=0.5"], "did you mean `approve`?"),
        (&["approve=nan"], "expected a probability from 0 to 1"),
        (&["approve=abc"], "expected a probability from 0 to 1"),
        (&["approve=150%"], "expected a probability from 0 to 1"),
        (&["approve=-0.1"], "expected a probability from 0 to 1"),
        (&["approve=0.5", "block=0.2", "remedies=0.2"], "expected 1"),
        (&["approve"], "expected SCENARIO=P"),
        (&[], "no probabilities given"),
        (&["approve=0.5", "--evidence", "nope"], "no evidence with id `nope`"),
        (&["approve=0.5", "--at", "2027-01-01"], "later than now"),
    ];
    for (args, expected) in cases {
        let output = nb.forecast().arg("update").args(*args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", outcome(&output));
        assert!(stderr(&output).contains(expected), "{args:?}: {}", stderr(&output));
        assert_eq!(nb.snapshot(), before, "{args:?} changed the notebook");
    }
}

#[test]
fn bayes_matches_hand_computation_and_skips_items_without_likelihoods() {
    let nb = fixture("court");
    // ana's prior: 0.306122 / 0.326531 / 0.367347. Uncited by ana: the divestiture offer (N, I, CC =
    // 0.5, 0.2, 0.95); the hearing report has no likelihoods and is skipped.
    // Weights: 0.153061, 0.0653062, 0.34897965; total 0.56734685.
    let output =
        nb.forecast().args(["--author", "ana", "update", "--bayes", "--dry-run", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected =
        [("approve", 0.153061 / 0.56734685), ("block", 0.0653062 / 0.56734685), ("remedies", 0.34897965 / 0.56734685)];
    for ((id, p), (want_id, want)) in probabilities(&json).iter().zip(expected) {
        assert_eq!(id, want_id);
        assert!((p - want).abs() < 2e-6, "{id}: {p} vs {want}");
    }
    assert_eq!(json["skipped"], serde_json::json!(["2026-03-09-hearing-report"]));
    assert_eq!(json["written"], serde_json::Value::Null);
    assert_eq!(json["scenarios"][0]["words"], "unlikely");
    assert!(nb.records("updates").len() == 3, "a dry run writes nothing");
}

#[test]
fn bayes_prints_prior_to_posterior_and_ratios_then_records() {
    let nb = fixture("court");
    let output = nb.forecast().args(["--author", "ana", "update", "--bayes", "-m", "The offer"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    insta::assert_snapshot!(outcome(&output));
    let written = nb.read("updates/2026-03-20-1200-ana.toml");
    assert!(
        written.contains("method = \"bayes\"")
            && written.contains("evidence = [\"2026-03-05-parties-offer-divestiture\"]"),
        "{written}"
    );
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(
        outcome(&check),
        "exit: 0\n--- stdout\n--- stderr\n",
        "the recorded Bayes update is consistent with its inputs"
    );
}

#[test]
fn bayes_refusals() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let no_prior = nb.forecast().args(["--author", "zed", "update", "--bayes"]).output().unwrap();
    assert!(stderr(&no_prior).contains("record one by judgment first"), "{}", stderr(&no_prior));
    let nothing_new = nb.forecast().args(["--author", "ben", "update", "--bayes"]).output().unwrap();
    assert!(stderr(&nothing_new).contains("no new evidence with likelihoods"), "{}", stderr(&nothing_new));
    let no_likelihood = nb
        .forecast()
        .args(["--author", "ben", "update", "--bayes", "--evidence", "2026-03-09-hearing-report"])
        .output()
        .unwrap();
    assert!(stderr(&no_likelihood).contains("has no likelihoods"), "{}", stderr(&no_likelihood));
    nb.forecast()
        .args(["evidence", "retract", "2026-03-05-parties-offer-divestiture", "--reason", "withdrawn"])
        .assert()
        .success();
    let after_retraction = nb.snapshot();
    let retracted = nb
        .forecast()
        .args(["--author", "ana", "update", "--bayes", "--evidence", "2026-03-05-parties-offer-divestiture"])
        .output()
        .unwrap();
    assert!(stderr(&retracted).contains("retracted evidence cannot be cited"), "{}", stderr(&retracted));
    for output in [&no_prior, &nothing_new, &no_likelihood, &retracted] {
        assert_eq!(output.status.code(), Some(1));
    }
    assert_ne!(before, after_retraction);
    assert_eq!(nb.snapshot(), after_retraction);
}

#[test]
fn at_records_an_earlier_estimate() {
    let nb = fixture("court");
    let output = nb
        .forecast()
        .args([
            "--author",
            "cy",
            "update",
            "approve=0.4",
            "block=0.3",
            "remedies=0.3",
            "--at",
            "2026-03-04T08:30:00+01:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert!(nb.read("updates/2026-03-04-0830-cy.toml").starts_with("at = 2026-03-04T08:30:00+01:00\n"));
}
