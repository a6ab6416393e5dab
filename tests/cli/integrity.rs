//! The integrity of the record: when an estimate was made, zeros that cannot be revised,
//! scenarios that come and go, the order of updates, their names, ids across clones, and what
//! resolution locks. Each problem the integrity issue found is reproduced here and shown fixed.

use crate::common::{Scratch, TOKEN, at, fixture, forecast, git, outcome, stderr, stdout, vote};

fn json(output: std::process::Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn close(value: &serde_json::Value, want: f64) {
    let got = value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"));
    assert!((got - want).abs() < 1e-6, "{got} vs {want}");
}

/// The worked example of docs/scoring.md: ann and ben, a backdated update, a retirement, then
/// the resolution; every number computed by hand (see the doc).
#[test]
fn scores_of_a_backdated_update_and_a_retired_scenario_match_hand_computation() {
    let nb = vote();
    at(&nb, "2026-01-01T12:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-01-02T12:00:00Z")
        .args(["--author", "ben", "update", "approve=0.2", "delay=0.3", "reject=0.5"])
        .assert()
        .success();
    // On the 5th, ben writes down an estimate about the 3rd: it counts from the 5th.
    at(&nb, "2026-01-05T12:00:00Z")
        .args(["--author", "ben", "update", "--at", "2026-01-03T12:00:00Z", "approve=0.6", "delay=0.2", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-01-06T12:00:00Z").args(["scenario", "retire", "reject", "--reason", "ruled out"]).assert().success();
    at(&nb, "2026-01-08T12:00:00Z").args(["resolve", "approve", "--date", "2026-01-08"]).assert().success();
    let card = json(at(&nb, "2026-01-08T12:00:00Z").args(["score", "--format", "json"]).output().unwrap());
    close(&card["baseline_brier"], 0.5);
    let author = |name: &str| card["authors"].as_array().unwrap().iter().find(|a| a["author"] == name).unwrap().clone();
    // ann: 5 days at 0.38, then 2 days renormalized (0.625, 0.375) at 0.28125.
    close(&author("ann")["time_averaged_brier"], 0.351786);
    close(&author("ann")["final_brier"], 0.28125);
    close(&author("ann")["log_score"], (0.625f64).ln());
    assert_eq!(author("ann")["days"], 7);
    // ben: 0.98 on the 2nd, 3rd and 4th (the backdated update was not written yet), 0.24 on the
    // 5th, 0.125 on the 6th and 7th (0.75, 0.25 once reject is retired).
    close(&author("ben")["time_averaged_brier"], 0.571667);
    close(&author("ben")["final_brier"], 0.125);
    assert_eq!(author("ben")["days"], 6);
    close(&card["aggregate"]["time_averaged_brier"], 0.43288);
    close(&card["aggregate"]["final_brier"], 0.190983);
    let history = stdout(&at(&nb, "2026-01-08T12:00:00Z").args(["history"]).output().unwrap());
    assert!(
        history.contains("2026-01-03 12:00*")
            && history.contains("* backdated: ben's update at 2026-01-03 12:00 was recorded 2026-01-05 12:00"),
        "{history}"
    );
}

#[test]
fn a_backdated_update_after_resolution_is_refused_and_never_scored() {
    let nb = fixture("court");
    at(&nb, "2026-03-21T10:00:00+01:00").args(["resolve", "remedies", "--date", "2026-03-20"]).assert().success();
    let before = json(at(&nb, "2026-03-22T10:00:00+01:00").args(["score", "--format", "json"]).output().unwrap());
    let snapshot = nb.snapshot();
    let refused = at(&nb, "2026-03-22T10:00:00+01:00")
        .args([
            "--author",
            "ben",
            "update",
            "--at",
            "2026-03-12T09:00:00+01:00",
            "approve=0.01",
            "block=0.01",
            "remedies=0.98",
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", outcome(&refused));
    assert!(stderr(&refused).contains("estimates are locked"), "{}", stderr(&refused));
    assert_eq!(nb.snapshot(), snapshot, "nothing written");
    // Written by hand, it is an error, and the notebook is refused until it goes.
    nb.write(
        "updates/ben/2026-03/2026-03-12-0900-ben.toml",
        "at = 2026-03-12T09:00:00+01:00\nrecorded = 2026-03-22T10:00:00+01:00\nauthor = \"ben\"\nmethod = \"judgment\"\n[probabilities]\napprove = 0.01\nblock = 0.01\nremedies = 0.98\n",
    );
    let check = at(&nb, "2026-03-22T10:00:00+01:00").arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("after the resolution (`remedies` on 2026-03-20) was recorded"),
        "{}",
        stderr(&check)
    );
    // Recorded before the resolution, but after its `at`, it counts only from when it was written.
    nb.write(
        "updates/ben/2026-03/2026-03-12-0900-ben.toml",
        "at = 2026-03-12T09:00:00+01:00\nrecorded = 2026-03-19T23:00:00+01:00\nauthor = \"ben\"\nmethod = \"judgment\"\n[probabilities]\napprove = 0.01\nblock = 0.01\nremedies = 0.98\n",
    );
    let after = json(at(&nb, "2026-03-22T10:00:00+01:00").args(["score", "--format", "json"]).output().unwrap());
    let ben = |card: &serde_json::Value| {
        card["authors"].as_array().unwrap().iter().find(|a| a["author"] == "ben").unwrap().clone()
    };
    // Only the 19th changes: 1 of ben's 14 days (6th–19th) goes from 0.24 to 0.0006.
    let want = ben(&before)["time_averaged_brier"].as_f64().unwrap() + (0.0006 - 0.24) / 14.0;
    close(&ben(&after)["time_averaged_brier"], want);
}

#[test]
fn an_update_at_midnight_on_the_resolution_day_does_not_count() {
    let nb = fixture("court");
    at(&nb, "2026-03-10T08:00:00+01:00")
        .args([
            "--author",
            "ben",
            "update",
            "--at",
            "2026-03-10T00:00:00+01:00",
            "approve=0.9",
            "block=0.05",
            "remedies=0.05",
        ])
        .assert()
        .success();
    at(&nb, "2026-03-10T09:00:00+01:00").args(["resolve", "approve", "--date", "2026-03-10"]).assert().success();
    let card = json(at(&nb, "2026-03-10T09:00:00+01:00").args(["score", "--format", "json"]).output().unwrap());
    let ben = card["authors"].as_array().unwrap().iter().find(|a| a["author"] == "ben").unwrap();
    // The estimate of the 6th stands: (0.2 − 1)² + 0.2² + 0.6² = 1.04.
    close(&ben["final_brier"], 1.04);
}

#[test]
fn zeros_are_refused_everywhere_and_bayes_is_floored() {
    let nb = fixture("court");
    let before = nb.snapshot();
    for (args, code, says) in [
        (&["update", "approve=0", "block=0.5", "remedies=0.5"][..], 1, "below 0.001 (0.1%)"),
        (&["--author", "ana", "update", "approve=0.7", "block=0.3"], 1, "`remedies` would be left at 0"),
        (
            &[
                "evidence",
                "add",
                "--title",
                "t",
                "--source",
                "s",
                "--likelihood",
                "approve=0",
                "--likelihood",
                "block=1",
                "--likelihood",
                "remedies=1",
            ],
            1,
            "would rule the scenario out for good",
        ),
    ] {
        let output = nb.forecast().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {}", outcome(&output));
        assert!(stderr(&output).contains(says), "{args:?}: {}", stderr(&output));
        assert_eq!(nb.snapshot(), before, "{args:?} wrote something");
    }
    // An overwhelming item: Bayes takes approve to ~3e-7, floored at 0.001 and said so.
    nb.forecast()
        .args(["evidence", "add", "--title", "Crushing", "--source", "s", "--date", "2026-03-19"])
        .args(["--likelihood", "approve=0.000001", "--likelihood", "block=1", "--likelihood", "remedies=1"])
        .assert()
        .success();
    let output = nb
        .forecast()
        .args(["--author", "ana", "update", "--bayes", "--evidence", "2026-03-19-crushing"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert!(stdout(&output).contains("raised to 0.1%, the floor for a scenario in play"), "{}", stdout(&output));
    let written = nb.read(&format!("updates/ana/2026-03/2026-03-20-120000-ana-{TOKEN}.toml"));
    assert!(written.contains("approve = 0.001\n"), "{written}");
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0), "the floored update checks out");
    // One analyst's near-certainty no longer zeroes the aggregate.
    let status = json(nb.forecast().args(["status", "--format", "json"]).output().unwrap());
    assert!(status["scenarios"][0]["probability"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_judgment_must_give_a_scenario_new_since_the_analysts_last_estimate() {
    let nb = fixture("court");
    nb.forecast().args(["scenario", "add", "settle", "--title", "Settlement"]).assert().success();
    let output = nb.forecast().args(["--author", "ana", "update", "approve=0.4"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert!(stderr(&output).contains("scenario `settle` is not in your previous estimate"), "{}", stderr(&output));
    nb.forecast().args(["--author", "ana", "update", "approve=0.4", "settle=0.1"]).assert().success();
}

#[test]
fn adding_a_scenario_on_a_day_with_records_keeps_the_notebook_valid() {
    let nb = fixture("court");
    nb.forecast()
        .args(["evidence", "add", "--title", "Same day", "--source", "s"])
        .args(["--likelihood", "approve=0.5", "--likelihood", "block=0.5", "--likelihood", "remedies=0.7"])
        .assert()
        .success();
    nb.forecast().args(["--author", "ana", "update", "approve=0.4"]).assert().success();
    let added = at(&nb, "2026-03-20T15:00:00+01:00")
        .args(["scenario", "add", "stalemate", "--title", "Stalemate"])
        .output()
        .unwrap();
    assert_eq!(added.status.code(), Some(0), "{}", outcome(&added));
    assert!(nb.read("scenarios/stalemate.toml").contains("added = 2026-03-20T15:00:00+01:00"));
    let check = at(&nb, "2026-03-20T15:00:00+01:00").arg("check").output().unwrap();
    assert_eq!(
        outcome(&check),
        "exit: 0\n--- stdout\n--- stderr\n",
        "records logged before it was added need nothing for it"
    );
    // An old --since is fine too: nothing recorded before the scenario was added must cover it.
    let old = at(&nb, "2026-03-20T16:00:00+01:00")
        .args(["scenario", "add", "other", "--title", "Other", "--since", "2025-01-01"])
        .output()
        .unwrap();
    assert_eq!(old.status.code(), Some(0), "{}", outcome(&old));
    assert_eq!(at(&nb, "2026-03-20T16:00:00+01:00").arg("check").output().unwrap().status.code(), Some(0));
    // A record written after a scenario would be added (a clock ahead in another clone) must cover
    // it, so that --since is refused, naming the record.
    nb.write(
        "updates/ben/2026-03/2026-03-18-0900-ben.toml",
        "at = 2026-03-18T09:00:00+01:00\nrecorded = 2026-03-20T18:00:00+01:00\nauthor = \"ben\"\nmethod = \"judgment\"\n[probabilities]\napprove = 0.3\nblock = 0.3\nremedies = 0.2\nstalemate = 0.1\nother = 0.1\n",
    );
    let before = nb.snapshot();
    let refused = at(&nb, "2026-03-20T17:00:00+01:00")
        .args(["scenario", "add", "late", "--title", "Late", "--since", "2026-03-01"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", outcome(&refused));
    assert!(
        stderr(&refused).contains("would make 1 record invalid: `updates/ben/2026-03/2026-03-18-0900-ben.toml`"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn old_evidence_is_rated_for_a_new_scenario_and_default_bayes_says_what_it_left_out() {
    let nb = fixture("court");
    nb.forecast().args(["scenario", "add", "settle", "--title", "Settlement"]).assert().success();
    nb.forecast().args(["--author", "ana", "update", "approve=0.3", "settle=0.1"]).assert().success();
    at(&nb, "2026-03-20T13:00:00+01:00")
        .args(["evidence", "add", "--title", "Talks", "--source", "s", "--likelihood", "approve=0.5"])
        .args(["--likelihood", "block=0.5", "--likelihood", "remedies=0.5", "--likelihood", "settle=0.9"])
        .assert()
        .success();
    let dry = at(&nb, "2026-03-20T14:00:00+01:00")
        .args(["--author", "ana", "update", "--bayes", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(dry.status.code(), Some(0), "{}", outcome(&dry));
    let text = stdout(&dry);
    assert!(
        text.contains(
            "2026-03-05-parties-offer-divestiture  gives no likelihood for `settle`, added after it was logged"
        ),
        "{text}"
    );
    assert!(text.contains("to use it: forecast evidence rate 2026-03-05-parties-offer-divestiture settle=L"), "{text}");
    let rated = nb.forecast().args(["evidence", "rate", "2026-03-05-parties", "settle=0.4"]).output().unwrap();
    assert_eq!(rated.status.code(), Some(0), "{}", outcome(&rated));
    let file = nb.read("evidence/filings/2026-03-05-parties-offer-divestiture.toml");
    assert!(file.contains("remedies = \"CC\"\nsettle = 0.4\n"), "{file}");
    let again = nb.forecast().args(["evidence", "rate", "2026-03-05-parties", "settle=0.5"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already gives scenario `settle` a likelihood"), "{}", stderr(&again));
    let dry = at(&nb, "2026-03-20T14:00:00+01:00")
        .args(["--author", "ana", "update", "--bayes", "--dry-run", "--format", "json"])
        .output()
        .unwrap();
    let proposal = json(dry);
    assert_eq!(proposal["evidence_total"], 2, "the rated item is used now: {proposal}");
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn retiring_renormalizes_every_standing_estimate_and_bayes_works_after() {
    let nb = fixture("court");
    let before = json(nb.forecast().args(["status", "--format", "json"]).output().unwrap());
    let out = at(&nb, "2026-03-20T12:00:00+01:00")
        .args(["scenario", "retire", "remedies", "--date", "2026-03-15", "--reason", "Parties withdrew the offer"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", outcome(&out));
    let file = nb.read("scenarios/remedies.toml");
    assert!(file.contains("retired = 2026-03-15\nretired_recorded = 2026-03-20T12:00:00+01:00\nretired_reason = \"Parties withdrew the offer\""), "{file}");
    // ben's 0.2/0.2/0.6 reads as 0.5/0.5 over what is still in play.
    let status = json(nb.forecast().args(["--author", "ben", "status", "--format", "json"]).output().unwrap());
    let shown: Vec<f64> =
        status["scenarios"].as_array().unwrap().iter().map(|s| s["probability"].as_f64().unwrap()).collect();
    assert_eq!(shown, [0.5, 0.5]);
    // A replay of an earlier moment is unchanged: the retirement was recorded on the 20th.
    let then = json(nb.forecast().args(["status", "--as-of", "2026-03-19", "--format", "json"]).output().unwrap());
    assert_eq!(then["scenarios"].as_array().unwrap().len(), 3);
    assert_eq!(before["scenarios"].as_array().unwrap().len(), 3);
    // Bayes from the renormalized prior: ana 0.306122/0.326531 → 0.483871/0.516129, × 0.5/0.2.
    nb.forecast()
        .args([
            "evidence",
            "add",
            "--title",
            "After",
            "--source",
            "s",
            "--likelihood",
            "approve=0.5",
            "--likelihood",
            "block=0.2",
        ])
        .assert()
        .success();
    let after = format!("2026-03-20-after-tester-{TOKEN}");
    let proposal = json(
        nb.forecast()
            .args(["--author", "ana", "update", "--bayes", "--evidence", &after, "--dry-run", "--format", "json"])
            .output()
            .unwrap(),
    );
    let p: Vec<f64> =
        proposal["scenarios"].as_array().unwrap().iter().map(|s| s["probability"].as_f64().unwrap()).collect();
    let (a, b) = (0.306122 / 0.632653 * 0.5, 0.326531 / 0.632653 * 0.2);
    assert!((p[0] - a / (a + b)).abs() < 2e-6 && (p[1] - b / (a + b)).abs() < 2e-6, "{p:?}");
    nb.forecast().args(["--author", "ana", "update", "--bayes", "-m", "after the retirement"]).assert().success();
    assert_eq!(outcome(&nb.forecast().arg("check").output().unwrap()), "exit: 0\n--- stdout\n--- stderr\n");
    for (args, says) in [
        (&["scenario", "retire", "block", "--date", "2027-01-01"][..], "in the future"),
        (&["scenario", "retire", "block"], "would leave 1 scenario in play"),
    ] {
        let output = nb.forecast().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains(says), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn twelve_updates_in_one_second_stand_in_the_order_they_were_made() {
    let nb = fixture("court");
    for n in 1..=12 {
        let p = format!("approve={}%", 20 + 5 * n);
        nb.forecast().args(["--author", "ana", "update", &p]).assert().success();
    }
    let ids = nb.records("updates/ana/2026-03");
    assert!(ids.contains(&format!("2026-03-20-120000-ana-{TOKEN}-12.toml")), "{ids:?}");
    let status = json(nb.forecast().args(["--author", "ana", "status", "--format", "json"]).output().unwrap());
    close(&status["scenarios"][0]["probability"], 0.8);
    // Written by hand with no `recorded`, they still sort -2 before -10.
    let nb = fixture("court");
    for n in [1, 2, 10, 11, 12, 3, 4, 5, 6, 7, 8, 9] {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let p = 0.2 + 0.05 * n as f64;
        nb.write(
            &format!("updates/ana/2026-03/2026-03-19-120000-ana{suffix}.toml"),
            &format!("at = 2026-03-19T12:00:00+01:00\nauthor = \"ana\"\nmethod = \"judgment\"\n[probabilities]\napprove = {p:.2}\nblock = {:.2}\nremedies = 0.1\n", 0.9 - p),
        );
    }
    let status = json(nb.forecast().args(["--author", "ana", "status", "--format", "json"]).output().unwrap());
    close(&status["scenarios"][0]["probability"], 0.8);
}

#[test]
fn a_misnamed_update_is_refused() {
    let nb = fixture("court");
    let body = "at = 2026-03-18T09:00:00+01:00\nauthor = \"ana\"\nmethod = \"judgment\"\n[probabilities]\napprove = 0.5\nblock = 0.2\nremedies = 0.3\n";
    nb.write("updates/ana/2026-03/2026-03-19-0900-ana.toml", body);
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("the file name says 2026-03-19 09:00, but `at` is 2026-03-18 09:00:00 CET"),
        "{}",
        stderr(&check)
    );
    std::fs::remove_file(nb.path("updates/ana/2026-03/2026-03-19-0900-ana.toml")).unwrap();
    nb.write("updates/ana/2026-03/2026-03-18-0900-bob.toml", body);
    let check = nb.forecast().arg("check").output().unwrap();
    assert!(stderr(&check).contains("does not name its author `ana`"), "{}", stderr(&check));
    std::fs::remove_file(nb.path("updates/ana/2026-03/2026-03-18-0900-bob.toml")).unwrap();
    nb.write("updates/ana/2026-03/opening.toml", body);
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0), "other names are free");
}

#[test]
fn a_record_dated_far_ahead_is_warned_about() {
    let nb = fixture("court");
    nb.write(
        "updates/typo.toml",
        "at = 9999-03-18T09:00:00+01:00\nauthor = \"ana\"\nmethod = \"judgment\"\n[probabilities]\napprove = 0.5\nblock = 0.2\nremedies = 0.3\n",
    );
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "a warning: {}", outcome(&check));
    assert!(
        stderr(&check).contains(
            "updates/typo.toml:1:6: warning: found an update at 9999-03-18T09:00:00+01:00, more than a day after now"
        ),
        "{}",
        stderr(&check)
    );
}

/// Two clones that each log the same Cyrillic headline and an estimate in the same second, then
/// merge: with `authors` different (Олена, Марко) or the same analyst twice.
fn merge_two_clones(authors: [&str; 2]) -> (Scratch, Vec<String>) {
    let nb = fixture("court");
    std::fs::remove_dir_all(nb.path(".forecast")).unwrap();
    nb.write(".gitignore", "/.forecast/\n");
    git(&nb.root, &["init", "-q", "-b", "main"]);
    git(&nb.root, &["add", "-A"]);
    git(&nb.root, &["commit", "-qm", "notebook"]);
    for (i, author) in authors.iter().enumerate() {
        let name = format!("clone{i}");
        git(nb.dir.path(), &["clone", "-q", nb.root.to_str().unwrap(), &name]);
        let dir = nb.dir.path().join(&name);
        let run = |args: &[&str]| {
            let output = forecast().current_dir(&dir).env("FORECAST_AUTHOR", author).args(args).output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{author} {args:?}: {}", outcome(&output));
        };
        run(&["evidence", "add", "--title", "Суд відклав рішення", "--source", "Docket", "--date", "2026-03-19"]);
        run(&["update", "approve=0.25", "-m", "same second"]);
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-qm", "work"]);
        git(&dir, &["push", "-q", "origin", &format!("HEAD:refs/heads/b{i}")]);
    }
    git(&nb.root, &["merge", "-q", "--no-edit", "b0"]);
    git(&nb.root, &["merge", "-q", "--no-edit", "b1"]);
    assert_eq!(git(&nb.root, &["status", "--porcelain"]), "", "no conflict left behind");
    let ids = nb.records("evidence").into_iter().filter(|f| f.contains("sud")).collect();
    (nb, ids)
}

#[test]
fn cyrillic_names_are_transliterated_and_merge_without_conflict() {
    let (nb, ids) = merge_two_clones(["Олена", "Марко"]);
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.iter().any(|i| i.contains("2026-03-19-sud-vidklav-rishennia-olena-")), "{ids:?}");
    assert!(ids.iter().any(|i| i.contains("2026-03-19-sud-vidklav-rishennia-marko-")), "{ids:?}");
    assert!(nb.path("updates/olena").is_dir() && nb.path("updates/marko").is_dir());
    // The merge is clean; the two copies of one headline are named as likely duplicates.
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", outcome(&check));
    assert!(stderr(&check).contains("may report the same news") && stderr(&check).ends_with("0 errors, 1 warning\n"));
}

#[test]
fn one_analyst_in_two_clones_in_the_same_second_merges_without_conflict() {
    let (nb, ids) = merge_two_clones(["olena", "olena"]);
    assert_eq!(ids.len(), 2, "two clones, two tokens, two files: {ids:?}");
    assert_eq!(nb.records("updates/olena/2026-03").len(), 2);
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", outcome(&check));
    assert!(stderr(&check).ends_with("0 errors, 1 warning\n"), "the second copy is named: {}", stderr(&check));
}
