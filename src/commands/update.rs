//! `forecast update`: record a new estimate, by judgment or as proposed by Bayes.

use crate::analysis::plan;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::time::{self, TimeArg};
use crate::model::value::ScenarioValue;
use crate::model::{Confidence, Evidence};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::proposal;
use crate::store;

/// Record a new estimate, by judgment or proposed by Bayes
///
/// Judgment: give SCENARIO=P for the scenarios you want to set (0.62 or 62%); those left out keep
/// their relative proportions from your previous estimate and share what remains.
///
/// Bayes (--bayes): posterior ∝ prior × likelihoods, the prior being your latest estimate. Without
/// --evidence it uses every item with likelihoods that none of your updates has cited yet.
///
/// The update is written to updates/<author>/<YYYY-MM>/<date>-<HHMMSS>-<author>-<token>.toml,
/// the token naming this clone (see docs/format.md). Only your
/// latest updates and the cited items are read, so it is instant on any size of notebook, except
/// --bayes without --evidence, which must look at every item.
///
/// Examples:
///   forecast update withdrawal=62% -m "Road to Pavlohrad under fire control" \
///       --evidence 2025-11-05-pavlohrad-road-under-fire
///   forecast update withdrawal=0.5 containment=0.45 pushback=0.05 --confidence moderate \
///       -m "Opening estimate"
///   forecast update --bayes --dry-run
///   forecast update --bayes --evidence 2025-11-12-isw-control-estimate -m "ISW mapping"
///   forecast update --at 2025-11-01T09:00:00+02:00 withdrawal=0.4 -m "From the paper log"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// New probabilities, SCENARIO=P (0.62 or 62%)
    #[arg(value_name = "SCENARIO=P", conflicts_with = "bayes")]
    pub probabilities: Vec<ScenarioValue<f64>>,
    /// Evidence the estimate rests on: its id or a unique start of it (repeatable)
    #[arg(long = "evidence", value_name = "ID")]
    pub evidence: Vec<String>,
    /// Why; the first line is the summary shown in lists
    #[arg(short = 'm', long = "message", value_name = "RATIONALE", value_parser = crate::model::value::non_blank)]
    pub message: Option<String>,
    /// Analytic confidence, low, moderate or high, which sets the range shown around the estimate
    #[arg(long)]
    pub confidence: Option<Confidence>,
    /// Propose the estimate by Bayes from the evidence's likelihoods
    #[arg(long)]
    pub bayes: bool,
    /// Print the proposal and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// When the estimate was made, if earlier than now (RFC 3339, or a date meaning its last instant)
    #[arg(long, value_name = "TIME")]
    pub at: Option<TimeArg>,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let author = ctx.author()?;
    let ws = if args.bayes && args.evidence.is_empty() {
        // Finding every item this analyst has not cited means looking at every item.
        super::load(ctx, ui, store::Summaries::Drop)?
    } else {
        ctx.load_for_update(&author, args.at, &args.evidence)?
    };
    let at = ws.moment(args.at);
    if at > ws.now {
        return Err(Error::input(format!(
            "`--at {}` is later than now ({}), expected an earlier time",
            time::rfc3339(&at),
            time::rfc3339(&ws.now)
        )));
    }
    plan::unlocked(store::resolution(&ws.root, &store::Frame::of(&ws.notebook))?.as_ref())?;
    let cited = plan::cited(&ws.notebook, &args.evidence, &at)?;
    let request = plan::Request {
        author: &author,
        at,
        now: ws.now,
        confidence: args.confidence,
        rationale: args.message.clone(),
    };
    let plan = if args.bayes {
        plan::bayes(&ws.notebook, &request, (!args.evidence.is_empty()).then(|| cited.clone()))?
    } else {
        plan::judgment(&ws.notebook, &request, &args.probabilities, &cited)?
    };
    let items: Vec<&Evidence> = plan.update.evidence.iter().filter_map(|id| ws.notebook.evidence(id)).collect();
    let mut shown = proposal::build(&ws.notebook, &plan, &items);
    if !args.dry_run {
        let appended = store::add_update(&ws.root, &plan.update, &store::Frame::of(&ws.notebook))?;
        appended.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
        if let Some(later) = ws.notebook.updates.iter().rfind(|u| u.author == author && u.at > at) {
            ui.err(&format!(
                "warning: your update `{}` at {} is later, so it stays your standing estimate; this one fills in the past, and replays and scores count it only from now, when it was written\n",
                later.id,
                time::local_with_zone(&later.at, ws.zone())
            ));
        }
        shown.written = appended.ids.first().cloned();
    }
    print(ui, &shown, args.format, args.dry_run)
}

fn print(ui: &Ui, shown: &proposal::Proposal, format: Format, dry_run: bool) -> Result<()> {
    let printed = super::show(ui, format, shown, render::proposal::text);
    match &shown.written {
        Some(id) => {
            printed.map_err(|e| e.after_writing(format!("update `{id}` was recorded; do not record it again")))?
        }
        None => printed?,
    }
    if format != Format::Json {
        match &shown.written {
            Some(id) => ui.err(&format!("recorded update `{id}`\n")),
            None if dry_run => ui.err("dry run: nothing written\n"),
            None => {}
        }
    }
    Ok(())
}
