//! `forecast templates export`: copies the built-in templates out for editing.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::render::markdown;
use crate::store::templates;
use std::path::PathBuf;

/// Work with the briefing templates.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Export(ExportArgs),
}

/// Copy the built-in templates into DIR for editing. A template in the notebook's templates/
/// folder overrides the built-in of the same name. Existing files are never overwritten.
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

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let Sub::Export(args) = args.command;
    let dir = match args.dir {
        Some(dir) => ctx.cwd().join(dir),
        None => ctx.root()?.join(templates::FOLDER),
    };
    if let Some((name, _)) = markdown::BUILTIN.iter().find(|(name, _)| dir.join(name).exists()) {
        return Err(Error::refused(
            format!("`{}` already exists", dir.join(name).display()),
            "move it aside, or export into another folder",
        ));
    }
    for (name, source) in markdown::BUILTIN {
        let path = dir.join(name);
        templates::write_output(&path, source, false).map_err(|e| Error::write(&path, e))?;
        println!("{}", path.display());
    }
    Ok(())
}
