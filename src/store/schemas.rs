//! JSON Schemas of the record files, for editors (Taplo, Even Better TOML) to validate and
//! complete records as they are typed. They say what `check` says wherever JSON Schema can:
//! keys, types, required keys, keywords, id patterns, probability bounds and grades; built from
//! the model's own lists, so that a keyword added there reaches the editor too.

use crate::model::{Confidence, Method, Tlp, WordScale, value};
use serde_json::{Value, json};

/// The record kinds with a schema, as `forecast schema KIND` names them.
pub const KINDS: [&str; 5] = ["notebook", "scenario", "evidence", "update", "resolution"];

/// Where `init` writes the schemas and the editor configuration, relative to the notebook.
pub const FOLDER: &str = ".taplo/schemas";
pub const CONFIG: &str = ".taplo.toml";

const ID: &str = "^[a-z0-9][a-z0-9-]{0,79}$";

fn id(what: &str) -> Value {
    json!({ "type": "string", "pattern": ID, "description": format!("{what}: lowercase letters, digits and `-`, at most 80 characters") })
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S", "description": description })
}

fn date(description: &str) -> Value {
    json!({ "type": "string", "format": "date", "description": description })
}

fn moment(description: &str) -> Value {
    json!({ "type": "string", "format": "date-time", "description": description })
}

fn keyword(names: &[&str], description: &str) -> Value {
    json!({ "type": "string", "enum": names, "description": description })
}

fn record(title: &str, required: &[&str], properties: Value) -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": title,
        "type": "object",
        "required": required,
        "additionalProperties": false,
        "properties": properties,
    })
}

/// The schema of one record kind, or `None` for an unknown kind.
pub fn schema(kind: &str) -> Option<Value> {
    Some(match kind {
        "notebook" => notebook(),
        "scenario" => scenario(),
        "evidence" => evidence(),
        "update" => update(),
        "resolution" => resolution(),
        _ => return None,
    })
}

fn notebook() -> Value {
    let zones: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    record(
        "forecast notebook.toml",
        &["title", "question"],
        json!({
            "title": text("The notebook's title"),
            "question": text("The question the scenarios answer"),
            "timezone": keyword(&zones, "IANA time zone; days, weeks and displayed times use it"),
            "words": keyword(WordScale::NAMES, "Estimative-language scale"),
            "tlp": keyword(Tlp::NAMES, "TLP marking of evidence that gives none"),
        }),
    )
}

fn scenario() -> Value {
    record(
        "forecast scenario",
        &["title"],
        json!({
            "title": text("The scenario's title"),
            "summary": { "type": "string" },
            "order": { "type": "integer", "description": "Display order, smallest first" },
            "since": date("First day in play"),
            "added": moment("When `scenario add` wrote it"),
            "retired": date("First day no longer in play"),
            "retired_recorded": moment("When the retirement was recorded"),
            "retired_reason": { "type": "string" },
            "indicators": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "text"],
                    "additionalProperties": false,
                    "properties": { "id": id("Indicator id"), "text": text("What would be observed") },
                },
            },
        }),
    )
}

fn evidence() -> Value {
    let grade = "^([A-Fa-f][1-6]?|[1-6])$";
    let observes = format!("{}/{}", &ID[..ID.len() - 1], &ID[1..]);
    let mut schema = record(
        "forecast evidence item",
        &["title", "date", "source"],
        json!({
            "title": text("Headline"),
            "date": date("When it happened or was reported"),
            "logged": moment("When it entered the notebook (set by the tool)"),
            "logged_by": { "type": "string" },
            "source": text("Outlet or agency"),
            "url": { "type": "string" },
            "grade": { "type": "string", "pattern": grade, "description": "Admiralty grade: B2, B or 2" },
            "reliability": { "type": "string", "pattern": "^[A-Fa-f]$", "description": "Source reliability A-F" },
            "credibility": { "type": "integer", "minimum": 1, "maximum": 6, "description": "Information credibility 1-6" },
            "summary": { "type": "string" },
            "tags": { "type": "array", "items": { "type": "string" } },
            "observes": { "type": "array", "items": { "type": "string", "pattern": observes } },
            "origin": { "type": "string", "minLength": 1, "maxLength": value::ORIGIN_MAX, "pattern": "^[^\\n]*\\S[^\\n]*$" },
            "linked": moment("When `evidence link` set the origin (set by the tool)"),
            "tlp": keyword(Tlp::NAMES, "TLP marking"),
            "likelihood": {
                "type": "object",
                "description": "Scenario id → a number above 0, or an ACH rating",
                "propertyNames": { "pattern": ID },
                "additionalProperties": {
                    "oneOf": [
                        { "type": "number", "exclusiveMinimum": 0 },
                        { "type": "string", "pattern": "^([Cc]{1,2}|[Nn]|[Ii]{1,2})$" },
                    ],
                },
            },
            "retracted": {
                "type": "object",
                "required": ["date", "reason"],
                "additionalProperties": false,
                "properties": { "date": date("Day retracted"), "reason": text("Why"), "recorded": moment("When written") },
            },
        }),
    );
    schema["dependentRequired"] = json!({ "linked": ["origin"] });
    schema
}

fn update() -> Value {
    record(
        "forecast update",
        &["at", "author", "method", "probabilities"],
        json!({
            "at": moment("The moment the judgment is about"),
            "recorded": moment("When it was written (set by the tool)"),
            "author": text("Who made it"),
            "method": keyword(Method::NAMES, "How the probabilities were reached"),
            "evidence": { "type": "array", "items": id("Cited evidence id"), "uniqueItems": true },
            "confidence": keyword(Confidence::NAMES, "Analytic confidence"),
            "rationale": { "type": "string" },
            "probabilities": {
                "type": "object",
                "minProperties": 1,
                "description": "Scenario id → probability; every scenario in play, summing to 1",
                "propertyNames": { "pattern": ID },
                "additionalProperties": { "type": "number", "minimum": value::FLOOR, "maximum": 1.0 - value::FLOOR },
            },
        }),
    )
}

fn resolution() -> Value {
    record(
        "forecast resolution.toml",
        &["scenario", "date"],
        json!({
            "scenario": id("The scenario that happened"),
            "date": date("The day it resolved"),
            "note": { "type": "string" },
            "recorded": moment("When the resolution was entered"),
            "recorded_by": { "type": "string" },
        }),
    )
}

/// The schema as the file `init` writes and `forecast schema` prints.
pub fn text_of(kind: &str) -> Option<String> {
    schema(kind).map(|s| serde_json::to_string_pretty(&s).unwrap_or_default() + "\n")
}

/// `.taplo.toml`: which schema each record file follows.
pub fn taplo_config() -> String {
    let rules = [
        ("notebook.toml", "notebook"),
        ("scenarios/*.toml", "scenario"),
        ("evidence/**/*.toml", "evidence"),
        ("updates/**/*.toml", "update"),
        ("resolution.toml", "resolution"),
    ];
    let mut text = String::from(
        "# Editor validation and completion for forecast's records (Taplo: Even Better TOML in VS Code,\n# Helix, Zed, Neovim). Written by `forecast init`; `forecast schema KIND` prints each schema.\n",
    );
    for (include, kind) in rules {
        text.push_str(&format!(
            "\n[[rule]]\ninclude = [\"{include}\"]\n[rule.schema]\npath = \"./{FOLDER}/{kind}.schema.json\"\n"
        ));
    }
    text
}
