//! The layers, enforced. Reads every file under `src/`, with comments, string literals and test
//! modules taken out, and fails on:
//! - an import of a layer the rule below does not allow;
//! - `std::fs`, `File::open` or `OpenOptions` outside `store`;
//! - `print!`, `println!`, `eprint!`, `eprintln!` or `dbg!` outside the output layer.
//!
//! The rule (each layer may also import itself, `error` and `diagnostic`):
//!
//! | layer        | may import                                                  |
//! |--------------|-------------------------------------------------------------|
//! | `model`      | nothing else                                                 |
//! | `analysis`   | `model`                                                     |
//! | `store`      | `model`                                                     |
//! | `report`     | `analysis`, `model`                                         |
//! | `render`     | `report`, `model`                                           |
//! | `output`     | `render`, `model`                                           |
//! | `context`    | `store`, `analysis`, `model`                                |
//! | `commands`   | `context`, `output`, `store`, `analysis`, `report`, `render`, `model` |
//! | `cli`        | everything                                                  |
//!
//! It can fail: `a_forbidden_import_is_caught` feeds it a `render` file that imports `analysis`,
//! a `report` file that opens a file, and an `analysis` file that prints.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const SHARED: [&str; 2] = ["error", "diagnostic"];

/// Which layers `layer` may import, besides itself and the shared ones.
fn allowed(layer: &str) -> &'static [&'static str] {
    match layer {
        "model" | "error" | "diagnostic" => &[],
        "analysis" | "store" => &["model"],
        "report" => &["analysis", "model"],
        "render" => &["report", "model"],
        "output" => &["render", "model"],
        "context" => &["store", "analysis", "model"],
        "commands" => &["context", "output", "store", "analysis", "report", "render", "model"],
        _ => &["cli", "commands", "context", "output", "store", "analysis", "report", "render", "model"],
    }
}

/// The layer a file under `src/` belongs to: its top module.
fn layer_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs").to_string()
}

/// The source with comments and the contents of string and char literals removed, so that a
/// path written in a doc comment or a message is not taken for code.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let body_start = i + 2 + hashes;
            let rest: String = chars[body_start..].iter().collect();
            let end = rest
                .find(&close)
                .map_or(chars.len(), |at| body_start + rest[..at].chars().count() + close.chars().count());
            out.push_str("\"\"");
            i = end;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\''
            && (chars.get(i + 2) == Some(&'\'')
                || (next == Some('\\') && chars[i + 2..].iter().take(10).any(|c| *c == '\'')))
        {
            let end = chars[i + 1..].iter().position(|c| *c == '\'').map_or(chars.len(), |p| i + 1 + p + 1);
            let end = if next == Some('\\') {
                chars[i + 2..].iter().position(|c| *c == '\'').map_or(chars.len(), |p| i + 2 + p + 1)
            } else {
                end
            };
            out.push_str("' '");
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    without_test_modules(&out)
}

/// The code with every `#[cfg(test)] mod … { … }` block taken out.
fn without_test_modules(code: &str) -> String {
    let mut out = code.to_string();
    while let Some(at) = out.find("#[cfg(test)]") {
        let Some(open) = out[at..].find('{').map(|p| at + p) else { break };
        let mut depth = 0;
        let mut end = out.len();
        for (offset, c) in out[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + offset + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.replace_range(at..end, "");
    }
    out
}

/// The crate's top modules that `code` names: `crate::x`, `crate::{x, y::z}`, `$crate::x`.
fn imported(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut part = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(first_segment(&part));
                        part.clear();
                        continue;
                    }
                    _ => {}
                }
                part.push(c);
            }
            found.insert(first_segment(&part));
        } else {
            found.insert(first_segment(rest));
        }
    }
    found.remove("");
    // `keywords!` is the model's macro, exported at the crate's root.
    if found.remove("keywords") {
        found.insert("model".to_string());
    }
    found
}

fn first_segment(path: &str) -> String {
    path.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Every breach of the rule in one file's source.
fn breaches(rel: &str, source: &str) -> Vec<String> {
    let layer = layer_of(rel);
    let code = code_only(source);
    let mut found = Vec::new();
    if !["lib", "main"].contains(&layer.as_str()) {
        for module in imported(&code) {
            let ok = module == layer || SHARED.contains(&module.as_str()) || allowed(&layer).contains(&module.as_str());
            if !ok {
                found.push(format!("{rel}: `{layer}` imports `{module}`, which it may not"));
            }
        }
    }
    if layer != "store" {
        for needle in ["std::fs", "fs::", "File::open", "OpenOptions"] {
            if code.contains(needle) {
                found.push(format!("{rel}: `{needle}` outside `store`, the only code that touches disk"));
            }
        }
    }
    if layer != "output" {
        for needle in ["print!(", "println!(", "eprint!(", "eprintln!(", "dbg!("] {
            if code.contains(needle) {
                found.push(format!("{rel}: `{needle}` outside the output layer"));
            }
        }
    }
    found
}

fn sources(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn every_layer_imports_only_what_lies_below_it() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &root, &mut files);
    assert!(files.len() > 50, "found the sources: {}", files.len());
    let found: Vec<String> = files.iter().flat_map(|(rel, source)| breaches(rel, source)).collect();
    assert!(found.is_empty(), "the layers are broken:\n{}", found.join("\n"));
}

#[test]
fn a_forbidden_import_is_caught() {
    let render = "//! A renderer.\nuse crate::analysis::words;\nuse crate::report::status::Status;\n";
    assert_eq!(
        breaches("render/status.rs", render),
        ["render/status.rs: `render` imports `analysis`, which it may not"]
    );
    let grouped = "use crate::{model::Notebook, store::load};\n";
    assert_eq!(breaches("analysis/x.rs", grouped), ["analysis/x.rs: `analysis` imports `store`, which it may not"]);
    let disk = "fn f() { let _ = std::fs::read(\"x\"); }\n";
    assert_eq!(breaches("report/x.rs", disk).len(), 2, "std::fs and fs:: are both named");
    let prints = "fn f() { println!(\"hi\"); }\n";
    assert_eq!(breaches("analysis/x.rs", prints), ["analysis/x.rs: `println!(` outside the output layer"]);
}

#[test]
fn comments_strings_and_tests_do_not_count() {
    let source = "//! Uses crate::store in prose.\n/// `println!(\"x\")`\nconst A: &str = \"crate::store std::fs\";\nconst B: &str = r#\"eprintln!(\"x\")\"#;\n#[cfg(test)]\nmod tests {\n    use crate::store;\n    fn f() { std::fs::read(\"x\").unwrap(); println!(\"{}\", '\"'); }\n}\n";
    assert!(breaches("model/x.rs", source).is_empty(), "{:?}", breaches("model/x.rs", source));
}
