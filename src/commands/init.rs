//! `forecast init`: creates a new notebook folder.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Scenario, Settings, WordScale, id, time};
use crate::output::Ui;
use crate::store;
use std::path::PathBuf;

/// Create a notebook: notebook.toml, scenarios/, evidence/, updates/ and a .gitignore
///
/// Refuses a folder that already holds a notebook. An interrupted init leaves no notebook.toml
/// (it is written last), so running the same init again completes it.
///
/// Examples:
///   forecast init ruling --title "Merger ruling" --question "How will the court rule by June?" \
///       --scenario approve=Approve --scenario block=Block --scenario remedies="Approve with remedies"
///   forecast init vote --title "Election" --question "Who wins?" \
///       --scenario a=A --scenario b=B --timezone Europe/Warsaw
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
    #[arg(long = "scenario", value_name = "ID=TITLE", value_parser = id::scenario_title)]
    pub scenarios: Vec<(String, String)>,
    /// IANA time zone for days, weeks and displayed times
    #[arg(long, default_value = "UTC", value_name = "ZONE", value_parser = time::parse_zone)]
    pub timezone: chrono_tz::Tz,
    /// Estimative-language scale: icd203 or phia
    #[arg(long, default_value = "icd203", value_name = "SCALE")]
    pub words: WordScale,
    /// The TLP marking of evidence that gives none: clear, green, amber, amber+strict or red
    #[arg(long, default_value = "clear", value_name = "LEVEL", value_parser = super::tlp_levels(), hide_possible_values = true)]
    pub tlp: crate::model::Tlp,
}

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let dir = ctx.path(&args.dir.unwrap_or_default());
    if store::is_notebook(&dir) {
        return Err(Error::refused(
            format!("`{}` already holds a notebook", dir.display()),
            "init never touches an existing notebook; add scenarios with `forecast scenario add`",
        ));
    }
    for (text, what) in [(&args.title, "--title"), (&args.question, "--question")] {
        if text.trim().is_empty() {
            return Err(Error::input(format!("found an empty `{what}`, expected some text")));
        }
    }
    let scenarios = parse_scenarios(&args.scenarios)?;
    let settings = Settings {
        title: args.title.clone(),
        question: args.question,
        timezone: args.timezone,
        words: args.words,
        tlp: args.tlp,
    };
    let landed = store::init(&dir, &settings, &scenarios)?;
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    ui.err(&format!("created notebook `{}` in {}\n", args.title, dir.display()));
    ui.err(if scenarios.is_empty() {
        "next: add scenarios with `forecast scenario add ID --title T`\n"
    } else {
        "next: log evidence with `forecast evidence add`, then record an estimate with `forecast update`\n"
    });
    Ok(())
}

fn parse_scenarios(pairs: &[(String, String)]) -> Result<Vec<Scenario>> {
    let mut list: Vec<Scenario> = Vec::new();
    for (scenario, title) in pairs {
        if list.iter().any(|s| s.id == *scenario) {
            return Err(Error::usage(format!("scenario `{scenario}` is given twice"), "give each scenario once"));
        }
        list.push(Scenario { order: Some(list.len() as i64 + 1), ..Scenario::new(scenario.clone(), title.clone()) });
    }
    Ok(list)
}
