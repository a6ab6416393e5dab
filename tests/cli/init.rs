//! `forecast init` and `forecast scenario`.

use crate::common::{fixture, forecast, outcome, stderr, stdout};
use std::fs;

#[test]
fn init_creates_a_notebook_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let output = forecast()
        .current_dir(dir.path())
        .args([
            "init",
            "nb",
            "--title",
            "Ruling",
            "--question",
            "How will it go?",
            "--scenario",
            "yes=Yes",
            "--scenario",
            "no=No",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let root = dir.path().join("nb");
    for folder in ["scenarios", "evidence", "updates"] {
        assert!(root.join(folder).is_dir(), "{folder}");
    }
    assert_eq!(fs::read_to_string(root.join(".gitignore")).unwrap().lines().last(), Some("/.forecast/"));
    assert_eq!(fs::read_to_string(root.join("scenarios/no.toml")).unwrap(), "title = \"No\"\norder = 2\n");
    let check = forecast().current_dir(&root).arg("check").output().unwrap();
    assert_eq!(outcome(&check), "exit: 0\n--- stdout\n--- stderr\n");
}

#[test]
fn init_refuses_an_existing_notebook_and_bad_input_writing_nothing() {
    let nb = fixture("court");
    let before = nb.snapshot();
    let again = forecast().arg("init").arg(&nb.root).args(["--title", "X", "--question", "Q"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already holds a notebook"), "{}", stderr(&again));
    assert_eq!(nb.snapshot(), before);
    let dir = tempfile::tempdir().unwrap();
    for (bad, code) in [(["--scenario", "Bad Id=X"], 2), (["--scenario", "x"], 2), (["--timezone", "Mars/Olympus"], 2)]
    {
        let output = forecast()
            .current_dir(dir.path())
            .args(["init", "new", "--title", "T", "--question", "Q"])
            .args(bad)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(code), "{bad:?}: {}", outcome(&output));
        assert!(!dir.path().join("new").exists(), "{bad:?} wrote something");
    }
}

#[test]
fn scenario_add_says_the_next_update_must_cover_it_and_check_enforces_it() {
    let nb = fixture("court");
    let output = nb
        .forecast()
        .args(["scenario", "add", "settle", "--title", "Settlement", "--since", "2026-03-15"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert_eq!(stdout(&output), "settle\n");
    assert!(stderr(&output).contains("the next update must give `settle` a probability"), "{}", stderr(&output));
    assert!(nb.read("scenarios/settle.toml").contains("since = 2026-03-15"));
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
    // An estimate about 16 March recorded before `settle` was added needs nothing for it…
    let before = "at = 2026-03-16T09:00:00+01:00\nauthor = \"ana\"\nmethod = \"judgment\"\n\n[probabilities]\napprove = 0.5\nblock = 0.2\nremedies = 0.3\n";
    nb.write("updates/2026-03-16-0900-ana.toml", before);
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
    // …one recorded after it was added must cover it.
    let after = before.replace("author", "recorded = 2026-03-20T13:00:00+01:00\nauthor");
    nb.write("updates/2026-03-16-0900-ana.toml", &after);
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("missing scenario `settle`, which is in play on 2026-03-16"), "{}", stderr(&check));
}

#[test]
fn a_judgment_update_after_a_new_scenario_covers_it() {
    let nb = fixture("court");
    nb.forecast().args(["scenario", "add", "settle", "--title", "Settlement"]).assert().success();
    assert!(nb.read("scenarios/settle.toml").contains("since = 2026-03-20"), "defaults to today");
    let output =
        nb.forecast().args(["--author", "ana", "update", "settle=10%", "-m", "Talks reported"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    let written = nb.read("updates/ana/2026-03/2026-03-20-120000-ana-k7q2.toml");
    assert!(written.contains("settle = 0.1\n"), "{written}");
    assert_eq!(nb.forecast().arg("check").output().unwrap().status.code(), Some(0));
}

#[test]
fn scenario_add_refuses_duplicates_and_bad_ids() {
    let nb = fixture("court");
    let before = nb.snapshot();
    for args in [["approve", "--title", "Again"], ["Bad", "--title", "X"], ["ok", "--title", " "]] {
        let output = nb.forecast().args(["scenario", "add"]).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
    }
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn scenario_list_shows_display_order() {
    let nb = fixture("court");
    let output = nb.forecast().args(["scenario", "list"]).output().unwrap();
    insta::assert_snapshot!(stdout(&output));
    let json: serde_json::Value =
        serde_json::from_slice(&nb.forecast().args(["scenario", "list", "--format", "json"]).output().unwrap().stdout)
            .unwrap();
    let ids: Vec<&str> = json["scenarios"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["approve", "block", "remedies"]);
}
