//! Evidence counted once: origins, echoes, duplicates after a merge or a re-run, the ACH matrix,
//! and the independence note.

use crate::common::{at, fixture, forecast, git, outcome, stderr, stdout, vote};

fn json(output: std::process::Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn close(value: &serde_json::Value, want: f64) {
    let got = value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"));
    assert!((got - want).abs() < 1e-6, "{got} vs {want}");
}

/// ann's opening estimate in the vote notebook: 0.5 / 0.3 / 0.2.
fn opened() -> crate::common::Scratch {
    let nb = vote();
    at(&nb, "2026-01-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    nb
}

/// Logs an item with likelihoods approve 0.8, delay 0.4, reject 0.2 at `now`; its id.
fn item(nb: &crate::common::Scratch, now: &str, title: &str, source: &str, origin: Option<&str>) -> String {
    let mut cmd = at(nb, now);
    cmd.args(["--author", "ann", "evidence", "add", "--title", title, "--source", source]).args([
        "--likelihood",
        "approve=0.8",
        "--likelihood",
        "delay=0.4",
        "--likelihood",
        "reject=0.2",
    ]);
    if let Some(o) = origin {
        cmd.args(["--origin", o]);
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    stdout(&output).trim().to_string()
}

#[test]
fn five_echoes_of_one_claim_count_once() {
    let nb = opened();
    let original = item(&nb, "2026-01-04T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    let _echoes = [
        item(&nb, "2026-01-04T10:00:00Z", "Agency repeats blockade claim", "Agency A", Some(&original)),
        item(&nb, "2026-01-04T11:00:00Z", "Paper carries blockade claim", "Paper", Some(&original)),
        item(&nb, "2026-01-05T09:00:00Z", "Channel airs blockade claim", "Channel", Some("ministry-2026-01-04")),
        item(&nb, "2026-01-05T10:00:00Z", "Blog quotes blockade claim", "Blog", Some("ministry-2026-01-04")),
    ];
    // Echoes name the original two ways: by its id, and by the ministry's statement. Naming that
    // statement as the original's own origin makes all five one group.
    at(&nb, "2026-01-05T11:00:00Z")
        .args(["evidence", "link", &original, "--origin", "ministry-2026-01-04"])
        .assert()
        .success();
    // Alone, the claim takes 0.5/0.3/0.2 to 0.4/0.12/0.04 over 0.56.
    let plan = json(
        at(&nb, "2026-01-06T10:00:00Z")
            .args(["--author", "ann", "update", "--bayes", "--dry-run", "--format", "json"])
            .output()
            .unwrap(),
    );
    close(&plan["scenarios"][0]["probability"], 0.4 / 0.56);
    close(&plan["scenarios"][1]["probability"], 0.12 / 0.56);
    assert_eq!(plan["folded"].as_array().unwrap().len(), 4, "{}", plan["folded"]);
    assert!(plan["folded"].as_array().unwrap().iter().all(|f| f["into"] == original.as_str()));
    let shown =
        stdout(&at(&nb, "2026-01-06T10:00:00Z").args(["--author", "ann", "update", "--bayes"]).output().unwrap());
    assert!(shown.contains("counted once (4 items folded in"), "{shown}");
    // Recorded: all five cited, the claim counted once; check agrees, status has nothing pending.
    let check = at(&nb, "2026-01-06T11:00:00Z").arg("check").output().unwrap();
    assert_eq!((check.status.code(), stderr(&check)), (Some(0), String::new()));
    let status = json(at(&nb, "2026-01-06T11:00:00Z").args(["status", "--format", "json"]).output().unwrap());
    assert_eq!(status["unreflected_total"], 0);
    // Without the original, the first echo stands for the claim: nothing changes.
    let whatif = json(
        at(&nb, "2026-01-06T11:00:00Z").args(["whatif", "--without", &original, "--format", "json"]).output().unwrap(),
    );
    close(&whatif["recomputed"][0]["scenarios"][0]["to"], 0.4 / 0.56);
}

#[test]
fn a_bayes_update_written_by_hand_that_multiplies_echoes_is_warned_about() {
    let nb = opened();
    let original = item(&nb, "2026-01-04T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    let echo = item(&nb, "2026-01-04T10:00:00Z", "Agency repeats blockade claim", "Agency", Some(&original));
    // Both multiplied: 0.5·0.64, 0.3·0.16, 0.2·0.04 = 0.32, 0.048, 0.008 over 0.376.
    nb.write(
        "updates/ann/2026-01/2026-01-05-100000-ann.toml",
        &format!(
            "at = 2026-01-05T10:00:00Z\nauthor = \"ann\"\nmethod = \"bayes\"\nevidence = [\"{original}\", \"{echo}\"]\n\n[probabilities]\napprove = 0.851064\ndelay = 0.12766\nreject = 0.021276\n"
        ),
    );
    let check = at(&nb, "2026-01-06T10:00:00Z").arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", outcome(&check));
    assert!(
        stderr(&check).contains(&format!(
            "this `bayes` update multiplies items that report the same news (one origin), counting it more than once: `{echo}` with `{original}`"
        )),
        "{}",
        stderr(&check)
    );
}

#[test]
fn the_two_analysts_copies_of_one_headline_after_a_merge_count_once() {
    let nb = fixture("court");
    std::fs::remove_dir_all(nb.path(".forecast")).unwrap();
    nb.write(".gitignore", "/.forecast/\n");
    git(&nb.root, &["init", "-q", "-b", "main"]);
    git(&nb.root, &["add", "-A"]);
    git(&nb.root, &["commit", "-qm", "notebook"]);
    for (i, author) in ["ana", "ben"].iter().enumerate() {
        let name = format!("clone{i}");
        git(nb.dir.path(), &["clone", "-q", nb.root.to_str().unwrap(), &name]);
        let dir = nb.dir.path().join(&name);
        let output = forecast()
            .current_dir(&dir)
            .env("FORECAST_AUTHOR", author)
            .args(["evidence", "add", "--title", "Court sets a hearing for 2 April", "--source", "Docket"])
            .args(["--likelihood", "approve=0.6", "--likelihood", "block=0.3", "--likelihood", "remedies=0.5"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-qm", "work"]);
        git(&dir, &["push", "-q", "origin", &format!("HEAD:refs/heads/b{i}")]);
    }
    git(&nb.root, &["merge", "-q", "--no-edit", "b0"]);
    git(&nb.root, &["merge", "-q", "--no-edit", "b1"]);
    let copies: Vec<String> =
        nb.records("evidence").into_iter().filter(|f| f.contains("hearing-for-2-april")).collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    let check = nb.forecast().arg("check").output().unwrap();
    assert!(stderr(&check).contains("may report the same news"), "{}", stderr(&check));
    let id = |path: &str| std::path::Path::new(path).file_stem().unwrap().to_string_lossy().into_owned();
    let (first, second) = (id(&copies[0]), id(&copies[1]));
    // Before linking, ben's default Bayes would multiply both copies.
    let before = json(
        nb.forecast().args(["--author", "ben", "update", "--bayes", "--dry-run", "--format", "json"]).output().unwrap(),
    );
    let linked = nb.forecast().args(["evidence", "link", &second, "--origin", &first]).output().unwrap();
    assert_eq!(linked.status.code(), Some(0), "{}", outcome(&linked));
    assert!(stdout(&linked).contains(&format!("it now counts once with: {first}")), "{}", stdout(&linked));
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!((check.status.code(), stderr(&check)), (Some(0), String::new()));
    let after = json(
        nb.forecast().args(["--author", "ben", "update", "--bayes", "--dry-run", "--format", "json"]).output().unwrap(),
    );
    assert_eq!(after["folded"].as_array().unwrap().len(), 1, "{}", after["folded"]);
    assert_ne!(before["scenarios"], after["scenarios"], "the second copy no longer counts");
    let status = json(nb.forecast().args(["status", "--format", "json"]).output().unwrap());
    // Both pending until one is cited, listed as one piece of news.
    let pending: Vec<&serde_json::Value> = status["unreflected"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["id"].as_str().unwrap().contains("hearing-for-2-april"))
        .collect();
    assert_eq!((pending.len(), &pending[0]["same_news"]), (1, &serde_json::json!(1)), "{}", status["unreflected"]);
    assert_eq!(status["unreflected_total"].as_u64().unwrap() - status["unreflected_news"].as_u64().unwrap(), 1);
}

#[test]
fn logging_the_same_draft_twice_is_warned_about() {
    let nb = fixture("court");
    let draft = nb.dir.path().join("item.toml");
    std::fs::write(
        &draft,
        "title = \"Regulator publishes its remedy terms\"\ndate = 2026-03-18\nsource = \"Regulator\"\n",
    )
    .unwrap();
    let first = nb.forecast().args(["evidence", "add", "--from"]).arg(&draft).output().unwrap();
    let first_id = stdout(&first).trim().to_string();
    assert!(stderr(&first).is_empty(), "{}", stderr(&first));
    let again = nb.forecast().args(["evidence", "add", "--from"]).arg(&draft).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "it still writes: the analyst decides");
    assert!(
        stderr(&again).contains(&format!("may report the same news as `{first_id}`"))
            && stderr(&again).contains(&format!("--origin {first_id}")),
        "{}",
        stderr(&again)
    );
}

#[test]
fn three_items_from_one_source_get_an_independence_note() {
    let nb = opened();
    for (i, title) in ["Front report one", "Front report two", "Front report three"].iter().enumerate() {
        item(&nb, &format!("2026-01-04T1{i}:00:00Z"), title, "Frontline Daily", None);
    }
    let shown = stdout(
        &at(&nb, "2026-01-05T10:00:00Z").args(["--author", "ann", "update", "--bayes", "--dry-run"]).output().unwrap(),
    );
    assert!(
        shown
            .contains("note: 3 of these items come from Frontline Daily; Bayes multiplies them as independent reports"),
        "{shown}"
    );
}

#[test]
fn link_keeps_the_file_and_refuses_to_change_an_origin() {
    let nb = opened();
    let id = item(&nb, "2026-01-04T09:00:00Z", "Claim", "Ministry", None);
    let path = format!("evidence/{}", nb.records("evidence").into_iter().find(|p| p.contains(&id)).unwrap());
    let text = nb.read(&path);
    nb.write(&path, &format!("# kept\n{text}"));
    at(&nb, "2026-01-05T09:00:00Z")
        .args(["evidence", "link", &id, "--origin", "ministry-2026-01-04"])
        .assert()
        .success();
    let after = nb.read(&path);
    assert!(after.starts_with("# kept\n") && after.contains("origin = \"ministry-2026-01-04\""), "{after}");
    let again = at(&nb, "2026-01-05T10:00:00Z").args(["evidence", "link", &id, "--origin", "other"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", outcome(&again));
    assert!(stderr(&again).contains("already has origin `ministry-2026-01-04`"));
}

/// The rates notebook of docs/review.md's matrix example.
fn rates_matrix() -> crate::common::Scratch {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notebook");
    forecast()
        .env("FORECAST_NOW", "2026-03-01T09:00:00+01:00")
        .args(["init", root.to_str().unwrap(), "--title", "Rates", "--question", "What will the bank do?"])
        .args([
            "--timezone",
            "Europe/Warsaw",
            "--scenario",
            "cut=Cut",
            "--scenario",
            "hold=Hold",
            "--scenario",
            "hike=Hike",
        ])
        .assert()
        .success();
    crate::common::pin_token(&root);
    let nb = crate::common::Scratch { dir, root };
    let add = |now: &str, title: &str, grade: &str, l: [&str; 3], origin: Option<&str>| {
        let mut cmd = at(&nb, now);
        cmd.args(["evidence", "add", "--title", title, "--source", "s", "--grade", grade]);
        for x in l {
            cmd.args(["--likelihood", x]);
        }
        if let Some(o) = origin {
            cmd.args(["--origin", o]);
        }
        stdout(&cmd.output().unwrap()).trim().to_string()
    };
    add("2026-03-02T09:00:00+01:00", "Hawkish minutes", "B2", ["cut=I", "hold=C", "hike=C"], None);
    let inflation =
        add("2026-03-03T09:00:00+01:00", "Inflation surprise", "A1", ["cut=0.1", "hold=0.3", "hike=0.6"], None);
    add("2026-03-04T09:00:00+01:00", "Weak retail sales", "C3", ["cut=1.5", "hold=1.0", "hike=0.5"], None);
    add(
        "2026-03-04T10:00:00+01:00",
        "Paper repeats inflation surprise",
        "B3",
        ["cut=0.1", "hold=0.3", "hike=0.6"],
        Some(&inflation),
    );
    at(&nb, "2026-03-05T09:00:00+01:00")
        .args(["--author", "kasia", "update", "cut=0.2", "hold=0.5", "hike=0.3"])
        .assert()
        .success();
    nb
}

#[test]
fn the_matrix_matches_hand_computation() {
    let nb = rates_matrix();
    let m = json(at(&nb, "2026-03-06T09:00:00+01:00").args(["matrix", "--format", "json"]).output().unwrap());
    // Rows, most diagnostic first: inflation 0.6/0.1 = 6 (its echo folded in), minutes 0.8/0.2 = 4,
    // retail 1.5/0.5 = 3.
    let rows: Vec<(&str, f64)> = m["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["title"].as_str().unwrap(), r["diagnosticity"].as_f64().unwrap()))
        .collect();
    assert_eq!(rows, [("Inflation surprise", 6.0), ("Hawkish minutes", 4.0), ("Weak retail sales", 3.0)]);
    // Ratings: 0.1 → II, 0.3 → I, 0.6 → N; retail scaled by 1.5: 1 → CC, 0.667 → C, 0.333 → I.
    let cell = |row: usize, s: &str| m["evidence"][row]["cells"][s]["rating"].as_str().unwrap().to_string();
    assert_eq!([cell(0, "cut"), cell(0, "hold"), cell(0, "hike")], ["II", "I", "N"]);
    assert_eq!([cell(2, "cut"), cell(2, "hold"), cell(2, "hike")], ["CC", "C", "I"]);
    // Inconsistency: cut I + II = 3, hold I = 1, hike I = 1. Weighted (B2 0.8, A1 1.0, C3 0.6):
    // cut 0.8 + 2 = 2.8, hold 1.0, hike 0.6.
    let score = |i: usize, f: &str| m["scenarios"][i][f].as_f64().unwrap();
    assert_eq!([score(0, "inconsistency"), score(1, "inconsistency"), score(2, "inconsistency")], [3.0, 1.0, 1.0]);
    close(&m["scenarios"][0]["weighted_inconsistency"], 2.8);
    close(&m["scenarios"][1]["weighted_inconsistency"], 1.0);
    close(&m["scenarios"][2]["weighted_inconsistency"], 0.6);
    // Implied from a uniform prior: 0.2·0.1·1.5 = 0.03, 0.8·0.3·1.0 = 0.24, 0.8·0.6·0.5 = 0.24.
    close(&m["scenarios"][0]["implied_probability"], 0.03 / 0.51);
    close(&m["scenarios"][1]["implied_probability"], 0.24 / 0.51);
    assert_eq!(m["least_inconsistent"], serde_json::json!(["hold", "hike"]));
    assert_eq!((m["leading"].as_str(), m["agrees"].as_bool()), (Some("hold"), Some(true)));
    let table = stdout(&at(&nb, "2026-03-06T09:00:00+01:00").arg("matrix").output().unwrap());
    assert!(
        table.contains("least inconsistent: Hold and Hike (tied, 1); the analysts' leading scenario, Hold, agrees"),
        "{table}"
    );
    let csv = stdout(&at(&nb, "2026-03-06T09:00:00+01:00").args(["matrix", "--format", "csv"]).output().unwrap());
    assert!(csv.starts_with("id,title,date,grade,diagnosticity,cut,cut_likelihood,hold"), "{csv}");
    let md = stdout(&at(&nb, "2026-03-06T09:00:00+01:00").args(["matrix", "--format", "markdown"]).output().unwrap());
    assert!(md.contains("| Inflation surprise | A1 | 6× | II 0.1 | I 0.3 | N 0.6 |"), "{md}");
    // With --author, only the items kasia cited: none.
    let hers = json(
        at(&nb, "2026-03-06T09:00:00+01:00")
            .args(["--author", "kasia", "matrix", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert!(hers["evidence"].as_array().unwrap().is_empty());
}

#[test]
fn the_briefing_names_echoes_folded_and_the_most_diagnostic_items() {
    let nb = opened();
    let original = item(&nb, "2026-01-05T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    item(&nb, "2026-01-05T10:00:00Z", "Agency repeats blockade claim", "Agency", Some(&original));
    at(&nb, "2026-01-06T10:00:00Z").args(["--author", "ann", "update", "--bayes"]).assert().success();
    let md = stdout(&at(&nb, "2026-01-20T10:00:00Z").args(["report", "--week", "2026-W02"]).output().unwrap());
    assert!(md.contains("Agency repeats blockade claim [2] (same news as [1]: counted once)"), "{md}");
    assert!(!md.contains("2026-01-05-agency-repeats"), "ids stay out of the briefing's prose: {md}");
    assert!(md.contains("Most diagnostic this week: Ministry claims full blockade (4×)"), "{md}");
}

#[test]
fn link_edits_nothing_when_the_notebook_is_refused() {
    let nb = opened();
    let id = item(&nb, "2026-01-04T09:00:00Z", "Claim", "Ministry", None);
    let before = nb.snapshot();
    let refused = at(&nb, "2026-01-05T09:00:00Z")
        .args(["evidence", "link", &id, "--origin", "bad\u{200b}name"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", outcome(&refused));
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn the_readme_shows_the_example_matrix_as_the_tool_prints_it() {
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).unwrap();
    let shown = readme.split("$ forecast matrix\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
    let printed = stdout(
        &forecast()
            .env("FORECAST_NOW", "2025-11-20T12:00:00+02:00")
            .arg("--notebook")
            .arg(crate::common::repo())
            .arg("matrix")
            .output()
            .unwrap(),
    );
    assert_eq!(shown, printed);
}

#[test]
fn a_chain_of_twenty_echoes_counts_once_and_so_does_a_loop() {
    let nb = opened();
    let first = item(&nb, "2026-01-04T09:00:00Z", "Claim zero", "Ministry", None);
    let mut previous = first.clone();
    for i in 1..20 {
        let now = format!("2026-01-04T09:{i:02}:00Z");
        previous = item(&nb, &now, &format!("Echo number {i} of the claim"), &format!("Outlet {i}"), Some(&previous));
    }
    let plan = || {
        json(
            at(&nb, "2026-01-05T10:00:00Z")
                .args(["--author", "ann", "update", "--bayes", "--dry-run", "--format", "json"])
                .output()
                .unwrap(),
        )
    };
    close(&plan()["scenarios"][0]["probability"], 0.4 / 0.56);
    // Closing the chain into a loop keeps one group.
    at(&nb, "2026-01-05T09:00:00Z").args(["evidence", "link", &first, "--origin", &previous]).assert().success();
    close(&plan()["scenarios"][0]["probability"], 0.4 / 0.56);
    let csv = stdout(&at(&nb, "2026-01-05T10:00:00Z").args(["matrix", "--format", "csv"]).output().unwrap());
    assert_eq!(csv.lines().filter(|l| l.starts_with("2026-")).count(), 1, "{csv}");
    let check = at(&nb, "2026-01-05T10:00:00Z").arg("check").output().unwrap();
    assert_eq!((check.status.code(), stderr(&check)), (Some(0), String::new()));
}

/// ann multiplies two copies of one headline on the 5th; the copies are linked on the 12th.
fn linked_late() -> (crate::common::Scratch, String, String) {
    let nb = opened();
    let a = item(&nb, "2026-01-05T09:00:00Z", "Committee chair resigns", "Herald", None);
    let b = item(&nb, "2026-01-05T10:00:00Z", "Chair of committee steps down", "Courier", None);
    at(&nb, "2026-01-05T12:00:00Z").args(["--author", "ann", "update", "--bayes"]).assert().success();
    (nb, a, b)
}

#[test]
fn a_link_counts_from_when_it_was_made_and_never_rewrites_the_past() {
    let (nb, a, b) = linked_late();
    let week = |nb: &crate::common::Scratch| {
        stdout(&at(nb, "2026-01-20T10:00:00Z").args(["report", "--week", "2026-W02"]).output().unwrap())
    };
    let matrix = |nb: &crate::common::Scratch| {
        stdout(&at(nb, "2026-01-20T10:00:00Z").args(["matrix", "--as-of", "2026-01-08"]).output().unwrap())
    };
    let explain = |nb: &crate::common::Scratch| {
        stdout(&at(nb, "2026-01-20T10:00:00Z").args(["history", "--explain"]).output().unwrap())
    };
    let (before_week, before_matrix, before_explain) = (week(&nb), matrix(&nb), explain(&nb));
    assert!(!before_week.contains("counted once"), "{before_week}");
    let linked = at(&nb, "2026-01-12T09:00:00Z").args(["evidence", "link", &b, "--origin", &a]).output().unwrap();
    assert_eq!(linked.status.code(), Some(0), "{}", outcome(&linked));
    let path = nb.records("evidence").into_iter().find(|p| p.contains(&b)).unwrap();
    assert!(nb.read(&format!("evidence/{path}")).contains("linked = 2026-01-12T09:00:00"));
    assert_eq!(week(&nb), before_week, "a finished week's briefing is the same whenever it is rendered");
    assert_eq!(matrix(&nb), before_matrix, "a replay to before the link keeps the copies apart");
    assert_eq!(explain(&nb), before_explain, "the update is explained as it was computed");
    // check: the update was right when written; the standing estimate now counts the news twice.
    let check = at(&nb, "2026-01-12T10:00:00Z").arg("check").output().unwrap();
    let err = stderr(&check);
    assert!(!err.contains("differ from what the prior"), "{err}");
    assert!(
        err.contains("were linked as one origin") && err.contains("standing estimate counts that news more than once"),
        "{err}"
    );
    // A matrix now has one row for the two; whatif without an item nothing cited changes nothing.
    let now = json(at(&nb, "2026-01-12T10:00:00Z").args(["matrix", "--format", "json"]).output().unwrap());
    assert_eq!(now["evidence"].as_array().unwrap().len(), 1);
    let c = item(&nb, "2026-01-12T11:00:00Z", "Unrelated report on turnout", "Gazette", None);
    let whatif =
        json(at(&nb, "2026-01-12T12:00:00Z").args(["whatif", "--without", &c, "--format", "json"]).output().unwrap());
    for s in whatif["scenarios"].as_array().unwrap() {
        assert_eq!(s["from"], s["to"], "{s}");
    }
}

#[test]
fn bayes_refuses_news_the_estimate_already_reflects() {
    let nb = opened();
    let a = item(&nb, "2026-01-04T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    at(&nb, "2026-01-04T12:00:00Z").args(["--author", "ann", "update", "--bayes"]).assert().success();
    let add = at(&nb, "2026-01-05T09:00:00Z")
        .args(["--author", "ann", "evidence", "add", "--title", "Agency repeats it", "--source", "Agency"])
        .args([
            "--likelihood",
            "approve=0.8",
            "--likelihood",
            "delay=0.4",
            "--likelihood",
            "reject=0.2",
            "--origin",
            &a,
        ])
        .output()
        .unwrap();
    assert!(stderr(&add).contains("its news is already reflected in your estimate"), "{}", outcome(&add));
    assert!(!stderr(&add).contains("update --bayes --evidence"), "{}", stderr(&add));
    let echo = stdout(&add).trim().to_string();
    let again = at(&nb, "2026-01-05T10:00:00Z")
        .args(["--author", "ann", "update", "--bayes", "--evidence", &echo])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", outcome(&again));
    assert!(stderr(&again).contains("Bayes would count it twice"), "{}", stderr(&again));
    let same = at(&nb, "2026-01-05T10:00:00Z")
        .args(["--author", "ann", "update", "--bayes", "--evidence", &a])
        .output()
        .unwrap();
    assert!(stderr(&same).contains(&format!("`{a}` is already reflected in your update")), "{}", outcome(&same));
    let before = nb.snapshot();
    let with_update = at(&nb, "2026-01-05T11:00:00Z")
        .args(["--author", "ann", "evidence", "add", "--title", "Paper repeats it", "--source", "Paper", "--update"])
        .args([
            "--likelihood",
            "approve=0.8",
            "--likelihood",
            "delay=0.4",
            "--likelihood",
            "reject=0.2",
            "--origin",
            &a,
        ])
        .output()
        .unwrap();
    assert_eq!(with_update.status.code(), Some(1), "{}", outcome(&with_update));
    assert_eq!(nb.snapshot(), before, "a refused --update writes neither the item nor the update");
    // Written by hand, a second multiplication is warned about.
    let prior = "approve = 0.714286\ndelay = 0.214286\nreject = 0.0714286\n";
    let _ = prior;
    nb.write(
        "updates/ann/2026-01/2026-01-06-0900-ann.toml",
        &format!(
            "at = 2026-01-06T09:00:00Z\nauthor = \"ann\"\nmethod = \"bayes\"\nevidence = [\"{echo}\"]\n\n[probabilities]\napprove = 0.862069\ndelay = 0.12931\nreject = 0.008621\n"
        ),
    );
    let check = at(&nb, "2026-01-07T10:00:00Z").arg("check").output().unwrap();
    assert!(
        stderr(&check).contains("already reflects") && stderr(&check).contains("it counts that news twice"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn an_origin_names_an_item_by_a_unique_start_in_any_case_or_is_refused() {
    let nb = opened();
    let a = item(&nb, "2026-01-04T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    item(&nb, "2026-01-04T10:00:00Z", "Ministry claims a ceasefire talk", "Ministry", None);
    let start = &a[..30];
    let echo = item(&nb, "2026-01-05T09:00:00Z", "Agency repeats blockade", "Agency", Some(&start.to_uppercase()));
    let path = nb.records("evidence").into_iter().find(|p| p.contains(&echo)).unwrap();
    assert!(nb.read(&format!("evidence/{path}")).contains(&format!("origin = \"{a}\"")), "the full id is stored");
    let before = nb.snapshot();
    for (typed, says) in [
        ("2026-01-04-ministry-claims", "is the start of 2 evidence ids"),
        ("2026-01-09-no-such-item", "no evidence with id"),
    ] {
        let refused = at(&nb, "2026-01-05T10:00:00Z")
            .args(["evidence", "add", "--title", "Another echo", "--source", "Blog", "--origin", typed])
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(1), "{}", outcome(&refused));
        assert!(stderr(&refused).contains(says), "{}", stderr(&refused));
        let link = at(&nb, "2026-01-05T10:00:00Z")
            .args(["evidence", "link", &echo[..20], "--origin", typed])
            .output()
            .unwrap();
        assert_ne!(link.status.code(), Some(0), "{}", outcome(&link));
    }
    assert_eq!(nb.snapshot(), before);
    // Names of the original source match ignoring case and how an accent was typed.
    item(&nb, "2026-01-06T09:00:00Z", "Café owner says the vote slips", "Radio", Some("Café-statement"));
    item(&nb, "2026-01-06T10:00:00Z", "Radio host repeats the slip", "Radio 2", Some("CAFE\u{301}-STATEMENT"));
    let m = json(at(&nb, "2026-01-07T10:00:00Z").args(["matrix", "--format", "json"]).output().unwrap());
    let titles: Vec<&str> = m["evidence"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles.iter().filter(|t| t.contains("vote slips") || t.contains("repeats the slip")).count(),
        1,
        "{titles:?}"
    );
}

#[test]
fn link_names_the_whole_group_and_a_refusal_offers_the_link_the_other_way() {
    let nb = opened();
    let a = item(&nb, "2026-01-04T09:00:00Z", "Claim", "Ministry", None);
    let b = item(&nb, "2026-01-04T10:00:00Z", "Echo one", "Agency", Some(&a));
    let c = item(&nb, "2026-01-04T11:00:00Z", "Echo two", "Paper", Some(&b));
    let d = item(&nb, "2026-01-04T12:00:00Z", "Separate copy", "Blog", None);
    let linked = at(&nb, "2026-01-05T09:00:00Z").args(["evidence", "link", &d, "--origin", &c]).output().unwrap();
    let out = stdout(&linked);
    assert!(out.contains(&a) && out.contains(&b) && out.contains(&c), "{out}");
    let e = item(&nb, "2026-01-04T13:00:00Z", "Late copy", "Wire", None);
    let refused = at(&nb, "2026-01-05T10:00:00Z").args(["evidence", "link", &b, "--origin", &e]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains(&format!("forecast evidence link {e} --origin {a}")), "{}", stderr(&refused));
}

#[test]
fn whatif_lists_every_bayes_update_the_removal_reaches() {
    let nb = opened();
    let x = item(&nb, "2026-01-04T09:00:00Z", "First report", "Herald", None);
    at(&nb, "2026-01-04T12:00:00Z").args(["--author", "ann", "update", "--bayes"]).assert().success();
    item(&nb, "2026-01-06T09:00:00Z", "Second unrelated report", "Courier", None);
    at(&nb, "2026-01-06T12:00:00Z").args(["--author", "ann", "update", "--bayes"]).assert().success();
    let w =
        json(at(&nb, "2026-01-07T12:00:00Z").args(["whatif", "--without", &x, "--format", "json"]).output().unwrap());
    assert_eq!(w["recomputed"].as_array().unwrap().len(), 2, "{}", w["recomputed"]);
    // Without the first item, the second update moves 0.5/0.3/0.2 by 0.8/0.4/0.2 alone.
    close(&w["authors"][0]["scenarios"][0]["to"], 0.4 / 0.56);
}

#[test]
fn check_finds_alike_titles_a_day_apart_and_far_apart_in_sorted_order() {
    let nb = opened();
    let plain = |now: &str, title: &str, date: &str| {
        at(&nb, now).args(["evidence", "add", "--title", title, "--source", "Wire", "--date", date]).assert().success();
    };
    // Nine items of one day: the two alike sort nine apart both ways.
    plain("2026-01-10T08:00:00Z", "Alpha bridge at the river was destroyed by strikes 1", "2026-01-10");
    for (i, w) in ["Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"].iter().enumerate() {
        plain("2026-01-10T09:00:00Z", &format!("{w} depot report number {}", i + 2), "2026-01-10");
    }
    plain("2026-01-10T10:00:00Z", "Zulu bridge at the river was destroyed by strikes 1", "2026-01-10");
    // The same headline on the 31st and the 1st.
    plain("2026-01-11T10:00:00Z", "Parliament schedules the final reading", "2026-01-31");
    plain("2026-02-01T10:00:00Z", "Parliament schedules the final reading", "2026-02-01");
    // Alike letters, opposite news: no warning.
    plain("2026-01-12T10:00:00Z", "Ceasefire agreed in Geneva talks", "2026-01-12");
    plain("2026-01-12T11:00:00Z", "Ceasefire not agreed in Geneva talks", "2026-01-12");
    plain("2026-01-12T12:00:00Z", "Turnout at 45 percent", "2026-01-12");
    plain("2026-01-12T13:00:00Z", "Turnout at 54 percent", "2026-01-12");
    let check = at(&nb, "2026-02-02T10:00:00Z").arg("check").output().unwrap();
    let err = stderr(&check);
    assert!(err.contains("zulu-bridge") && err.contains("is dated within a day of"), "{err}");
    assert!(err.contains("2026-02-01-parliament-schedules"), "{err}");
    assert!(!err.contains("ceasefire") && !err.contains("turnout"), "{err}");
    assert!(err.contains("0 errors, 2 warnings"), "{err}");
}

#[test]
fn the_matrix_names_ties_skips_unrated_scenarios_and_shows_no_negative_zero() {
    let nb = vote();
    at(&nb, "2026-01-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.4", "delay=0.4", "reject=0.2"])
        .assert()
        .success();
    let empty = stdout(&at(&nb, "2026-01-02T10:00:00Z").args(["matrix"]).output().unwrap());
    assert!(!empty.split_whitespace().any(|w| w == "-0"), "{empty}");
    let mine = stdout(&at(&nb, "2026-01-02T10:00:00Z").args(["--author", "ann", "matrix"]).output().unwrap());
    assert!(mine.contains("no item ann cited has likelihoods"), "{mine}");
    at(&nb, "2026-01-03T10:00:00Z")
        .args(["evidence", "add", "--title", "Even report", "--source", "Wire"])
        .args(["--likelihood", "approve=0.5", "--likelihood", "delay=0.5", "--likelihood", "reject=0.3"])
        .assert()
        .success();
    at(&nb, "2026-01-04T10:00:00Z")
        .args(["scenario", "add", "recount", "--title", "Recount", "--since", "2026-01-04"])
        .assert()
        .success();
    let table = stdout(&at(&nb, "2026-01-05T10:00:00Z").arg("matrix").output().unwrap());
    assert!(table.contains("Recount rated by no item"), "{table}");
    assert!(table.contains("least inconsistent: Approve and Delay (tied, 0)"), "{table}");
    assert!(table.contains("leading scenarios, Approve and Delay (tied), agree"), "{table}");
    at(&nb, "2026-01-05T11:00:00Z")
        .args(["evidence", "add", "--title", "Huge ratio", "--source", "Wire"])
        .args(["--likelihood", "approve=1e-300", "--likelihood", "delay=0.5", "--likelihood", "reject=1e300"])
        .args(["--likelihood", "recount=1"])
        .assert()
        .success();
    let table = stdout(&at(&nb, "2026-01-05T12:00:00Z").arg("matrix").output().unwrap());
    assert!(table.contains("CC 1e300") && table.contains("II 1e-300") && !table.contains("00000000000"), "{table}");
    let md = stdout(&at(&nb, "2026-01-05T12:00:00Z").args(["matrix", "--format", "markdown"]).output().unwrap());
    assert!(md.starts_with("*ACH matrix as of 2026-01-05 12:00 UTC"), "{md}");
}

#[test]
fn status_lists_one_line_per_piece_of_news_and_show_names_the_rest() {
    let nb = opened();
    let a = item(&nb, "2026-01-04T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    let b = item(&nb, "2026-01-04T10:00:00Z", "Agency repeats blockade claim", "Agency", Some(&a));
    item(&nb, "2026-01-04T11:00:00Z", "Paper carries blockade claim", "Paper", Some(&b));
    let status = stdout(&at(&nb, "2026-01-05T10:00:00Z").args(["--author", "ann", "status"]).output().unwrap());
    assert!(status.contains("(3 items reporting 1 piece of news)"), "{status}");
    assert!(status.contains("Ministry claims full blockade  (+2 of the same origin)"), "{status}");
    let show = stdout(&at(&nb, "2026-01-05T10:00:00Z").args(["evidence", "show", &b]).output().unwrap());
    assert!(show.contains(&format!("origin:     {a}")), "{show}");
    assert!(show.contains("same news:") && show.contains(&a), "{show}");
}

#[test]
fn echoes_are_named_once_per_update_and_marked_in_the_new_evidence() {
    let nb = opened();
    let a = item(&nb, "2026-01-05T09:00:00Z", "Ministry claims full blockade", "Ministry", None);
    let b = item(&nb, "2026-01-05T10:00:00Z", "Agency repeats blockade claim", "Agency", Some(&a));
    at(&nb, "2026-01-06T10:00:00Z").args(["--author", "ann", "update", "--bayes"]).assert().success();
    let explain = stdout(&at(&nb, "2026-01-07T10:00:00Z").args(["history", "--explain"]).output().unwrap());
    assert_eq!(explain.matches(&b).count(), 1, "{explain}");
    assert!(explain.contains(&format!("counted once (same news as an item counted): {b}")), "{explain}");
    let md = stdout(&at(&nb, "2026-01-20T10:00:00Z").args(["report", "--week", "2026-W02"]).output().unwrap());
    assert!(md.contains("**Agency repeats blockade claim** [2] (same news as [1])"), "{md}");
}
