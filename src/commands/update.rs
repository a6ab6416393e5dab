//! `forecast update`: record a new estimate, by judgment or as proposed by Bayes.

use super::Format;
use crate::analysis::{bayes, estimate, timeline};
use crate::context::{Context, Workspace};
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::model::{Confidence, Distribution, Evidence, Method, Moment, Notebook, time};
use crate::render;
use crate::report::proposal::{self, Proposal};
use crate::store::{append, records::NewUpdate};
use std::path::Path;

/// Record a new estimate, by judgment or proposed by Bayes.
///
/// Judgment: give SCENARIO=P for the scenarios you want to set (0.62 or 62%); those left out keep
/// their relative proportions from your previous estimate and share what remains.
///
/// Bayes (--bayes): posterior ∝ prior × likelihoods, the prior being your latest estimate. Without
/// --evidence it uses every item with likelihoods that none of your updates has cited yet.
///
/// The update is written to updates/<author>/<YYYY-MM>/<date>-<HHMM>-<author>.toml. Only your
/// latest updates and the cited items are read, so it is instant on any size of notebook, except
/// --bayes without --evidence, which must look at every item.
///
/// Examples:
///   forecast update withdrawal=62% -m "Road to Pavlohrad under fire control" --evidence 2025-11-05-pavlohrad-road-under-fire
///   forecast update withdrawal=0.5 containment=0.45 pushback=0.05 --confidence moderate -m "Opening estimate"
///   forecast update --bayes --dry-run
///   forecast update --bayes --evidence 2025-11-12-isw-control-estimate -m "ISW mapping"
///   forecast update --at 2025-11-01T09:00:00+02:00 withdrawal=0.4 -m "From the paper log"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// New probabilities, SCENARIO=P
    #[arg(value_name = "SCENARIO=P", conflicts_with = "bayes")]
    pub probabilities: Vec<String>,
    /// Evidence the estimate rests on (repeatable)
    #[arg(long = "evidence", value_name = "ID")]
    pub evidence: Vec<String>,
    /// Why; the first line is the summary shown in lists
    #[arg(short = 'm', long = "message", value_name = "RATIONALE")]
    pub message: Option<String>,
    /// Analytic confidence, which sets the range shown around the estimate
    #[arg(long, value_enum)]
    pub confidence: Option<Confidence>,
    /// Propose the estimate by Bayes from the evidence's likelihoods
    #[arg(long)]
    pub bayes: bool,
    /// Print the proposal and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// When the estimate was made, if earlier than now (RFC 3339 or a date)
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// A computed estimate, ready to write.
pub struct Plan {
    pub method: Method,
    pub author: String,
    pub at: Moment,
    pub prior: Option<Distribution>,
    pub new: Distribution,
    pub evidence: Vec<String>,
    pub skipped: Vec<String>,
    pub confidence: Option<Confidence>,
    pub rationale: String,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let author = ctx.author()?;
    let ws = if args.bayes && args.evidence.is_empty() {
        // Finding every item this analyst has not cited means looking at every item.
        ctx.load()?
    } else {
        ctx.load_for_update(&author, args.at.as_deref(), &args.evidence)?
    };
    let at = moment(&ws, args.at.as_deref())?;
    let cited = resolve_evidence(&ws.notebook, &args.evidence, &at)?;
    let plan = if args.bayes {
        bayes_plan(&ws.notebook, &author, &at, cited, &args)?
    } else {
        judgment_plan(&ws.notebook, &author, &at, cited, &args)?
    };
    let mut shown = proposal_of(&ws.notebook, &plan);
    if !args.dry_run {
        shown.written = Some(write(&ws.root, &ws.notebook, &plan)?);
    }
    print(&shown, args.format, args.dry_run);
    Ok(())
}

fn moment(ws: &Workspace, at: Option<&str>) -> Result<Moment> {
    let Some(text) = at else { return Ok(ws.now) };
    let at = time::parse_moment(text, ws.notebook.settings.timezone)
        .map_err(|m| Error::input(format!("invalid `--at`: {m}")))?;
    if at > ws.now {
        return Err(Error::input(format!(
            "`--at {text}` is later than now ({}), expected an earlier time",
            ws.now.to_rfc3339()
        )));
    }
    Ok(at)
}

/// Looks up cited ids: each must exist, be known by `at`, and not be retracted.
fn resolve_evidence<'a>(notebook: &'a Notebook, ids: &[String], at: &Moment) -> Result<Vec<&'a Evidence>> {
    let zone = notebook.settings.timezone;
    let mut items: Vec<&Evidence> = Vec::new();
    for id in ids {
        let item = notebook.evidence(id).ok_or_else(|| {
            let hint = did_you_mean(id, notebook.evidence.iter().map(|e| e.id.as_str()))
                .unwrap_or_else(|| "list ids with `forecast evidence list`".into());
            Error::refused(format!("no evidence with id `{id}`"), hint)
        })?;
        if item.known_at(zone) > *at || item.date > time::day_in(zone, at) {
            return Err(Error::input(format!(
                "`{id}` was not known yet at {}, expected evidence logged by then",
                at.to_rfc3339()
            )));
        }
        if let Some(r) = &item.retracted {
            return Err(Error::refused(
                format!("`{id}` was retracted on {}: {}", r.date, r.reason),
                "retracted evidence cannot be cited; see its effect with `forecast whatif --without ID`",
            ));
        }
        if !items.iter().any(|e| e.id == item.id) {
            items.push(item);
        }
    }
    Ok(items)
}

fn in_play<'a>(notebook: &'a Notebook, at: &Moment) -> Vec<&'a str> {
    notebook.in_play_at(at).into_iter().map(|s| s.id.as_str()).collect()
}

fn judgment_plan(notebook: &Notebook, author: &str, at: &Moment, cited: Vec<&Evidence>, args: &Args) -> Result<Plan> {
    if args.probabilities.is_empty() {
        return Err(Error::refused(
            "no probabilities given",
            "give SCENARIO=P for at least one scenario, or use --bayes",
        ));
    }
    let playing = in_play(notebook, at);
    let given = parse_probabilities(notebook, &playing, &args.probabilities)?;
    let prior = timeline::standing(notebook, author, at).map(|u| u.probabilities.clone());
    let new = estimate::fill(&playing, &given, prior.as_ref()).map_err(|p| Error::input(p.to_string()))?;
    Ok(Plan {
        method: Method::Judgment,
        author: author.to_string(),
        at: *at,
        prior,
        new: estimate::round_for_storage(&new),
        evidence: cited.iter().map(|e| e.id.clone()).collect(),
        skipped: Vec::new(),
        confidence: args.confidence,
        rationale: args.message.clone().unwrap_or_default(),
    })
}

/// Parses `SCENARIO=P` pairs: P as `0.62` or `62%`, finite, within [0, 1], for scenarios in play.
fn parse_probabilities(notebook: &Notebook, playing: &[&str], pairs: &[String]) -> Result<Distribution> {
    let mut given = Distribution::new();
    for pair in pairs {
        let (id, value) = pair.split_once('=').ok_or_else(|| {
            Error::input(format!("found `{pair}`, expected SCENARIO=P such as `withdrawal=0.62` or `withdrawal=62%`"))
        })?;
        if !playing.contains(&id) {
            let known = notebook.scenario(id).is_some();
            let message =
                if known { format!("scenario `{id}` is not in play") } else { format!("unknown scenario `{id}`") };
            let hint = did_you_mean(id, playing.iter().copied())
                .unwrap_or_else(|| format!("the scenarios in play are {}", playing.join(", ")));
            return Err(Error::refused(message, hint));
        }
        let p = parse_probability(value).ok_or_else(|| {
            Error::input(format!(
                "found `{pair}`, expected a probability from 0 to 1 such as `0.62`, or a percentage such as `62%`"
            ))
        })?;
        if given.insert(id.to_string(), p).is_some() {
            return Err(Error::input(format!("scenario `{id}` is given twice")));
        }
    }
    Ok(given)
}

fn parse_probability(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, scale) = match text.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (text, 1.0),
    };
    let p = number.parse::<f64>().ok()? / scale;
    (p.is_finite() && (0.0..=1.0).contains(&p)).then_some(p.abs())
}

fn bayes_plan(notebook: &Notebook, author: &str, at: &Moment, cited: Vec<&Evidence>, args: &Args) -> Result<Plan> {
    let prior = prior_for_bayes(notebook, author, at)?;
    let (items, skipped) =
        if args.evidence.is_empty() { timeline::unreflected(notebook, author, at) } else { (cited, Vec::new()) };
    if items.is_empty() {
        let why = if skipped.is_empty() {
            String::new()
        } else {
            format!(" ({} item(s) without likelihoods skipped)", skipped.len())
        };
        return Err(Error::refused(
            format!("no new evidence with likelihoods to update on{why}"),
            "log evidence with --likelihood, or name items with --evidence",
        ));
    }
    let new =
        bayes::posterior(&prior, &items).map_err(|p| Error::input(format!("cannot compute the Bayes update: {p}")))?;
    let rationale = args.message.clone().unwrap_or_else(|| format!("Bayes update on {} item(s).", items.len()));
    Ok(Plan {
        method: Method::Bayes,
        author: author.to_string(),
        at: *at,
        prior: Some(prior),
        new: estimate::round_for_storage(&new),
        evidence: items.iter().map(|e| e.id.clone()).collect(),
        skipped: skipped.iter().map(|e| e.id.clone()).collect(),
        confidence: args.confidence.or_else(|| timeline::standing(notebook, author, at).and_then(|u| u.confidence)),
        rationale,
    })
}

/// The author's latest estimate, over exactly the scenarios in play now.
fn prior_for_bayes(notebook: &Notebook, author: &str, at: &Moment) -> Result<Distribution> {
    let prior = timeline::standing(notebook, author, at).ok_or_else(|| {
        Error::refused(
            format!("`{author}` has no estimate yet, so Bayes has no prior"),
            "record one by judgment first: forecast update SCENARIO=P ...",
        )
    })?;
    let playing = in_play(notebook, at);
    if !prior
        .probabilities
        .keys()
        .map(String::as_str)
        .eq(playing.iter().copied().collect::<std::collections::BTreeSet<_>>())
    {
        return Err(Error::refused(
            "the scenarios in play changed since your last estimate, so Bayes has no prior for them",
            "record the next estimate by judgment: forecast update SCENARIO=P ...",
        ));
    }
    Ok(prior.probabilities.clone())
}

fn proposal_of(notebook: &Notebook, plan: &Plan) -> Proposal {
    let items: Vec<&Evidence> = plan.evidence.iter().filter_map(|id| notebook.evidence(id)).collect();
    let skipped: Vec<&Evidence> = plan.skipped.iter().filter_map(|id| notebook.evidence(id)).collect();
    let inputs = proposal::Inputs {
        method: plan.method,
        author: &plan.author,
        at: &plan.at,
        prior: plan.prior.as_ref(),
        new: &plan.new,
        items: &items,
        skipped: &skipped,
    };
    proposal::build(notebook, &inputs)
}

fn write(root: &Path, notebook: &Notebook, plan: &Plan) -> Result<String> {
    let ordered = notebook.scenarios.iter().filter_map(|s| Some((s.id.clone(), *plan.new.get(&s.id)?))).collect();
    let record = NewUpdate {
        at: time::moment_value(&plan.at),
        author: plan.author.clone(),
        method: plan.method.name().to_string(),
        evidence: plan.evidence.clone(),
        confidence: plan.confidence.map(|c| c.name().to_string()),
        rationale: plan.rationale.clone(),
        probabilities: ordered,
    };
    let stem = append::update_stem(&plan.at, &notebook.settings, &plan.author);
    append::write_update(root, &stem, &record).map_err(|e| Error::write(root.join("updates"), e))
}

fn print(shown: &Proposal, format: Format, dry_run: bool) {
    match format {
        Format::Json => print!("{}", render::evidence::json(shown)),
        Format::Table => {
            print!("{}", render::proposal::text(shown));
            match &shown.written {
                Some(id) => eprintln!("recorded update `{id}`"),
                None if dry_run => eprintln!("dry run: nothing written"),
                None => {}
            }
        }
    }
}

/// For `evidence add --update`: checks that a Bayes update on the new item is possible, before anything is written.
pub fn plan_for_new_evidence(ctx: &Context, item: &Evidence, author: &str, now: &Moment) -> Result<(Workspace, Plan)> {
    let ws = ctx.load_for_update(author, None, &[])?;
    let prior = prior_for_bayes(&ws.notebook, author, now)?;
    if item.likelihood.is_none() {
        return Err(Error::refused(
            "the new item has no likelihoods, so --update cannot use it",
            "add --likelihood SCENARIO=L for every scenario in play",
        ));
    }
    let new =
        bayes::posterior(&prior, &[item]).map_err(|p| Error::input(format!("cannot compute the Bayes update: {p}")))?;
    let confidence = timeline::standing(&ws.notebook, author, now).and_then(|u| u.confidence);
    let plan = Plan {
        method: Method::Bayes,
        author: author.to_string(),
        at: *now,
        prior: Some(prior),
        new: estimate::round_for_storage(&new),
        evidence: Vec::new(),
        skipped: Vec::new(),
        confidence,
        rationale: format!("Bayes update on new evidence: {}", item.title),
    };
    Ok((ws, plan))
}

/// Writes the planned update citing the item just written, and shows it.
pub fn record_for_new_evidence(planned: (Workspace, Plan), id: &str) -> Result<()> {
    let (ws, mut plan) = planned;
    plan.evidence = vec![id.to_string()];
    let written = write(&ws.root, &ws.notebook, &plan)?;
    let mut shown = proposal_of(&ws.notebook, &plan);
    shown.written = Some(written);
    eprint!("{}", render::proposal::text(&shown));
    eprintln!("recorded update `{}`", shown.written.as_deref().unwrap_or_default());
    Ok(())
}
