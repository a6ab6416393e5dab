//! The briefing at its edges: what the second round of passes over it found, one test each.

use crate::common::{at, fixture, outcome, stderr, stdout, vote};
use std::time::Duration;

fn template(nb: &crate::common::Scratch, name: &str, text: &str) {
    std::fs::create_dir_all(nb.path("templates")).unwrap();
    nb.write(&format!("templates/{name}"), text);
}

#[test]
fn a_misspelt_field_given_to_a_filter_is_an_error_too() {
    let nb = fixture("court");
    template(&nb, "briefing.md", "# {{ notebook.title }}\n\nWe judge **{{ leading.titel | md }}**.\n");
    let report = nb.forecast().arg("report").output().unwrap();
    assert_eq!(report.status.code(), Some(1), "{}", outcome(&report));
    assert!(
        stderr(&report).contains("templates/briefing.md:3: the value given to `md` is undefined"),
        "{}",
        stderr(&report)
    );
}

#[test]
fn check_tries_both_bottom_lines_of_a_resolved_question() {
    let nb = fixture("court");
    nb.forecast().args(["resolve", "remedies", "--date", "2026-03-10"]).assert().success();
    template(
        &nb,
        "briefing.md",
        "{% if resolution %}Resolved.{% else %}We judge {{ leading.titel | md }}.{% endif %}\n",
    );
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", outcome(&check));
    assert!(stderr(&check).contains("templates/briefing.md:1:1: error: template error:"), "{}", stderr(&check));
}

#[test]
fn an_error_in_an_included_template_is_located_there() {
    let nb = fixture("court");
    template(&nb, "briefing.md", "x {% include \"part.md\" %}\n");
    template(&nb, "part.md", "fine\n{{ nope.x }}\n");
    let report = nb.forecast().arg("report").output().unwrap();
    assert!(stderr(&report).contains("templates/part.md:2: `nope` is undefined"), "{}", stderr(&report));
}

#[test]
fn a_link_in_templates_is_refused_even_to_a_file_inside_the_notebook() {
    let nb = fixture("court");
    std::fs::create_dir_all(nb.path("templates")).unwrap();
    std::os::unix::fs::symlink("../notebook.toml", nb.path("templates/nb.md")).unwrap();
    template(&nb, "briefing.md", "{% include \"nb.md\" %}\n");
    let report = nb.forecast().arg("report").output().unwrap();
    assert_eq!(report.status.code(), Some(1));
    assert!(stderr(&report).contains("refused `templates/nb.md`: found a link"), "{}", stderr(&report));
    assert!(!stdout(&report).contains("Merger review"), "notebook.toml never shows");
}

#[test]
fn a_fifo_given_as_a_template_never_hangs() {
    let nb = fixture("court");
    let fifo = nb.dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut child = nb.process().arg("report").arg("--template").arg(&fifo).spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "report --template FIFO hung");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn outputs_never_replace_a_fifo_a_device_or_a_link() {
    let nb = fixture("court");
    let dir = nb.dir.path();
    assert!(std::process::Command::new("mkfifo").arg(dir.join("pipe")).status().unwrap().success());
    std::fs::write(dir.join("target.md"), "mine").unwrap();
    std::os::unix::fs::symlink(dir.join("target.md"), dir.join("link.md")).unwrap();
    for name in ["pipe", "link.md"] {
        let output = nb.forecast().arg("report").arg("--out").arg(dir.join(name)).arg("--force").output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{name}: {}", outcome(&output));
        assert!(stderr(&output).contains("not a regular file, so it is never replaced"), "{}", stderr(&output));
    }
    assert!(std::fs::symlink_metadata(dir.join("pipe")).unwrap().file_type().is_fifo());
    assert_eq!(std::fs::read_to_string(dir.join("target.md")).unwrap(), "mine");
    let null = nb.forecast().args(["chart", "--out", "/dev/null", "--force"]).output().unwrap();
    assert_eq!(null.status.code(), Some(1), "{}", outcome(&null));
}

use std::os::unix::fs::FileTypeExt;

#[test]
fn json_written_to_a_folder_is_named_json_and_has_no_chart() {
    let nb = fixture("court");
    let out = nb.dir.path().join("reports");
    nb.forecast()
        .args(["report", "--week", "2026-W11", "--format", "json", "--out"])
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    assert!(
        out.join("2026-W11.json").exists() && !out.join("2026-W11.md").exists() && !out.join("2026-W11.svg").exists()
    );
}

#[test]
fn weeks_that_have_not_begun_and_odd_week_names_are_refused() {
    let nb = fixture("court");
    let future = nb.forecast().args(["report", "--week", "2026-W53"]).output().unwrap();
    assert_eq!(future.status.code(), Some(1), "{}", outcome(&future));
    assert!(stderr(&future).contains("has not begun: it starts on 2026-12-28"), "{}", stderr(&future));
    for odd in ["2026-W1", "+2026-W10", " 2026-W10", "2026-W010"] {
        let output = nb.forecast().args(["report", "--week", odd]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{odd}: {}", outcome(&output));
    }
}

#[test]
fn a_record_stamped_in_the_last_second_of_sunday_belongs_to_its_week() {
    let nb = vote();
    at(&nb, "2026-03-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    nb.write(
        "updates/ann/2026-03/2026-03-08-235959-ann.toml",
        "at = 2026-03-08T23:59:59.5Z\nauthor = \"ann\"\nmethod = \"judgment\"\n\n[probabilities]\napprove = 0.9\ndelay = 0.05\nreject = 0.05\n",
    );
    let week = |name: &str| {
        let output =
            at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", name, "--format", "json"]).output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let (w10, w11) = (week("2026-W10"), week("2026-W11"));
    assert_eq!(w10["updates"].as_array().unwrap().len(), 1, "{w10}");
    assert_eq!(w10["scenarios"][0]["probability"], 0.9);
    assert_eq!(w11["scenarios"][0]["previous"], 0.9);
    assert!(w11["updates"].as_array().unwrap().is_empty());
}

#[test]
fn a_retirement_recorded_later_shows_in_the_week_it_was_recorded() {
    let nb = vote();
    at(&nb, "2026-03-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-03-11T12:00:00Z")
        .args(["scenario", "retire", "reject", "--date", "2026-03-06", "--reason", "ruled out"])
        .assert()
        .success();
    let md = stdout(&at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", "2026-W11"]).output().unwrap());
    assert!(md.contains("Scenario **Reject** was retired from 6 Mar 2026 (recorded 11 Mar 2026): ruled out."), "{md}");
    let w10 = stdout(&at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", "2026-W10"]).output().unwrap());
    assert!(!w10.contains("was retired"), "W10 was over before it was recorded: {w10}");
}

#[test]
fn a_busy_week_lists_the_newest_twenty_and_says_how_many() {
    let nb = vote();
    for i in 0..25 {
        let now = format!("2026-03-03T10:{i:02}:00Z");
        at(&nb, &now)
            .args(["--author", "ann", "update", &format!("approve=0.{:02}", 30 + i), "delay=0.3"])
            .assert()
            .success();
    }
    let data =
        at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", "2026-W10", "--format", "json"]).output().unwrap();
    let data: serde_json::Value = serde_json::from_slice(&data.stdout).unwrap();
    assert_eq!((data["updates"].as_array().unwrap().len(), data["totals"]["updates"].as_u64()), (20, Some(25)));
    let md = stdout(&at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", "2026-W10"]).output().unwrap());
    assert!(md.contains("25 updates this week") && md.contains("The 20 latest of 25 updates"), "{md}");
}

#[test]
fn a_retraction_never_brings_back_a_retired_scenario() {
    let nb = vote();
    at(&nb, "2026-03-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-03-02T10:00:00Z")
        .args(["--author", "ann", "evidence", "add", "--title", "claim", "--source", "s", "--update"])
        .args(["--likelihood", "approve=0.8", "--likelihood", "delay=0.5", "--likelihood", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-03-04T10:00:00Z").args(["scenario", "retire", "reject"]).assert().success();
    at(&nb, "2026-03-05T10:00:00Z")
        .args(["evidence", "retract", "2026-03-02-claim", "--reason", "false"])
        .assert()
        .success();
    let md = stdout(&at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", "2026-W10"]).output().unwrap());
    let line = md.lines().find(|l| l.contains("Without it, the estimate would now be")).unwrap();
    assert!(!line.contains("Reject") && !line.contains("()"), "{line}");
}

#[test]
fn diff_sums_each_item_once() {
    let report = stdout(
        &crate::common::forecast()
            .env("FORECAST_NOW", "2025-11-14T12:00:00+02:00")
            .arg("--notebook")
            .arg(crate::common::repo())
            .args(["diff", "2025-11-03", "2025-11-13"])
            .output()
            .unwrap(),
    );
    let containment = report.split("  containment:").nth(1).unwrap().split("  pushback:").next().unwrap();
    assert_eq!(containment.matches("2025-11-12-isw-control-estimate").count(), 1, "{containment}");
}

#[test]
fn an_item_that_tells_the_scenarios_apart_not_at_all_is_neutral() {
    let nb = vote();
    at(&nb, "2026-03-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-03-02T10:00:00Z")
        .args(["evidence", "add", "--title", "Meeting notice", "--source", "s"])
        .args(["--likelihood", "approve=N", "--likelihood", "delay=N", "--likelihood", "reject=N"])
        .assert()
        .success();
    at(&nb, "2026-03-03T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.6", "delay=0.2", "--evidence", "2026-03-02-meeting"])
        .assert()
        .success();
    let data =
        at(&nb, "2026-04-01T00:00:00Z").args(["report", "--week", "2026-W10", "--format", "json"]).output().unwrap();
    let data: serde_json::Value = serde_json::from_slice(&data.stdout).unwrap();
    assert_eq!(data["updates"][0]["evidence"][0]["role"], "neutral", "{}", data["updates"]);
}

#[test]
fn temporary_files_in_a_reports_folder_are_found_and_fixed() {
    let nb = fixture("court");
    std::fs::create_dir_all(nb.path("reports")).unwrap();
    nb.write("reports/.forecast-Rep123.tmp", "half a briefing");
    crate::common::age_temporary_files(&nb.path("reports"));
    let check = nb.forecast().arg("check").output().unwrap();
    assert!(stderr(&check).contains("reports/.forecast-Rep123.tmp"), "{}", stderr(&check));
    nb.forecast().args(["check", "--fix"]).assert().success();
    assert!(!nb.path("reports/.forecast-Rep123.tmp").exists());
}

#[test]
fn spreads_and_ranges_follow_the_numbers_shown() {
    let nb = vote();
    at(&nb, "2026-03-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.136", "delay=0.434", "reject=0.43", "--confidence", "low"])
        .assert()
        .success();
    at(&nb, "2026-03-01T11:00:00Z")
        .args(["--author", "ben", "update", "approve=0.104", "delay=0.446", "reject=0.45", "--confidence", "low"])
        .assert()
        .success();
    let status = stdout(&at(&nb, "2026-03-02T00:00:00Z").arg("status").output().unwrap());
    // ann 13.6% shows 14%, ben 10.4% shows 10%: the spread shown is 4 points, not the exact 3.2.
    let approve = status.lines().find(|l| l.starts_with("Approve")).unwrap();
    assert!(approve.contains("14%") && approve.contains("10%") && approve.trim_end().ends_with("4 pp"), "{approve}");
    let tiny = vote();
    at(&tiny, "2026-03-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.004", "delay=0.5", "reject=0.496", "--confidence", "low"])
        .assert()
        .success();
    let status = stdout(&at(&tiny, "2026-03-02T00:00:00Z").arg("status").output().unwrap());
    let approve = status.lines().find(|l| l.starts_with("Approve")).unwrap();
    assert!(approve.contains("<1–") && !approve.contains(" 0–"), "{approve}");
}
