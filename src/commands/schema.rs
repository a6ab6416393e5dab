//! `forecast schema`: the JSON Schema of a record kind, for editors and scripts.

use crate::context::Context;
use crate::error::Result;
use crate::output::Ui;
use crate::store;

/// Print the JSON Schema of a record kind
///
/// The schemas say what `check` says wherever JSON Schema can: keys, types, required keys,
/// keywords, id patterns, probabilities from 0.001 to 0.999, grades and ratings. `forecast init`
/// writes them into .taplo/schemas/ with a .taplo.toml, so that editors using Taplo (Even Better
/// TOML in VS Code, Helix, Zed, Neovim) validate and complete record files as they are typed.
/// `check` still checks what no schema can: sums, references, dates against each other.
///
/// Examples:
///   forecast schema evidence
///   forecast schema update > update.schema.json
///   forecast schema notebook | jq .properties.words
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The record kind: notebook, scenario, evidence, update or resolution
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(store::SCHEMA_KINDS))]
    pub kind: String,
}

pub fn run(_ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    ui.out(&store::schema_text(&args.kind).unwrap_or_default())
}
