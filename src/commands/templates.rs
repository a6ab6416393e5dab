//! `forecast templates export`: copies the built-in templates out for editing.

use crate::context::Context;
use crate::error::Result;
use crate::output::Ui;
use crate::render::markdown;
use crate::store;
use std::path::PathBuf;

/// Work with the briefing templates
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  forecast templates export                 # into the notebook's templates/, to edit them there
  forecast templates export /tmp/templates")]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Export(ExportArgs),
}

/// Copy the built-in templates out for editing
///
/// A template in the notebook's templates/ folder overrides the built-in of the same name.
/// Existing files are never overwritten.
///
/// Examples:
///   forecast templates export                 # into the notebook's templates/
///   forecast templates export /tmp/templates
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    /// Where to write them [default: the notebook's templates/]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let Sub::Export(args) = args.command;
    let root = ctx.root().ok();
    let dir = match args.dir {
        Some(dir) => ctx.path(&dir),
        None => ctx.root()?.join(store::TEMPLATES_FOLDER),
    };
    let files: Vec<(PathBuf, Vec<u8>)> =
        markdown::BUILTIN.iter().map(|(name, source)| (dir.join(name), source.as_bytes().to_vec())).collect();
    let landed = store::write_outputs(root.as_deref(), &files, false, "move it aside, or export into another folder")?;
    let listing: String = landed.ids.iter().map(|path| format!("{path}\n")).collect();
    ui.out(&listing)
}
