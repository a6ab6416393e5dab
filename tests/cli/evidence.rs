//! `forecast evidence add | list | show | retract`.

use crate::common::{Scratch, fixture, outcome, piped, stderr, stdout};

fn add_flags(nb: &Scratch, extra: &[&str]) -> std::process::Output {
    nb.forecast()
        .args(["evidence", "add", "--title", "Appeal filed", "--source", "Court docket", "--date", "2026-03-18"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn add_prints_the_id_alone_and_writes_a_stamped_record() {
    let nb = fixture("court");
    let output = add_flags(
        &nb,
        &[
            "--grade",
            "B2",
            "--likelihood",
            "approve=0.4",
            "--likelihood",
            "block=CC",
            "--likelihood",
            "remedies=0.5",
            "--tag",
            "appeal",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert_eq!(stdout(&output), "2026-03-18-appeal-filed-tester-k7q2\n");
    insta::assert_snapshot!(nb.read("evidence/2026-03/2026-03-18-appeal-filed-tester-k7q2.toml"));
    assert!(
        stderr(&output).contains(
            "not yet reflected in your estimate: forecast update --bayes --evidence 2026-03-18-appeal-filed-tester-k7q2"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn the_same_title_twice_gets_a_numbered_id_and_never_overwrites() {
    let nb = fixture("court");
    assert_eq!(stdout(&add_flags(&nb, &[])), "2026-03-18-appeal-filed-tester-k7q2\n");
    assert_eq!(stdout(&add_flags(&nb, &[])), "2026-03-18-appeal-filed-tester-k7q2-2\n");
}

#[test]
fn a_hostile_title_cannot_steer_the_write() {
    let nb = fixture("court");
    let output = nb.forecast().args(["evidence", "add", "--title", "../../x", "--source", "s"]).output().unwrap();
    assert_eq!(stdout(&output), "2026-03-20-x-tester-k7q2\n", "{}", outcome(&output));
    assert!(nb.path("evidence/2026-03/2026-03-20-x-tester-k7q2.toml").is_file());
}

#[test]
fn refused_adds_write_nothing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    // Exit 2: a value that does not parse, a usage error. Exit 1: a value that parses but breaks a
    // rule (a likelihood must be above 0) or does not fit the notebook.
    let cases: &[(&[&str], i32)] = &[
        (&["--likelihood", "aprove=0.5"], 1),
        (&["--likelihood", "approve=-1"], 1),
        (&["--likelihood", "approve=nan"], 1),
        (&["--likelihood", "approve=high"], 2),
        (&["--likelihood", "approve=0.5"], 1),
        (&["--grade", "Z9"], 2),
        (&["--observes", "approve/nope"], 1),
        (&["--url", "u", "--summary", "s", "--observes", "nope/x"], 1),
        (&["--url", "x", "--credibility", "9"], 2),
    ];
    for (extra, code) in cases {
        let output = add_flags(&nb, extra);
        assert_eq!(output.status.code(), Some(*code), "{extra:?}: {}", outcome(&output));
        assert!(stdout(&output).is_empty(), "{extra:?}");
        assert_eq!(nb.snapshot(), before, "{extra:?} changed the notebook");
    }
    let hinted = add_flags(&nb, &["--likelihood", "aprove=0.5"]);
    assert!(stderr(&hinted).contains("did you mean `approve`?"), "{}", stderr(&hinted));
}

#[test]
fn add_from_a_file_and_from_stdin() {
    let nb = fixture("court");
    let record = "# from the clerk\ntitle = \"Hearing set\"\ndate = 2026-03-19\nsource = \"Docket\"\n";
    std::fs::write(nb.dir.path().join("item.toml"), record).unwrap();
    let from_file =
        nb.forecast().current_dir(nb.dir.path()).args(["evidence", "add", "--from", "item.toml"]).output().unwrap();
    assert_eq!(stdout(&from_file), "2026-03-19-hearing-set-tester-k7q2\n", "{}", outcome(&from_file));
    let written = nb.read("evidence/2026-03/2026-03-19-hearing-set-tester-k7q2.toml");
    assert!(written.starts_with("# from the clerk\n") && written.contains("logged_by = \"tester\""), "{written}");
    let mut cmd = nb.process();
    cmd.args(["evidence", "add", "--from", "-"]);
    let from_stdin = piped(cmd, record.as_bytes());
    assert_eq!(stdout(&from_stdin), "2026-03-19-hearing-set-tester-k7q2-2\n");
}

#[test]
fn invalid_input_from_stdin_is_located_in_that_input() {
    let nb = fixture("court");
    let mut cmd = nb.process();
    cmd.args(["evidence", "add", "--from", "-"]);
    let output = piped(cmd, b"title = \"x\"\ndate = 2026-03-19\nsource = \"s\"\ncredibilty = 2\n");
    insta::assert_snapshot!(outcome(&output));
}

/// A stand-in editor: a shell script that writes the given record into the file it is asked to edit.
fn editor_script(nb: &Scratch, name: &str, body: &str) -> std::path::PathBuf {
    let path = nb.dir.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\ncat > \"$1\" <<'RECORD'\n{body}RECORD\n")).unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(&mut std::fs::metadata(&path).unwrap().permissions(), 0o755);
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

#[test]
fn editor_mode_logs_what_was_typed() {
    let nb = fixture("court");
    let editor =
        editor_script(&nb, "ed.sh", "title = \"Typed in the editor\"\ndate = 2026-03-19\nsource = \"Notes\"\n");
    let output = nb.forecast().env("EDITOR", &editor).args(["evidence", "add", "--edit"]).output().unwrap();
    assert_eq!(stdout(&output), "2026-03-19-typed-in-the-editor-tester-k7q2\n", "{}", outcome(&output));
    assert!(nb.records(".forecast/drafts").is_empty(), "the draft is removed once logged");
}

#[test]
fn editor_mode_keeps_an_invalid_draft_when_the_user_gives_up() {
    let nb = fixture("court");
    let typed = "title = \"Half done\"\ndate = 2026-03-19\nsumary = \"typo\"\n";
    let editor = editor_script(&nb, "ed.sh", typed);
    let mut cmd = nb.process();
    cmd.env("EDITOR", &editor).args(["evidence", "add", "--edit"]);
    let output = piped(cmd, b"y\nn\n");
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    let err = stderr(&output);
    assert_eq!(err.matches("Edit again? [Y/n]").count(), 2, "asked after each invalid save: {err}");
    assert!(err.contains("did you mean `summary`?"), "{err}");
    assert!(err.contains("your draft is kept in"), "{err}");
    let drafts = nb.records(".forecast/drafts");
    assert_eq!(drafts.len(), 1);
    assert_eq!(nb.read(&format!(".forecast/drafts/{}", drafts[0])), typed);
    assert!(nb.records("evidence").iter().all(|f| !f.contains("half-done")));
}

#[test]
fn without_title_or_terminal_it_explains_the_three_ways() {
    let nb = fixture("court");
    let output = nb.forecast().args(["evidence", "add"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "an incomplete command line is a usage error");
    assert!(stderr(&output).contains("--from FILE"), "{}", stderr(&output));
}

#[test]
fn fifty_concurrent_adds_with_the_same_title_give_fifty_records() {
    let nb = fixture("court");
    let children: Vec<_> = (0..50)
        .map(|_| {
            nb.process()
                .args(["evidence", "add", "--title", "Same headline", "--source", "Wire", "--date", "2026-03-19"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ids: Vec<String> =
        children.into_iter().map(|c| stdout(&c.wait_with_output().unwrap()).trim().to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50, "{ids:?}");
    let files: Vec<String> = nb.records("evidence").into_iter().filter(|f| f.contains("same-headline")).collect();
    assert_eq!(files.len(), 50);
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn add_with_update_records_the_bayes_update_citing_it() {
    let nb = fixture("court");
    let output = add_flags(
        &nb,
        &[
            "--author",
            "ben",
            "--likelihood",
            "approve=0.5",
            "--likelihood",
            "block=0.5",
            "--likelihood",
            "remedies=1",
            "--update",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let update = nb.read("updates/ben/2026-03/2026-03-20-120000-ben-k7q2.toml");
    // ben's prior 0.2/0.2/0.6 × 0.5/0.5/1 = 0.1/0.1/0.6 → 0.125/0.125/0.75
    assert!(update.contains("approve = 0.125\nblock = 0.125\nremedies = 0.75\n"), "{update}");
    assert!(update.contains("evidence = [\"2026-03-18-appeal-filed-ben-k7q2\"]"), "{update}");
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn add_with_update_and_no_prior_writes_nothing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let output = add_flags(
        &nb,
        &[
            "--author",
            "zed",
            "--likelihood",
            "approve=0.5",
            "--likelihood",
            "block=0.5",
            "--likelihood",
            "remedies=1",
            "--update",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("record one by judgment first"), "{}", stderr(&output));
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn list_filters_and_formats() {
    let nb = fixture("court");
    insta::assert_snapshot!(stdout(&nb.forecast().args(["evidence", "list"]).output().unwrap()));
    let tagged = stdout(&nb.forecast().args(["evidence", "list", "--tag", "remedy"]).output().unwrap());
    assert!(tagged.contains("divest") && !tagged.contains("objection"), "{tagged}");
    let early = stdout(&nb.forecast().args(["evidence", "list", "--until", "2026-03-04"]).output().unwrap());
    assert!(early.contains("objection") && !early.contains("divest"), "{early}");
    let json: serde_json::Value = serde_json::from_slice(
        &nb.forecast().args(["evidence", "list", "--format", "json", "--as-of", "2026-03-04"]).output().unwrap().stdout,
    )
    .unwrap();
    let ids: Vec<&str> = json["evidence"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2026-03-02-regulator-objection"]);
}

#[test]
fn show_includes_the_updates_that_cite_the_item() {
    let nb = fixture("court");
    let output = nb.forecast().args(["evidence", "show", "2026-03-02-regulator-objection"]).output().unwrap();
    insta::assert_snapshot!(stdout(&output));
    let missing = nb.forecast().args(["evidence", "show", "2026-03-02-regulatr-objection"]).output().unwrap();
    assert!(stderr(&missing).contains("did you mean `2026-03-02-regulator-objection`?"), "{}", stderr(&missing));
    let prefix = nb.forecast().args(["evidence", "show", "2026-03-02-regulator-obj"]).output().unwrap();
    assert_eq!(stdout(&prefix), stdout(&output), "a unique start of the id names the item");
}

#[test]
fn retract_keeps_comments_and_lists_citing_updates() {
    let nb = fixture("court");
    let path = "evidence/2026-03-02-regulator-objection.toml";
    let before = nb.read(path);
    let output = nb
        .forecast()
        .args(["evidence", "retract", "2026-03-02-regulator-objection", "--reason", "Filed in error"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let after = nb.read(path);
    assert!(after.starts_with(&before), "everything before is kept byte for byte:\n{after}");
    assert!(
        after.ends_with(
            "\n[retracted]\ndate = 2026-03-20\nreason = \"Filed in error\"\nrecorded = 2026-03-20T12:00:00+01:00\n"
        ),
        "{after}"
    );
    let out = stdout(&output);
    assert!(out.contains("2026-03-03-1200-ana") && out.contains("2026-03-06-0800-ben"), "{out}");
    let again = nb
        .forecast()
        .args(["evidence", "retract", "2026-03-02-regulator-objection", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already retracted on 2026-03-20"));
    assert_eq!(nb.read(path), after);
}

#[test]
fn an_impossible_date_is_refused() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let output = nb
        .forecast()
        .args(["evidence", "add", "--title", "t", "--source", "s", "--date", "2026-02-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid `--date 2026-02-30`: found `2026-02-30`"), "{}", stderr(&output));
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn an_item_in_a_subfolder_is_shown_and_retracted_in_its_own_file() {
    let nb = fixture("court");
    let id = "2026-03-05-parties-offer-divestiture";
    let path = "evidence/filings/2026-03-05-parties-offer-divestiture.toml";
    let show = nb.forecast().args(["evidence", "show", id, "--format", "json"]).output().unwrap();
    assert_eq!(show.status.code(), Some(0), "{}", outcome(&show));
    let detail: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(detail["path"], path);
    let retract = nb.forecast().args(["evidence", "retract", id, "--reason", "Withdrawn"]).output().unwrap();
    assert_eq!(retract.status.code(), Some(0), "{}", outcome(&retract));
    assert!(
        nb.read(path).ends_with("reason = \"Withdrawn\"\nrecorded = 2026-03-20T12:00:00+01:00\n"),
        "{}",
        nb.read(path)
    );
    assert!(!nb.path(&format!("evidence/{id}.toml")).exists());
}

#[test]
fn a_new_item_is_filed_by_month_and_found_there_by_update() {
    let nb = fixture("court");
    let added = nb
        .forecast()
        .args(["evidence", "add", "--title", "Hearing moved", "--source", "Docket", "--date", "2026-03-19"])
        .args(["--likelihood", "approve=0.5", "--likelihood", "block=0.4", "--likelihood", "remedies=0.6"])
        .output()
        .unwrap();
    assert_eq!(added.status.code(), Some(0), "{}", outcome(&added));
    let id = stdout(&added).trim().to_string();
    assert!(nb.path(&format!("evidence/2026-03/{id}.toml")).is_file());
    // A broken file elsewhere proves the update read only the month folder, not the whole notebook.
    nb.write("evidence/zz-broken.toml", "title = 1\n");
    let update =
        nb.forecast().args(["--author", "ana", "update", "--bayes", "--evidence", &id, "-m", "x"]).output().unwrap();
    assert_eq!(update.status.code(), Some(0), "{}", outcome(&update));
    std::fs::remove_file(nb.path("evidence/zz-broken.toml")).unwrap();
    let show = nb.forecast().args(["evidence", "show", &id, "--format", "json"]).output().unwrap();
    let detail: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(detail["path"], format!("evidence/2026-03/{id}.toml"));
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}
