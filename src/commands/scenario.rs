//! `forecast scenario`: add and list scenarios.

use crate::context::{Context, Workspace};
use crate::error::{Error, Result};
use crate::model::{id, time};
use crate::render::table;
use crate::store::{append, records::NewScenario};

/// Add or list scenarios.
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
}

/// One scenario with its evidence: summary, indicators and what observed them, the items that
/// favour it and count against it most, and its probability over time.
///
/// Examples:
///   forecast scenario show withdrawal
///   forecast scenario show containment --as-of 2025-11-06 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    pub id: String,
    #[command(flatten)]
    pub as_of: super::AsOf,
    #[arg(long, value_enum, default_value = "table")]
    pub format: super::Format,
}

/// Add a scenario.
///
/// Once a scenario is in play, every update must give it a probability: the next update has to
/// cover it (record it by judgment, since Bayes cannot invent a prior for it).
///
/// Examples:
///   forecast scenario add stalemate --title "Frozen front" --summary "Lines hold through winter" --order 4
///   forecast scenario add ceasefire --title "Ceasefire" --since 2025-12-01
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct AddArgs {
    /// The new scenario's id (lowercase letters, digits and `-`)
    pub id: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub summary: Option<String>,
    /// Display order
    #[arg(long)]
    pub order: Option<i64>,
    /// First day the scenario is in play (YYYY-MM-DD) [default: today, so past records stay valid;
    /// none in a notebook without evidence or updates]
    #[arg(long)]
    pub since: Option<String>,
}

/// List the scenarios in display order.
///
/// Examples:
///   forecast scenario list
///   forecast scenario list --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: super::Format,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    match args.command {
        Sub::Add(a) => add(ctx, a),
        Sub::List(a) => list(ctx, a),
        Sub::Show(a) => show(ctx, a),
    }
}

fn show(ctx: &Context, args: ShowArgs) -> Result<()> {
    let ws = ctx.load()?;
    find(&ws, &args.id)?;
    let as_of = args.as_of.moment(&ws)?;
    let view = crate::report::review::scenario(&ws.notebook.as_of(&as_of), &args.id).expect("the scenario exists");
    match args.format {
        super::Format::Json => print!("{}", crate::render::evidence::json(&view)),
        super::Format::Table => print!("{}", crate::render::review::scenario(&view)),
    }
    Ok(())
}

/// The scenario with this id, or a refusal naming the closest id.
pub fn find<'a>(ws: &'a Workspace, id: &str) -> Result<&'a crate::model::Scenario> {
    ws.notebook.scenario(id).ok_or_else(|| {
        let ids = ws.notebook.scenarios.iter().map(|s| s.id.as_str());
        let hint = crate::diagnostic::did_you_mean(id, ids)
            .unwrap_or_else(|| "list them with `forecast scenario list`".into());
        Error::refused(format!("no scenario with id `{id}`"), hint)
    })
}

fn add(ctx: &Context, args: AddArgs) -> Result<()> {
    let root = ctx.root()?;
    let frame = append::read_frame(&root).map_err(Error::Invalid)?;
    id::validate(&args.id).map_err(|m| Error::input(format!("invalid scenario id `{}`: {m}", args.id)))?;
    if frame.scenarios.iter().any(|s| s.id == args.id)
        || root.join("scenarios").join(format!("{}.toml", args.id)).exists()
    {
        return Err(Error::input(format!("scenario `{}` already exists", args.id)));
    }
    if args.title.trim().is_empty() {
        return Err(Error::input("found an empty `--title`, expected some text"));
    }
    let given = args
        .since
        .as_deref()
        .map(time::parse_date)
        .transpose()
        .map_err(|m| Error::input(format!("invalid `--since`: {m}")))?;
    let today = time::day_in(frame.settings.timezone, &ctx.now(frame.settings.timezone)?);
    let since = given.or_else(|| append::has_records(&root).then_some(today));
    let record = NewScenario {
        title: &args.title,
        summary: args.summary.as_deref(),
        order: args.order,
        since: since.map(time::date_value),
    };
    let path = append::write_scenario(&root, &args.id, &record).map_err(|e| Error::write(root.join("scenarios"), e))?;
    println!("{}", args.id);
    let from = since.map_or("now".to_string(), |d| format!("from {d}"));
    eprintln!("added `{}` ({}); it is in play {from}", args.id, path.display());
    eprintln!(
        "note: the next update must give `{}` a probability; record it by judgment: forecast update {}=P",
        args.id, args.id
    );
    Ok(())
}

fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let ws = ctx.load()?;
    let day = time::day_in(ws.notebook.settings.timezone, &ws.now);
    let scenarios = &ws.notebook.scenarios;
    match args.format {
        super::Format::Json => {
            let items: Vec<serde_json::Value> = scenarios
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.id, "title": s.title, "summary": s.summary, "order": s.order,
                        "since": s.since.map(|d| d.to_string()), "retired": s.retired.map(|d| d.to_string()),
                        "in_play": s.in_play_on(day),
                        "indicators": s.indicators.iter().map(|i| serde_json::json!({"id": i.id, "text": i.text})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "scenarios": items })).expect("json"));
        }
        super::Format::Table => {
            let rows = scenarios
                .iter()
                .map(|s| {
                    let play = if s.in_play_on(day) { "in play" } else { "out of play" };
                    vec![s.id.clone(), s.title.clone(), play.to_string(), s.indicators.len().to_string()]
                })
                .collect();
            print!("{}", table::table(&["id", "title", "status", ">indicators"], rows));
        }
    }
    Ok(())
}
