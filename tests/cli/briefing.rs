//! The weekly briefing as a reader meets it: weeks that chain across clock changes in odd zones,
//! items and updates in plain words, Markdown that parses as intended, the chart, templates, and
//! the HTML page in a real browser.

use crate::common::{Scratch, fixture, forecast, outcome, repo, stderr, stdout};
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use comrak::nodes::{AstNode, NodeValue};

/// The first Monday of the ten weeks the generated notebooks span (2026-W10 to 2026-W19).
const FIRST_MONDAY: (i32, u32, u32) = (2026, 3, 2);
const WEEKS: i64 = 10;

/// A local time in `zone` as RFC 3339; `later` picks the second of a time that happens twice.
fn moment(zone: Tz, local: NaiveDateTime, later: bool) -> String {
    let found = zone.from_local_datetime(&local);
    let chosen = if later { found.latest() } else { found.earliest() };
    chosen.unwrap_or_else(|| panic!("{local} does not exist in {zone}")).to_rfc3339()
}

fn local(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, minute, 0).unwrap()
}

/// Four scenarios' probabilities for update `k` of week `w`, summing to 1.
fn estimate(w: i64, k: i64) -> [String; 4] {
    let a = 0.1 + 0.05 * ((w * 3 + k) % 8) as f64;
    let (b, c) = (0.2, 0.15);
    let d = 1.0 - a - b - c;
    [format!("north={a:.2}"), format!("south={b:.2}"), format!("east={c:.2}"), format!("west={d:.2}")]
}

/// One analyst's update, made at `now` about `at` (the same moment unless backdated).
fn update(nb: &Scratch, author: &str, now: &str, at: Option<&str>, probabilities: [String; 4]) {
    let mut cmd = nb.forecast();
    cmd.env("FORECAST_NOW", now).args(["--author", author, "update"]).args(probabilities).args(["-m", "weekly view"]);
    if let Some(at) = at {
        cmd.args(["--at", at]);
    }
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{author} at {now}: {}", outcome(&output));
}

/// A notebook in `zone` over ten weeks with two analysts: updates on Tuesdays and Thursdays, some
/// at 23:30 on Sunday or 00:00 on Monday, some in hours that clocks skip or repeat, a week
/// without any update, and one update backdated into the week before it was written.
fn generated(zone_name: &str) -> (Scratch, Tz) {
    let zone: Tz = zone_name.parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notebook");
    forecast()
        .env("FORECAST_NOW", "2026-03-01T00:00:00Z")
        .args(["init", root.to_str().unwrap(), "--title", "Ten weeks", "--question", "Which way?"])
        .args(["--timezone", zone_name])
        .args(["--scenario", "north=North", "--scenario", "south=South", "--scenario", "east=East"])
        .args(["--scenario", "west=West"])
        .assert()
        .success();
    crate::common::pin_token(&root);
    let nb = Scratch { dir, root };
    let first = NaiveDate::from_ymd_opt(FIRST_MONDAY.0, FIRST_MONDAY.1, FIRST_MONDAY.2).unwrap();
    for w in 0..WEEKS {
        if w == 8 {
            continue; // a week in which nobody updates
        }
        let monday = first + chrono::Duration::days(7 * w);
        let at = |days: i64, hour: u32, minute: u32| {
            moment(zone, local(monday + chrono::Duration::days(days), hour, minute), false)
        };
        if w % 4 == 1 {
            update(&nb, "ben", &at(0, 0, 0), None, estimate(w, 0));
        }
        update(&nb, "ana", &at(1, 10, 0), None, estimate(w, 1));
        update(&nb, "ben", &at(3, 15, 0), None, estimate(w, 2));
        if w % 3 == 0 {
            update(&nb, "ana", &at(6, 23, 30), None, estimate(w, 3));
        }
        if w == 6 {
            // Written on the Tuesday of week 7 about the Saturday of week 6.
            let written = moment(zone, local(monday + chrono::Duration::days(8), 9, 0), false);
            update(&nb, "ben", &written, Some(&at(5, 10, 0)), estimate(w, 4));
        }
    }
    // The hours around each zone's clock change: 23:30 on the Saturday Santiago repeats (the
    // second one), 01:45 on the Sunday Lord Howe repeats, 23:30 on the Sunday Berlin springs forward.
    let edges = [
        ("America/Santiago", (2026, 4, 4), (23, 30), true),
        ("Australia/Lord_Howe", (2026, 4, 5), (1, 45), true),
        ("Europe/Berlin", (2026, 3, 29), (23, 30), false),
    ];
    for (name, (y, m, d), (h, min), later) in edges {
        if name == zone_name {
            let when = moment(zone, local(NaiveDate::from_ymd_opt(y, m, d).unwrap(), h, min), later);
            update(&nb, "ana", &when, None, estimate(20, 5));
        }
    }
    let check = nb.forecast().env("FORECAST_NOW", "2026-06-01T00:00:00Z").arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", outcome(&check));
    (nb, zone)
}

fn briefing(nb: &Scratch, now: &str, week: &str) -> serde_json::Value {
    let output =
        nb.forecast().env("FORECAST_NOW", now).args(["report", "--week", week, "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{week}: {}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn column(briefing: &serde_json::Value, field: &str) -> Vec<serde_json::Value> {
    briefing["scenarios"].as_array().unwrap().iter().map(|s| s[field].clone()).collect()
}

#[test]
fn every_week_ends_where_the_next_begins_across_clock_changes_in_three_zones() {
    for zone_name in ["Europe/Berlin", "America/Santiago", "Australia/Lord_Howe"] {
        let (nb, zone) = generated(zone_name);
        let first = NaiveDate::from_ymd_opt(FIRST_MONDAY.0, FIRST_MONDAY.1, FIRST_MONDAY.2).unwrap();
        let name = |w: i64| (first + chrono::Duration::days(7 * w)).format("%G-W%V").to_string();
        let after = "2026-06-01T00:00:00Z";
        let weeks: Vec<serde_json::Value> = (0..WEEKS).map(|w| briefing(&nb, after, &name(w))).collect();
        for w in 1..WEEKS as usize {
            let (this, last) = (&weeks[w], &weeks[w - 1]);
            assert_eq!(
                column(this, "previous"),
                column(last, "probability"),
                "{zone_name}: {}'s last week is not {}'s estimate",
                name(w as i64),
                name(w as i64 - 1)
            );
            // Rendered mid-week, on the Wednesday at noon, the week starts from the same place.
            let wednesday = moment(zone, local(first + chrono::Duration::days(7 * w as i64 + 2), 12, 0), false);
            let midweek = briefing(&nb, &wednesday, &name(w as i64));
            assert_eq!(
                column(&midweek, "previous"),
                column(this, "previous"),
                "{zone_name} {} mid-week",
                name(w as i64)
            );
        }
        let quiet = &weeks[8];
        assert!(quiet["updates"].as_array().unwrap().is_empty(), "{zone_name}: {quiet}");
        assert_eq!(
            column(quiet, "previous"),
            column(quiet, "probability"),
            "{zone_name}: a week without updates shows no change"
        );
    }
}

#[test]
fn an_update_backdated_into_last_week_shows_in_the_week_it_was_written() {
    let (nb, _) = generated("Europe/Berlin");
    let week = briefing(&nb, "2026-06-01T00:00:00Z", "2026-W17");
    let listed: Vec<&serde_json::Value> =
        week["updates"].as_array().unwrap().iter().filter(|u| !u["backdated"].is_null()).collect();
    assert_eq!(listed.len(), 1, "the update written on Tuesday about last Saturday: {week}");
    assert_eq!(listed[0]["at"], "2026-04-18 10:00");
    let before = briefing(&nb, "2026-06-01T00:00:00Z", "2026-W16");
    assert!(before["updates"].as_array().unwrap().iter().all(|u| u["backdated"].is_null()), "{before}");
}

#[test]
fn the_end_of_a_day_that_repeats_its_last_hour_is_its_last_second() {
    // Santiago turns its clocks back at midnight on 4 April 2026: 23:00 to 23:59 happen twice.
    let (nb, _) = generated("America/Santiago");
    let status = nb
        .forecast()
        .env("FORECAST_NOW", "2026-06-01T00:00:00Z")
        .args(["--author", "ana", "status", "--as-of", "2026-04-04", "--format", "json"])
        .output()
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    // The update at the second 23:30 (estimate(20, 5): north 0.15, west 0.5) stands at the end of the day.
    assert_eq!(status["latest"]["at"], "2026-04-04 23:30 -04", "{status}");
    assert_eq!(
        (status["scenarios"][0]["probability"].as_f64(), status["scenarios"][3]["probability"].as_f64()),
        (Some(0.15), Some(0.5))
    );
}

/// Every node below `node`, depth first.
fn nodes<'a>(node: &'a AstNode<'a>) -> Vec<&'a AstNode<'a>> {
    node.descendants().collect()
}

fn text_of<'a>(node: &'a AstNode<'a>) -> String {
    nodes(node)
        .into_iter()
        .filter_map(|n| match &n.data.borrow().value {
            NodeValue::Text(t) => Some(t.to_string()),
            NodeValue::Code(c) => Some(c.literal.clone()),
            NodeValue::SoftBreak | NodeValue::LineBreak => Some("\n".to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_briefing_parses_as_commonmark_into_the_structure_a_reader_expects() {
    let markdown = stdout(
        &forecast()
            .env("FORECAST_NOW", "2025-11-20T12:00:00+02:00")
            .arg("--notebook")
            .arg(repo())
            .args(["report", "--week", "2025-W46"])
            .output()
            .unwrap(),
    );
    let data = briefing_json(&["report", "--week", "2025-W46", "--format", "json"]);
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let root = comrak::parse_document(&arena, &markdown, &options);
    let headings: Vec<(u8, String)> = nodes(root)
        .into_iter()
        .filter_map(|n| match &n.data.borrow().value {
            NodeValue::Heading(h) => Some((h.level, text_of(n))),
            _ => None,
        })
        .collect();
    let h2: Vec<&str> = headings.iter().filter(|(l, _)| *l == 2).map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        h2,
        [
            "Bottom line",
            "Estimates",
            "What changed, and why",
            "New evidence",
            "Indicators",
            "Retractions",
            "Where the analysts disagree",
            "Sources"
        ]
    );
    assert_eq!(headings.iter().filter(|(l, _)| *l == 1).count(), 1);
    let tables: Vec<usize> = nodes(root)
        .into_iter()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Table(_)))
        .map(|t| t.children().count())
        .collect();
    let scenarios = data["scenarios"].as_array().unwrap().len();
    let updates = data["updates"].as_array().unwrap().len();
    assert_eq!(tables[0], scenarios + 1, "estimates: a header and a row per scenario");
    assert_eq!(tables[1], updates + 1, "what changed: a header and a row per update");
    // Each new item is one list item; its title, source line, summary and "favours" line are
    // separate lines, and no paragraph holds two items.
    let titles: Vec<String> =
        data["evidence"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect();
    for paragraph in nodes(root).into_iter().filter(|n| matches!(n.data.borrow().value, NodeValue::Paragraph)) {
        let text = text_of(paragraph);
        if !text.contains("more expected under") && !text.contains("No likelihoods given") {
            continue; // the paragraphs of the evidence list, each ending with what the item favours
        }
        let held = titles.iter().filter(|t| text.contains(t.as_str())).count();
        assert_eq!(held, 1, "a paragraph runs items together: {text}");
        {
            let breaks =
                nodes(paragraph).into_iter().filter(|n| matches!(n.data.borrow().value, NodeValue::LineBreak)).count();
            assert!(breaks >= 2, "title, source, summary and favours on lines of their own: {text:?}");
        }
    }
    let retraction = nodes(root)
        .into_iter()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Paragraph))
        .map(text_of)
        .find(|t| t.contains("retracted 13 Nov 2025"))
        .unwrap();
    assert!(
        retraction.contains(".\nReason:")
            && retraction.contains("Cited by 1 update: olena's bayes update of 5 Nov 16:00.\nWhen it was used"),
        "{retraction:?}"
    );
}

fn briefing_json(args: &[&str]) -> serde_json::Value {
    let output = forecast()
        .env("FORECAST_NOW", "2025-11-20T12:00:00+02:00")
        .arg("--notebook")
        .arg(repo())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn an_item_says_in_plain_words_which_scenarios_it_points_to() {
    let nb = rates();
    let add = |title: &str, likelihoods: [&str; 3]| {
        let mut cmd = nb.forecast();
        cmd.args(["evidence", "add", "--title", title, "--source", "s"]);
        for l in likelihoods {
            cmd.args(["--likelihood", l]);
        }
        cmd.assert().success();
    };
    add("Hawkish minutes", ["cut=I", "hold=C", "hike=C"]);
    add("Nothing new", ["cut=N", "hold=N", "hike=N"]);
    add("Strong jobs", ["cut=0.1", "hold=0.3", "hike=0.5"]);
    let shown =
        |id: &str| stdout(&nb.forecast().args(["evidence", "show", &format!("2026-03-20-{id}")]).output().unwrap());
    assert!(
        shown("hawkish").contains("favours:    4× more expected under Hold or Hike (tied) than under Cut."),
        "{}",
        shown("hawkish")
    );
    assert!(shown("nothing").contains("Equally expected under every scenario: it does not tell them apart."));
    assert!(shown("strong").contains("5× more expected under Hike than under Cut."), "{}", shown("strong"));
    let list = stdout(&nb.forecast().args(["evidence", "list"]).output().unwrap());
    assert!(list.contains("hold, hike 4× vs cut") && list.contains("all equal"), "{list}");
}

/// A rates notebook: cut, hold and hike, in Europe/Warsaw.
fn rates() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notebook");
    forecast()
        .env("FORECAST_NOW", "2026-03-01T09:00:00+01:00")
        .args(["init", root.to_str().unwrap(), "--title", "Rates", "--question", "What will the bank do?"])
        .args([
            "--timezone",
            "Europe/Warsaw",
            "--scenario",
            "cut=Cut",
            "--scenario",
            "hold=Hold",
            "--scenario",
            "hike=Hike",
        ])
        .assert()
        .success();
    crate::common::pin_token(&root);
    Scratch { dir, root }
}

#[test]
fn an_update_lists_only_the_scenarios_that_moved_in_numbers_that_add_up() {
    let nb = rates();
    nb.forecast()
        .env("FORECAST_NOW", "2026-03-10T12:00:00+01:00")
        .args(["--author", "kasia", "update", "cut=0.274", "hold=0.7245", "hike=0.0015"])
        .assert()
        .success();
    nb.forecast()
        .env("FORECAST_NOW", "2026-03-20T12:00:00+01:00")
        .args(["--author", "kasia", "update", "cut=0.456", "hold=0.5425", "hike=0.0015"])
        .assert()
        .success();
    let md = stdout(&nb.forecast().args(["report", "--week", "2026-W12"]).output().unwrap());
    let row = md.lines().find(|l| l.starts_with("| 1 |")).unwrap();
    // 27.4% → 45.6% shows as 27% → 46%, so the change is +19, not the exact +18.2.
    assert!(row.contains("Cut 27% → 46% (+19 pp); Hold 72% → 54% (−18 pp)"), "{row}");
    assert!(!row.contains("Hike"), "Hike did not move: {row}");
    assert!(md.contains("| Hike | <1% | <1% | ±0 pp |"), "{md}");
}

#[test]
fn the_chart_follows_the_analyst_keeps_its_legend_outside_and_marks_events() {
    let nb = fixture("court");
    nb.forecast()
        .args(["evidence", "retract", "2026-03-02-regulator-objection", "--reason", "Withdrawn"])
        .assert()
        .success();
    nb.forecast().args(["scenario", "retire", "block", "--reason", "Settled out of court"]).assert().success();
    let svg = |author: Option<&str>| {
        let mut cmd = nb.forecast();
        cmd.env("FORECAST_NOW", "2026-03-21T12:00:00+01:00");
        if let Some(a) = author {
            cmd.args(["--author", a]);
        }
        stdout(&cmd.arg("chart").output().unwrap())
    };
    let (team, ben) = (svg(None), svg(Some("ben")));
    assert_ne!(team, ben);
    let caption = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_string())
            .find(|t| t.starts_with("Merger review"))
            .unwrap()
    };
    assert!(caption(&ben).contains("ben's estimate"), "{}", caption(&ben));
    assert!(caption(&team).contains("aggregate of all analysts"), "{}", caption(&team));
    let nobody = nb.forecast().args(["--author", "nobody", "chart"]).output().unwrap();
    assert_eq!(nobody.status.code(), Some(1), "{}", outcome(&nobody));
    let doc = roxmltree::Document::parse(&team).unwrap();
    let texts: Vec<(f64, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| Some((n.attribute("x")?.parse().ok()?, n.text()?.trim())))
        .collect();
    let at = |label: &str| {
        texts.iter().find(|(_, t)| *t == label).map(|(x, _)| *x).unwrap_or_else(|| panic!("no {label}: {texts:?}"))
    };
    for label in ["Approve", "Block", "evidence retracted", "scenario retired", "evidence (strip below)"] {
        assert!(at(label) > 700.0, "{label} sits in the legend, right of the plot");
    }
    // Block's line ends at its retirement, before the plot's right edge.
    let right_edge = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("points"))
        .flat_map(|p| p.split(' ').filter_map(|xy| xy.split(',').next()?.parse::<f64>().ok()).collect::<Vec<_>>())
        .filter(|x| *x < 700.0) // the legend's samples sit right of the plot
        .fold(0.0_f64, f64::max);
    let block_color = "#D55E00";
    let block_end = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(block_color))
        .filter_map(|n| n.attribute("points"))
        .flat_map(|p| p.split(' ').filter_map(|xy| xy.split(',').next()?.parse::<f64>().ok()).collect::<Vec<_>>())
        .filter(|x| *x < 700.0) // the legend's samples sit right of the plot
        .fold(0.0_f64, f64::max);
    assert!(block_end > 0.0 && block_end < right_edge - 5.0, "Block ends at {block_end}, the plot at {right_edge}");
}

#[test]
fn a_misspelt_template_variable_is_an_error_with_its_line_and_check_finds_it() {
    let nb = fixture("court");
    std::fs::create_dir_all(nb.path("templates")).unwrap();
    nb.write("templates/briefing.md", "# {{ notebook.title }}\n\nWe judge **{{ leading.titel }}**.\n");
    let report = nb.forecast().arg("report").output().unwrap();
    assert_eq!(report.status.code(), Some(1));
    assert!(stderr(&report).contains("templates/briefing.md:3: `leading.titel` is undefined"), "{}", stderr(&report));
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("templates/briefing.md:3:1: error: template error:"), "{}", stderr(&check));
    nb.forecast().arg("status").assert().success();
}

#[test]
fn a_briefing_of_seven_days_is_named_after_them() {
    let nb = fixture("court");
    let out = nb.dir.path().join("reports");
    nb.forecast()
        .args(["report", "--as-of", "2026-03-12", "--out"])
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("2026-03-06--2026-03-12.md")).unwrap();
    assert!(md.starts_with("**TLP:CLEAR**\n\n# Merger review: briefing for 6 Mar 2026 to 12 Mar 2026\n"), "{md}");
    assert!(out.join("2026-03-06--2026-03-12.svg").exists());
}

#[test]
fn the_html_page_opens_in_a_real_browser_and_prints_on_three_a4_pages() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| std::process::Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
    else {
        eprintln!("skipped: no Chromium here (Debian's `chromium` package; .ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2025-W46.html");
    forecast()
        .env("FORECAST_NOW", "2025-11-20T12:00:00+02:00")
        .arg("--notebook")
        .arg(repo())
        .args(["report", "--week", "2025-W46", "--format", "html", "--out"])
        .arg(&page)
        .assert()
        .success();
    let url = format!("file://{}", page.display());
    let browse = |extra: &[&str]| {
        let mut cmd = std::process::Command::new(chromium);
        cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"])
            .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
            .args(extra)
            .arg(&url);
        cmd.output().unwrap()
    };
    let dom = browse(&["--dump-dom"]);
    let html = String::from_utf8_lossy(&dom.stdout);
    let console = String::from_utf8_lossy(&dom.stderr);
    assert!(html.contains("<table>") && html.contains("<th align=\"right\">Now</th>"), "the estimates table: {html}");
    assert!(html.contains("<figure class=\"chart\"><svg"), "the chart inline: {html}");
    assert!(!console.contains("CONSOLE") && !console.contains("Uncaught"), "console: {console}");
    let pdf = dir.path().join("w46.pdf");
    browse(&["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display())]);
    let bytes = std::fs::read(&pdf).unwrap();
    let page = |w: &[u8], tag: &[u8]| w.starts_with(tag) && w.get(tag.len()).is_some_and(|c| !c.is_ascii_alphabetic());
    let pages = bytes.windows(12).filter(|w| page(w, b"/Type /Page") || page(w, b"/Type/Page")).count();
    assert!(bytes.starts_with(b"%PDF") && (1..=3).contains(&pages), "{pages} pages");
}
