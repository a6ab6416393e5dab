//! Shared helpers: the pinned binary, fixture notebooks copied to temporary folders, and output capture.

#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The pinned clock every test runs with, unless it sets its own.
pub const NOW: &str = "2026-03-20T12:00:00+01:00";

/// The repository root, which is also the shipped example notebook.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `forecast` with a pinned clock and author, no colour, and no notebook from the environment.
pub fn forecast() -> Command {
    Command::from_std(process())
}

/// The same, as a plain process, for tests that spawn it with pipes.
pub fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("forecast"));
    cmd.env("FORECAST_NOW", NOW)
        .env("FORECAST_AUTHOR", "tester")
        .env("NO_COLOR", "1")
        .env_remove("FORECAST_NOTEBOOK")
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    cmd
}

/// A notebook copied into a fresh temporary folder: `dir/notebook`, with room beside it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Scratch {
    /// `forecast --notebook <root>`.
    pub fn forecast(&self) -> Command {
        let mut cmd = forecast();
        cmd.arg("--notebook").arg(&self.root);
        cmd
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, contents: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    /// `forecast --notebook <root>` as a plain process, for spawning with pipes.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = process();
        cmd.arg("--notebook").arg(&self.root);
        cmd
    }

    /// Every file under the notebook with its bytes, to prove a refused command changed nothing.
    /// The validated cache is left out: any command that reads the notebook may refresh it, and it
    /// never changes what a command says (see `cache.rs`).
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        walk(&self.root, &self.root, &mut files);
        files.retain(|rel, _| !rel.starts_with(".forecast/cache/"));
        files
    }

    /// Record files in one folder, recursively, relative to it.
    pub fn records(&self, folder: &str) -> Vec<String> {
        let mut files = BTreeMap::new();
        walk(&self.path(folder), &self.path(folder), &mut files);
        files.into_keys().collect()
    }
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, fs::read(&path).unwrap_or_default());
        }
    }
}

/// Makes every temporary file under `root` look an hour old, as an abandoned write's would be:
/// `check --fix` removes only those no running writer can own.
pub fn age_temporary_files(root: &Path) {
    let Ok(entries) = fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            age_temporary_files(&path);
        } else if entry.file_name().to_string_lossy().starts_with(".forecast-") {
            let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            fs::File::options().write(true).open(&path).unwrap().set_modified(hour_ago).unwrap();
        }
    }
}

/// The clone token the test notebooks carry, so that the ids the tool makes are known in advance.
pub const TOKEN: &str = "k7q2";

/// Gives a notebook folder the clone token `TOKEN` (see `.forecast/clone`).
pub fn pin_token(root: &Path) {
    fs::create_dir_all(root.join(".forecast")).unwrap();
    fs::write(root.join(".forecast/clone"), format!("{TOKEN}\n")).unwrap();
}

/// Copies a fixture notebook from `tests/fixtures/<name>` into a temporary folder.
pub fn fixture(name: &str) -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notebook");
    copy_tree(&repo().join("tests/fixtures").join(name), &root);
    pin_token(&root);
    Scratch { dir, root }
}

/// Copies the shipped example notebook (the repository root's records) into a temporary folder.
pub fn example() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notebook");
    fs::create_dir_all(&root).unwrap();
    for part in ["notebook.toml", "scenarios", "evidence", "updates"] {
        let from = repo().join(part);
        if from.is_dir() {
            copy_tree(&from, &root.join(part));
        } else {
            fs::copy(&from, root.join(part)).unwrap();
        }
    }
    pin_token(&root);
    Scratch { dir, root }
}

/// Copies a folder, recreating symbolic links as links.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let kind = entry.file_type().unwrap();
        let target = to.join(entry.file_name());
        if kind.is_symlink() {
            let link = fs::read_link(entry.path()).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs a process with `input` on its standard input and captures its output.
pub fn piped(mut cmd: std::process::Command, input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // The command may stop reading early (it refuses input past the record cap): that is fine.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

/// Exit code, standard output and standard error of a finished command, for snapshots.
pub fn outcome(output: &std::process::Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `forecast` on `nb` with the clock at `now`.
pub fn at(nb: &Scratch, now: &str) -> assert_cmd::Command {
    let mut cmd = nb.forecast();
    cmd.env("FORECAST_NOW", now);
    cmd
}

/// A fresh notebook "vote" in UTC with scenarios approve, delay and reject.
pub fn vote() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notebook");
    forecast()
        .env("FORECAST_NOW", "2025-12-31T12:00:00Z")
        .args(["init", root.to_str().unwrap(), "--title", "Vote", "--question", "Q?", "--timezone", "UTC"])
        .args(["--scenario", "approve=Approve", "--scenario", "delay=Delay", "--scenario", "reject=Reject"])
        .assert()
        .success();
    pin_token(&root);
    Scratch { dir, root }
}

/// Runs git in `dir` with a fixed identity and clock; panics unless it succeeds; its stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@x"])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-03-20T12:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2026-03-20T12:00:00+01:00")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}
