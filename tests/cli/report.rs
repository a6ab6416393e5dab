//! `forecast report`, `forecast chart` and `forecast templates export`.

use crate::common::{example, fixture, forecast, outcome, repo, stderr, stdout};

fn week46(now: &str) -> String {
    let output = forecast()
        .arg("--notebook")
        .arg(repo())
        .env("FORECAST_NOW", now)
        .args(["report", "--week", "2025-W46"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    stdout(&output)
}

#[test]
fn the_pokrovsk_w46_briefing() {
    insta::assert_snapshot!(week46("2026-11-21T12:00:00+02:00"));
}

#[test]
fn a_past_week_renders_the_same_whenever_but_for_the_generated_line() {
    let soon = week46("2025-11-17T08:00:00+02:00");
    let later = week46("2027-05-01T08:00:00+03:00");
    assert_ne!(soon, later);
    let differing: Vec<(&str, &str)> = soon.lines().zip(later.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(differing.len(), 1, "{differing:?}");
    assert!(differing[0].0.contains("Generated") && differing[0].1.contains("Generated"));
    assert_eq!(soon.lines().count(), later.lines().count());
}

#[test]
fn records_logged_after_the_week_do_not_change_it() {
    let nb = example();
    let before = stdout(&nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap());
    nb.forecast()
        .env("FORECAST_NOW", "2025-11-20T10:00:00+02:00")
        .args(["evidence", "add", "--title", "Later news", "--source", "Wire", "--date", "2025-11-15"])
        .assert()
        .success();
    nb.forecast()
        .env("FORECAST_NOW", "2025-11-20T10:00:00+02:00")
        .args(["--author", "olena", "update", "withdrawal=0.7"])
        .assert()
        .success();
    let after = stdout(&nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap());
    assert_eq!(before, after);
}

#[test]
fn out_folder_writes_markdown_and_chart_and_refuses_to_overwrite() {
    let nb = example();
    let out = nb.dir.path().join("reports");
    std::fs::create_dir(&out).unwrap();
    let run = |force: bool| {
        let mut cmd = nb.forecast();
        cmd.args(["report", "--week", "2025-W45", "--out"]).arg(&out);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    assert_eq!(run(false).status.code(), Some(0));
    let markdown = std::fs::read_to_string(out.join("2025-W45.md")).unwrap();
    assert!(
        markdown.contains("![Probability of each scenario over time, with this period shaded](2025-W45.svg)"),
        "{markdown}"
    );
    let svg = std::fs::read_to_string(out.join("2025-W45.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.contains(&"Withdrawal") && texts.contains(&"this period"), "{texts:?}");
    std::fs::write(out.join("2025-W45.md"), "edited by hand").unwrap();
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(out.join("2025-W45.md")).unwrap(), "edited by hand");
    assert_eq!(run(true).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(out.join("2025-W45.md")).unwrap(), markdown);
}

#[test]
fn json_prints_the_template_context() {
    let output = forecast()
        .arg("--notebook")
        .arg(repo())
        .args(["report", "--week", "2025-W46", "--format", "json"])
        .output()
        .unwrap();
    let context: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in [
        "notebook",
        "week",
        "period",
        "generated",
        "scenarios",
        "updates",
        "evidence",
        "retractions",
        "indicators",
        "sources",
    ] {
        assert!(!context[key].is_null(), "{key} missing");
    }
    assert_eq!(context["period"]["start"], "2025-11-10");
    assert_eq!(context["period"]["end"], "2025-11-16");
    let first = &context["scenarios"][0];
    for key in ["id", "title", "probability", "previous", "change", "words", "range"] {
        assert!(first.get(key).is_some(), "scenario field {key} missing");
    }
}

#[test]
fn a_notebook_template_overrides_the_built_in_and_whole_template_replaces_it() {
    let nb = example();
    nb.write("templates/briefing.md", "{{ notebook.title }} {{ week }}: {% for s in scenarios %}{{ s.id }} {{ s.probability | pct }} {{ s.change | pp }} {{ s.words }}; {% endfor %}\n");
    let output = nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap();
    assert_eq!(
        stdout(&output),
        "Battle for Pokrovsk 2025-W46: withdrawal 55% −5 pp likely; containment 43% +3 pp unlikely; pushback 2% +2 pp almost no chance;\n",
        "{}",
        outcome(&output)
    );
    std::fs::write(nb.dir.path().join("mine.md"), "only {{ week }}\n").unwrap();
    let whole = nb
        .forecast()
        .current_dir(nb.dir.path())
        .args(["report", "--week", "2025-W46", "--template", "mine.md"])
        .output()
        .unwrap();
    assert_eq!(stdout(&whole), "only 2025-W46\n");
}

#[test]
fn template_errors_name_the_file_and_line() {
    let nb = example();
    nb.write("templates/briefing.md", "line one\n{{ week }}\n{{ week | no_such_filter }}\n");
    let output = nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("templates/briefing.md:3:"), "{}", stderr(&output));
    nb.write("templates/briefing.md", "{% for x in %}\n");
    let syntax = nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap();
    assert!(stderr(&syntax).contains("templates/briefing.md:1:"), "{}", stderr(&syntax));
}

#[test]
fn templates_cannot_reach_files_outside_the_templates_folder() {
    let nb = example();
    nb.write("templates/briefing.md", "{% include \"../notebook.toml\" %}\n");
    let output = nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!stdout(&output).contains("Pokrovsk"), "{}", outcome(&output));
}

#[test]
fn hostile_evidence_text_is_escaped_in_the_briefing() {
    let nb = fixture("court");
    nb.forecast()
        .env("FORECAST_NOW", "2026-03-18T10:00:00+01:00")
        .args([
            "evidence",
            "add",
            "--title",
            "Click [here](javascript:alert(1)) <script>x</script> | a",
            "--source",
            "<b>wire</b>",
            "--url",
            "javascript:alert(1)",
        ])
        .assert()
        .success();
    let report = stdout(&nb.forecast().args(["report", "--week", "2026-W12"]).output().unwrap());
    assert!(report.contains("Click \\[here\\](javascript:alert(1)) \\<script\\>x\\</script\\> \\| a"), "{report}");
    assert!(!report.contains("<script>") && !report.contains("<javascript"), "{report}");
}

#[test]
fn templates_export_copies_the_built_ins_and_never_overwrites() {
    let nb = example();
    let output = nb.forecast().args(["templates", "export"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    assert_eq!(nb.read("templates/briefing.md"), include_str!("../../src/render/templates/briefing.md"));
    assert_eq!(nb.forecast().args(["templates", "export"]).output().unwrap().status.code(), Some(1));
    let exported = stdout(&nb.forecast().args(["report", "--week", "2025-W46"]).output().unwrap());
    let builtin =
        stdout(&forecast().arg("--notebook").arg(repo()).args(["report", "--week", "2025-W46"]).output().unwrap());
    assert_eq!(exported, builtin, "the exported templates render the same briefing");
}

#[test]
fn chart_alone_is_valid_svg() {
    let output = forecast()
        .arg("--notebook")
        .arg(repo())
        .env("FORECAST_NOW", "2025-11-14T12:00:00+02:00")
        .arg("chart")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    roxmltree::Document::parse(&stdout(&output)).expect("well-formed SVG");
}

#[test]
fn week_and_as_of_are_checked() {
    for args in
        [&["report", "--week", "2025-46"][..], &["report", "--week", "2025-W60"], &["report", "--as-of", "soon"]]
    {
        let output = forecast().arg("--notebook").arg(repo()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "a value that does not parse is a usage error: {args:?}");
    }
    let as_of = forecast()
        .arg("--notebook")
        .arg(repo())
        .args(["report", "--as-of", "2025-11-13", "--format", "json"])
        .output()
        .unwrap();
    let context: serde_json::Value = serde_json::from_slice(&as_of.stdout).unwrap();
    assert_eq!(
        (context["period"]["start"].as_str(), context["period"]["end"].as_str()),
        (Some("2025-11-07"), Some("2025-11-13"))
    );
}

#[test]
fn the_items_of_the_period_keep_their_summaries_for_any_way_of_naming_it() {
    // Summaries are dropped while loading except for the period's items; each way of choosing the
    // period must keep them, whatever the notebook's zone (Kyiv here, UTC+2).
    for args in
        [&["--as-of", "2025-11-14"][..], &["--as-of", "2025-11-13T00:30:00+02:00"], &["--week", "2025-W46"], &[]]
    {
        let output = forecast()
            .arg("--notebook")
            .arg(repo())
            .env("FORECAST_NOW", "2025-11-14T12:00:00+02:00")
            .args(["report", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
        let context: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let items = context["evidence"].as_array().unwrap();
        assert!(!items.is_empty(), "{args:?}");
        for item in items {
            assert!(item["summary"].as_str().is_some_and(|s| !s.is_empty()), "{args:?}: {item}");
        }
    }
}
