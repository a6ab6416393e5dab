//! `forecast check`: validates the whole notebook and lists every finding.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Ui;
use crate::render::{Format, diagnostics, json};
use crate::store::{self, Summaries};

/// Validate the notebook: syntax, types, ids, values, references and history
///
/// Silent with exit code 0 when all is well. Otherwise lists every finding, sorted by file and
/// line, then a count; exit code 1 if any is an error. Warnings alone exit 0.
///
/// Examples:
///   forecast check
///   forecast check --format json | jq '.diagnostics[] | select(.severity == "error")'
///   forecast check --fix        # also remove temporary files left by interrupted writes
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output format: text or json
    #[arg(long, default_value = "text", value_parser = super::formats(&["text", "json"]))]
    pub format: Format,
    /// Remove temporary files left by interrupted writes (those older than 10 minutes), and the
    /// items an interrupted `evidence import` landed
    #[arg(long)]
    pub fix: bool,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let root = ctx.root()?;
    if args.fix {
        let (removed, kept) = store::remove_temporary_files(&root)?;
        for path in removed {
            ui.err(&format!("removed `{path}`\n"));
        }
        for path in kept {
            ui.err(&format!("kept `{path}`: it is under 10 minutes old, so a write may still own it\n"));
        }
        for path in store::undo_interrupted_import(&root)? {
            ui.err(&format!("removed `{path}`: an interrupted import landed it\n"));
        }
    }
    let (notebook, mut found) = ctx.check_every_file(&root, Summaries::Drop);
    if let Some(nb) = notebook.as_ref().filter(|_| !found.iter().any(Diagnostic::is_error)) {
        let mut alike = crate::analysis::duplicates::unlinked(nb);
        store::locate(&root, &mut alike);
        found.extend(alike);
    }
    found.extend(store::private_folder_problems(&root));
    let mut in_templates = templates(ctx, &root, notebook.as_ref());
    store::locate(&root, &mut in_templates);
    found.extend(in_templates);
    for draft in store::abandoned_drafts(&root) {
        let hint = format!("log it with `forecast evidence add --from {draft}`, or delete it");
        found.push(
            Diagnostic::warning(draft, None, "a draft kept from an editor session that was given up").with_hint(hint),
        );
    }
    crate::diagnostic::sort(&mut found);
    let failed = found.iter().any(Diagnostic::is_error);
    match args.format {
        Format::Json => ui.out(&json::json(&diagnostics::JsonReport::of(&found)))?,
        _ if failed => return Err(Error::Invalid(found)),
        _ => ui.report(&diagnostics::report(&found, ui.err_style()))?,
    }
    if failed { Err(Error::Reported) } else { Ok(()) }
}

/// The notebook's own templates (`templates/*.md`): each must compile, and the current week's
/// briefing must render with them. Templates only matter to `report`, so a broken one is an
/// error here and nowhere else.
fn templates(ctx: &Context, root: &std::path::Path, notebook: Option<&crate::model::Notebook>) -> Vec<Diagnostic> {
    let found = match store::template_overrides(root) {
        Ok(found) if found.is_empty() => return Vec::new(),
        Ok(found) => found,
        Err(e) => return vec![Diagnostic::error("templates", None, e.to_string())],
    };
    let sources: std::collections::BTreeMap<String, String> =
        found.iter().map(|(_, shown, source)| (shown.clone(), source.clone())).collect();
    let overrides = found.into_iter().map(|(name, shown, source)| (name, (shown, source))).collect();
    let problems = match notebook {
        Some(nb) => super::report::template_problems(nb, &ctx.now(nb.settings.timezone), &overrides),
        None => crate::render::markdown::compile(&overrides),
    };
    problems
        .into_iter()
        .map(|p| {
            let span = sources.get(&p.file).zip(p.line).and_then(|(source, line)| line_span(source, line));
            Diagnostic::error(p.file.clone(), span, format!("template error: {}", p.message))
        })
        .collect()
}

/// The byte range of line `line` (from 1) in `text`.
fn line_span(text: &str, line: usize) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return Some(start..start + l.trim_end_matches(['\n', '\r']).len().max(1));
        }
        start += l.len();
    }
    None
}
