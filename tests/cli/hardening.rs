//! Hardening: failing disks, SIGKILL at random moments, many writers at once, and git merges between analysts.

use crate::common::{Scratch, fixture, forecast, outcome, stderr, stdout};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Mounts a tmpfs of `size` at `dir`; false where the machine does not allow it.
fn mount_tmpfs(dir: &std::path::Path, size: &str) -> bool {
    std::fs::create_dir_all(dir).unwrap();
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn unmount(dir: &std::path::Path) {
    let _ = Command::new("umount").arg(dir).status();
}

fn add(nb: &Scratch) -> std::process::Output {
    nb.forecast().args(["evidence", "add", "--title", "Appeal filed", "--source", "Docket"]).output().unwrap()
}

#[test]
fn a_full_disk_refuses_the_write_and_changes_nothing() {
    let nb = fixture("court");
    let disk = nb.dir.path().join("disk");
    if mount_tmpfs(&disk, "256k") {
        let root = disk.join("notebook");
        crate::common::copy_tree(&nb.root, &root);
        let small = Scratch { dir: tempfile::tempdir().unwrap(), root };
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=4k"])
            .arg(format!("of={}", disk.join("filler").display()))
            .stderr(Stdio::null())
            .status();
        let before = small.snapshot();
        let output = add(&small);
        let after = small.snapshot();
        unmount(&disk);
        assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
        assert!(stderr(&output).contains("No space left on device"), "{}", stderr(&output));
        assert_eq!(after, before, "no record and no temporary file are left");
    } else {
        let before = nb.snapshot();
        let output = nb
            .forecast()
            .env("FORECAST_INJECT_WRITE_FAILURE", "1")
            .args(["evidence", "add", "--title", "t", "--source", "s"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains("No space left on device"), "{}", stderr(&output));
        assert_eq!(nb.snapshot(), before);
    }
}

#[test]
fn a_read_only_notebook_refuses_the_write_cleanly() {
    let nb = fixture("court");
    let disk = nb.dir.path().join("ro");
    if !mount_tmpfs(&disk, "1m") {
        eprintln!("cannot mount a tmpfs here; the injected-failure path is covered by the full-disk test");
        return;
    }
    let root = disk.join("notebook");
    crate::common::copy_tree(&nb.root, &root);
    let _ = Command::new("mount").args(["-o", "remount,ro"]).arg(&disk).status();
    let ro = Scratch { dir: tempfile::tempdir().unwrap(), root };
    let before = ro.snapshot();
    let outputs = [add(&ro), ro.forecast().args(["--author", "ana", "update", "approve=0.4"]).output().unwrap()];
    let check = ro.forecast().arg("check").output().unwrap();
    let after = ro.snapshot();
    unmount(&disk);
    for output in outputs {
        assert_eq!(output.status.code(), Some(1), "{}", outcome(&output));
        assert!(stderr(&output).contains("Read-only file system"), "{}", stderr(&output));
    }
    assert_eq!(check.status.code(), Some(0), "reading still works");
    assert_eq!(after, before);
}

#[test]
fn sigkill_at_random_moments_never_tears_a_record() {
    let nb = fixture("court");
    let mut seed: u64 = 0x5eed;
    for run in 0..200 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % 25_000);
        let mut cmd = nb.process();
        if run % 2 == 0 {
            cmd.args([
                "evidence",
                "add",
                "--title",
                &format!("Item {run}"),
                "--source",
                "Wire",
                "--likelihood",
                "approve=0.5",
                "--likelihood",
                "block=0.4",
                "--likelihood",
                "remedies=0.3",
            ]);
        } else {
            cmd.args([
                "--author",
                "ana",
                "update",
                &format!("approve={:.2}", 0.2 + (run % 50) as f64 / 100.0),
                "-m",
                "crash test",
            ]);
        }
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
    }
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "every record is whole: {}", outcome(&check));
    let written = nb.records("evidence").len() + nb.records("updates").len() - 6;
    assert!(written > 10 && written < 190, "the kills should land both before and after writes: {written} written");
    for line in stderr(&check).lines().filter(|l| l.contains(": warning:")) {
        assert!(line.contains("leftover temporary file") || line.contains("may report the same news"), "{line}");
    }
    crate::common::age_temporary_files(&nb.root);
    let fixed = nb.forecast().args(["check", "--fix"]).output().unwrap();
    assert_eq!(fixed.status.code(), Some(0));
    valid_but_for_duplicates(&nb);
}

#[test]
fn fifty_writers_mixing_evidence_and_updates_lose_nothing() {
    let nb = fixture("court");
    let children: Vec<_> = (0..50)
        .map(|i| {
            let mut cmd = nb.process();
            if i % 2 == 0 {
                cmd.args(["evidence", "add", "--title", "Same headline", "--source", "Wire", "--date", "2026-03-19"]);
            } else {
                cmd.args([
                    "--author",
                    if i % 4 == 1 { "ana" } else { "ben" },
                    "update",
                    "approve=0.3",
                    "-m",
                    "same minute",
                ]);
            }
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", outcome(&output));
    }
    assert_eq!(nb.records("evidence").iter().filter(|f| f.contains("same-headline")).count(), 25);
    assert_eq!(nb.records("updates").len(), 3 + 25);
    valid_but_for_duplicates(&nb);
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-03-20T12:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2026-03-20T12:00:00+01:00")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn two_analysts_branches_merge_without_conflict() {
    let nb = fixture("court");
    let origin = &nb.root;
    // As `init` writes it: the tool's private folder (clone token, cache) stays out of git.
    std::fs::write(origin.join(".gitignore"), "/.forecast/\n").unwrap();
    git(origin, &["init", "-q", "-b", "main"]);
    git(origin, &["-c", "user.name=setup", "-c", "user.email=s@x", "add", "-A"]);
    git(origin, &["-c", "user.name=setup", "-c", "user.email=s@x", "commit", "-qm", "notebook"]);
    let clone = |name: &str| {
        let path = nb.dir.path().join(name);
        git(nb.dir.path(), &["clone", "-q", origin.to_str().unwrap(), name]);
        path
    };
    for (name, author) in [("ana-clone", "ana"), ("ben-clone", "ben")] {
        let dir = clone(name);
        let run = |args: &[&str]| {
            let output = forecast().current_dir(&dir).env("FORECAST_AUTHOR", author).args(args).output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{author} {args:?}: {}", outcome(&output));
            stdout(&output)
        };
        run(&[
            "evidence",
            "add",
            "--title",
            "Court schedules ruling",
            "--date",
            "2026-03-19",
            "--source",
            "Docket",
            "--likelihood",
            "approve=0.5",
            "--likelihood",
            "block=0.5",
            "--likelihood",
            "remedies=0.7",
        ]);
        run(&["update", "--bayes", "-m", "the schedule"]);
        run(&["update", "approve=0.25", "-m", "judgment on top"]);
        git(&dir, &["-c", &format!("user.name={author}"), "-c", "user.email=a@x", "add", "-A"]);
        git(
            &dir,
            &[
                "-c",
                &format!("user.name={author}"),
                "-c",
                "user.email=a@x",
                "commit",
                "-qm",
                &format!("{author}'s work"),
            ],
        );
        git(&dir, &["push", "-q", "origin", &format!("HEAD:refs/heads/{author}")]);
    }
    git(origin, &["-c", "user.name=m", "-c", "user.email=m@x", "merge", "-q", "--no-edit", "ana"]);
    git(origin, &["-c", "user.name=m", "-c", "user.email=m@x", "merge", "-q", "--no-edit", "ben"]);
    assert_eq!(git(origin, &["status", "--porcelain"]), "", "no conflict left behind");
    let evidence: Vec<String> =
        nb.records("evidence").into_iter().filter(|f| f.contains("court-schedules-ruling")).collect();
    assert_eq!(evidence.len(), 2, "{evidence:?}");
    assert_eq!(nb.records("updates").len(), 3 + 4);
    valid_but_for_duplicates(&nb);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let nb = fixture("court");
    for _ in 0..5 {
        let mut child =
            nb.process().args(["completions", "bash"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            output.status.success() || output.status.signal() == Some(13),
            "expected success or a quiet SIGPIPE, got {:?}: {err}",
            output.status
        );
    }
}

#[test]
fn dates_outside_the_years_toml_can_hold_are_refused_not_panicked_on() {
    let nb = fixture("court");
    let before = nb.snapshot();
    for args in [
        &["evidence", "add", "--title", "x", "--source", "s", "--date=-0001-01-01"][..],
        &["evidence", "add", "--title", "x", "--source", "s", "--date=+10000-01-01"],
        &["scenario", "add", "zz", "--title", "Z", "--since=-0001-01-01"],
        &["resolve", "approve", "--date=+99999-01-01"],
        &["update", "approve=0.5", "--at", "+10000-01-01T00:00:00Z"],
    ] {
        let output = nb.forecast().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", outcome(&output));
        assert!(stderr(&output).contains("0000 to 9999"), "{args:?}: {}", stderr(&output));
    }
    let output = nb.forecast().env("FORECAST_NOW", "+10000-01-01").args(["update", "approve=0.5"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", outcome(&output));
    assert_eq!(nb.snapshot(), before);
}

/// `check` passes, and its only warnings name the copies of one headline these tests write on
/// purpose as likely duplicates.
fn valid_but_for_duplicates(nb: &crate::common::Scratch) {
    let check = nb.forecast().arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", outcome(&check));
    for line in stderr(&check).lines().filter(|l| l.contains(": warning:")) {
        assert!(line.contains("may report the same news"), "{line}");
    }
}
