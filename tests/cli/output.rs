//! The output layer: full and closed outputs end with a clear message or quietly, never a panic,
//! and a command that already wrote a record names it.

use crate::common::{example, fixture, outcome, stderr, stdout};
use std::process::Stdio;

/// Standard output on `/dev/full`, where every write fails with "No space left on device".
fn full() -> Stdio {
    Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full exists on Linux"))
}

/// Standard output on a pipe whose reader has already gone.
fn closed() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

#[test]
fn a_full_output_is_an_error_not_a_panic() {
    let nb = example();
    for args in [
        &["status"][..],
        &["status", "--format", "json"],
        &["history", "--format", "csv"],
        &["evidence", "list", "--format", "json"],
        &["report", "--week", "2025-W46"],
    ] {
        let output = nb.process().args(args).stdout(full()).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", outcome(&output));
        let err = stderr(&output);
        assert!(err.starts_with("error: cannot write to standard output: No space left on device"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_full_output_after_an_append_names_the_record_written() {
    let nb = fixture("court");
    let output = nb
        .process()
        .args(["evidence", "add", "--title", "Appeal filed", "--source", "Docket", "--date", "2026-03-18"])
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
    let err = stderr(&output);
    assert!(err.contains("cannot write to standard output"), "{err}");
    assert!(
        err.contains("note: evidence `2026-03-18-appeal-filed-tester-k7q2` was recorded; do not add it again"),
        "{err}"
    );
    assert!(nb.path("evidence/2026-03/2026-03-18-appeal-filed-tester-k7q2.toml").is_file(), "the record stays");
    assert_eq!(nb.records("evidence/2026-03").len(), 1, "written once");

    let update = nb.process().args(["update", "approve=0.5", "-m", "why"]).stdout(full()).output().unwrap();
    assert_eq!(update.status.code(), Some(1), "{}", outcome(&update));
    assert!(
        stderr(&update).contains("note: update `2026-03-20-120000-tester-k7q2` was recorded"),
        "{}",
        stderr(&update)
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let nb = example();
    for args in [&["status"][..], &["history"], &["evidence", "list", "--format", "json"]] {
        let output = nb.process().args(args).stdout(closed()).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", outcome(&output));
        assert_eq!(stderr(&output), "", "{args:?}");
    }
    let court = fixture("court");
    let added =
        court.process().args(["evidence", "add", "--title", "t", "--source", "s"]).stdout(closed()).output().unwrap();
    assert_eq!(added.status.code(), Some(0), "{}", outcome(&added));
    let err = stderr(&added);
    assert!(
        err.contains("standard output was closed") && err.contains("evidence `2026-03-20-t-tester-k7q2` was recorded"),
        "{err}"
    );
}

#[test]
fn text_outputs_never_pass_terminal_controls_raw() {
    let nb = fixture("court");
    let hostile = "Evil \u{1b}]0;pwned\u{7}\u{1b}[2J \u{202e}txt.exe \u{9b}31m end";
    nb.forecast()
        .args(["evidence", "add", "--source", hostile, "--title", hostile, "--summary", hostile, "--tag", "t"])
        .args(["--likelihood", "approve=0.5", "--likelihood", "block=0.4", "--likelihood", "remedies=0.3"])
        .assert()
        .success();
    // A name with controls or invisible characters is refused, and the refusal shows it escaped.
    let refused = nb.forecast().args(["--author", hostile, "update", "approve=0.5", "-m", "x"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", outcome(&refused));
    assert!(!stderr(&refused).contains('\u{1b}') && stderr(&refused).contains("\\u{1b}"), "{}", stderr(&refused));
    nb.forecast().args(["--author", "ana", "update", "approve=0.5", "-m", hostile]).assert().success();
    // NUL cannot travel in an argument, but a record can hold it as an escape.
    nb.write(
        "evidence/nul.toml",
        "title = \"Nul \\u0000 and \\u001b[31m red\"\ndate = 2026-03-19\nsource = \"S \\u0007\"\n",
    );
    let commands: &[&[&str]] = &[
        &["status"],
        &["history", "--explain"],
        &["history", "--format", "csv"],
        &["evidence", "list"],
        &["evidence", "show", "2026-03-20-evil"],
        &["diff", "2026-03-01", "2026-03-20"],
        &["report"],
        &["scenario", "show", "approve"],
        &["check"],
    ];
    for args in commands {
        let output = nb.forecast().args(*args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", outcome(&output));
        for (name, text) in [("stdout", stdout(&output)), ("stderr", stderr(&output))] {
            let raw: Vec<char> = text
                .chars()
                .filter(|c| {
                    (c.is_control() && *c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                })
                .collect();
            assert!(raw.is_empty(), "{args:?} {name} holds raw controls {raw:?}:\n{text}");
        }
    }
}

#[test]
fn json_escapes_what_a_terminal_would_act_on() {
    let nb = fixture("court");
    nb.write("scenarios/approve.toml", "title = \"Approve \\u202E\\u009B31m\\u007F\"\norder = 1\n[[indicators]]\nid = \"favourable-hearing\"\ntext = \"t\"\n");
    for args in [
        &["status", "--format", "json"][..],
        &["scenario", "list", "--format", "json"],
        &["report", "--format", "json"],
    ] {
        let text = stdout(&nb.forecast().args(args).output().unwrap());
        assert!(text.contains(r"Approve \u202e\u009b31m\u007f"), "{args:?}: {text}");
        assert!(
            !text.chars().any(|c| c == '\u{202e}' || c == '\u{9b}' || c == '\u{7f}'),
            "{args:?} holds a raw control"
        );
        let _: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
    }
}

#[test]
fn the_chart_is_well_formed_whatever_the_titles_hold() {
    let nb = fixture("court");
    nb.write(
        "notebook.toml",
        "title = \"Merger \\u001b[31m\\u0007 \\uFFFE review\"\nquestion = \"Q?\"\ntimezone = \"Europe/Berlin\"\n",
    );
    let output = nb.forecast().arg("chart").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let svg = stdout(&output);
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(!svg.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{fffe}'), "raw control in the SVG");
}

#[test]
fn a_rationale_cannot_start_a_block_in_the_briefing() {
    let nb = fixture("court");
    let rationale = "    indented like code\n: a pandoc definition\n(1) an example list\n::: {.warning}\nmath $x^2$ and :smile: and <b>html</b>";
    nb.forecast().args(["--author", "ana", "update", "approve=0.5", "-m", rationale]).assert().success();
    let report = stdout(&nb.forecast().arg("report").output().unwrap());
    for line in [
        "> indented like code",
        "> \\: a pandoc definition",
        "> \\(1) an example list",
        "> \\:::",
        "math \\$x\\^2\\$ and \\:smile: and \\<b\\>html\\</b\\>",
    ] {
        assert!(report.contains(line), "`{line}` missing:\n{report}");
    }
}

#[test]
fn help_into_a_full_disk_and_findings_into_a_full_stderr_fail() {
    for args in [&["--help"][..], &["--version"], &["status", "--help"]] {
        let output = crate::common::process().args(args).stdout(full()).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", outcome(&output));
    }
    let nb = fixture("court");
    nb.write("evidence/.forecast-old1.tmp", "half");
    crate::common::age_temporary_files(&nb.root);
    let output = nb.process().arg("check").stderr(full()).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the findings could not be shown");
}
