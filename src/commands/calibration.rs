//! `forecast calibration`: how well-calibrated the final estimates were across many resolved notebooks.

use super::Format;
use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::render;
use crate::report::score::{self, CalibrationReport, Skipped};
use crate::store;
use std::path::PathBuf;

/// Calibration across resolved notebooks. Each scenario's final aggregate estimate in each
/// notebook is one binary forecast; forecasts fall in 10 equal-width bins, each shown with its
/// count, mean forecast, observed frequency and 90% Jeffreys interval; then the overall Brier
/// score with its Murphy decomposition. Unresolved or invalid notebooks are skipped with a note.
///
/// Examples:
///   forecast calibration ~/notebooks
///   forecast calibration a b c --format json
///   forecast calibration ~/notebooks --out calibration.svg
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Notebooks, or folders searched for notebooks
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also draw the calibration chart to this SVG file
    #[arg(long, value_name = "FILE.svg")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut roots = Vec::new();
    for path in &args.paths {
        let full = ctx.cwd().join(path);
        if !full.exists() {
            return Err(Error::input(format!("`{}` does not exist", path.display())));
        }
        roots.extend(store::find_notebooks(&full));
    }
    let mut report = CalibrationReport { notebooks: Vec::new(), skipped: Vec::new(), calibration: Default::default() };
    let mut forecasts = Vec::new();
    for root in roots {
        let shown = root.display().to_string();
        let (notebook, found) = ctx.check(&root, store::Summaries::Drop);
        let errors = found.iter().filter(|d| d.is_error()).count();
        match notebook.filter(|_| !found.iter().any(Diagnostic::is_error)) {
            None => report
                .skipped
                .push(Skipped { path: shown, reason: format!("invalid ({errors} error(s); run `forecast check`)") }),
            Some(nb) => match score::binary_forecasts(&nb) {
                None => report.skipped.push(Skipped {
                    path: shown,
                    reason: "not resolved, or no estimate before the resolution date".into(),
                }),
                Some(list) => {
                    forecasts.extend(list);
                    report.notebooks.push(shown);
                }
            },
        }
    }
    report.calibration = crate::analysis::scoring::calibration(&forecasts);
    if let Some(out) = &args.out {
        let path = ctx.cwd().join(out);
        let svg = render::chart::calibration_svg(&report.calibration).map_err(Error::input)?;
        store::templates::write_output(&path, &svg, false).map_err(|e| Error::write(&path, e))?;
    }
    match args.format {
        Format::Json => print!("{}", render::evidence::json(&report)),
        Format::Table => print!("{}", render::score::calibration(&report)),
    }
    Ok(())
}
