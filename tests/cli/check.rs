//! `forecast check`: the example passes, and every corpus case fails with its pinned, located diagnostic.

use crate::common::{self, fixture, forecast, outcome, repo};
use std::fs;

#[test]
fn the_example_notebook_passes_silently() {
    let output = forecast().arg("--notebook").arg(repo()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert!(output.stdout.is_empty() && output.stderr.is_empty(), "{}", outcome(&output));
}

#[test]
fn the_court_fixture_passes_silently() {
    let nb = fixture("court");
    let output = nb.forecast().arg("check").output().unwrap();
    assert_eq!(outcome(&output), "exit: 0\n--- stdout\n--- stderr\n");
}

/// Each folder under `tests/corpus/` holds `case.md` (the defect) and `files/`, laid over the court fixture.
#[test]
fn every_corpus_case_gets_its_pinned_diagnostic() {
    insta::glob!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"), "*/case.md", |case| {
        let nb = fixture("court");
        common::copy_tree(&case.parent().unwrap().join("files"), &nb.root);
        // A temporary file in a case stands for one left long ago, not a write in progress.
        common::age_temporary_files(&nb.root);
        fs::write(nb.dir.path().join("outside.toml"), "title = \"x\"\ndate = 2026-03-10\nsource = \"s\"\n").unwrap();
        let text = outcome(&nb.forecast().arg("check").output().unwrap());
        let json = common::stdout(&nb.forecast().args(["check", "--format", "json"]).output().unwrap());
        assert!(!text.contains("panicked"), "{text}");
        let description = fs::read_to_string(case).unwrap();
        insta::with_settings!({ description => description.trim() }, {
            insta::assert_snapshot!(format!("{text}--- json\n{json}"));
        });
    });
}

#[test]
fn a_five_megabyte_record_is_refused_unread() {
    let nb = fixture("court");
    let big =
        format!("title = \"big\"\ndate = 2026-03-10\nsource = \"s\"\nsummary = \"{}\"\n", "x".repeat(5 * 1024 * 1024));
    nb.write("evidence/big.toml", &big);
    let output = nb.forecast().arg("check").output().unwrap();
    insta::assert_snapshot!(outcome(&output));
}

#[test]
fn check_fix_removes_leftover_temporary_files() {
    let nb = fixture("court");
    nb.write("evidence/.forecast-x1y2.tmp", "title = \"half");
    nb.write("updates/sub/.forecast-z9.tmp", "");
    common::age_temporary_files(&nb.root);
    nb.write(".forecast-fresh1.tmp", "a write still in progress");
    let output = nb.forecast().args(["check", "--fix"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert!(common::stderr(&output).contains("removed `evidence/.forecast-x1y2.tmp`"));
    assert!(!nb.path("evidence/.forecast-x1y2.tmp").exists());
    assert!(!nb.path("updates/sub/.forecast-z9.tmp").exists());
    assert!(common::stderr(&output).contains("kept `.forecast-fresh1.tmp`"), "{}", outcome(&output));
    assert!(nb.path(".forecast-fresh1.tmp").exists(), "a writer may still own a fresh one");
    std::fs::remove_file(nb.path(".forecast-fresh1.tmp")).unwrap();
    let again = nb.forecast().arg("check").output().unwrap();
    assert_eq!(outcome(&again), "exit: 0\n--- stdout\n--- stderr\n");
}

#[test]
fn outside_any_notebook_it_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let output = forecast().current_dir(dir.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = common::stderr(&output);
    assert!(err.contains("no notebook found: neither") && err.contains("holds a `notebook.toml`"), "{err}");
    assert!(err.contains("forecast init"), "{err}");
}

#[test]
fn the_notebook_is_found_from_a_subfolder() {
    let nb = fixture("court");
    let output = forecast().current_dir(nb.path("evidence/filings")).arg("check").output().unwrap();
    assert_eq!(outcome(&output), "exit: 0\n--- stdout\n--- stderr\n");
}

#[test]
fn several_errors_in_several_files_are_all_reported_in_file_order() {
    let nb = fixture("court");
    nb.write("updates/z.toml", "at = 2026-03-12T09:00:00+01:00\nauthor = \"a\"\nmethod = \"judgment\"\n\n[probabilities]\napprove = 2\nblock = 0\nremedies = 0\n");
    nb.write(
        "evidence/a.toml",
        "title = \"t\"\ndate = 2026-03-10\nsource = \"s\"\ncredibility = 9\nreliability = \"Z\"\n",
    );
    let output = nb.forecast().arg("check").output().unwrap();
    insta::assert_snapshot!(outcome(&output));
}

#[test]
fn usage_errors_exit_2() {
    let output = forecast().args(["check", "--format", "yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_link_that_leaves_the_notebook_is_refused() {
    let nb = fixture("court");
    fs::write(nb.dir.path().join("outside.toml"), "title = \"x\"\ndate = 2026-03-10\nsource = \"s\"\n").unwrap();
    std::os::unix::fs::symlink("../../outside.toml", nb.path("evidence/link.toml")).unwrap();
    let output = nb.forecast().arg("check").output().unwrap();
    insta::assert_snapshot!(outcome(&output));
}
