//! Editor mode for `evidence add`: a commented template in $VISUAL/$EDITOR, re-opened on invalid
//! input, and a draft that keeps whatever was typed.

use crate::error::{Error, Result};
use crate::model::{Moment, text, time};
use crate::output::Ui;
use crate::store::{self, EvidenceDraft, Frame};
use std::path::Path;

/// Opens the editor until the draft is a valid evidence record, or the user gives up (the draft is kept).
pub fn evidence(ui: &Ui, root: &Path, now: &Moment, author: &str, frame: &Frame) -> Result<EvidenceDraft> {
    let editor = editor_command()
        .ok_or_else(|| Error::refused("no editor set", "set $VISUAL or $EDITOR, or pass --title and --source"))?;
    let template = template(now, frame);
    let name = format!("evidence-{}-{}.toml", now.format("%Y%m%d-%H%M%S"), std::process::id());
    let draft = store::create_draft(root, &name, &template)?;
    let shown = format!("{}/{name}", ".forecast/drafts");
    loop {
        open(ui, &editor, &draft)?;
        let typed = store::read_draft(&draft)?;
        if typed == template {
            store::remove_draft(&draft);
            return Err(Error::refused("nothing was entered; no evidence logged", "fill in the template and save it"));
        }
        // Checked as typed, so every finding points at the line the person sees.
        match store::evidence_from_text(&shown, &typed, now, author, frame) {
            Ok(_) => {
                let ready =
                    store::evidence_from_text(&shown, &strip_template_comments(&typed, &template), now, author, frame)?;
                store::remove_draft(&draft);
                return Ok(ready);
            }
            Err(Error::Invalid(found)) => {
                ui.error(&Error::Invalid(found));
                if !ui.ask("Edit again? [Y/n] ") {
                    ui.err(&format!("your draft is kept in {}\n", draft.display()));
                    ui.err(&format!("log it later with: forecast evidence add --from {}\n", draft.display()));
                    return Err(Error::Reported);
                }
            }
            Err(other) => return Err(other),
        }
    }
}

fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// Runs the editor through the shell, so that `EDITOR="code --wait"` works.
fn open(ui: &Ui, editor: &str, path: &Path) -> Result<()> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| Error::input(format!("cannot start the editor `{editor}`: {e}")))?;
    if !status.success() {
        ui.err(&format!("the editor `{editor}` exited with {status}; your draft is kept in {}\n", path.display()));
        return Err(Error::Reported);
    }
    Ok(())
}

/// A TOML value as the serializer writes it: quoted and escaped.
fn value(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn template(now: &Moment, frame: &Frame) -> String {
    let today = time::day_in(frame.zone(), now);
    let mut out = String::from(
        "# New evidence. Fill in the fields, save, and close the editor.\n\
         # Required: title, date, source. Uncomment the optional lines you need.\n\
         title = \"\"\n",
    );
    out.push_str(&format!("date = {today}\n"));
    out.push_str(
        "source = \"\"\n\
         # url = \"https://\"\n\
         # grade = \"B2\"           # Admiralty: reliability A (reliable) to F (cannot be judged),\n\
         #                        # then credibility 1 (confirmed) to 6 (cannot be judged)\n\
         # summary = \"\"           # in your own words\n\
         # tags = []\n",
    );
    for s in &frame.scenarios {
        for i in &s.indicators {
            let reference = value(&format!("{}/{}", s.id, i.id));
            out.push_str(&format!("# observes = [{reference}]   # {}\n", text::line(&i.text)));
        }
    }
    out.push_str(
        "\n# How expected is this item under each scenario? A number (only ratios matter) or CC, C, N, I, II.\n",
    );
    out.push_str("# Leave the table out if the item informs judgment only.\n# [likelihood]\n");
    for s in frame.scenarios.iter().filter(|s| s.in_play_on(today)) {
        out.push_str(&format!("# {} = 0.5\n", s.id));
    }
    out
}

/// Drops the template's own comment lines, keeping anything the user wrote.
fn strip_template_comments(typed: &str, template: &str) -> String {
    let ours: std::collections::HashSet<&str> = template.lines().filter(|l| l.trim_start().starts_with('#')).collect();
    typed.lines().filter(|l| !ours.contains(l)).map(|l| format!("{l}\n")).collect()
}
