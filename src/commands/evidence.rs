//! `forecast evidence`: add, list, show and retract evidence items.

use super::Format;
use crate::analysis::timeline;
use crate::context::{Context, Workspace};
use crate::diagnostic::did_you_mean;
use crate::error::{Error, Result};
use crate::model::{Likelihood, Moment, time};
use crate::render;
use crate::report::evidence::{self as report, Filter};
use crate::store::{self, append, records::NewEvidence};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

/// Log, list, show and retract evidence.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Retract(RetractArgs),
}

/// Log a new evidence item; prints its id on stdout.
///
/// Sets `logged` (now) and `logged_by` (you). Without --title, on a terminal, opens $VISUAL or
/// $EDITOR on a commented template; what you type is never lost (an invalid draft is kept under
/// .forecast/drafts/). A likelihood is a number (only ratios matter) or an ACH rating: CC, C, N, I, II.
///
/// Examples:
///   forecast evidence add --title "ISW: Russia holds ~46% of Pokrovsk" --source "ISW" --grade B2 \
///       --date 2025-11-12 --likelihood withdrawal=0.7 --likelihood containment=0.45 --likelihood pushback=0.05
///   forecast evidence add --title "Road cut" --source Reuters --observes withdrawal/pavlohrad-road-cut --update
///   forecast evidence add --from item.toml
///   pbpaste | forecast evidence add --from -
///   forecast evidence add            # opens your editor
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct AddArgs {
    #[arg(long)]
    pub title: Option<String>,
    /// When it happened or was reported [default: today in the notebook's zone]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Outlet or agency
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    /// Admiralty grade: reliability A–F and credibility 1–6, e.g. B2
    #[arg(long, conflicts_with_all = ["reliability", "credibility"])]
    pub grade: Option<String>,
    /// Source reliability A–F
    #[arg(long)]
    pub reliability: Option<String>,
    /// Information credibility 1–6
    #[arg(long)]
    pub credibility: Option<i64>,
    /// In your own words
    #[arg(long)]
    pub summary: Option<String>,
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// How expected the item is under a scenario: SCENARIO=NUMBER or SCENARIO=CC|C|N|I|II
    #[arg(long = "likelihood", value_name = "ID=L")]
    pub likelihoods: Vec<String>,
    /// An indicator this item shows
    #[arg(long = "observes", value_name = "SCENARIO/INDICATOR")]
    pub observes: Vec<String>,
    /// Read the record (TOML) from FILE, or from stdin with `-`
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["title", "edit"])]
    pub from: Option<String>,
    /// Open the editor even when not on a terminal
    #[arg(long)]
    pub edit: bool,
    /// Also record the Bayes update that cites the new item
    #[arg(long)]
    pub update: bool,
}

/// List evidence, by date.
///
/// Examples:
///   forecast evidence list --since 2025-11-01 --tag logistics
///   forecast evidence list --as-of 2025-11-06 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Only items dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only items dated on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    #[arg(long)]
    pub tag: Option<String>,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// Show one item in full, with the updates that cite it.
///
/// Example:
///   forecast evidence show 2025-11-12-isw-control-estimate
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    pub id: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// Retract an item: adds a [retracted] table with today's date and the reason, keeping every
/// comment, and lists the updates that cited it. Retracted items can no longer be cited.
///
/// Example:
///   forecast evidence retract 2025-11-04-russia-claims-full-blockade --reason "Contradicted by DeepState"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct RetractArgs {
    pub id: String,
    #[arg(long)]
    pub reason: String,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    match args.command {
        Sub::Add(a) => add(ctx, a),
        Sub::List(a) => list(ctx, a),
        Sub::Show(a) => show(ctx, a),
        Sub::Retract(a) => retract(ctx, a),
    }
}

fn add(ctx: &Context, args: AddArgs) -> Result<()> {
    let root = ctx.root()?;
    let frame = append::read_frame(&root).map_err(Error::Invalid)?;
    let now = ctx.now(frame.settings.timezone)?;
    let author = ctx.author()?;
    let draft = match (&args.from, &args.title) {
        (Some(from), _) => {
            let (name, text) = read_from(ctx, from)?;
            prepared(&name, &text, &now, &author, &frame)?
        }
        (None, Some(_)) => {
            let text = flags_record(&args, &now, &frame)?;
            prepared("(new evidence)", &text, &now, &author, &frame)?
        }
        (None, None) if args.edit || std::io::stdin().is_terminal() => {
            super::editor::evidence(ctx, &root, &now, &author, &frame)?
        }
        (None, None) => {
            return Err(Error::refused(
                "no evidence given",
                "pass --title and --source, --from FILE (or - for stdin), or run on a terminal to use your editor",
            ));
        }
    };
    let pending_update = if args.update {
        Some(super::update::plan_for_new_evidence(ctx, &draft.evidence, &author, &now)?)
    } else {
        None
    };
    let stem = append::evidence_stem(draft.evidence.date, &draft.evidence.title, &author);
    let id = append::write_evidence(&root, &stem, &draft.text).map_err(|e| Error::write(root.join("evidence"), e))?;
    println!("{id}");
    if let Some(plan) = pending_update {
        super::update::record_for_new_evidence(plan, &id)?;
    } else {
        nudge(&crate::model::Evidence { id, ..draft.evidence });
    }
    Ok(())
}

/// Checks evidence text and prints its findings, located in that text, on failure.
pub fn prepared(
    name: &str,
    text: &str,
    now: &Moment,
    author: &str,
    frame: &append::Frame,
) -> Result<append::EvidenceDraft> {
    append::prepare_evidence(name, text, now, author, frame).map_err(|mut found| {
        store::locate_text(text, &mut found);
        Error::Invalid(found)
    })
}

fn read_from(ctx: &Context, from: &str) -> Result<(String, String)> {
    let mut bytes = Vec::new();
    let name = if from == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Read { path: PathBuf::from("<stdin>"), source: e })?;
        "<stdin>".to_string()
    } else {
        let path = ctx.cwd().join(from);
        bytes = std::fs::read(&path).map_err(|e| Error::Read { path: path.clone(), source: e })?;
        from.to_string()
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(Error::input(format!("{name}: found a byte that is not valid UTF-8 at byte {at}, expected UTF-8 text")))
        }
    }
}

/// Builds the record from command-line flags, checking each flag with a message that names it.
fn flags_record(args: &AddArgs, now: &Moment, frame: &append::Frame) -> Result<String> {
    let zone = frame.settings.timezone;
    let date = match &args.date {
        Some(d) => time::parse_date(d).map_err(|m| Error::input(format!("invalid `--date`: {m}")))?,
        None => time::day_in(zone, now),
    };
    let source = args
        .source
        .clone()
        .ok_or_else(|| Error::refused("missing `--source`", "name the outlet or agency, e.g. --source Reuters"))?;
    let (reliability, credibility) = match &args.grade {
        Some(g) => parse_grade(g)?,
        None => (args.reliability.clone(), args.credibility),
    };
    let ids: Vec<&str> = frame.scenarios.iter().map(|s| s.id.as_str()).collect();
    let mut likelihood = BTreeMap::new();
    for pair in &args.likelihoods {
        let (scenario, value) = pair.split_once('=').ok_or_else(|| {
            Error::input(format!("found `--likelihood {pair}`, expected ID=L such as `withdrawal=0.7`"))
        })?;
        if !ids.contains(&scenario) {
            return Err(unknown_scenario("--likelihood", scenario, &ids));
        }
        let parsed =
            Likelihood::parse(value).map_err(|m| Error::input(format!("invalid `--likelihood {pair}`: {m}")))?;
        let value = match parsed {
            Likelihood::Number(n) => toml::Value::Float(n),
            Likelihood::Rating(_) => toml::Value::String(value.trim().to_string()),
        };
        if likelihood.insert(scenario.to_string(), value).is_some() {
            return Err(Error::input(format!("scenario `{scenario}` is given twice in --likelihood")));
        }
    }
    for reference in &args.observes {
        let scenario = reference.split_once('/').map_or(reference.as_str(), |(s, _)| s);
        if !ids.contains(&scenario) {
            return Err(unknown_scenario("--observes", scenario, &ids));
        }
    }
    let record = NewEvidence {
        title: args.title.clone().unwrap_or_default(),
        date: time::date_value(date),
        logged: time::moment_value(now),
        logged_by: String::new(),
        source,
        url: args.url.clone(),
        reliability,
        credibility,
        summary: args.summary.clone(),
        tags: args.tags.clone(),
        observes: args.observes.clone(),
        likelihood,
    };
    toml::to_string(&record).map_err(|e| Error::input(format!("cannot write the record: {e}")))
}

fn unknown_scenario(flag: &str, found: &str, ids: &[&str]) -> Error {
    let hint =
        did_you_mean(found, ids.iter().copied()).unwrap_or_else(|| format!("the scenarios are {}", ids.join(", ")));
    Error::refused(format!("`{flag}` names unknown scenario `{found}`"), hint)
}

/// `B2` → (B, 2); `B` or `2` alone are fine too.
fn parse_grade(text: &str) -> Result<(Option<String>, Option<i64>)> {
    let bad = || {
        Error::input(format!(
            "found `--grade {text}`, expected an Admiralty grade like `B2` (reliability A–F, credibility 1–6)"
        ))
    };
    let mut chars = text.trim().chars().peekable();
    let reliability = chars.next_if(|c| c.is_ascii_uppercase()).map(|c| c.to_string());
    let credibility = chars.next().map(|c| c.to_digit(10).map(i64::from).ok_or_else(bad)).transpose()?;
    if chars.next().is_some() || (reliability.is_none() && credibility.is_none()) {
        return Err(bad());
    }
    Ok((reliability, credibility))
}

/// Reminds the author that an item with likelihoods is not yet in their estimate. It reads nothing:
/// appending a record costs the same on any size of notebook (counting what else is unreflected
/// would mean reading all the evidence; `forecast status` shows that).
fn nudge(item: &crate::model::Evidence) {
    if item.likelihood.is_some() {
        eprintln!("not yet reflected in your estimate: forecast update --bayes --evidence {}", item.id);
    }
}

fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let ws = ctx.load_with(store::Summaries::Keep)?;
    let as_of = args.as_of.moment(&ws)?;
    let since = ws.day(args.since.as_deref(), "--since")?;
    let until = ws.day(args.until.as_deref(), "--until")?;
    let filter = Filter { since, until, tag: args.tag };
    let items = report::list(&ws.notebook.as_of(&as_of), &filter);
    match args.format {
        Format::Json => render::evidence::write_json(&report::Listing { evidence: &items }, std::io::stdout().lock())
            .map_err(|e| Error::Read { path: PathBuf::from("<stdout>"), source: e })?,
        Format::Table => print!("{}", render::evidence::list(&items)),
    }
    Ok(())
}

fn show(ctx: &Context, args: ShowArgs) -> Result<()> {
    let ws = ctx.load_with(store::Summaries::Keep)?;
    let item = find(&ws, &args.id)?;
    let detail = report::detail(&ws.notebook, item);
    match args.format {
        Format::Json => print!("{}", render::evidence::json(&detail)),
        Format::Table => print!("{}", render::evidence::detail(&detail)),
    }
    Ok(())
}

/// The item with this id, or a refusal naming the closest id.
pub fn find<'a>(ws: &'a Workspace, id: &str) -> Result<&'a crate::model::Evidence> {
    ws.notebook.evidence(id).ok_or_else(|| {
        let hint = did_you_mean(id, ws.notebook.evidence.iter().map(|e| e.id.as_str()))
            .unwrap_or_else(|| "list the ids with `forecast evidence list`".to_string());
        Error::refused(format!("no evidence with id `{id}`"), hint)
    })
}

fn retract(ctx: &Context, args: RetractArgs) -> Result<()> {
    let ws = ctx.load()?;
    let item = find(&ws, &args.id)?;
    if let Some(r) = &item.retracted {
        return Err(Error::refused(
            format!("`{}` was already retracted on {}", item.id, r.date),
            "to change a retraction, edit the [retracted] table by hand, then run `forecast check`",
        ));
    }
    if args.reason.trim().is_empty() {
        return Err(Error::input("found an empty `--reason`, expected why the item is retracted"));
    }
    let day = time::day_in(ws.notebook.settings.timezone, &ws.now);
    append::retract_evidence(&ws.root, &item.path(), day, args.reason.trim())
        .map_err(|e| Error::write(ws.root.join(item.path()), e))?;
    println!("retracted `{}` on {day}", item.id);
    let citing = timeline::citing(&ws.notebook, &item.id);
    if citing.is_empty() {
        println!("no update cited it");
        return Ok(());
    }
    println!("updates that cited it:");
    for u in &citing {
        let at = u.at.with_timezone(&ws.notebook.settings.timezone).format("%Y-%m-%d %H:%M");
        println!("  {at}  {} ({}, {})", u.id, u.author, u.method.name());
    }
    let report = super::whatif::build(&ws, &[item.id.as_str()], &ws.now)?;
    println!(
        "
what the estimate would be without it:"
    );
    print!("{}", render::review::whatif(&report));
    Ok(())
}
