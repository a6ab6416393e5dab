//! `forecast init`: creates a new notebook folder.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{WordScale, id};
use crate::store::{append, read::NOTEBOOK_FILE, records::NewNotebook, records::NewScenario};
use std::path::PathBuf;

/// Create a notebook: notebook.toml, scenarios/, evidence/, updates/ and a .gitignore.
///
/// Refuses to touch a folder that already holds a notebook.
///
/// Examples:
///   forecast init ruling --title "Merger ruling" --question "How will the court rule by June?" \
///       --scenario approve=Approve --scenario block=Block --scenario remedies="Approve with remedies"
///   forecast init --title "Election" --question "Who wins?" --scenario a=A --scenario b=B --timezone Europe/Warsaw
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Folder to create the notebook in [default: the current folder]
    pub dir: Option<PathBuf>,
    /// The notebook's title
    #[arg(long)]
    pub title: String,
    /// The question the scenarios answer
    #[arg(long)]
    pub question: String,
    /// A scenario as ID=TITLE; repeat for each, in display order
    #[arg(long = "scenario", value_name = "ID=TITLE")]
    pub scenarios: Vec<String>,
    /// IANA time zone for days, weeks and displayed times
    #[arg(long, default_value = "UTC")]
    pub timezone: String,
    /// Estimative-language scale: icd203 or phia
    #[arg(long, default_value = "icd203")]
    pub words: String,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let dir = ctx.cwd().join(args.dir.unwrap_or_default());
    if dir.join(NOTEBOOK_FILE).exists() {
        return Err(Error::refused(
            format!("`{}` already holds a notebook", dir.display()),
            "init never touches an existing notebook; add scenarios with `forecast scenario add`",
        ));
    }
    if args.timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Error::input(format!(
            "found time zone `{}`, expected an IANA name like `Europe/Kyiv`",
            args.timezone
        )));
    }
    if WordScale::parse(&args.words).is_none() {
        return Err(Error::input(format!("found words `{}`, expected `icd203` or `phia`", args.words)));
    }
    let scenarios = parse_scenarios(&args.scenarios)?;
    let records: Vec<(String, NewScenario)> = scenarios
        .iter()
        .enumerate()
        .map(|(i, (id, title))| {
            (id.clone(), NewScenario { title, summary: None, order: Some(i as i64 + 1), since: None })
        })
        .collect();
    let settings =
        NewNotebook { title: &args.title, question: &args.question, timezone: &args.timezone, words: &args.words };
    append::write_notebook(&dir, &settings, &records).map_err(|e| Error::write(&dir, e))?;
    eprintln!("created notebook `{}` in {}", args.title, dir.display());
    if scenarios.is_empty() {
        eprintln!("next: add scenarios with `forecast scenario add ID --title T`");
    } else {
        eprintln!("next: log evidence with `forecast evidence add`, then record an estimate with `forecast update`");
    }
    Ok(())
}

fn parse_scenarios(pairs: &[String]) -> Result<Vec<(String, String)>> {
    let mut list: Vec<(String, String)> = Vec::new();
    for pair in pairs {
        let Some((scenario, title)) = pair.split_once('=') else {
            return Err(Error::input(format!(
                "found `--scenario {pair}`, expected ID=TITLE such as `withdrawal=Withdrawal`"
            )));
        };
        let scenario = scenario.trim();
        id::validate(scenario).map_err(|m| Error::input(format!("invalid scenario id `{scenario}`: {m}")))?;
        if title.trim().is_empty() {
            return Err(Error::input(format!("scenario `{scenario}` has an empty title, expected ID=TITLE")));
        }
        if list.iter().any(|(existing, _)| existing == scenario) {
            return Err(Error::input(format!("scenario `{scenario}` is given twice")));
        }
        list.push((scenario.to_string(), title.trim().to_string()));
    }
    Ok(list)
}
