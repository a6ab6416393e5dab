//! Help that reads like git's: one line per command, global options under their own heading,
//! every option described, and every command's examples shown whole, walked from clap's own tree
//! so that a new subcommand cannot be forgotten.

use crate::common::{forecast, stdout};
use clap::CommandFactory;

/// Every command that does something (a leaf of the tree), as its path of names.
fn leaves() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        let subcommands: Vec<&clap::Command> = command.get_subcommands().filter(|c| c.get_name() != "help").collect();
        if subcommands.is_empty() {
            out.push(path.clone());
        }
        for sub in subcommands {
            let mut next = path.clone();
            next.push(sub.get_name().to_string());
            walk(sub, next, out);
        }
    }
    let mut out = Vec::new();
    walk(&forecast::cli::Cli::command(), Vec::new(), &mut out);
    out
}

fn help(path: &[String], columns: &str) -> String {
    let output = forecast().args(path).arg("--help").env("COLUMNS", columns).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{path:?}");
    stdout(&output)
}

#[test]
fn every_command_has_examples_that_are_never_wrapped() {
    let leaves = leaves();
    assert!(leaves.len() >= 20, "the walk found the whole tree: {leaves:?}");
    for path in leaves {
        let text = help(&path, "40");
        assert!(text.contains("Example"), "{path:?} --help has no examples");
        assert_eq!(text, help(&path, "200"), "{path:?}: help must not depend on the terminal's width");
        let examples = text.split_once("Example").unwrap().1.split("\n\n").next().unwrap();
        for line in examples.lines().skip(1) {
            assert!(
                line.starts_with("  forecast ") || line.starts_with("      ") || line.starts_with("  pbpaste"),
                "{path:?}: `{line}`"
            );
            assert!(line.chars().count() <= 110, "{path:?}: example line too long to read: `{line}`");
        }
    }
}

#[test]
fn every_option_and_argument_is_described() {
    fn walk(command: &clap::Command, name: &str) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            assert!(
                arg.get_help().is_some_and(|h| !h.to_string().trim().is_empty()),
                "`{name}` option `{id}` has no description"
            );
        }
        for sub in command.get_subcommands() {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(!about.trim().is_empty(), "`{name} {}` has no summary", sub.get_name());
            assert!(!about.contains('\n'), "`{name} {}`'s summary is more than one line: {about:?}", sub.get_name());
            walk(sub, &format!("{name} {}", sub.get_name()));
        }
    }
    walk(&forecast::cli::Cli::command(), "forecast");
}

#[test]
fn the_command_list_has_one_line_per_command_then_the_global_options() {
    let text = stdout(&forecast().arg("--help").output().unwrap());
    let commands = text.split_once("Commands:\n").unwrap().1.split("\n\n").next().unwrap();
    let names: Vec<&str> = commands.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    let expected: Vec<String> = forecast::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    assert_eq!(names, expected, "one line per command:\n{commands}");
    for line in commands.lines() {
        assert!(line.starts_with("  ") && line.split_whitespace().count() > 1, "a command and its summary: {line}");
    }
    let globals = text.split_once("Global options:\n").expect("a heading for the global options").1;
    for flag in ["--notebook", "--author", "--now", "--color"] {
        assert!(globals.contains(flag), "{flag} under Global options");
    }
}

#[test]
fn completions_exist_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = forecast().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(stdout(&output).contains("forecast"), "{shell}");
    }
}
