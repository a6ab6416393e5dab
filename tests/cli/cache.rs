//! The validated cache: every read command gives byte-identical output with and without it, after
//! changes designed to fool it, and a valid cache is used rather than rewritten.

use crate::common::{Scratch, example, outcome};
use std::fs;
use std::path::Path;
use std::time::Duration;

/// Read commands on the example notebook, covering every kind of output the records feed.
const COMMANDS: &[&[&str]] = &[
    &["status"],
    &["status", "--format", "json"],
    &["status", "--as-of", "2025-11-10"],
    &["history"],
    &["history", "--format", "csv"],
    &["history", "--explain"],
    &["evidence", "list"],
    &["evidence", "list", "--format", "json"],
    &["report", "--week", "2025-W46"],
    &["report", "--week", "2025-W46", "--format", "json"],
    &["matrix"],
    &["timeline", "--format", "csv"],
    &["score"],
    &["scenario", "list"],
    &["chart", "--format", "svg"],
    &["diff", "2025-11-01", "2025-11-15"],
    &["whatif", "--without", "2025-11-01-syrskyi-reinforcing-agglomeration"],
    &["scenario", "show", "withdrawal"],
];

/// Stdout, stderr and exit code of one command, cached or not.
fn run(nb: &Scratch, args: &[&str], cached: bool) -> (Vec<u8>, Vec<u8>, Option<i32>) {
    let mut cmd = nb.forecast();
    cmd.args(args);
    if !cached {
        cmd.arg("--no-cache");
    }
    let out = cmd.output().unwrap();
    (out.stdout, out.stderr, out.status.code())
}

/// Runs every command with the cache (first, so that it reads and refreshes it) and without, and
/// requires the same bytes.
fn same_either_way(nb: &Scratch, after: &str) {
    for args in COMMANDS {
        let cached = run(nb, args, true);
        let fresh = run(nb, args, false);
        assert_eq!(cached.2, fresh.2, "after {after}: `{}` exit code", args.join(" "));
        assert!(
            cached.0 == fresh.0 && cached.1 == fresh.1,
            "after {after}: `{}` differs with the cache\n--- cached:\n{}{}\n--- without:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&cached.0),
            String::from_utf8_lossy(&cached.1),
            String::from_utf8_lossy(&fresh.0),
            String::from_utf8_lossy(&fresh.1),
        );
    }
}

fn cache_file(nb: &Scratch) -> std::path::PathBuf {
    nb.path(".forecast/cache/records")
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// The example with its files made old enough that the cache trusts them.
fn settled() -> Scratch {
    let nb = example();
    std::thread::sleep(Duration::from_millis(2100));
    let out = nb.forecast().arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", outcome(&out));
    assert!(cache_file(&nb).is_file(), "status builds the cache");
    nb
}

/// Rewrites one character of a file in place, keeping its size and restoring its mtime, as
/// `touch -d` would: only the change time tells.
fn edit_keeping_size_and_mtime(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let before = fs::metadata(path).unwrap();
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    assert_eq!(fs::metadata(path).unwrap().len(), before.len());
}

fn an_evidence_file(nb: &Scratch) -> std::path::PathBuf {
    let month = nb.path("evidence/2025-11");
    let mut names: Vec<_> = fs::read_dir(&month).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    names.into_iter().find(|p| fs::read_to_string(p).unwrap().contains("[likelihood]")).unwrap()
}

#[test]
fn a_valid_cache_is_used_and_left_as_it_is() {
    let nb = settled();
    let before = modified(&cache_file(&nb));
    std::thread::sleep(Duration::from_millis(20));
    same_either_way(&nb, "nothing");
    assert_eq!(modified(&cache_file(&nb)), before, "an unchanged notebook leaves the cache unwritten");
}

#[test]
fn every_read_command_is_the_same_with_the_cache_after_changes_designed_to_fool_it() {
    let nb = settled();
    same_either_way(&nb, "nothing");

    // A new record, through the tool.
    let out = nb
        .forecast()
        .env("FORECAST_NOW", "2025-11-18T12:00:00+02:00")
        .args(["evidence", "add", "--title", "Cache probe", "--source", "Probe", "--date", "2025-11-17"])
        .args(["--likelihood", "withdrawal=0.6", "--likelihood", "containment=0.3", "--likelihood", "pushback=0.2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", outcome(&out));
    same_either_way(&nb, "an added item");

    // An edit in place with the same size and the modification time put back.
    let file = an_evidence_file(&nb);
    let text = fs::read_to_string(&file).unwrap();
    let digit = text.find("= 0.").map(|i| i + 4).unwrap();
    let old = &text[digit..digit + 1];
    let new = if old == "1" { "2" } else { "1" };
    let from = format!("= 0.{old}");
    edit_keeping_size_and_mtime(&file, &from, &format!("= 0.{new}"));
    same_either_way(&nb, "a same-size edit with its mtime restored");

    // A file renamed into another folder, then one deleted.
    let name = file.file_name().unwrap().to_owned();
    fs::create_dir_all(nb.path("evidence/moved")).unwrap();
    fs::rename(&file, nb.path("evidence/moved").join(&name)).unwrap();
    same_either_way(&nb, "a rename");
    fs::remove_file(nb.path("evidence/moved").join(&name)).unwrap();
    same_either_way(&nb, "a deletion");

    // A file replaced by a link to another file of different content.
    let target = an_evidence_file(&nb);
    let copy = nb.path("evidence/2025-11/.spare");
    let text = fs::read_to_string(&target).unwrap().replacen("title = \"", "title = \"Swapped ", 1);
    fs::write(&copy, text).unwrap();
    let swapped = target.with_extension("old");
    fs::rename(&target, &swapped).unwrap();
    std::os::unix::fs::symlink(&copy, &target).unwrap();
    same_either_way(&nb, "a link swapped in");
    fs::remove_file(&target).unwrap();
    fs::rename(&swapped, &target).unwrap();
    same_either_way(&nb, "the link swapped out");

    // Unreadable, then invalid: refused alike, with the same diagnostics.
    let mode = fs::metadata(&target).unwrap();
    fs::set_permissions(&target, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    same_either_way(&nb, "chmod 000");
    fs::set_permissions(&target, mode.permissions()).unwrap();
    let good = fs::read_to_string(&target).unwrap();
    fs::write(&target, good.replacen("[likelihood]", "[likelihood\n", 1)).unwrap();
    same_either_way(&nb, "a file made invalid");
    fs::write(&target, &good).unwrap();
    same_either_way(&nb, "the file repaired");

    // The frame: the zone, then a scenario added and removed.
    let settings = nb.read("notebook.toml");
    fs::write(nb.path("notebook.toml"), settings.replace("Europe/Kyiv", "Asia/Tokyo")).unwrap();
    same_either_way(&nb, "a zone change");
    fs::write(nb.path("notebook.toml"), &settings).unwrap();
    same_either_way(&nb, "the zone restored");
    let out = nb
        .forecast()
        .env("FORECAST_NOW", "2025-11-19T12:00:00+02:00")
        .args(["scenario", "add", "encirclement", "--title", "Encirclement"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", outcome(&out));
    same_either_way(&nb, "a scenario added");
    fs::remove_file(nb.path("scenarios/encirclement.toml")).unwrap();
    same_either_way(&nb, "a scenario removed");
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored_and_rebuilt() {
    let nb = settled();
    let expected = run(&nb, &["status"], false);
    let good = fs::read(cache_file(&nb)).unwrap();
    let half = good[..good.len() / 2].to_vec();
    for (what, bytes) in [("truncated", half), ("garbage", b"not a cache at all".to_vec()), ("empty", Vec::new())] {
        fs::write(cache_file(&nb), &bytes).unwrap();
        assert_eq!(run(&nb, &["status"], true), expected, "a {what} cache");
        assert_ne!(fs::read(cache_file(&nb)).unwrap(), bytes, "a {what} cache is rebuilt");
    }
}

#[test]
fn no_cache_and_its_variable_leave_the_cache_alone_and_check_reads_every_file() {
    let nb = example();
    for cmd in [nb.forecast().args(["--no-cache", "status"]).output(), {
        let mut c = nb.forecast();
        c.env("FORECAST_NO_CACHE", "1").arg("status");
        c.output()
    }] {
        assert_eq!(cmd.unwrap().status.code(), Some(0));
        assert!(!cache_file(&nb).exists(), "no cache is written when it is turned off");
    }
    let out = nb.forecast().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", outcome(&out));
    assert!(!cache_file(&nb).exists(), "check reads every file and writes no cache");
}
