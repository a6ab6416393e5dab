//! `forecast man [DIR]`: roff manual pages for every command.

use crate::error::{Error, Result};
use crate::output::Ui;
use std::path::PathBuf;

/// Write manual pages (roff) for forecast and every command into DIR
///
/// One page per command: forecast.1, forecast-status.1, forecast-evidence-add.1, and so on.
/// Pages already there are replaced; nothing else in DIR is touched.
///
/// Examples:
///   forecast man ~/.local/share/man/man1 && man forecast-status
///   forecast man /usr/local/share/man/man1      # as root, for every user
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The folder to write the pages into [default: the current folder]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Writes a page for `command` (the whole command line, which `cli` hands down) and each of its
/// subcommands, all or none.
pub fn run(ctx: &crate::context::Context, ui: &Ui, args: Args, command: clap::Command) -> Result<()> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let mut pages = Vec::new();
    pages_of(command, "forecast", &mut pages)?;
    // Inside a notebook, pages obey the rules every output there does: never into `.git/`,
    // `.forecast/` or a record folder, never through a link leading out.
    let absolute = ctx.path(&dir);
    let root = crate::store::find_root(&absolute);
    let files: Vec<(PathBuf, Vec<u8>)> = pages.into_iter().map(|(name, page)| (absolute.join(name), page)).collect();
    let landed = crate::store::write_outputs(root.as_deref(), &files, true, "")?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    ui.err(&format!("wrote {} manual pages into {}\n", files.len(), dir.display()));
    Ok(())
}

/// The page of `command`, named `name`, then those of its subcommands (`name-sub`).
fn pages_of(command: clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let command = command.name(name.to_string()).bin_name(name.replace('-', " "));
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(|e| Error::input(format!("cannot render the manual page of `{name}`: {e}")))?;
    pages.push((format!("{name}.1"), page));
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        pages_of(sub.clone(), &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}
