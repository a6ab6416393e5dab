//! Hardening, second round: nothing leaves the notebook, nothing is injected, nothing hangs, no
//! write is lost, and every message says what it found. One test (or more) per defect the hostile
//! review found; those that need root or a mount say why they are skipped where they cannot run.

use crate::common::{Scratch, age_temporary_files, fixture, forecast, outcome, piped, stderr, stdout};
use std::os::unix::fs::symlink;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `cmd`, killing it after 20 s: a hang fails the test instead of stalling the suite.
fn bounded(mut cmd: std::process::Command) -> std::process::Output {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the command hung: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A folder outside the notebook, and a snapshot check that nothing was written there.
fn outside(nb: &Scratch) -> std::path::PathBuf {
    let dir = nb.dir.path().join("outside");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---- Escapes: writes and reads never leave the notebook through a link ----

#[test]
fn writes_never_go_through_a_link_out_of_the_notebook() {
    for (linked, args) in [
        ("evidence/2026-03", &["evidence", "add", "--title", "t", "--source", "s", "--date", "2026-03-18"][..]),
        ("scenarios", &["scenario", "add", "settle", "--title", "Settle"]),
        ("templates", &["templates", "export"]),
        ("updates/tester", &["update", "approve=0.5"]),
    ] {
        let nb = fixture("court");
        let away = outside(&nb);
        let path = nb.path(linked);
        if path.exists() {
            std::fs::rename(&path, away.join("moved")).unwrap();
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(&away, &path).unwrap();
        let before = nb.snapshot();
        let output = nb.forecast().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{linked}: {}", outcome(&output));
        assert!(stderr(&output).contains("resolves outside the notebook"), "{linked}: {}", stderr(&output));
        let written: Vec<_> =
            std::fs::read_dir(&away).unwrap().flatten().filter(|e| e.file_name() != "moved").collect();
        assert!(written.is_empty(), "{linked}: wrote outside: {written:?}");
        assert_eq!(nb.snapshot(), before);
    }
}

#[test]
fn reads_never_go_through_a_link_out_of_the_notebook() {
    let nb = fixture("court");
    let away = outside(&nb);
    std::fs::rename(nb.path("scenarios"), away.join("scenarios")).unwrap();
    symlink(away.join("scenarios"), nb.path("scenarios")).unwrap();
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("scenarios:1:1: error: found a link that resolves outside the notebook"),
        "{}",
        stderr(&check)
    );

    let nb = fixture("court");
    let away = outside(&nb);
    std::fs::rename(nb.path("notebook.toml"), away.join("notebook.toml")).unwrap();
    symlink(away.join("notebook.toml"), nb.path("notebook.toml")).unwrap();
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("notebook.toml:1:1: error: found a link that resolves outside"),
        "{}",
        stderr(&check)
    );

    let nb = fixture("court");
    let away = outside(&nb);
    std::fs::write(away.join("briefing.md"), "stolen").unwrap();
    symlink(&away, nb.path("templates")).unwrap();
    let report = nb.forecast().arg("report").output().unwrap();
    assert_eq!(report.status.code(), Some(1), "{}", outcome(&report));
    assert!(!stdout(&report).contains("stolen"));

    // A cited item that is a link outside: update refuses it as check does.
    let nb = fixture("court");
    let away = outside(&nb);
    std::fs::write(away.join("x.toml"), "title = \"x\"\ndate = 2026-03-10\nsource = \"s\"\n").unwrap();
    symlink(away.join("x.toml"), nb.path("evidence/2026-03-10-x.toml")).unwrap();
    let update = nb.forecast().args(["update", "approve=0.5", "--evidence", "2026-03-10-x"]).output().unwrap();
    assert_eq!(update.status.code(), Some(1), "{}", outcome(&update));
    assert!(stderr(&update).contains("resolves outside the notebook"), "{}", stderr(&update));
}

// ---- Injection ----

#[test]
fn a_file_name_cannot_forge_diagnostic_lines() {
    let nb = fixture("court");
    std::fs::write(nb.path("evidence/a\nforged.toml:1:1: error: all is lost.toml"), "title = \"x\"\n").unwrap();
    let check = nb.forecast().arg("check").output().unwrap();
    let err = stderr(&check);
    assert!(err.lines().all(|l| !l.starts_with("forged.toml")), "{err}");
    assert!(err.contains("evidence/a\\u{a}forged.toml"), "{err}");
}

#[test]
fn a_title_cannot_break_out_of_its_line_in_the_briefing() {
    let nb = fixture("court");
    let title = "Headline\n===\n| a | b |\n- item\n```\ncode";
    nb.forecast().args(["evidence", "add", "--title", title, "--source", "s"]).assert().success();
    let report = stdout(&nb.forecast().arg("report").output().unwrap());
    let line = report.lines().find(|l| l.contains("Headline")).unwrap();
    assert!(line.contains("Headline === \\| a \\| b \\| - item \\`\\`\\` code"), "one inline run: {line}");
    assert!(!report.lines().any(|l| l.starts_with("===") || l.starts_with("```") || l.starts_with("| a")), "{report}");
}

#[test]
fn csv_cells_are_never_live_formulas() {
    let nb = fixture("court");
    nb.forecast().args(["--author", "=HYPERLINK(\"http://x\")", "update", "approve=0.5"]).assert().success();
    nb.forecast().args(["--author", "@SUM(A1)", "update", "approve=0.4"]).assert().success();
    let csv = stdout(&nb.forecast().args(["history", "--format", "csv"]).output().unwrap());
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\"") && csv.contains("'@SUM(A1)"), "{csv}");
    assert!(csv.contains(",0.306122,"), "numbers stay numbers: {csv}");
}

#[test]
fn an_indicator_text_cannot_inject_lines_into_the_editor_template() {
    let nb = fixture("court");
    nb.write(
        "scenarios/approve.toml",
        "title = \"Approve\"\norder = 1\n[[indicators]]\nid = \"favourable-hearing\"\ntext = \"x\\nurl = \\\"https://evil\\\"\\ntags = [\\\"pwned\\\"]\"\n",
    );
    // The "editor" saves a copy of the template it was given, then leaves it as it was.
    let copy = nb.dir.path().join("template.toml");
    let editor = nb.dir.path().join("ed.sh");
    std::fs::write(&editor, format!("#!/bin/sh\ncp \"$1\" {}\n", copy.display())).unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let output = nb.forecast().env("EDITOR", &editor).args(["evidence", "add", "--edit"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    let template = std::fs::read_to_string(&copy).unwrap();
    assert!(!template.lines().any(|l| l.starts_with("url") || l.starts_with("tags")), "{template}");
    assert!(template.contains("# observes = [\"approve/favourable-hearing\"]   # x\\u{a}url"), "{template}");
    assert!(template.contains("# grade = \"B2\""), "the template shows the form the flag uses: {template}");
}

// ---- Hangs and exhaustion ----

#[test]
fn a_fifo_named_like_a_record_never_hangs_a_command() {
    let nb = fixture("court");
    let fifo = nb.path("evidence/2026-03-10-pipe.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for args in [&["check"][..], &["status"], &["history"]] {
        let mut cmd = nb.process();
        cmd.args(args);
        let output = bounded(cmd);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", outcome(&output));
        assert!(stderr(&output).contains("found a FIFO (named pipe) named like a record"), "{}", stderr(&output));
    }
    let mut cmd = crate::common::process();
    cmd.arg("calibration").arg(nb.dir.path());
    assert_eq!(bounded(cmd).status.code(), Some(0), "calibration skips it, and says so");
}

#[test]
fn input_is_read_only_up_to_the_record_cap() {
    let nb = fixture("court");
    let mut cmd = nb.process();
    cmd.args(["evidence", "add", "--from", "/dev/zero"]);
    let output = bounded(cmd);
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert!(stderr(&output).contains("more than 1048576 bytes"), "{}", stderr(&output));
    let big = format!("title = \"x\"\ndate = 2026-03-10\nsource = \"s\"\nsummary = \"{}\"\n", "y".repeat(2 << 20));
    let mut cmd = nb.process();
    cmd.args(["evidence", "add", "--from", "-"]);
    let output = piped(cmd, big.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    // Exactly at the cap, stamping `logged` would push the record over it: refused, not written.
    let filler = 1_048_576 - "title = \"x\"\ndate = 2026-03-10\nsource = \"s\"\nsummary = \"\"\n".len();
    let exact = format!("title = \"x\"\ndate = 2026-03-10\nsource = \"s\"\nsummary = \"{}\"\n", "y".repeat(filler));
    assert_eq!(exact.len(), 1_048_576);
    let mut cmd = nb.process();
    cmd.args(["evidence", "add", "--from", "-"]);
    let output = piped(cmd, exact.as_bytes());
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert!(stderr(&output).contains("more than the 1048576 bytes (1 MiB) a record may hold"), "{}", stderr(&output));
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn a_template_cannot_run_forever_nor_fill_memory_or_the_disk() {
    let nb = fixture("court");
    for (template, says) in [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "ran more than 20000000 steps",
        ),
        ("{% for i in range(1000) %}{{ 'x' * 100000 }}{% endfor %}", "wrote more than 64 MiB"),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
            "used more than 512 MiB of memory",
        ),
    ] {
        nb.write("templates/briefing.md", template);
        let mut cmd = nb.process();
        cmd.arg("report");
        let output = bounded(cmd);
        assert_eq!(output.status.code(), Some(1), "{template}: {}", outcome(&output));
        assert!(stderr(&output).contains(says), "{template}: {}", stderr(&output));
    }
}

// ---- Silent skips ----

/// `forecast` as an unprivileged user, where root can drop its privileges (setpriv).
fn as_nobody(nb: &Scratch) -> Option<std::process::Command> {
    let works = Command::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"]).status();
    if !works.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot run as another user here (setpriv needs root)");
        return None;
    }
    let _ = Command::new("chmod").args(["-R", "a+rwX"]).arg(nb.dir.path()).status();
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(assert_cmd::cargo::cargo_bin("forecast"));
    cmd.env("FORECAST_NOW", crate::common::NOW).env("FORECAST_AUTHOR", "tester").env("NO_COLOR", "1");
    cmd.arg("--notebook").arg(&nb.root);
    Some(cmd)
}

#[test]
fn an_unreadable_folder_is_an_error_never_skipped() {
    let nb = fixture("court");
    let Some(mut cmd) = as_nobody(&nb) else { return };
    std::fs::set_permissions(nb.path("updates"), std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let output = cmd.arg("check").output().unwrap();
    std::fs::set_permissions(nb.path("updates"), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert!(
        stderr(&output).contains("updates:1:1: error: cannot read the folder: Permission denied"),
        "{}",
        stderr(&output)
    );
}

// ---- Lost or partial writes ----

#[test]
fn twenty_concurrent_retractions_of_one_item_leave_exactly_one() {
    let nb = fixture("court");
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut cmd = nb.process();
            cmd.args(["evidence", "retract", "2026-03-09-hearing-report", "--reason", &format!("reason {i}")]);
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let won = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(won, 1, "exactly one retraction lands; the others are refused, not lost");
    for lost in outputs.iter().filter(|o| !o.status.success()) {
        let err = stderr(lost);
        assert!(err.contains("changed by someone else") || err.contains("already retracted"), "{err}");
    }
    let file = nb.read("evidence/2026-03-09-hearing-report.toml");
    assert_eq!(file.matches("[retracted]").count(), 1, "{file}");
    let winner = outputs.iter().find(|o| o.status.success()).unwrap();
    let reason = file.lines().find(|l| l.starts_with("reason")).unwrap().to_string();
    assert!(stdout(winner).starts_with("retracted"), "{reason}");
}

#[test]
fn a_retraction_keeps_the_files_mode_and_line_endings() {
    let nb = fixture("court");
    let rel = "evidence/2026-03-09-hearing-report.toml";
    let crlf = nb.read(rel).replace('\n', "\r\n");
    nb.write(rel, &crlf);
    std::fs::set_permissions(nb.path(rel), std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    nb.forecast().args(["evidence", "retract", "2026-03-09-hearing", "--reason", "wrong"]).assert().success();
    let after = nb.read(rel);
    assert!(
        after.contains("[retracted]\r\ndate = 2026-03-20\r\nreason = \"wrong\"\r\n")
            && !after.replace("\r\n", "").contains('\n'),
        "{after:?}"
    );
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(nb.path(rel)).unwrap().permissions()) & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_interrupted_init_leaves_no_notebook_and_a_retry_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["init", "vote", "--title", "Vote", "--question", "Q?", "--scenario", "a=A", "--scenario", "b=B"];
    let failed =
        forecast().current_dir(dir.path()).env("FORECAST_INJECT_WRITE_FAILURE", "1").args(args).output().unwrap();
    assert_eq!(failed.status.code(), Some(1), "{}", outcome(&failed));
    assert!(!dir.path().join("vote/notebook.toml").exists(), "no notebook until every file is in place");
    let again = forecast().current_dir(dir.path()).args(args).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", outcome(&again));
    assert_eq!(forecast().current_dir(dir.path().join("vote")).arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn a_briefing_and_its_chart_land_together_and_a_retry_needs_no_force() {
    let nb = fixture("court");
    let out = nb.dir.path().join("reports/");
    let failed =
        nb.forecast().env("FORECAST_INJECT_WRITE_FAILURE", "1").args(["report", "--out"]).arg(&out).output().unwrap();
    assert_eq!(failed.status.code(), Some(1), "{}", outcome(&failed));
    assert!(!out.exists(), "neither file, nor the folder made for them");
    let again = nb.forecast().args(["report", "--out"]).arg(&out).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", outcome(&again));
    assert!(out.join("2026-W12.md").is_file() && out.join("2026-W12.svg").is_file());
}

#[test]
fn a_failed_folder_sync_after_the_rename_is_a_warning_and_the_record_stands() {
    let nb = fixture("court");
    let output = nb
        .forecast()
        .env("FORECAST_INJECT_WRITE_FAILURE", "sync")
        .args(["evidence", "add", "--title", "t", "--source", "s"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert!(
        stderr(&output).contains("warning:") && stderr(&output).contains("syncing its folder failed"),
        "{}",
        stderr(&output)
    );
    assert_eq!(nb.records("evidence/2026-03").len(), 1, "one record, so a retry is not needed");
}

#[test]
fn an_add_with_update_leaves_nothing_when_the_update_cannot_be_written() {
    let nb = fixture("court");
    // A file where the analyst's folder of updates must go: the update cannot land.
    nb.write("updates/ben", "not a folder");
    let before = nb.snapshot();
    let output = nb
        .forecast()
        .args(["--author", "ben", "evidence", "add", "--title", "t", "--source", "s", "--update"])
        .args(["--likelihood", "approve=0.5", "--likelihood", "block=0.5", "--likelihood", "remedies=0.7"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    assert_eq!(nb.snapshot(), before, "the evidence was taken back");
}

// ---- Messages ----

#[test]
fn editor_droppings_are_ignored() {
    let nb = fixture("court");
    symlink("tester@host.1234:1700000000", nb.path("evidence/.#2026-03-02-regulator-objection.toml")).unwrap();
    nb.write("evidence/2026-03-02-regulator-objection.toml~", "backup");
    nb.write("evidence/.2026-03-02-regulator-objection.toml.swp", "swap");
    assert_eq!(outcome(&nb.forecast().arg("check").output().unwrap()), "exit: 0\n--- stdout\n--- stderr\n");
}

#[test]
fn a_broken_scenario_file_gives_one_error_not_a_cascade() {
    let nb = fixture("court");
    nb.write("scenarios/approve.toml", "title = \"Approve\norder = 1\n");
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).ends_with("1 error, 0 warnings\n"), "{}", stderr(&check));
    let nb = fixture("court");
    nb.write("evidence/2026-03-02-regulator-objection.toml", "title = \"x\ndate = 2026-03-02\n");
    let check = nb.forecast().arg("check").output().unwrap();
    assert!(
        stderr(&check).ends_with("1 error, 0 warnings\n"),
        "no 'unknown evidence id' for its citations: {}",
        stderr(&check)
    );
}

#[test]
fn special_files_and_loops_are_named_for_what_they_are() {
    let nb = fixture("court");
    symlink(".", nb.path("evidence/again")).unwrap();
    symlink("..", nb.path("evidence/up")).unwrap();
    symlink("/dev/null", nb.path("evidence/2026-03-10-device.toml")).unwrap();
    let mut cmd = nb.process();
    cmd.arg("check");
    let output = bounded(cmd);
    let err = stderr(&output);
    assert!(err.contains("evidence/again:1:1: error: found a link back to a folder that holds it (a loop)"), "{err}");
    assert!(err.contains("evidence/up:1:1: error: found a link back to a folder that holds it (a loop)"), "{err}");
    assert!(
        err.contains("evidence/2026-03-10-device.toml:1:1: error: found a link that resolves outside the notebook"),
        "{err}"
    );
    assert!(err.ends_with("3 errors, 0 warnings\n"), "{err}");
    let nb = fixture("court");
    let raw = std::ffi::OsStr::from_bytes_compat(b"evidence/2026-03-10-\xff.toml");
    std::fs::write(nb.root.join(raw), "title = \"x\"\n").unwrap();
    let err = stderr(&nb.forecast().arg("check").output().unwrap());
    assert!(err.contains("found a name that is not valid UTF-8"), "{err}");
}

/// Builds an `OsStr` from raw bytes (Unix file names are bytes).
trait FromBytes {
    fn from_bytes_compat(bytes: &[u8]) -> &std::ffi::OsStr;
}

impl FromBytes for std::ffi::OsStr {
    fn from_bytes_compat(bytes: &[u8]) -> &std::ffi::OsStr {
        std::os::unix::ffi::OsStrExt::from_bytes(bytes)
    }
}

#[test]
fn probabilities_in_thirds_say_by_how_much_they_miss() {
    let nb = fixture("court");
    let output = nb.forecast().args(["update", "approve=33.3%", "block=33.3%", "remedies=33.3%"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("they add up to 0.999, expected 1 (within 0.000001); leave one out"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn empty_environment_variables_count_as_unset() {
    let nb = fixture("court");
    let output = nb.process().current_dir(&nb.root).env("FORECAST_NOTEBOOK", "").arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let output = forecast()
        .current_dir(&nb.root)
        .env("FORECAST_AUTHOR", "")
        .env("USER", "from-user")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["evidence", "add", "--title", "t", "--source", "s"])
        .output()
        .unwrap();
    assert_eq!(stdout(&output), format!("2026-03-20-t-from-user-{}\n", crate::common::TOKEN), "{}", outcome(&output));
}

#[test]
fn temporary_files_check_and_fix_agree_on() {
    let nb = fixture("court");
    nb.write(".forecast-root1.tmp", "half");
    std::fs::create_dir_all(nb.path("evidence/.forecast-dir1.tmp")).unwrap();
    age_temporary_files(&nb.root);
    let check = nb.forecast().arg("check").output().unwrap();
    assert!(stderr(&check).contains(".forecast-root1.tmp:1:1: warning: leftover temporary file"), "{}", stderr(&check));
    assert!(!stderr(&check).contains("dir1"), "a folder is never a temporary file: {}", stderr(&check));
    let fix = nb.forecast().args(["check", "--fix"]).output().unwrap();
    assert!(stderr(&fix).contains("removed `.forecast-root1.tmp`"), "{}", stderr(&fix));
    assert_eq!(outcome(&nb.forecast().arg("check").output().unwrap()), "exit: 0\n--- stdout\n--- stderr\n");
}

#[test]
fn an_empty_rationale_is_refused_and_future_evidence_warned_about() {
    let nb = fixture("court");
    let output = nb.forecast().args(["update", "approve=0.5", "-m", "  "]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", outcome(&output));
    assert!(stderr(&output).contains("invalid `--message   `: found empty text"), "{}", stderr(&output));
    let future = nb
        .forecast()
        .args(["evidence", "add", "--title", "t", "--source", "s", "--date", "2026-04-01"])
        .output()
        .unwrap();
    assert_eq!(future.status.code(), Some(0));
    assert!(stderr(&future).contains("is dated 2026-04-01, after today (2026-03-20)"), "{}", stderr(&future));
}

#[test]
fn the_editor_flow_locates_mistakes_in_the_draft_as_typed_and_check_names_abandoned_drafts() {
    let nb = fixture("court");
    // The typed draft keeps the template's comments above: the mistake is on line 8 of it.
    let editor = nb.dir.path().join("ed.sh");
    std::fs::write(&editor, "#!/bin/sh\nsed -i 's/^title = \"\"/title = \"x\"/; s/^source = \"\"/source = \"s\"\\ncredibilty = 2/' \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut cmd = nb.process();
    cmd.env("EDITOR", &editor).args(["evidence", "add", "--edit"]);
    let output = piped(cmd, b"n\n");
    let err = stderr(&output);
    let draft = nb.records(".forecast/drafts").remove(0);
    let text = nb.read(&format!(".forecast/drafts/{draft}"));
    let line = text.lines().position(|l| l.starts_with("credibilty")).unwrap() + 1;
    assert!(err.contains(&format!("{draft}:{line}:1: error: found unknown key `credibilty`")), "line {line}: {err}");
    let check = nb.forecast().arg("check").output().unwrap();
    assert!(
        stderr(&check).contains(&format!(
            ".forecast/drafts/{draft}: warning: a draft kept from an editor session that was given up"
        )),
        "{}",
        stderr(&check)
    );
    // A draft missing a key is located on its last line, not past it.
    nb.write("draft.toml", "title = \"x\"\ndate = 2026-03-19\n");
    let missing = nb.forecast().args(["evidence", "add", "--from"]).arg(nb.path("draft.toml")).output().unwrap();
    assert!(!stderr(&missing).contains(":3:"), "{}", stderr(&missing));
    // grade = "B2" in a file, the form the flag takes.
    nb.write("graded.toml", "title = \"x\"\ndate = 2026-03-19\nsource = \"s\"\ngrade = \"b2\"\n");
    let graded = nb.forecast().args(["evidence", "add", "--from"]).arg(nb.path("graded.toml")).output().unwrap();
    assert_eq!(graded.status.code(), Some(0), "{}", outcome(&graded));
}
