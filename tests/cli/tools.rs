//! Working with other tools: TLP-marked briefings, editor schemas, spreadsheets in and out, man
//! pages and the pre-commit hook.

use crate::common::{at, outcome, stdout, vote};

/// A notebook with an AMBER item that ann's update rests on, and a clear one.
fn marked() -> crate::common::Scratch {
    let nb = vote();
    at(&nb, "2026-01-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-01-05T09:00:00Z")
        .args([
            "--author",
            "ann",
            "evidence",
            "add",
            "--title",
            "Quiet word from a minister's aide",
            "--source",
            "Source Kestrel",
        ])
        .args([
            "--url",
            "https://secret.example/kestrel-17",
            "--summary",
            "The aide says the vote slips to spring",
            "--tlp",
            "amber",
        ])
        .args(["--likelihood", "approve=0.3", "--likelihood", "delay=0.9", "--likelihood", "reject=0.4"])
        .args(["--update", "-m", "Kestrel says the vote slips"])
        .assert()
        .success();
    at(&nb, "2026-01-06T09:00:00Z")
        .args(["evidence", "add", "--title", "Parliament publishes the agenda", "--source", "Parliament"])
        .assert()
        .success();
    nb
}

#[test]
fn a_green_briefing_holds_nothing_of_an_amber_item() {
    let nb = marked();
    let secrets = [
        "Quiet word",
        "minister's aide",
        "Kestrel",
        "secret.example",
        "kestrel-17",
        "vote slips to spring",
        "quiet-word",
    ];
    for format in ["markdown", "html", "json"] {
        let output = at(&nb, "2026-01-20T10:00:00Z")
            .args(["report", "--week", "2026-W02", "--tlp", "green", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
        let text = stdout(&output);
        for secret in secrets {
            assert!(!text.to_lowercase().contains(&secret.to_lowercase()), "{format} shows `{secret}`:\n{text}");
        }
        assert!(text.contains("TLP:GREEN"), "{format}");
        assert!(text.contains("Parliament publishes the agenda"), "{format}: the clear item stays");
        assert!(text.contains("withheld: cites TLP:AMBER evidence"), "{format}");
    }
    let md = stdout(
        &at(&nb, "2026-01-20T10:00:00Z").args(["report", "--week", "2026-W02", "--tlp", "green"]).output().unwrap(),
    );
    assert!(md.starts_with("**TLP:GREEN**\n") && md.trim_end().ends_with("**TLP:GREEN**"), "{md}");
    assert!(md.contains("1 item of evidence marked above TLP:GREEN is withheld"), "{md}");
    // The chart beside a shared briefing has no mark for the withheld item.
    let out = nb.dir.path().join("shared");
    at(&nb, "2026-01-20T10:00:00Z")
        .args(["report", "--week", "2026-W02", "--tlp", "green", "--out"])
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    let full = nb.dir.path().join("full");
    at(&nb, "2026-01-20T10:00:00Z")
        .args(["report", "--week", "2026-W02", "--out"])
        .arg(format!("{}/", full.display()))
        .assert()
        .success();
    let ticks = |svg: String| svg.matches("stroke=\"#464646\"").count();
    let (shared, all) = (
        ticks(std::fs::read_to_string(out.join("2026-W02.svg")).unwrap()),
        ticks(std::fs::read_to_string(full.join("2026-W02.svg")).unwrap()),
    );
    assert_eq!(shared + 1, all, "one evidence mark fewer");
}

#[test]
fn without_a_level_the_briefing_is_marked_with_the_highest_it_shows() {
    let nb = marked();
    let md = stdout(&at(&nb, "2026-01-20T10:00:00Z").args(["report", "--week", "2026-W02"]).output().unwrap());
    assert!(md.starts_with("**TLP:AMBER**\n") && md.contains("Quiet word from a minister"), "{md}");
    let list = stdout(&at(&nb, "2026-01-20T10:00:00Z").args(["evidence", "list"]).output().unwrap());
    assert!(list.contains("[TLP:AMBER] Quiet word") && !list.contains("[TLP:CLEAR]"), "{list}");
}
