//! Review commands: status, history, diff, whatif and scenario show, against hand computation and snapshots.

use crate::common::{example, fixture, forecast, outcome, repo, stdout};

fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn probability(report: &serde_json::Value, id: &str) -> f64 {
    report["scenarios"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()["probability"].as_f64().unwrap()
}

/// The shipped example, read in place, with the clock just after its last update.
fn pokrovsk() -> assert_cmd::Command {
    let mut cmd = forecast();
    cmd.arg("--notebook").arg(repo()).env("FORECAST_NOW", "2025-11-14T12:00:00+02:00");
    cmd
}

#[test]
fn the_aggregate_is_the_renormalized_geometric_mean() {
    let nb = fixture("court");
    // ana 0.306122/0.326531/0.367347 and ben 0.2/0.2/0.6: sqrt of products, renormalized.
    let report = json(nb.forecast().args(["status", "--format", "json"]));
    for (id, want) in [("approve", 0.2544422), ("block", 0.2627872), ("remedies", 0.4827706)] {
        assert!((probability(&report, id) - want).abs() < 1e-6, "{id}");
    }
    let first = &report["scenarios"][0];
    assert_eq!(
        (first["id"].as_str(), first["title"].as_str(), first["words"].as_str()),
        (Some("approve"), Some("Approve"), Some("unlikely"))
    );
    assert!((first["disagreement"].as_f64().unwrap() - 0.106122).abs() < 1e-9);
    let ana = json(nb.forecast().args(["--author", "ana", "status", "--format", "json"]));
    assert_eq!(probability(&ana, "remedies"), 0.367347);
}

#[test]
fn nothing_logged_after_the_as_of_moment_shows_up() {
    let nb = fixture("court");
    let before = json(nb.forecast().args(["status", "--as-of", "2026-03-05T08:59:00+01:00", "--format", "json"]));
    assert_eq!(before["authors"], serde_json::json!(["ana"]));
    assert_eq!(before["unreflected"], serde_json::json!([]), "the offer, logged at 09:00, is not yet known");
    let after = json(nb.forecast().args(["status", "--as-of", "2026-03-05T09:00:00+01:00", "--format", "json"]));
    assert_eq!(after["unreflected"][0]["id"], "2026-03-05-parties-offer-divestiture");
    let listed =
        json(nb.forecast().args(["evidence", "list", "--as-of", "2026-03-05T08:59:00+01:00", "--format", "json"]));
    assert_eq!(listed["evidence"].as_array().unwrap().len(), 1);
    let history =
        stdout(&nb.forecast().args(["history", "--format", "csv", "--as-of", "2026-03-05"]).output().unwrap());
    assert_eq!(history.lines().count(), 3, "header and ana's two updates:\n{history}");
}

#[test]
fn a_retraction_counts_only_from_its_date() {
    let nb = fixture("court");
    nb.forecast()
        .args(["evidence", "retract", "2026-03-09-hearing-report", "--reason", "misreported"])
        .assert()
        .success();
    let then = json(nb.forecast().args(["evidence", "list", "--as-of", "2026-03-19", "--format", "json"]));
    assert!(then["evidence"][2]["retracted"].is_null());
    let now = json(nb.forecast().args(["evidence", "list", "--format", "json"]));
    assert_eq!(now["evidence"][2]["retracted"]["reason"], "misreported");
}

#[test]
fn history_csv_is_exactly_the_contract() {
    let nb = fixture("court");
    let csv = stdout(&nb.forecast().args(["history", "--format", "csv"]).output().unwrap());
    assert_eq!(
        csv,
        "at,author,method,approve,block,remedies,evidence,recorded,confidence,rationale\n\
         2026-03-01T09:00:00+01:00,ana,judgment,0.5,0.2,0.3,,,moderate,\"Base rates: most reviewed mergers are cleared, often with remedies.\"\n\
         2026-03-03T12:00:00+01:00,ana,bayes,0.306122,0.326531,0.367347,2026-03-02-regulator-objection,,,The objection is detailed.\n\
         2026-03-06T08:00:00+01:00,ben,judgment,0.2,0.2,0.6,2026-03-02-regulator-objection;2026-03-05-parties-offer-divestiture,,low,The divestiture offer makes remedies the likely path.\n",
        "the contract's columns in their order; columns added since (`recorded`, `confidence`, `rationale`) go at the end"
    );
}

#[test]
fn a_scenario_not_in_play_is_an_empty_csv_cell() {
    let nb = fixture("court");
    nb.forecast()
        .args(["scenario", "add", "settle", "--title", "Settlement", "--since", "2026-03-10"])
        .assert()
        .success();
    nb.forecast().args(["--author", "ana", "update", "settle=0.1"]).assert().success();
    let csv = stdout(&nb.forecast().args(["history", "--format", "csv"]).output().unwrap());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "at,author,method,approve,block,remedies,settle,evidence,recorded,confidence,rationale");
    assert!(lines[1].contains(",0.3,,,,moderate,"), "{}", lines[1]);
    assert!(lines[4].contains(",0.1,"), "{}", lines[4]);
}

#[test]
fn bayes_attribution_splits_by_log_likelihood_ratio() {
    // olena, 5 Nov: prior 0.45/0.45/0.10; blockade claim 0.6/0.4/0.2, Pavlohrad road 0.75/0.45/0.05.
    // Weights for withdrawal: ln(0.6/0.47) and ln(0.75/0.545); shift 0.2618 → 0.113456 and 0.148344.
    let report = json(pokrovsk().args(["history", "--explain", "--format", "json", "--scenario", "withdrawal"]));
    let row = &report["rows"][2];
    assert_eq!(row["id"], "2025-11-05-1600-olena");
    let shares = row["attribution"].as_array().unwrap();
    let shift = |id: &str| shares.iter().find(|s| s["evidence"] == id).unwrap()["shift"].as_f64().unwrap();
    assert!((shift("2025-11-04-russia-claims-full-blockade") - 0.113456).abs() < 1e-6);
    assert!((shift("2025-11-05-pavlohrad-road-under-fire") - 0.148344).abs() < 1e-6);
}

#[test]
fn judgment_attribution_credits_only_items_pointing_the_way_it_moved() {
    // olena, 13 Nov, judgment: prior 0.7118/0.2847/0.0035 → 0.58/0.40/0.02, citing three items.
    // DeepState (0.45/0.65/0.2): mean Σq·L = 0.506065, so it points away from withdrawal
    // (ln(0.45/0.506065) < 0) and toward containment. Alone, Bayes would move withdrawal to
    // 0.7118·0.45/0.506065 = 0.632942, a shift of −0.078858 of the −0.1318: the rest, −0.052942,
    // is judgment. The chokepoint and CTP items point toward withdrawal, against the move.
    // Pushback rose 1.65 points though every item points away from it: all judgment.
    let report = json(pokrovsk().args(["history", "--explain", "--format", "json"]));
    let row = &report["rows"][5];
    assert_eq!(row["id"], "2025-11-13-1900-olena");
    let shares = row["attribution"].as_array().unwrap();
    let find = |scenario: &str, label: &str, id: Option<&str>| {
        shares
            .iter()
            .find(|s| s["scenario"] == scenario && s["label"] == label && s["evidence"].as_str() == id)
            .unwrap_or_else(|| panic!("no {label} share for {scenario} {id:?} in {shares:?}"))["shift"]
            .as_f64()
            .unwrap()
    };
    let deepstate = Some("2025-11-13-deepstate-lines-still-open");
    assert!((find("withdrawal", "toward", deepstate) + 0.078858).abs() < 1e-6);
    assert!((find("withdrawal", "judgment", None) + 0.052942).abs() < 1e-6);
    assert_eq!(find("withdrawal", "against", Some("2025-11-05-six-km-chokepoint")), 0.0);
    assert_eq!(find("withdrawal", "against", Some("2025-11-13-ctp-pocket-collapse-likely")), 0.0);
    assert!((find("containment", "toward", deepstate) - 0.080974).abs() < 1e-6);
    assert!((find("containment", "judgment", None) - 0.034326).abs() < 1e-6);
    assert!((find("pushback", "judgment", None) - 0.0165).abs() < 1e-6);
    assert!(!shares.iter().any(|s| s["scenario"] == "pushback" && s["label"] == "toward"));
}

#[test]
fn a_judgment_citing_nothing_is_labelled_so() {
    let nb = fixture("court");
    nb.forecast().args(["--author", "ben", "update", "approve=0.3"]).assert().success();
    let report = json(nb.forecast().args(["history", "--explain", "--format", "json", "--author", "ben"]));
    let last = report["rows"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["attribution"][0]["label"], "judgment, no evidence cited");
    assert!(last["attribution"][0]["evidence"].is_null());
}

#[test]
fn whatif_recomputes_bayes_and_matches_hand_computation() {
    // Without the blockade claim, olena's 5 Nov Bayes update becomes 0.619266/0.371560/0.009174; on
    // 6 Nov at 00:00 marko still stands at 0.40/0.50/0.10, so the aggregate is their geometric mean.
    let report = json(pokrovsk().args([
        "whatif",
        "--without",
        "2025-11-04-russia-claims-full-blockade",
        "--as-of",
        "2025-11-06T00:00:00+02:00",
        "--format",
        "json",
    ]));
    let without: Vec<f64> = report["scenarios"].as_array().unwrap().iter().map(|s| s["to"].as_f64().unwrap()).collect();
    for (got, want) in without.iter().zip([0.5189727, 0.4494436, 0.0315837]) {
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
    }
    assert_eq!(report["recomputed"][0]["update"], "2025-11-05-1600-olena");
    assert!((report["recomputed"][0]["scenarios"][0]["to"].as_f64().unwrap() - 0.619266).abs() < 1e-6);
    let later =
        json(pokrovsk().args(["whatif", "--without", "2025-11-04-russia-claims-full-blockade", "--format", "json"]));
    assert_eq!(later["scenarios"][0]["from"], later["scenarios"][0]["to"], "olena's later judgment stands as recorded");
}

#[test]
fn whatif_flags_judgments_that_cited_a_removed_item() {
    let report = json(pokrovsk().args(["whatif", "--without", "2025-11-12-isw-control-estimate", "--format", "json"]));
    assert_eq!(report["flagged"], serde_json::json!(["2025-11-12-2100-marko"]));
}

#[test]
fn retract_ends_with_the_whatif() {
    let nb = example();
    let output = nb
        .forecast()
        .env("FORECAST_NOW", "2025-11-14T12:00:00+02:00")
        .args(["evidence", "retract", "2025-11-05-six-km-chokepoint", "--reason", "Commentary, not observation"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let out = stdout(&output);
    assert!(
        out.contains("what the estimate would be without it:") && out.contains("judgment updates that cited them"),
        "{out}"
    );
}

#[test]
fn the_example_answers_what_changed_and_why() {
    insta::assert_snapshot!("status", stdout(&pokrovsk().arg("status").output().unwrap()));
    insta::assert_snapshot!("history", stdout(&pokrovsk().arg("history").output().unwrap()));
    insta::assert_snapshot!(
        "scenario_show",
        stdout(&pokrovsk().args(["scenario", "show", "withdrawal"]).output().unwrap())
    );
    insta::assert_snapshot!("diff", stdout(&pokrovsk().args(["diff", "2025-11-03", "2025-11-13"]).output().unwrap()));
    insta::assert_snapshot!(
        "whatif",
        stdout(&pokrovsk().args(["whatif", "--without", "2025-11-04-russia-claims-full-blockade"]).output().unwrap())
    );
}

#[test]
fn review_commands_refuse_unknown_ids_and_backwards_periods() {
    for args in [
        &["scenario", "show", "withdrawl"][..],
        &["whatif", "--without", "nope"],
        &["diff", "2025-11-13", "2025-11-03"],
        &["history", "--scenario", "x"],
    ] {
        let output = pokrovsk().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
    }
    let hinted = pokrovsk().args(["scenario", "show", "withdrawl"]).output().unwrap();
    assert!(crate::common::stderr(&hinted).contains("did you mean `withdrawal`?"));
}

/// The court fixture with `n` more unreflected items dated 2026-03-10, one a day apart in their ids;
/// item 7 is far stronger than the rest.
fn with_many_items(n: usize) -> crate::common::Scratch {
    let nb = fixture("court");
    for i in 0..n {
        let block = if i == 7 { 0.01 } else { 0.4 + i as f64 / 100.0 };
        nb.write(
            &format!("evidence/2026-03-10-item-{i:02}.toml"),
            &format!(
                "title = \"Item {i}\"\ndate = 2026-03-10\nsource = \"Docket\"\n\n[likelihood]\napprove = 0.5\nblock = {block}\nremedies = 0.5\n"
            ),
        );
    }
    nb
}

#[test]
fn status_lists_the_newest_unreflected_items_and_counts_the_rest() {
    let nb = with_many_items(30);
    let all = json(nb.forecast().args(["status", "--format", "json", "--as-of", "2026-03-10"]));
    let total = all["unreflected_total"].as_u64().unwrap();
    assert!(total >= 30, "{total}");
    let listed = all["unreflected"].as_array().unwrap();
    assert_eq!(listed.len(), 20);
    assert_eq!(listed.last().unwrap()["id"], "2026-03-10-item-29", "the newest comes last");
    let text = stdout(&nb.forecast().args(["status", "--as-of", "2026-03-10"]).output().unwrap());
    assert!(text.contains(&format!("not yet reflected in any update ({total}, the newest 20 listed):")), "{text}");
}

#[test]
fn a_large_bayes_proposal_shows_its_strongest_items_and_uses_them_all() {
    let nb = with_many_items(30);
    let mut cmd = nb.forecast();
    cmd.args(["--author", "ana", "update", "--bayes", "--dry-run", "--format", "json", "--at", "2026-03-10"]);
    let proposal = json(&mut cmd);
    let total = proposal["evidence_total"].as_u64().unwrap();
    assert!(total >= 30, "{total}");
    let shown: Vec<&str> = proposal["evidence"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(shown.len(), 20);
    assert!(shown.contains(&"2026-03-10-item-07"), "the strongest item is shown: {shown:?}");
    assert!(shown.windows(2).all(|w| w[0] < w[1]), "in date order: {shown:?}");
}
