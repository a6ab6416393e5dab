//! The second round of passes over integrity and hardening: each promise a new user or an attacker
//! broke is reproduced here and shown kept.

use crate::common::{at, fixture, forecast, outcome, stderr, stdout, vote};
use std::process::Stdio;
use std::time::Duration;

fn json(output: std::process::Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_briefing_or_chart_is_never_written_over_a_record() {
    let nb = fixture("court");
    let before = nb.snapshot();
    for (command, out) in [
        ("report", "notebook.toml"),
        ("chart", "scenarios/approve.toml"),
        ("report", "evidence/2026-03/new.md"),
        ("report", "resolution.toml"),
        ("report", "sub/../notebook.toml"),
        ("chart", "updates/x.svg"),
        ("report", ".forecast/x.md"),
    ] {
        let output = nb.forecast().current_dir(&nb.root).args([command, "--out", out, "--force"]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{command} --out {out}: {}", outcome(&output));
        assert!(stderr(&output).contains("would damage the notebook"), "{}", stderr(&output));
    }
    assert_eq!(nb.snapshot(), before, "nothing was written");
    // Another notebook's records are refused too, wherever the command runs.
    let other =
        nb.forecast().arg("report").arg("--out").arg(crate::common::repo().join("notebook.toml")).output().unwrap();
    assert_eq!(other.status.code(), Some(1), "{}", outcome(&other));
    nb.forecast().current_dir(&nb.root).args(["report", "--out", "reports/"]).assert().success();
}

#[test]
fn a_record_in_a_month_folder_must_be_dated_in_that_month() {
    let nb = fixture("court");
    nb.write(
        "updates/ana/2026-02/2026-03-10-0900-ana.toml",
        "at = 2026-03-10T09:00:00+01:00\nauthor = \"ana\"\nmethod = \"judgment\"\n\n[probabilities]\napprove = 0.4\nblock = 0.3\nremedies = 0.3\n",
    );
    nb.write("evidence/2026-01/2026-03-11-late.toml", "title = \"t\"\ndate = 2026-03-11\nsource = \"s\"\n");
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    assert!(
        err.contains("2026-03-10-0900-ana.toml:1:6: error: found `at` (in the notebook's zone) in 2026-03 in the month folder `2026-02/`"),
        "{err}"
    );
    assert!(
        err.contains("2026-03-11-late.toml:2:8: error: found `date` in 2026-03 in the month folder `2026-01/`"),
        "{err}"
    );
}

#[test]
fn a_backdated_update_never_becomes_the_prior_of_a_bayes_update_written_before_it() {
    let nb = vote();
    at(&nb, "2026-01-01T12:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-01-05T10:00:00Z")
        .args(["--author", "ann", "evidence", "add", "--title", "e", "--source", "s"])
        .args(["--likelihood", "approve=0.9", "--likelihood", "delay=0.5", "--likelihood", "reject=0.1"])
        .assert()
        .success();
    at(&nb, "2026-01-05T12:00:00Z").args(["--author", "ann", "update", "--bayes", "-m", "b"]).assert().success();
    let late = at(&nb, "2026-01-06T12:00:00Z")
        .args(["--author", "ann", "update", "--at", "2026-01-03T12:00:00Z", "approve=0.1", "delay=0.1", "reject=0.8"])
        .args(["-m", "filled in later"])
        .output()
        .unwrap();
    assert_eq!(late.status.code(), Some(0), "{}", outcome(&late));
    assert!(stderr(&late).contains("is later, so it stays your standing estimate"), "{}", stderr(&late));
    // 0.5·0.9 = 0.45, 0.3·0.5 = 0.15, 0.2·0.1 = 0.02 over 0.62: the Bayes update checks against
    // the prior ann had when she wrote it, not the one filled in after.
    let check = at(&nb, "2026-01-06T13:00:00Z").arg("check").output().unwrap();
    assert_eq!((check.status.code(), stderr(&check)), (Some(0), String::new()));
    let history =
        json(at(&nb, "2026-01-06T13:00:00Z").args(["history", "--explain", "--format", "json"]).output().unwrap());
    let bayes = history["rows"].as_array().unwrap().iter().find(|r| r["method"] == "bayes").unwrap();
    let approve = bayes["attribution"].as_array().unwrap().iter().find(|s| s["scenario"] == "approve").unwrap();
    assert!((approve["shift"].as_f64().unwrap() - (0.45 / 0.62 - 0.5)).abs() < 1e-5, "{approve}");
    let whatif = at(&nb, "2026-01-06T13:00:00Z")
        .args(["whatif", "--without", "2026-01-05-e", "--format", "json"])
        .output()
        .unwrap();
    let whatif = json(whatif);
    let recomputed = &whatif["recomputed"][0]["scenarios"][0];
    assert!(
        (recomputed["to"].as_f64().unwrap() - 0.5).abs() < 1e-9,
        "without the item: ann's prior then: {recomputed}"
    );
}

#[test]
fn a_scenario_added_while_an_append_runs_refuses_the_append() {
    let nb = fixture("court");
    let slow = nb
        .process()
        .env("FORECAST_INJECT_PAUSE", "2")
        .args(["evidence", "add", "--title", "slow", "--source", "s"])
        .args(["--likelihood", "approve=0.5", "--likelihood", "block=0.4", "--likelihood", "remedies=0.3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(600));
    nb.forecast().args(["scenario", "add", "settle", "--title", "Settle"]).assert().success();
    let output = slow.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert!(stderr(&output).contains("the notebook's scenarios changed while this command ran"), "{}", stderr(&output));
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "the notebook stays valid: {}", outcome(&check));
}

#[test]
fn a_retraction_shows_in_replays_only_from_when_it_was_written() {
    let nb = vote();
    at(&nb, "2026-01-02T08:30:00Z").args(["evidence", "add", "--title", "claim", "--source", "s"]).assert().success();
    let before =
        stdout(&at(&nb, "2026-01-02T09:00:00Z").args(["report", "--as-of", "2026-01-02T09:00:00Z"]).output().unwrap());
    at(&nb, "2026-01-02T20:00:00Z")
        .args(["evidence", "retract", "2026-01-02-claim", "--reason", "false"])
        .assert()
        .success();
    let after =
        stdout(&at(&nb, "2026-01-03T09:00:00Z").args(["report", "--as-of", "2026-01-02T09:00:00Z"]).output().unwrap());
    let body = |text: &str| text.lines().filter(|l| !l.starts_with("*Generated")).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&before), body(&after), "a replay to 09:00 never shows the retraction written at 20:00");
    let later =
        stdout(&at(&nb, "2026-01-03T09:00:00Z").args(["report", "--as-of", "2026-01-02T21:00:00Z"]).output().unwrap());
    assert!(later.contains("## Retractions"), "{later}");
}

#[test]
fn scenarios_cannot_be_added_once_the_question_is_resolved() {
    let nb = fixture("court");
    nb.forecast().args(["resolve", "remedies", "--date", "2026-03-10"]).assert().success();
    let before = nb.snapshot();
    let add = nb
        .forecast()
        .args(["scenario", "add", "settle", "--title", "Settle", "--since", "2026-03-01"])
        .output()
        .unwrap();
    assert_eq!(add.status.code(), Some(1), "{}", outcome(&add));
    assert!(stderr(&add).contains("its scenarios are settled"), "{}", stderr(&add));
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn check_names_private_folders_and_templates_that_lead_out_of_the_notebook() {
    let nb = fixture("court");
    let outside = nb.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("briefing.md"), "# x\n").unwrap();
    std::fs::remove_dir_all(nb.path(".forecast")).unwrap();
    std::os::unix::fs::symlink(&outside, nb.path(".forecast")).unwrap();
    std::os::unix::fs::symlink(&outside, nb.path("templates")).unwrap();
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", outcome(&check));
    let err = stderr(&check);
    assert!(
        err.contains(".forecast: error: refused `.forecast`: found a link that resolves outside the notebook"),
        "{err}"
    );
    assert!(err.contains("refused `templates`: found a link that resolves outside the notebook"), "{err}");
}

#[test]
fn invisible_characters_are_shown_and_refused_in_names() {
    let nb = fixture("court");
    let spoof = nb
        .forecast()
        .args(["--author", "ana\u{200b}", "update", "approve=0.5", "block=0.2", "remedies=0.3"])
        .output()
        .unwrap();
    assert_eq!(spoof.status.code(), Some(1), "{}", outcome(&spoof));
    assert!(stderr(&spoof).contains("ana\\u{200b}"), "{}", stderr(&spoof));
    nb.forecast()
        .args(["evidence", "add", "--title", "Zero\u{200b}width \u{feff}tag\u{e0041}", "--source", "s\u{ad}"])
        .assert()
        .success();
    // Markdown escapes the backslash too, so that the reader sees `\u{200b}`.
    for (args, shown) in [
        (&["evidence", "list"][..], "Zero\\u{200b}width \\u{feff}tag\\u{e0041}"),
        (&["evidence", "list", "--format", "json"], "Zero\\u200bwidth \\ufefftag\\udb40\\udc41"),
        (&["report"], "Zero\\\\u{200b}width \\\\u{feff}tag\\\\u{e0041}"),
    ] {
        let out = stdout(&nb.forecast().args(args).output().unwrap());
        assert!(out.contains(shown), "{args:?}: {out}");
        assert!(!out.contains('\u{200b}') && !out.contains('\u{ad}'), "{args:?}: {out}");
    }
}

#[test]
fn one_name_typed_in_two_unicode_forms_is_one_analyst() {
    let nb = fixture("court");
    nb.forecast().args(["--author", "Zoë", "update", "approve=0.5", "block=0.2", "remedies=0.3"]).assert().success();
    let decomposed = "Zoe\u{308}";
    at(&nb, "2026-03-20T13:00:00+01:00")
        .args(["--author", decomposed, "update", "approve=0.4", "block=0.3", "remedies=0.3"])
        .assert()
        .success();
    let status = json(at(&nb, "2026-03-20T14:00:00+01:00").args(["status", "--format", "json"]).output().unwrap());
    let authors: Vec<&str> = status["authors"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(authors, ["ana", "ben", "Zoë"], "{status}");
    assert_eq!(status["scenarios"][0]["authors"]["Zoë"], 0.4, "the later update stands: {status}");
}

#[test]
fn a_copied_notebook_makes_its_own_token() {
    let nb = vote();
    at(&nb, "2026-01-01T12:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    // The token file now names its folder; a copy of the whole folder is another place.
    std::fs::write(
        nb.path(".forecast/clone"),
        format!("k7q2\n{}\n", std::fs::canonicalize(&nb.root).unwrap().display()),
    )
    .unwrap();
    let copy = nb.dir.path().join("copy");
    let status = std::process::Command::new("cp").arg("-r").arg(&nb.root).arg(&copy).status().unwrap();
    assert!(status.success());
    let run = |root: &std::path::Path| {
        forecast()
            .env("FORECAST_NOW", "2026-01-02T12:00:00Z")
            .arg("--notebook")
            .arg(root)
            .args(["--author", "ann", "update", "approve=0.4", "delay=0.4", "reject=0.2"])
            .output()
            .unwrap()
    };
    let (a, b) = (run(&nb.root), run(&copy));
    assert_eq!((a.status.code(), b.status.code()), (Some(0), Some(0)));
    let name =
        |o: &std::process::Output| stderr(o).lines().find(|l| l.starts_with("recorded update")).unwrap().to_string();
    assert!(name(&a).contains("-k7q2`"), "{}", name(&a));
    assert_ne!(name(&a), name(&b), "the copy writes under a token of its own");
}

#[test]
fn new_evidence_cannot_arrive_already_retracted() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let output = nb
        .process()
        .args(["evidence", "add", "--from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(
                b"title = \"t\"\ndate = 2026-03-01\nsource = \"s\"\n\n[retracted]\ndate = 2026-01-01\nreason = \"x\"\n",
            )?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert!(stderr(&output).contains("found a `[retracted]` table in new evidence"), "{}", stderr(&output));
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn huge_likelihood_ratios_read_as_words_not_infinity() {
    let nb = vote();
    at(&nb, "2026-01-01T12:00:00Z")
        .args(["--author", "ann", "update", "approve=0.3", "delay=0.4", "reject=0.3"])
        .assert()
        .success();
    at(&nb, "2026-01-05T10:00:00Z")
        .args(["--author", "ann", "evidence", "add", "--title", "e", "--source", "s"])
        .args(["--likelihood", "approve=1e300", "--likelihood", "delay=1", "--likelihood", "reject=1e-300"])
        .assert()
        .success();
    let update =
        at(&nb, "2026-01-05T12:00:00Z").args(["--author", "ann", "update", "--bayes", "-m", "b"]).output().unwrap();
    assert!(stdout(&update).contains("reject: over 1000× more"), "{}", stdout(&update));
    let shown = stdout(&at(&nb, "2026-01-06T12:00:00Z").args(["evidence", "show", "2026-01-05-e"]).output().unwrap());
    assert!(shown.contains("over 1000× more expected under Approve than under Reject."), "{shown}");
    let history =
        json(at(&nb, "2026-01-06T12:00:00Z").args(["history", "--explain", "--format", "json"]).output().unwrap());
    let shares = history["rows"][1]["attribution"].as_array().unwrap();
    assert!(shares.iter().all(|s| s["shift"].is_number()), "{shares:?}");
    for args in [&["status"][..], &["history", "--explain"], &["scenario", "show", "approve"]] {
        let out = stdout(&at(&nb, "2026-01-06T12:00:00Z").args(args).output().unwrap());
        assert!(!out.contains("inf") && !out.contains("NaN"), "{args:?}: {out}");
    }
}

#[test]
fn status_rounds_renormalized_numbers_and_marks_a_missing_spread() {
    let nb = vote();
    at(&nb, "2026-01-01T12:00:00Z")
        .args(["--author", "ann", "update", "approve=0.75", "delay=0.22", "reject=0.03"])
        .assert()
        .success();
    at(&nb, "2026-01-02T12:00:00Z").args(["scenario", "add", "later", "--title", "Later"]).assert().success();
    at(&nb, "2026-01-02T13:00:00Z")
        .args(["--author", "ben", "update", "approve=0.5", "delay=0.2", "reject=0.2", "later=0.1"])
        .assert()
        .success();
    at(&nb, "2026-01-03T12:00:00Z").args(["scenario", "retire", "reject"]).assert().success();
    let status = json(at(&nb, "2026-01-03T13:00:00Z").args(["status", "--format", "json"]).output().unwrap());
    // ann's 0.75 over the 0.97 still in play: 0.773196 to 6 decimals.
    assert_eq!(status["scenarios"][0]["authors"]["ann"], 0.773196, "{status}");
    let text = stdout(&at(&nb, "2026-01-03T13:00:00Z").arg("status").output().unwrap());
    let later = text.lines().find(|l| l.starts_with("Later")).unwrap();
    assert!(later.trim_end().ends_with('—'), "one analyst covers Later, so no spread: {later}");
}

#[test]
fn rating_an_item_without_likelihoods_names_what_is_missing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let output = nb.forecast().args(["evidence", "rate", "2026-03-09", "approve=0.5"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert_eq!(
        stderr(&output),
        "error: `2026-03-09-hearing-report` has no likelihoods yet, so it needs one for every scenario in play on 2026-03-09: missing `block`, `remedies`\n"
    );
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn records_dated_far_ahead_are_warned_about_whatever_they_are() {
    let nb = fixture("court");
    nb.write("scenarios/later.toml", "title = \"Later\"\nsince = 2026-03-19\nadded = 9999-01-01T00:00:00Z\n");
    nb.write("resolution.toml", "scenario = \"remedies\"\ndate = 2026-03-18\nrecorded = 9999-01-01T00:00:00Z\n");
    let check = nb.forecast().arg("check").output().unwrap();
    let err = stderr(&check);
    assert!(
        err.contains("scenarios/later.toml:1:1: warning: found a scenario added 9999-01-01T00:00:00+00:00"),
        "{err}"
    );
    assert!(
        err.contains("resolution.toml:1:1: warning: found a resolution recorded 9999-01-01T00:00:00+00:00"),
        "{err}"
    );
}

#[test]
fn a_leap_second_is_a_usage_error_before_anything_is_read() {
    let nb = fixture("court");
    let output = nb.forecast().env("FORECAST_NOW", "2026-03-20T23:59:60Z").arg("status").output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", outcome(&output));
    assert!(stderr(&output).contains("found the leap second"), "{}", stderr(&output));
}

#[test]
fn a_folder_that_cannot_be_read_is_one_error_not_a_cascade() {
    let nb = fixture("court");
    let away = nb.dir.path().join("away");
    std::fs::rename(nb.path("scenarios"), &away).unwrap();
    std::os::unix::fs::symlink(&away, nb.path("scenarios")).unwrap();
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).ends_with("1 error, 0 warnings\n"), "{}", stderr(&check));
    std::fs::remove_file(nb.path("scenarios")).unwrap();
    std::fs::rename(&away, nb.path("scenarios")).unwrap();
    let outside = nb.dir.path().join("zed");
    std::fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, nb.path("updates/zed")).unwrap();
    let update =
        nb.forecast().args(["--author", "zed", "update", "approve=0.3", "block=0.3", "remedies=0.4"]).output().unwrap();
    assert_eq!(update.status.code(), Some(1));
    assert_eq!(stderr(&update).matches("updates/zed").count(), 1, "reported once: {}", stderr(&update));
}

#[test]
fn temporary_files_in_templates_and_from_the_future_are_found_and_fixed() {
    let nb = fixture("court");
    std::fs::create_dir_all(nb.path("templates")).unwrap();
    nb.write("templates/.forecast-AbC123.tmp", "half a template");
    nb.write(".forecast-Fut123.tmp", "from a clock set wrong");
    let future = std::time::SystemTime::now() + Duration::from_secs(24 * 3600);
    std::fs::File::options().write(true).open(nb.path(".forecast-Fut123.tmp")).unwrap().set_modified(future).unwrap();
    crate::common::age_temporary_files(&nb.path("templates"));
    let check = nb.forecast().arg("check").output().unwrap();
    let err = stderr(&check);
    assert!(err.contains("templates/.forecast-AbC123.tmp") && err.contains(".forecast-Fut123.tmp"), "{err}");
    nb.forecast().args(["check", "--fix"]).assert().success();
    assert!(!nb.path("templates/.forecast-AbC123.tmp").exists() && !nb.path(".forecast-Fut123.tmp").exists());
}
