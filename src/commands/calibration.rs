//! `forecast calibration`: how well-calibrated the final estimates were across many resolved notebooks.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::score::{self, CalibrationReport, Skipped};
use crate::store::{self, Summaries};
use std::path::PathBuf;

/// Calibration of the final estimates across resolved notebooks
///
/// Each scenario's final aggregate estimate in each notebook is one binary forecast; forecasts
/// fall in 10 equal-width bins, each shown with its count, mean forecast, observed frequency and
/// 90% Jeffreys interval; then the Brier score per binary forecast (0 perfect, 1 worst) with its
/// Murphy decomposition. Unresolved or invalid notebooks are skipped, with the reason.
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
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
    /// Also draw the calibration chart to this SVG file
    #[arg(long, value_name = "FILE.svg")]
    pub out: Option<PathBuf>,
    /// Replace the SVG file if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let mut roots = Vec::new();
    let mut report = CalibrationReport { notebooks: Vec::new(), skipped: Vec::new(), calibration: Default::default() };
    for path in &args.paths {
        let full = ctx.path(path);
        if !full.exists() {
            return Err(Error::input(format!("`{}` does not exist", path.display())));
        }
        let (found, problems) = store::find_notebooks(&full);
        roots.extend(found);
        report
            .skipped
            .extend(problems.into_iter().map(|(p, reason)| Skipped { path: p.display().to_string(), reason }));
    }
    let mut forecasts = Vec::new();
    for root in roots {
        let shown = root.display().to_string();
        let (notebook, found) = ctx.check(&root, Summaries::Drop);
        let errors = found.iter().filter(|d| d.is_error()).count();
        let skip = |reason: String| Skipped { path: shown.clone(), reason };
        match notebook.filter(|_| !found.iter().any(Diagnostic::is_error)) {
            None => report
                .skipped
                .push(skip(format!("invalid ({}; run `forecast check`)", render::table::count(errors, "error")))),
            Some(nb) if nb.resolution.is_none() => report.skipped.push(skip("not resolved yet".into())),
            Some(nb) => match score::binary_forecasts(&nb) {
                None => {
                    report.skipped.push(skip("resolved, but no estimate was made before the resolution date".into()))
                }
                Some(list) => {
                    forecasts.extend(list);
                    report.notebooks.push(shown);
                }
            },
        }
    }
    report.calibration = score::calibration(&forecasts);
    if let Some(out) = &args.out {
        let svg = render::chart::calibration_svg(&report.calibration).map_err(Error::input)?;
        store::write_outputs(None, &[(ctx.path(out), svg.into_bytes())], args.force, "pass --force to replace it")?;
    }
    super::show(ui, args.format, &report, render::score::calibration)
}
