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
