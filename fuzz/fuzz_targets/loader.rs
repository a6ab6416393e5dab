//! Fuzz target: arbitrary bytes as record files inside a valid notebook, through the whole loader,
//! the history audit, diagnostic location, and the partial read `update` makes. Never panics, and
//! every span lies inside its file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::fs;

const NOTEBOOK: &str = "title = \"t\"\nquestion = \"q\"\ntimezone = \"Europe/Kyiv\"\n";
const SCENARIO: &str = "title = \"A\"\norder = 1\n[[indicators]]\nid = \"i\"\ntext = \"t\"\n";
const UPDATE: &str =
    "at = 2026-01-01T10:00:00+02:00\nauthor = \"x\"\nmethod = \"judgment\"\n[probabilities]\na = 0.5\nb = 0.5\n";

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in ["scenarios", "evidence", "updates"] {
        fs::create_dir(root.join(folder)).unwrap();
    }
    fs::write(root.join("notebook.toml"), NOTEBOOK).unwrap();
    fs::write(root.join("scenarios/a.toml"), SCENARIO).unwrap();
    fs::write(root.join("scenarios/b.toml"), "title = \"B\"\n").unwrap();
    fs::write(root.join("updates/first.toml"), UPDATE).unwrap();
    let (target, body) = match data.split_first() {
        Some((selector, rest)) => (
            [
                "evidence/x.toml",
                "updates/y.toml",
                "scenarios/c.toml",
                "resolution.toml",
                "evidence/2026-01/2026-01-01-x.toml",
                "updates/x/2026-01/2026-01-01-1000-x.toml",
            ][*selector as usize % 6],
            rest,
        ),
        None => ("evidence/x.toml", data),
    };
    fs::create_dir_all(root.join(target).parent().unwrap()).unwrap();
    fs::write(root.join(target), body).unwrap();
    let (notebook, mut found) = forecast::store::load(root, forecast::store::Summaries::Keep);
    if let Some(nb) = notebook.as_ref().filter(|_| !found.iter().any(|d| d.is_error())) {
        let now: forecast::model::Moment = "2026-06-01T00:00:00+03:00".parse().unwrap();
        found.extend(forecast::analysis::audit::audit(nb, &now));
        let looking = forecast::report::status::Looking::days(nb.settings.timezone, &now);
        let _ = forecast::report::status::build(nb, None, &now, &looking);
    }
    for d in &found {
        if let (Some(span), Ok(len)) = (&d.span, fs::metadata(root.join(&d.path)).map(|m| m.len() as usize)) {
            assert!(span.end <= len, "{}: span {span:?} outside {len} bytes", d.path);
        }
    }
    forecast::store::locate(root, &mut found);
    // What `update` reads instead of the whole notebook: never panics either.
    if let Ok(frame) = forecast::store::read_frame(root) {
        let at = "2026-06-01T00:00:00+03:00".parse().unwrap();
        let cited = ["x".to_string(), "2026-01-01-x".to_string()];
        let _ = forecast::store::analyst_view(root, frame, "x", &at, &cited);
    }
});
