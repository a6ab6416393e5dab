//! `forecast evidence`: add, list, show and retract evidence items.

use super::AsOf;
use crate::analysis::plan::{self, Plan};
use crate::analysis::timeline;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::grade::{Credibility, Reliability};
use crate::model::value::{ScenarioValue, did_you_mean};
use crate::model::{Confidence, Evidence, Filed, Grade, Likelihood, Moment, Observation, time};
use crate::output::Ui;
use crate::render::{self, Format};
use crate::report::evidence::{self as report, Filter};
use crate::report::{proposal, review};
use crate::store::{self, EvidenceDraft, Frame, Summaries};
use chrono::NaiveDate;
use std::io::IsTerminal;

/// Log, list, show, rate and retract evidence
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  forecast evidence add --title \"Road cut\" --source Reuters --grade B2 --likelihood withdrawal=C ...
  forecast evidence list --since 2025-11-01
  forecast evidence show 2025-11-12-isw
  forecast evidence rate 2025-11-12-isw stalemate=0.3
  forecast evidence retract 2025-11-04-russia-claims --reason \"Contradicted by DeepState\"")]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Rate(RateArgs),
    Retract(RetractArgs),
    Link(LinkArgs),
    Import(super::import::Args),
}

/// Log a new evidence item; prints its id
///
/// Sets `logged` (now) and `logged_by` (you). Without --title, on a terminal, opens $VISUAL or
/// $EDITOR on a commented template; what you type is never lost (an invalid draft is kept under
/// .forecast/drafts/). A likelihood is a number (only ratios matter) or an ACH rating: CC, C, N,
/// I, II. The item is filed under evidence/<YYYY-MM>/.
///
/// Examples:
///   forecast evidence add --title "ISW: Russia holds ~46% of Pokrovsk" --source ISW --grade B2 \
///       --date 2025-11-12 --likelihood withdrawal=0.7 --likelihood containment=0.45 \
///       --likelihood pushback=0.05
///   forecast evidence add --title "Road cut" --source Reuters \
///       --observes withdrawal/pavlohrad-road-cut
///   forecast evidence add --title "Brigade report" --source "93rd Brigade" --likelihood withdrawal=C \
///       --likelihood containment=N --likelihood pushback=I --update -m "Road under fire"
///   forecast evidence add --title "TASS repeats MoD blockade claim" --source TASS \
///       --origin 2025-11-04-russia-claims-full-blockade
///   forecast evidence add --from item.toml
///   pbpaste | forecast evidence add --from -
///   forecast evidence add            # opens your editor
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct AddArgs {
    /// The headline, in a line
    #[arg(long, requires = "source")]
    pub title: Option<String>,
    /// When it happened or was reported [default: today in the notebook's zone]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub date: Option<NaiveDate>,
    /// Outlet or agency
    #[arg(long)]
    pub source: Option<String>,
    /// Link to the report
    #[arg(long)]
    pub url: Option<String>,
    /// Admiralty grade: reliability A–F and credibility 1–6, e.g. B2
    #[arg(long, conflicts_with_all = ["reliability", "credibility"])]
    pub grade: Option<Grade>,
    /// Source reliability A–F
    #[arg(long)]
    pub reliability: Option<Reliability>,
    /// Information credibility 1–6
    #[arg(long)]
    pub credibility: Option<Credibility>,
    /// In your own words
    #[arg(long)]
    pub summary: Option<String>,
    /// A free label (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// How expected the item is under a scenario: SCENARIO=NUMBER or SCENARIO=CC|C|N|I|II
    #[arg(long = "likelihood", value_name = "ID=L")]
    pub likelihoods: Vec<ScenarioValue<Likelihood>>,
    /// An indicator this item shows (repeatable)
    #[arg(long = "observes", value_name = "SCENARIO/INDICATOR")]
    pub observes: Vec<String>,
    /// The item that first reported this news (its id), or a short name of the original source
    /// (`russian-mod-2025-11-04`): items of one origin count once in Bayes
    #[arg(long, value_name = "ID|NAME", value_parser = crate::model::value::origin, conflicts_with = "from")]
    pub origin: Option<String>,
    /// Its TLP marking: clear, green, amber, amber+strict or red [default: the notebook's]
    #[arg(long, value_name = "LEVEL", value_parser = super::tlp_levels(), hide_possible_values = true, conflicts_with = "from")]
    pub tlp: Option<crate::model::Tlp>,
    /// Read the record (TOML) from FILE, or from standard input with `-`
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["title", "edit"])]
    pub from: Option<String>,
    /// Open the editor even when not on a terminal
    #[arg(long)]
    pub edit: bool,
    /// Also record the Bayes update that cites the new item
    #[arg(long)]
    pub update: bool,
    /// With --update: why; the first line is the summary shown in lists
    #[arg(short = 'm', long = "message", value_name = "RATIONALE", requires = "update", value_parser = crate::model::value::non_blank)]
    pub message: Option<String>,
    /// With --update: analytic confidence, low, moderate or high [default: your last one]
    #[arg(long, requires = "update")]
    pub confidence: Option<Confidence>,
}

/// List evidence, by date
///
/// Examples:
///   forecast evidence list --since 2025-11-01 --tag logistics
///   forecast evidence list --as-of 2025-11-06 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Only items dated on or after this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub since: Option<NaiveDate>,
    /// Only items dated on or before this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = time::parse_date)]
    pub until: Option<NaiveDate>,
    /// Only items with this tag
    #[arg(long)]
    pub tag: Option<String>,
    #[command(flatten)]
    pub as_of: AsOf,
    /// Output format: table, csv (every field, for spreadsheets) or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "csv", "json"]))]
    pub format: Format,
}

/// Show one item in full, with the updates that cite it
///
/// Example:
///   forecast evidence show 2025-11-12-isw-control-estimate
///   forecast evidence show 2025-11-12-isw          # a unique start of the id is enough
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The item's id, or a unique start of it
    #[arg(value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub id: String,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = super::formats(&["table", "json"]))]
    pub format: Format,
}

/// Rate old evidence for scenarios added after it was logged
///
/// Adds likelihoods to the item's [likelihood] table, keeping every comment, so that Bayes can use
/// it again; it never changes a likelihood the item already gives. A default `update --bayes`
/// names the items that need rating, with the command to run.
///
/// Examples:
///   forecast evidence rate 2025-11-12-isw-control-estimate stalemate=0.3
///   forecast evidence rate 2025-11-12-isw stalemate=I      # a unique start of the id is enough
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct RateArgs {
    /// The item's id, or a unique start of it
    #[arg(value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub id: String,
    /// How expected the item is under a scenario: SCENARIO=NUMBER or SCENARIO=CC|C|N|I|II
    #[arg(value_name = "SCENARIO=L", required = true)]
    pub likelihoods: Vec<ScenarioValue<Likelihood>>,
}

/// Retract an item, keeping its file and comments
///
/// Adds a [retracted] table with today's date and the reason, keeping every comment, and lists
/// the updates that cited it. Retracted items can no longer be cited.
///
/// Example:
///   forecast evidence retract 2025-11-04-russia-claims-full-blockade --reason "Contradicted by DeepState"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct RetractArgs {
    /// The item's id, or a unique start of it
    #[arg(value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub id: String,
    /// Why it is retracted
    #[arg(long, value_parser = crate::model::value::non_blank)]
    pub reason: String,
}

/// Say which item first reported an item's news, so that they count once
///
/// Sets `origin` on an existing item, in place (its comments kept), as `retract` does: for echoes
/// found after the fact, such as two analysts' copies of one headline after a merge. ORIGIN is
/// the id (or a unique start of it) of the item that first reported the news, or a short name of
/// the original source. Items of one origin count once: a Bayes update multiplies only the one
/// logged first, and status reflects the group once any of its items is cited.
///
/// Examples:
///   forecast evidence link 2025-11-05-tass-repeats-blockade --origin 2025-11-04-russia-claims
///   forecast evidence link 2025-11-06-ria-blockade --origin russian-mod-2025-11-04
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct LinkArgs {
    /// The item's id, or a unique start of it
    #[arg(value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub id: String,
    /// The item that first reported the news, or a short name of the original source
    #[arg(long, value_name = "ID|NAME", value_parser = crate::model::value::origin)]
    pub origin: String,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    match args.command {
        Sub::Add(a) => add(ctx, ui, a),
        Sub::Link(a) => link(ctx, ui, a),
        Sub::Import(a) => super::import::run(ctx, ui, a),
        Sub::List(a) => list(ctx, ui, a),
        Sub::Show(a) => show(ctx, ui, a),
        Sub::Rate(a) => rate(ctx, ui, a),
        Sub::Retract(a) => retract(ctx, ui, a),
    }
}

fn add(ctx: &Context, ui: &Ui, mut args: AddArgs) -> Result<()> {
    let (root, frame) = ctx.frame()?;
    let now = ctx.now(frame.zone());
    let author = ctx.author()?;
    // An origin is resolved against the notebook: an item's full id, or a name.
    let known = match &args.origin {
        Some(typed) => {
            let ws = super::load(ctx, ui, Summaries::Drop)?;
            args.origin = Some(ws.notebook.resolve_origin(typed)?);
            Some(ws.notebook)
        }
        None => None,
    };
    let draft = match (&args.from, &args.title) {
        (Some(from), _) => {
            let (name, text) = read_from(ctx, from)?;
            store::evidence_from_text(&name, &text, &now, &author, &frame)?
        }
        (None, Some(title)) => store::evidence_from_item(&from_flags(&args, title, &now, &author, &frame)?, &frame)?,
        (None, None) if args.edit || std::io::stdin().is_terminal() => {
            super::editor::evidence(ui, &root, &now, &author, &frame)?
        }
        (None, None) => {
            return Err(Error::usage(
                "no evidence given",
                "pass --title and --source, --from FILE (or - for stdin), or run on a terminal to use your editor",
            ));
        }
    };
    let planned =
        if args.update { Some(plan_update(ctx, &draft, (&author, &now), &args, known.clone())?) } else { None };
    let with = planned.as_ref().map(|(_, plan)| plan.update.clone());
    let mut alike = store::similar_evidence(&root, draft.evidence.date, &draft.evidence.title);
    if let (Some(notebook), Some(origin)) = (&known, &draft.evidence.origin) {
        let group =
            crate::model::groups::name_key(notebook.evidence(origin).map_or(origin.as_str(), |o| notebook.group_of(o)));
        alike.retain(|old| {
            notebook.evidence(old).is_none_or(|o| crate::model::groups::name_key(notebook.group_of(o)) != group)
        });
    }
    let appended = store::add_evidence(&root, &draft, &author, &frame, with)?;
    appended.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    let id = appended.ids[0].clone();
    let today = time::day_in(frame.zone(), &now);
    if draft.evidence.date > today {
        ui.err(&format!(
            "warning: `{id}` is dated {}, after today ({today}); replays and briefings count it from then\n",
            draft.evidence.date
        ));
    }
    for old in alike.iter().take(3) {
        let fix = match &draft.evidence.origin {
            None => format!("forecast evidence link {id} --origin {old}"),
            Some(origin) => format!("forecast evidence link {old} --origin {origin}"),
        };
        ui.err(&format!(
            "warning: `{id}` may report the same news as `{old}` (dated within a day, a title alike); if it does, link them so that it counts once: {fix}\n"
        ));
    }
    let written = match appended.ids.get(1) {
        Some(update) => format!("evidence `{id}` and update `{update}` were recorded; do not add them again"),
        None => format!("evidence `{id}` was recorded; do not add it again"),
    };
    ui.out(&format!("{id}\n")).map_err(|e| e.after_writing(written))?;
    match (planned, appended.ids.get(1)) {
        (Some((notebook, mut plan)), Some(update)) => {
            plan.update.evidence = vec![id];
            let item = Evidence { id: plan.update.evidence[0].clone(), ..draft.evidence };
            let mut shown = proposal::build(&notebook, &plan, &[&item]);
            shown.written = Some(update.clone());
            ui.err(&render::proposal::text(&shown));
            ui.err(&format!("recorded update `{update}`\n"));
        }
        _ if draft.evidence.likelihood.is_some() => {
            let reflected = known.as_ref().and_then(|nb| timeline::reflected_in(nb, &author, &now, &draft.evidence));
            match reflected {
                Some((update, cited)) => ui.err(&format!(
                    "its news is already reflected in your estimate: your update `{}` cites `{cited}` of the same origin, so Bayes counts it once and will not use `{id}` again\n",
                    update.id
                )),
                None => ui.err(&format!("not yet reflected in your estimate: forecast update --bayes --evidence {id}\n")),
            }
        }
        _ => {}
    }
    Ok(())
}

/// The Bayes update `--update` records with the new item, planned before anything is written.
/// `known` is the whole notebook when it was read already (to resolve `--origin`).
fn plan_update(
    ctx: &Context,
    draft: &EvidenceDraft,
    (author, now): (&str, &Moment),
    args: &AddArgs,
    known: Option<crate::model::Notebook>,
) -> Result<(crate::model::Notebook, Plan)> {
    if draft.evidence.likelihood.is_none() {
        return Err(Error::refused(
            "the new item has no likelihoods, so --update cannot use it",
            "add --likelihood SCENARIO=L for every scenario in play",
        ));
    }
    let (root, notebook) = match known {
        Some(notebook) => (ctx.frame()?.0, notebook),
        None => {
            let ws = ctx.load_for_update(author, None, &[])?;
            (ws.root, ws.notebook)
        }
    };
    plan::unlocked(store::resolution(&root, &store::Frame::of(&notebook))?.as_ref())?;
    let request =
        plan::Request { author, at: *now, now: *now, confidence: args.confidence, rationale: args.message.clone() };
    let plan = plan::bayes(&notebook, &request, Some(vec![&draft.evidence]))?;
    Ok((notebook, plan))
}

fn read_from(ctx: &Context, from: &str) -> Result<(String, String)> {
    if from == "-" {
        return Ok(("<stdin>".to_string(), store::standard_input()?));
    }
    Ok((from.to_string(), store::text_file(&ctx.path(std::path::Path::new(from)))?))
}

/// The item the flags describe, each flag checked with a message that names it.
fn from_flags(args: &AddArgs, title: &str, now: &Moment, author: &str, frame: &Frame) -> Result<Evidence> {
    let date = args.date.unwrap_or_else(|| time::day_in(frame.zone(), now));
    let grade = args.grade.unwrap_or(Grade { reliability: args.reliability, credibility: args.credibility });
    let mut item = Evidence::bare("new", date, likelihoods(&args.likelihoods, date, frame, "--likelihood")?);
    item.filed = Filed::Loose;
    item.title = title.to_string();
    item.logged = Some(*now);
    item.logged_by = Some(author.to_string());
    item.source = args.source.clone().unwrap_or_default();
    item.url = args.url.clone();
    item.grade = grade;
    item.summary = args.summary.clone();
    item.tags = args.tags.clone();
    item.observes = observations(&args.observes, frame)?;
    item.origin = args.origin.clone();
    item.tlp = args.tlp;
    for (text, flag) in [(title, "--title"), (item.source.as_str(), "--source")] {
        if text.trim().is_empty() {
            return Err(Error::input(format!("found an empty `{flag}`, expected some text")));
        }
    }
    Ok(item)
}

/// `--likelihood` pairs: known scenarios, each once, covering every scenario in play on `date`.
/// A likelihood typed on the command line, refused (exit 1) if it breaks a rule such as being 0.
fn checked_likelihood(pair: &ScenarioValue<Likelihood>) -> Result<Likelihood> {
    pair.value.checked().map_err(|invalid| {
        let message = format!("scenario `{}`: {}", pair.scenario, invalid.message);
        match invalid.hint {
            Some(hint) => Error::refused(message, hint),
            None => Error::input(message),
        }
    })
}

pub(super) fn likelihoods(
    pairs: &[ScenarioValue<Likelihood>],
    date: NaiveDate,
    frame: &Frame,
    flag: &str,
) -> Result<Option<crate::model::Likelihoods>> {
    if pairs.is_empty() {
        return Ok(None);
    }
    let mut seen: Vec<&str> = Vec::new();
    for pair in pairs {
        known_scenario(flag, &pair.scenario, frame)?;
        checked_likelihood(pair)?;
        if seen.contains(&pair.scenario.as_str()) {
            return Err(Error::input(format!("scenario `{}` is given twice in {flag}", pair.scenario)));
        }
        seen.push(&pair.scenario);
    }
    if let Some(missing) = frame.scenarios.iter().find(|s| s.in_play_on(date) && !seen.contains(&s.id.as_str())) {
        return Err(Error::refused(
            format!("`{flag}` gives no value for scenario `{}`, which is in play on {date}", missing.id),
            "give a likelihood for every scenario in play, or none (the item then informs judgment only)",
        ));
    }
    Ok(Some(pairs.iter().map(|p| (p.scenario.clone(), p.value)).collect()))
}

pub(super) fn observations(references: &[String], frame: &Frame) -> Result<Vec<Observation>> {
    let mut list = Vec::new();
    for reference in references {
        let Some((scenario, indicator)) = reference.split_once('/') else {
            return Err(Error::input(format!("found `--observes {reference}`, expected SCENARIO/INDICATOR")));
        };
        let known = known_scenario("--observes", scenario, frame)?;
        if !known.indicators.iter().any(|i| i.id == indicator) {
            let ids: Vec<&str> = known.indicators.iter().map(|i| i.id.as_str()).collect();
            let hint = did_you_mean(indicator, ids.iter().copied())
                .unwrap_or_else(|| format!("scenario `{scenario}`'s indicators are {}", listed(&ids)));
            return Err(Error::refused(
                format!("`--observes` names unknown indicator `{indicator}` of scenario `{scenario}`"),
                hint,
            ));
        }
        list.push(Observation { scenario: scenario.to_string(), indicator: indicator.to_string() });
    }
    Ok(list)
}

fn known_scenario<'a>(flag: &str, found: &str, frame: &'a Frame) -> Result<&'a crate::model::Scenario> {
    frame.scenarios.iter().find(|s| s.id == found).ok_or_else(|| {
        let ids: Vec<&str> = frame.scenarios.iter().map(|s| s.id.as_str()).collect();
        let hint =
            did_you_mean(found, ids.iter().copied()).unwrap_or_else(|| format!("the scenarios are {}", listed(&ids)));
        Error::refused(format!("`{flag}` names unknown scenario `{found}`"), hint)
    })
}

fn listed(ids: &[&str]) -> String {
    if ids.is_empty() { "none yet".to_string() } else { ids.join(", ") }
}

fn list(ctx: &Context, ui: &Ui, args: ListArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Keep)?;
    let as_of = ws.moment(args.as_of.as_of);
    let filter = Filter { since: args.since, until: args.until, tag: args.tag };
    let items = report::list(&ws.notebook.as_of(&as_of), &filter);
    match args.format {
        Format::Json => ui.stream(|out| render::json::write_json(&report::Listing { evidence: &items }, out)),
        Format::Csv => ui.out(&render::evidence::csv(&items)),
        _ => ui.out(&render::evidence::list(&items)),
    }
}

fn show(ctx: &Context, ui: &Ui, args: ShowArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Keep)?;
    let item = ws.notebook.find_evidence(&args.id)?;
    let detail = report::detail(&ws.notebook, item);
    super::show(ui, args.format, &detail, render::evidence::detail)
}

fn rate(ctx: &Context, ui: &Ui, args: RateArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let item = ws.notebook.find_evidence(&args.id)?;
    if let Some(r) = &item.retracted {
        return Err(Error::refused(
            format!("`{}` was retracted on {}", item.id, r.date),
            "a retracted item cannot be used, so there is nothing to rate",
        ));
    }
    let frame = store::Frame::of(&ws.notebook);
    let mut pairs: Vec<(String, Likelihood)> = Vec::new();
    for pair in &args.likelihoods {
        known_scenario("SCENARIO=L", &pair.scenario, &frame)?;
        checked_likelihood(pair)?;
        if pairs.iter().any(|(s, _)| *s == pair.scenario) {
            return Err(Error::input(format!("scenario `{}` is given twice", pair.scenario)));
        }
        if item.likelihood_of(&pair.scenario).is_some() {
            return Err(Error::refused(
                format!("`{}` already gives scenario `{}` a likelihood", item.id, pair.scenario),
                "rating adds likelihoods for scenarios added since; it never changes one (edit the file by hand, then run `forecast check`)",
            ));
        }
        pairs.push((pair.scenario.clone(), pair.value));
    }
    // After rating, the item must give every scenario in play on its date a likelihood.
    let missing: Vec<String> = ws
        .notebook
        .scenarios
        .iter()
        .filter(|s| s.in_play_on(item.date) && item.likelihood_of(&s.id).is_none())
        .filter(|s| !pairs.iter().any(|(p, _)| *p == s.id))
        .map(|s| format!("`{}`", s.id))
        .collect();
    if !missing.is_empty() {
        let first = if item.likelihood.is_none() { "has no likelihoods yet, so it needs" } else { "also needs" };
        return Err(Error::input(format!(
            "`{}` {first} one for every scenario in play on {}: missing {}",
            item.id,
            item.date,
            missing.join(", ")
        )));
    }
    let landed = store::rate(&ws.root, &item.path(), &pairs, &frame)?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    let given: Vec<String> =
        pairs.iter().map(|(s, l)| format!("{s} = {}", crate::report::evidence::written(l))).collect();
    ui.out(&format!("rated `{}`: {}\n", item.id, given.join(", ")))
        .map_err(|e| e.after_writing(format!("`{}` was rated", item.id)))
}

fn link(ctx: &Context, ui: &Ui, args: LinkArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let item = ws.notebook.find_evidence(&args.id)?;
    let origin = ws.notebook.resolve_origin(&args.origin)?;
    if origin == item.id {
        return Err(Error::input(format!("`{}` cannot be its own origin", item.id)));
    }
    match &item.origin {
        Some(kept) if crate::model::groups::name_key(kept) == crate::model::groups::name_key(&origin) => {
            return ui.out(&format!("`{}` already has origin `{kept}`\n", item.id));
        }
        Some(kept) => return Err(has_origin(&ws.notebook, item, kept, &origin)),
        None => {}
    }
    let landed = store::link(&ws.root, &item.path(), &origin, &ws.now, &store::Frame::of(&ws.notebook))?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    let position = ws.notebook.position(&item.id).expect("the item is in the notebook");
    let groups = ws.notebook.groups_with(position, &origin);
    let with: Vec<&str> = groups
        .members(position)
        .iter()
        .map(|&m| ws.notebook.evidence[m as usize].id.as_str())
        .filter(|id| *id != item.id)
        .collect();
    let mut text = format!("linked `{}` to origin `{origin}`\n", item.id);
    if !with.is_empty() {
        text.push_str(&format!("it now counts once with: {}\n", with.join(", ")));
    }
    ui.out(&text).map_err(|e| e.after_writing(format!("`{}` was linked", item.id)))
}

/// The refusal to change an item's origin, with the link that joins the two groups instead.
fn has_origin(notebook: &crate::model::Notebook, item: &Evidence, kept: &str, origin: &str) -> Error {
    let other = notebook.evidence(origin).filter(|o| o.origin.is_none());
    let hint = match other {
        Some(o) => format!(
            "to count them once, link the other way: forecast evidence link {} --origin {}",
            o.id,
            notebook.group_of(item)
        ),
        None => "an origin is never changed by a command: edit the file by hand, then run `forecast check`".to_string(),
    };
    Error::refused(format!("`{}` already has origin `{kept}`", item.id), hint)
}

fn retract(ctx: &Context, ui: &Ui, args: RetractArgs) -> Result<()> {
    let ws = super::load(ctx, ui, Summaries::Drop)?;
    let item = ws.notebook.find_evidence(&args.id)?;
    if let Some(r) = &item.retracted {
        return Err(Error::refused(
            format!("`{}` was already retracted on {}", item.id, r.date),
            "to change a retraction, edit the [retracted] table by hand, then run `forecast check`",
        ));
    }
    if args.reason.trim().is_empty() {
        return Err(Error::input("found an empty `--reason`, expected why the item is retracted"));
    }
    let day = time::day_in(ws.zone(), &ws.now);
    let landed = store::retract(&ws.root, &item.path(), &ws.now, args.reason.trim(), &store::Frame::of(&ws.notebook))?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    let mut text = format!("retracted `{}` on {day}\n", item.id);
    let citing = timeline::citing(&ws.notebook, &item.id);
    if citing.is_empty() {
        text.push_str("no update cited it\n");
    } else {
        text.push_str("updates that cited it:\n");
        for u in &citing {
            let who = render::table::field(&u.author);
            text.push_str(&format!("  {}  {} ({who}, {})\n", time::local(&u.at, ws.zone()), u.id, u.method));
        }
        let report = review::whatif(&ws.notebook.as_of(&ws.now), &[item.id.as_str()], &ws.now);
        text.push_str("\nwhat the estimate would be without it:\n");
        text.push_str(&render::review::whatif(&report));
    }
    ui.out(&text).map_err(|e| e.after_writing(format!("`{}` was retracted", item.id)))
}
