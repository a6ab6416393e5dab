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
fn an_origin_naming_a_withheld_item_is_withheld_too() {
    let nb = marked();
    let amber = nb.records("evidence").into_iter().find(|r| r.contains("quiet-word")).unwrap();
    let amber = amber.rsplit('/').next().unwrap().trim_end_matches(".toml").to_string();
    at(&nb, "2026-01-06T10:00:00Z")
        .args(["--author", "bob", "update", "approve=0.4", "delay=0.4", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-01-07T09:00:00Z")
        .args(["--author", "bob", "evidence", "add", "--title", "Echo of the aide", "--source", "Wire"])
        .args(["--origin", &amber, "--likelihood", "approve=0.4", "--likelihood", "delay=0.8"])
        .args(["--likelihood", "reject=0.4", "--update", "-m", "The wire repeats it"])
        .assert()
        .success();
    for format in ["markdown", "html", "json"] {
        let output = at(&nb, "2026-01-20T10:00:00Z")
            .args(["report", "--week", "2026-W02", "--tlp", "green", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
        let text = stdout(&output).to_lowercase();
        assert!(text.contains("echo of the aide"), "{format}: the clear echo stays");
        assert!(!text.contains("quiet-word") && !text.contains("quiet word"), "{format} names the origin:\n{text}");
    }
}

#[test]
fn without_a_level_the_briefing_is_marked_with_the_highest_it_shows() {
    let nb = marked();
    let md = stdout(&at(&nb, "2026-01-20T10:00:00Z").args(["report", "--week", "2026-W02"]).output().unwrap());
    assert!(md.starts_with("**TLP:AMBER**\n") && md.contains("Quiet word from a minister"), "{md}");
    let list = stdout(&at(&nb, "2026-01-20T10:00:00Z").args(["evidence", "list"]).output().unwrap());
    assert!(list.contains("[TLP:AMBER] Quiet word") && !list.contains("[TLP:CLEAR]"), "{list}");
}

/// A TOML record as JSON, as Taplo sees it: dates and times as their text.
fn as_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(as_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, as_json(v))).collect()),
    }
}

fn validator(kind: &str) -> jsonschema::Validator {
    let text = stdout(&crate::common::forecast().args(["schema", kind]).output().unwrap());
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

/// Which schema a record file follows, by its place in the notebook.
fn kind_of(rel: &str) -> Option<&'static str> {
    match rel {
        "notebook.toml" => Some("notebook"),
        "resolution.toml" => Some("resolution"),
        _ if rel.starts_with("scenarios/") => Some("scenario"),
        _ if rel.starts_with("evidence/") => Some("evidence"),
        _ if rel.starts_with("updates/") => Some("update"),
        _ => None,
    }
}

fn records(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            records(root, &path, out);
        } else if name.ends_with(".toml") {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
}

#[test]
fn the_example_notebook_follows_its_schemas() {
    let root = crate::common::repo();
    let mut files = Vec::new();
    records(&root, &root, &mut files);
    let mut checked = 0;
    for rel in files {
        let Some(kind) = kind_of(&rel) else { continue };
        let value: toml::Value = toml::from_str(&std::fs::read_to_string(root.join(&rel)).unwrap()).unwrap();
        let errors: Vec<String> = validator(kind).iter_errors(&as_json(value)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{rel}: {errors:?}");
        checked += 1;
    }
    assert!(checked > 20, "{checked} records");
    // The copies the example keeps for editors are the schemas the tool prints.
    for kind in ["notebook", "scenario", "evidence", "update", "resolution"] {
        let kept = std::fs::read_to_string(root.join(format!(".taplo/schemas/{kind}.schema.json"))).unwrap();
        assert_eq!(kept, stdout(&crate::common::forecast().args(["schema", kind]).output().unwrap()), "{kind}");
    }
    assert!(
        std::fs::read_to_string(root.join(".taplo.toml"))
            .unwrap()
            .contains("path = \"./.taplo/schemas/evidence.schema.json\"")
    );
}

#[test]
fn the_schemas_refuse_what_check_refuses_where_a_schema_can() {
    let corpus = crate::common::repo().join("tests/corpus");
    let cases = [
        "blank-title",
        "confidence-unknown",
        "grade-credibility",
        "grade-reliability",
        "likelihood-bad-rating",
        "likelihood-negative",
        "likelihood-all-zero",
        "method-unknown",
        "missing-required-key",
        "notebook-bad-timezone",
        "notebook-bad-words",
        "observes-malformed",
        "probability-above-one",
        "probability-negative",
        "type-number-for-string",
        "type-string-for-number",
        "unknown-key",
    ];
    for case in cases {
        let files = corpus.join(case).join("files");
        let mut found = Vec::new();
        records(&files, &files, &mut found);
        let refused = found.iter().any(|rel| {
            let Some(kind) = kind_of(rel) else { return false };
            let text = std::fs::read_to_string(files.join(rel)).unwrap();
            let Ok(value) = toml::from_str::<toml::Value>(&text) else { return true };
            !validator(kind).is_valid(&as_json(value))
        });
        assert!(refused, "the schema accepts the corpus case {case}");
    }
}

#[test]
fn init_writes_the_schemas_and_the_editor_configuration() {
    let nb = vote();
    for kind in ["notebook", "scenario", "evidence", "update", "resolution"] {
        assert!(nb.path(&format!(".taplo/schemas/{kind}.schema.json")).is_file(), "{kind}");
    }
    assert!(nb.read(".taplo.toml").contains("include = [\"evidence/**/*.toml\"]"));
    let unknown = crate::common::forecast().args(["schema", "widget"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
}

/// A CSV of `n` distinct rows for the vote notebook, spread over January.
fn sheet(n: usize) -> String {
    let mut csv =
        String::from("title,date,source,url,grade,likelihood.approve,likelihood.delay,likelihood.reject,tags\n");
    for i in 0..n {
        let day = 1 + i % 28;
        csv.push_str(&format!(
            "Report {i} on committee item {},2026-01-{day:02},Wire {},https://news.example/{i},B2,0.{},0.5,0.3,committee;wire\n",
            i * 7919 % 100_003,
            i % 13,
            1 + i % 9
        ));
    }
    csv
}

#[test]
fn ten_thousand_rows_import_and_the_notebook_checks_clean() {
    let nb = vote();
    std::fs::write(nb.dir.path().join("big.csv"), sheet(10_000)).unwrap();
    let out = at(&nb, "2026-02-01T10:00:00Z")
        .args(["--author", "ann", "evidence", "import"])
        .arg(nb.dir.path().join("big.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", outcome(&out));
    assert_eq!(stdout(&out).lines().count(), 10_000);
    let january = std::fs::read_dir(nb.path("evidence/2026-01")).unwrap().count();
    assert_eq!(january, 10_000);
    let check = at(&nb, "2026-02-01T10:00:00Z").arg("check").output().unwrap();
    assert!(check.status.success(), "{}", outcome(&check));
    let id = stdout(&out).lines().nth(1).unwrap().to_string();
    assert!(id.starts_with("2026-01-02-report-1-on-committee-item-7919"), "{id}");
    let one = nb.read(&format!("evidence/2026-01/{id}.toml"));
    assert!(one.contains("source = \"Wire 1\"") && one.contains("logged_by = \"ann\""), "{one}");
    assert!(one.contains("approve = 0.2"), "{one}");
}

#[test]
fn an_import_holds_no_file_open_per_row() {
    let nb = vote();
    std::fs::write(nb.dir.path().join("rows.csv"), sheet(1500)).unwrap();
    let mut cmd = crate::common::process();
    cmd.env("FORECAST_NOW", "2026-02-01T10:00:00Z").arg("--notebook").arg(&nb.root);
    cmd.args(["--author", "ann", "evidence", "import"]).arg(nb.dir.path().join("rows.csv"));
    // SAFETY: setrlimit in the child before exec touches nothing shared.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
            let limit = libc::rlimit { rlim_cur: 256, rlim_max: 256 };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", outcome(&out));
    assert_eq!(std::fs::read_dir(nb.path("evidence/2026-01")).unwrap().count(), 1500);
}

#[test]
fn an_import_killed_while_landing_is_named_and_taken_back_by_check_fix() {
    let nb = vote();
    std::fs::write(nb.dir.path().join("rows.csv"), sheet(6)).unwrap();
    at(&nb, "2026-02-01T10:00:00Z")
        .args(["--author", "ann", "evidence", "import"])
        .arg(nb.dir.path().join("rows.csv"))
        .assert()
        .success();
    assert!(!nb.path(".forecast/import-journal").exists(), "a whole import leaves no journal");
    // What a kill after two of six renames leaves: the journal, unlocked, naming what landed
    // and the name that was taken by a file the import did not write.
    let mut landed: Vec<String> = nb.records("evidence").into_iter().map(|r| format!("evidence/{r}")).collect();
    landed.sort();
    let journal = format!(
        "{}\n{}\n{}\ntaken {}\nevidence/2026-01/never-landed.toml\n",
        landed[0], landed[1], landed[2], landed[2]
    );
    nb.write(".forecast/import-journal", &journal);
    let check = at(&nb, "2026-02-01T10:00:00Z").arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", outcome(&check));
    assert!(
        crate::common::stderr(&check).contains("an `evidence import` was interrupted: 2 of its items landed"),
        "{}",
        outcome(&check)
    );
    let status = at(&nb, "2026-02-01T10:00:00Z").arg("status").output().unwrap();
    assert_eq!(status.status.code(), Some(1), "read commands refuse a half-imported notebook");
    let fix = at(&nb, "2026-02-01T10:00:00Z").args(["check", "--fix"]).output().unwrap();
    assert!(fix.status.success(), "{}", outcome(&fix));
    assert!(!nb.path(&landed[0]).exists() && !nb.path(&landed[1]).exists(), "the landed items are taken back");
    assert!(nb.path(&landed[2]).exists(), "a file whose name was taken is not the import's, and stays");
    assert!(!nb.path(".forecast/import-journal").exists());
    // A new import is refused while a journal is left, and works once it is gone.
    nb.write(".forecast/import-journal", "");
    let again = at(&nb, "2026-02-01T10:00:00Z")
        .args(["--author", "ann", "evidence", "import"])
        .arg(nb.dir.path().join("rows.csv"))
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", outcome(&again));
}

/// Imports `csv` into the vote notebook as ann; the outcome.
fn import(nb: &crate::common::Scratch, csv: &[u8]) -> std::process::Output {
    std::fs::write(nb.dir.path().join("in.csv"), csv).unwrap();
    at(nb, "2026-02-01T10:00:00Z")
        .args(["--author", "ann", "evidence", "import"])
        .arg(nb.dir.path().join("in.csv"))
        .output()
        .unwrap()
}

#[test]
fn import_refuses_what_cannot_be_one_item_and_counts_rows_as_a_spreadsheet_does() {
    let nb = vote();
    let cases: [(&[u8], &str); 5] = [
        (b"title,date,source\r\nA,2026-01-05,X\r\nB,2026-01-05,X,extra\r\n", "row 3: "),
        (b"title,date,source\n\"A\nsecond line\",2026-01-05,X\nB,2026-01-05,X,extra\n", "row 3: "),
        (
            b"title,date,source,grade,reliability\nMix,2026-01-05,s,B2,E\n",
            "columns `grade` and `reliability` both give a grade",
        ),
        (b"title,date,source\n", "found a header row and no rows"),
        (b"", "found a header row and no rows"),
    ];
    for (csv, expected) in cases {
        let out = import(&nb, csv);
        assert_eq!(out.status.code(), Some(1), "{}", outcome(&out));
        assert!(crate::common::stderr(&out).contains(expected), "{expected}: {}", outcome(&out));
    }
    assert!(nb.records("evidence").is_empty(), "nothing was written");
}

#[test]
fn appends_never_read_the_clone_token_through_a_link_leading_out() {
    let nb = vote();
    let outside = nb.dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("clone"), "abcd\n").unwrap();
    let _ = std::fs::remove_dir_all(nb.path(".forecast"));
    std::os::unix::fs::symlink(&outside, nb.path(".forecast")).unwrap();
    let out =
        at(&nb, "2026-01-05T10:00:00Z").args(["evidence", "add", "--title", "T", "--source", "S"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", outcome(&out));
    assert!(nb.records("evidence").is_empty());
}

#[test]
fn man_pages_inside_a_notebook_obey_the_output_rules() {
    let nb = vote();
    std::fs::create_dir_all(nb.path(".git")).unwrap();
    let outside = nb.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, nb.path("mlink")).unwrap();
    for dir in [".git", ".forecast", "mlink", "evidence"] {
        let out = nb.forecast().current_dir(&nb.root).args(["man", dir]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{dir}: {}", outcome(&out));
    }
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing written through the link");
    assert!(!nb.path(".git/forecast.1").exists() && !nb.path(".forecast/forecast.1").exists());
}

#[test]
fn one_bad_row_names_its_row_and_column_and_nothing_is_written() {
    let nb = vote();
    let mut csv = sheet(5);
    csv.push_str("Late report,2026-13-01,Wire,,B2,0.5,0.5,0.5,\n");
    csv.push_str("Odd grade,2026-01-03,Wire,,Q9,0.5,0.5,0.5,\n");
    std::fs::write(nb.dir.path().join("bad.csv"), csv).unwrap();
    let before = nb.snapshot();
    let out = nb.forecast().args(["evidence", "import"]).arg(nb.dir.path().join("bad.csv")).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", outcome(&out));
    let err = crate::common::stderr(&out);
    assert!(err.contains("2 of 7 rows cannot be imported, so none was"), "{err}");
    assert!(err.contains("bad.csv:row 7: column `date`"), "{err}");
    assert!(err.contains("bad.csv:row 8: column `grade`"), "{err}");
    assert_eq!(nb.snapshot(), before, "a refused import writes nothing");
}

#[test]
fn unknown_columns_are_refused_and_map_renames_them() {
    let nb = vote();
    let csv = "Headline,Outlet,P(approve),P(delay),P(reject)\nCommittee delays the vote,Daily Wire,0.4,0.8,0.1\n";
    std::fs::write(nb.dir.path().join("s.csv"), csv).unwrap();
    let refused = nb.forecast().args(["evidence", "import"]).arg(nb.dir.path().join("s.csv")).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        crate::common::stderr(&refused).contains("found column `Headline`, expected one of title"),
        "{}",
        outcome(&refused)
    );
    let out = at(&nb, "2026-01-07T10:00:00Z")
        .args(["evidence", "import", "--map", "Headline=title", "--map", "Outlet=source"])
        .args([
            "--map",
            "P(approve)=likelihood.approve",
            "--map",
            "P(delay)=likelihood.delay",
            "--map",
            "P(reject)=likelihood.reject",
        ])
        .arg(nb.dir.path().join("s.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", outcome(&out));
    let id = stdout(&out).trim().to_string();
    let item = nb.read(&format!("evidence/2026-01/{id}.toml"));
    assert!(item.contains("source = \"Daily Wire\"") && item.contains("approve = 0.4"), "{item}");
}

#[test]
fn duplicates_are_summarised_once_and_a_dry_run_writes_nothing() {
    let nb = vote();
    at(&nb, "2026-01-05T10:00:00Z")
        .args(["evidence", "add", "--title", "Committee delays the vote", "--source", "Wire", "--date", "2026-01-05"])
        .assert()
        .success();
    let csv = "title,date,source\n\
               Committee delays the vote,2026-01-06,Herald\n\
               Budget passes second reading,2026-01-06,Herald\n\
               Budget passes second reading,2026-01-06,Courier\n";
    std::fs::write(nb.dir.path().join("d.csv"), csv).unwrap();
    let before = nb.snapshot();
    let out = at(&nb, "2026-01-07T10:00:00Z")
        .args(["evidence", "import", "--dry-run"])
        .arg(nb.dir.path().join("d.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", outcome(&out));
    let err = crate::common::stderr(&out);
    assert!(err.contains("warning: 2 rows may report news already in the file or the notebook"), "{err}");
    assert!(err.contains("row 2 is like `2026-01-05-committee-delays-the-vote"), "{err}");
    assert!(err.contains("row 4 is like row 3"), "{err}");
    assert!(err.contains("dry run: 3 rows would be imported; nothing written"), "{err}");
    assert_eq!(nb.snapshot(), before);
}

#[test]
fn evidence_and_history_export_as_csv_with_every_column() {
    let nb = marked();
    let csv = stdout(&nb.forecast().args(["evidence", "list", "--format", "csv"]).output().unwrap());
    let header = csv.lines().next().unwrap();
    for column in ["id", "date", "title", "source", "url", "grade", "tlp", "origin"] {
        assert!(header.split(',').any(|c| c == column), "{column} missing from {header}");
    }
    assert!(csv.contains("Quiet word from a minister's aide"), "{csv}");
    let history = stdout(&nb.forecast().args(["history", "--format", "csv"]).output().unwrap());
    assert!(history.lines().next().unwrap().ends_with(",evidence,recorded,confidence,rationale"), "{history}");
}

/// `forecast --notebook <repo>` at the end of the example's story.
fn pokrovsk() -> assert_cmd::Command {
    let mut cmd = crate::common::forecast();
    cmd.arg("--notebook").arg(crate::common::repo()).env("FORECAST_NOW", "2025-11-20T12:00:00+02:00");
    cmd
}

fn json_of(output: std::process::Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_timeline_agrees_with_status_replayed_to_the_end_of_each_day() {
    let t = json_of(pokrovsk().args(["timeline", "--format", "json"]).output().unwrap());
    let days = t["days"].as_array().unwrap();
    assert_eq!(days.first().unwrap()["date"], "2025-11-03", "from the first update's day");
    assert_eq!(days.last().unwrap()["date"], "2025-11-20", "to today");
    for day in days {
        let date = day["date"].as_str().unwrap();
        let status = json_of(pokrovsk().args(["status", "--as-of", date, "--format", "json"]).output().unwrap());
        for line in status["scenarios"].as_array().unwrap() {
            let id = line["id"].as_str().unwrap();
            assert_eq!(day["aggregate"][id], line["probability"], "{date} {id}");
            for (author, p) in line["authors"].as_object().unwrap() {
                assert_eq!(&day["analysts"][author][id], p, "{date} {author} {id}");
            }
        }
    }
}

#[test]
fn the_timeline_counts_a_backdated_update_from_when_it_was_written() {
    let nb = vote();
    at(&nb, "2026-01-01T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    at(&nb, "2026-01-05T10:00:00Z")
        .args(["--author", "ann", "update", "approve=0.2", "delay=0.5", "reject=0.3", "--at", "2026-01-02T10:00:00Z"])
        .assert()
        .success();
    let csv = stdout(
        &at(&nb, "2026-01-06T10:00:00Z")
            .args(["timeline", "--since", "2026-01-01", "--until", "2026-01-05"])
            .output()
            .unwrap(),
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "date,approve,delay,reject,approve (ann),delay (ann),reject (ann)");
    assert_eq!(lines.len(), 6, "a header and five days, both ends included: {csv}");
    assert_eq!(lines[2], "2026-01-02,0.5,0.3,0.2,0.5,0.3,0.2", "not yet written on the 2nd");
    assert_eq!(lines[5], "2026-01-05,0.2,0.5,0.3,0.2,0.5,0.3");
    let future = at(&nb, "2026-01-06T10:00:00Z").args(["timeline", "--until", "2026-01-09"]).output().unwrap();
    assert_eq!(future.status.code(), Some(1), "{}", outcome(&future));
    let swapped = at(&nb, "2026-01-06T10:00:00Z")
        .args(["timeline", "--since", "2026-01-04", "--until", "2026-01-02"])
        .output()
        .unwrap();
    assert_eq!(swapped.status.code(), Some(2), "{}", outcome(&swapped));
}

#[test]
fn timeline_cells_are_formula_safe_and_numbers_stay_numbers() {
    let nb = vote();
    at(&nb, "2026-01-01T10:00:00Z")
        .args(["--author", "=cmd", "update", "approve=0.5", "delay=0.3", "reject=0.2"])
        .assert()
        .success();
    let csv = stdout(&at(&nb, "2026-01-02T10:00:00Z").args(["timeline"]).output().unwrap());
    assert!(csv.lines().next().unwrap().ends_with(",approve (=cmd),delay (=cmd),reject (=cmd)"), "{csv}");
    let row = csv.lines().nth(1).unwrap();
    assert!(row.split(',').skip(1).all(|c| c.parse::<f64>().is_ok()), "{row}");
}

#[test]
fn man_writes_a_page_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::common::forecast().arg("man").arg(dir.path().join("man1")).output().unwrap();
    assert!(out.status.success(), "{}", outcome(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for page in [
        "forecast.1",
        "forecast-status.1",
        "forecast-evidence-add.1",
        "forecast-evidence-import.1",
        "forecast-timeline.1",
        "forecast-man.1",
    ] {
        assert!(names.contains(&page.to_string()), "{page} missing from {names:?}");
    }
    let add = std::fs::read_to_string(dir.path().join("man1/forecast-evidence-add.1")).unwrap();
    assert!(add.starts_with(".ie") || add.contains(".TH forecast-evidence-add 1"), "{}", &add[..200.min(add.len())]);
    assert!(add.contains("\\-\\-origin"), "every flag is documented");
    // Every command the help lists has its page.
    let help = stdout(&crate::common::forecast().arg("--help").output().unwrap());
    let commands: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    for c in commands {
        assert!(names.contains(&format!("forecast-{c}.1")), "{c}");
    }
    let onto_a_file = crate::common::forecast().arg("man").arg(dir.path().join("man1/forecast.1")).output().unwrap();
    assert_eq!(onto_a_file.status.code(), Some(1), "{}", outcome(&onto_a_file));
}

#[test]
fn the_pre_commit_hook_runs_forecast_check_on_the_whole_notebook() {
    let hooks = std::fs::read_to_string(crate::common::repo().join(".pre-commit-hooks.yaml")).unwrap();
    for line in ["- id: forecast-check", "entry: forecast check", "language: rust", "pass_filenames: false"] {
        assert!(hooks.lines().any(|l| l.trim() == line), "{line}");
    }
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).unwrap();
    assert!(readme.contains("id: forecast-check"), "the README shows the config");
}

#[test]
fn completions_offer_the_tlp_levels() {
    let out = crate::common::forecast().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    let script = stdout(&out);
    assert!(script.contains("clear green amber amber+strict red"), "the levels are offered for --tlp");
    let bad = crate::common::forecast().args(["report", "--tlp", "purple"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "{}", outcome(&bad));
}
