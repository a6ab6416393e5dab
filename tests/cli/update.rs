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
        nb.read("updates/ben/2026-03/2026-03-20-120000-ben-k7q2.toml"),
        "at = 2026-03-20T12:00:00+01:00\nrecorded = 2026-03-20T12:00:00+01:00\nauthor = \"ben\"\nmethod = \"judgment\"\nevidence = []\nconfidence = \"high\"\nrationale = \"\"\"\nHearing went well\nDetails.\"\"\"\n\n[probabilities]\napprove = 0.6\nblock = 0.1\nremedies = 0.3\n"
    );
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn refused_judgments_write_nothing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    // Exit 2: a value that does not parse, a usage error. Exit 1: a value that parses but does not fit.
    let cases: &[(&[&str], &str, i32)] = &[
        (&["approve=0.7", "block=0.5"], "add up to 1.2000, expected at most 1", 1),
        (&["aprove=0.5"], "did you mean `approve`?", 1),
        (&["approve=nan"], "expected a probability from 0 to 1", 2),
        (&["approve=abc"], "expected a probability from 0 to 1", 2),
        (&["approve=150%"], "expected a probability from 0 to 1", 2),
        (&["approve=-0.1"], "expected a probability from 0 to 1", 2),
        (&["approve=0.5", "block=0.2", "remedies=0.2"], "expected 1", 1),
        (&["approve"], "expected SCENARIO=VALUE", 2),
        (&[], "no probabilities given", 2),
        (&["approve=0.5", "--evidence", "nope"], "no evidence with id `nope`", 1),
        (&["approve=0.5", "--at", "2027-01-01"], "later than now", 1),
    ];
    for (args, expected, code) in cases {
        let output = nb.forecast().arg("update").args(*args).output().unwrap();
        assert_eq!(output.status.code(), Some(*code), "{args:?}: {}", outcome(&output));
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
    assert_eq!(json["left_out"][0]["id"], "2026-03-09-hearing-report");
    assert_eq!(json["left_out"][0]["reason"], "has no likelihoods: it informs judgment only");
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
    let written = nb.read("updates/ana/2026-03/2026-03-20-120000-ana-k7q2.toml");
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
    assert!(
        stderr(&nothing_new).contains(
            "no new evidence Bayes can use: 1 item left out: `2026-03-09-hearing-report` (has no likelihoods"
        ),
        "{}",
        stderr(&nothing_new)
    );
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
    assert!(
        nb.read("updates/cy/2026-03/2026-03-04-083000-cy-k7q2.toml").starts_with("at = 2026-03-04T08:30:00+01:00\n")
    );
}

/// The proposed `block` probability of a judgment dry run on 24 March.
fn block(nb: &crate::common::Scratch, author: &str, args: &[&str]) -> f64 {
    let output = nb
        .forecast()
        .env("FORECAST_NOW", "2026-03-24T12:00:00+01:00")
        .args(["--author", author, "update", "--dry-run", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["scenarios"].as_array().unwrap().iter().find(|s| s["id"] == "block").unwrap()["probability"].as_f64().unwrap()
}

#[test]
fn an_update_reads_only_the_analysts_own_updates_and_the_items_it_cites() {
    let nb = fixture("court");
    nb.write("evidence/zz-unrelated.toml", "title = \"broken\"\ndate = 2026-13-40\n");
    nb.write("updates/ben/zz-unrelated.toml", "not toml at all");
    let cited = "2026-03-09-hearing-report";
    let output = nb
        .forecast()
        .args(["--author", "ana", "update", "approve=0.6", "--evidence", cited, "-m", "x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert!(nb.read("updates/ana/2026-03/2026-03-20-120000-ana-k7q2.toml").contains(cited));
    let status = nb.forecast().arg("status").output().unwrap();
    assert_eq!(status.status.code(), Some(1), "read commands still refuse the invalid notebook");
    let broken_citation = nb
        .forecast()
        .args(["--author", "ana", "update", "approve=0.6", "--evidence", "zz-unrelated"])
        .output()
        .unwrap();
    assert_eq!(broken_citation.status.code(), Some(1), "a cited item is checked: {}", outcome(&broken_citation));
    assert!(stderr(&broken_citation).contains("evidence/zz-unrelated.toml:2:8"), "{}", stderr(&broken_citation));
}

#[test]
fn the_prior_is_the_latest_update_at_or_before_at_in_the_authors_folder_or_loose() {
    let nb = fixture("court");
    for (now, p) in [("2026-03-20T12:00:00+01:00", "block=0.1"), ("2026-03-22T12:00:00+01:00", "block=0.3")] {
        let output =
            nb.forecast().env("FORECAST_NOW", now).args(["--author", "ana", "update", p, "-m", "x"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    }
    assert_eq!(nb.records("updates/ana").len(), 2);
    nb.write(
        "updates/ana/2026-02/2026-02-27-0900-ana.toml",
        "at = 2026-02-27T09:00:00+01:00\nauthor = \"ana\"\nmethod = \"judgment\"\n\n[probabilities]\napprove = 0.25\nblock = 0.5\nremedies = 0.25\n",
    );
    // approve=0.5 leaves 0.5 to block and remedies, shared as in the standing estimate:
    // 22 March (in ana's folder) 0.3 : 0.381818; 20 March 0.1 : 0.490909; 3 March (loose) 0.326531 : 0.367347.
    // On 28 February it is the hand-written one of 27 February, in the month folder before.
    for (at, want) in
        [("2026-03-23", 0.22), ("2026-03-21", 0.084615), ("2026-03-10", 0.235294), ("2026-02-28", 0.333333)]
    {
        let got = block(&nb, "ana", &["approve=0.5", "--at", at]);
        assert!((got - want).abs() < 1e-5, "at {at}: block {got}, expected {want}");
    }
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn check_refuses_an_update_filed_under_another_analysts_folder() {
    let nb = fixture("court");
    let text = nb.read("updates/2026-03-06-0800-ben.toml");
    std::fs::remove_file(nb.path("updates/2026-03-06-0800-ben.toml")).unwrap();
    nb.write("updates/ana/2026-03-06-0800-ben.toml", &text);
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains(
            "found author `ben` in an update under `updates/ana/`, expected updates in a folder to be filed under their author's folder `updates/ben/`"
        ),
        "{}",
        stderr(&check)
    );
}

#[test]
fn two_spellings_of_a_name_in_one_folder_keep_their_own_estimates() {
    let nb = fixture("court");
    // `Ana` files under updates/ana/ beside ana's own updates; ana's prior is still hers.
    nb.forecast().args(["--author", "Ana", "update", "approve=0.1", "block=0.1", "remedies=0.8"]).assert().success();
    let output = nb
        .forecast()
        .env("FORECAST_NOW", "2026-03-20T13:00:00+01:00")
        .args(["--author", "ana", "update", "--bayes", "--dry-run", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let proposal: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(proposal["scenarios"][0]["prior"], 0.306122, "ana's own standing estimate: {proposal}");
}
