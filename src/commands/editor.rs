//! Editor mode for `evidence add`: a commented template in $VISUAL/$EDITOR, re-opened on invalid input,
//! and a draft file that keeps whatever was typed.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Moment, time};
use crate::render::diagnostics;
use crate::store::{self, append};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Opens the editor until the draft is a valid evidence record, or the user gives up (the draft is kept).
pub fn evidence(
    ctx: &Context,
    root: &Path,
    now: &Moment,
    author: &str,
    frame: &append::Frame,
) -> Result<append::EvidenceDraft> {
    let editor = editor_command()
        .ok_or_else(|| Error::refused("no editor set", "set $VISUAL or $EDITOR, or pass --title and --source"))?;
    let template = template(now, frame);
    let draft = draft_path(root, now);
    std::fs::create_dir_all(draft.parent().expect("drafts have a folder")).map_err(|e| Error::write(&draft, e))?;
    std::fs::write(&draft, &template).map_err(|e| Error::write(&draft, e))?;
    loop {
        open(&editor, &draft)?;
        let typed = std::fs::read_to_string(&draft).map_err(|e| Error::Read { path: draft.clone(), source: e })?;
        if typed == template {
            let _ = std::fs::remove_file(&draft);
            return Err(Error::refused("nothing was entered; no evidence logged", "fill in the template and save it"));
        }
        let text = strip_template_comments(&typed, &template);
        let name = store::diagnostic_path(root, &draft);
        match append::prepare_evidence(&name, &text, now, author, frame) {
            Ok(ready) => {
                let _ = std::fs::remove_file(&draft);
                return Ok(ready);
            }
            Err(mut found) => {
                store::locate_text(&text, &mut found);
                eprint!("{}", diagnostics::report(&found, ctx.err_style));
                if !ask("Edit again? [Y/n] ") {
                    eprintln!("your draft is kept in {}", draft.display());
                    eprintln!("log it later with: forecast evidence add --from {}", draft.display());
                    return Err(Error::Reported);
                }
            }
        }
    }
}

fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// Runs the editor through the shell, so that `EDITOR="code --wait"` works.
fn open(editor: &str, path: &Path) -> Result<()> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| Error::input(format!("cannot start the editor `{editor}`: {e}")))?;
    if !status.success() {
        eprintln!("the editor `{editor}` exited with {status}; your draft is kept in {}", path.display());
        return Err(Error::Reported);
    }
    Ok(())
}

/// Asks a yes/no question on stderr and reads the answer from stdin; yes unless the answer starts with n.
fn ask(question: &str) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => false,
        Ok(_) => !answer.trim().to_ascii_lowercase().starts_with('n'),
    }
}

fn draft_path(root: &Path, now: &Moment) -> PathBuf {
    append::drafts_dir(root).join(format!("evidence-{}-{}.toml", now.format("%Y%m%d-%H%M%S"), std::process::id()))
}

fn template(now: &Moment, frame: &append::Frame) -> String {
    let today = time::day_in(frame.settings.timezone, now);
    let mut text = String::from(
        "# New evidence. Fill in the fields, save, and close the editor.\n\
         # Required: title, date, source. Uncomment the optional lines you need.\n\
         title = \"\"\n",
    );
    text.push_str(&format!("date = {today}\n"));
    text.push_str(
        "source = \"\"\n\
         # url = \"https://\"\n\
         # reliability = \"B\"      # Admiralty source reliability, A (reliable) to F (cannot be judged)\n\
         # credibility = 2        # information credibility, 1 (confirmed) to 6 (cannot be judged)\n\
         # summary = \"\"           # in your own words\n\
         # tags = []\n",
    );
    for s in &frame.scenarios {
        for i in &s.indicators {
            text.push_str(&format!("# observes = [\"{}/{}\"]   # {}\n", s.id, i.id, i.text));
        }
    }
    text.push_str(
        "\n# How expected is this item under each scenario? A number (only ratios matter) or CC, C, N, I, II.\n",
    );
    text.push_str("# Leave the table out if the item informs judgment only.\n# [likelihood]\n");
    for s in frame.scenarios.iter().filter(|s| s.in_play_on(today)) {
        text.push_str(&format!("# {} = 0.5\n", s.id));
    }
    text
}

/// Drops the template's own comment lines, keeping anything the user wrote.
fn strip_template_comments(typed: &str, template: &str) -> String {
    let ours: std::collections::HashSet<&str> = template.lines().filter(|l| l.trim_start().starts_with('#')).collect();
    typed.lines().filter(|l| !ours.contains(l)).map(|l| format!("{l}\n")).collect()
}
