//! `forecast evidence import`: many items from a spreadsheet's CSV, all or nothing.

use super::evidence::{likelihoods, observations};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::grade::{Credibility, Grade, Reliability};
use crate::model::value::{ScenarioValue, did_you_mean};
use crate::model::{Evidence, Filed, Likelihood, Moment, Tlp, id, time};
use crate::output::Ui;
use crate::store::{self, EvidenceDraft, Frame};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Import evidence from a spreadsheet saved as CSV: every row validated, all or nothing
///
/// The first row names the columns: title, date, source, url, grade, reliability, credibility,
/// summary, tags (separated by `;`), observes (`SCENARIO/INDICATOR`, separated by `;`), origin,
/// tlp, and likelihood.<scenario> for each scenario. --map COLUMN=FIELD reads a column of
/// another name as a field. Every row is checked as `evidence add` would check it; if any fails,
/// every error is listed (file, row, column) and nothing is written. Likely duplicates, within
/// the file and against the notebook's month folders, are warned about in one summary. Each item
/// is logged now, by you, and filed under evidence/<YYYY-MM>/.
///
/// Examples:
///   forecast evidence import sources.csv --dry-run
///   forecast evidence import sources.csv --map Headline=title --map Outlet=source
///   forecast evidence import export.csv --map "P(cut)=likelihood.cut" --map "P(hold)=likelihood.hold"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The CSV file (UTF-8, comma-separated, a header row)
    #[arg(value_name = "FILE.csv")]
    pub file: std::path::PathBuf,
    /// Read column COLUMN as field FIELD (repeatable)
    #[arg(long = "map", value_name = "COLUMN=FIELD", value_parser = mapping)]
    pub map: Vec<(String, String)>,
    /// Check every row and report duplicates, but write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The fields a column may hold (besides `likelihood.<scenario>`).
const FIELDS: [&str; 12] = [
    "title",
    "date",
    "source",
    "url",
    "grade",
    "reliability",
    "credibility",
    "summary",
    "tags",
    "observes",
    "origin",
    "tlp",
];

fn mapping(text: &str) -> std::result::Result<(String, String), String> {
    let (column, field) = text.split_once('=').ok_or_else(|| format!("found `{text}`, expected COLUMN=FIELD"))?;
    Ok((column.trim().to_string(), field.trim().to_string()))
}

/// How many row errors are listed before the rest are counted.
const LISTED_ERRORS: usize = 50;

pub fn run(ctx: &Context, ui: &Ui, args: Args) -> Result<()> {
    let (root, frame) = ctx.frame()?;
    let now = ctx.now(frame.zone());
    let author = ctx.author()?;
    let name = args.file.display().to_string();
    let text = store::table_file(&ctx.path(&args.file))?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::input(format!("{name}: cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let fields = columns(&name, &header, &args.map, &frame)?;
    // Origins are resolved against the notebook, as `evidence add --origin` does.
    let notebook = match fields.iter().any(|c| matches!(&c.field, Field::Named(f) if f == "origin")) {
        true => Some(super::load(ctx, ui, crate::store::Summaries::Drop)?.notebook),
        false => None,
    };
    let origin = |typed: &str| -> Result<String> {
        match &notebook {
            Some(nb) => Ok(nb.resolve_origin(typed)?),
            None => Ok(typed.to_string()),
        }
    };
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::input(format!("{name}: {}", plain_csv_error(&e))))?;
    if rows.is_empty() {
        return Err(Error::input(format!(
            "{name}: found a header row and no rows, expected at least one row to import"
        )));
    }
    // Each row is counted once as it is checked, and once more as it is written.
    let steps = if args.dry_run { 1 } else { 2 };
    let progress = ui.progress(rows.len() as u64 * steps, "importing");
    let mut drafts: Vec<EvidenceDraft> = Vec::with_capacity(rows.len());
    let mut errors: Vec<String> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let line = n + 2;
        match item(row, &fields, (&now, &author), &frame, &origin).and_then(|e| store::evidence_from_item(&e, &frame)) {
            Ok(draft) => drafts.push(draft),
            Err(e) => errors.push(format!("{name}:row {line}: {}", one_line(&e))),
        }
        progress.inc();
    }
    if !errors.is_empty() {
        progress.finish();
        let more = errors.len().saturating_sub(LISTED_ERRORS);
        let mut message = format!(
            "{} of {} rows cannot be imported, so none was:\n  {}",
            errors.len(),
            rows.len(),
            errors.iter().take(LISTED_ERRORS).cloned().collect::<Vec<_>>().join("\n  ")
        );
        if more > 0 {
            message.push_str(&format!("\n  and {more} more"));
        }
        return Err(Error::input(message));
    }
    warn_duplicates(ui, &root, &drafts);
    if args.dry_run {
        progress.finish();
        ui.err(&format!("dry run: {} would be imported; nothing written\n", count(drafts.len(), "row")));
        return Ok(());
    }
    let landed = store::add_evidence_batch(&root, &drafts, &author, &frame, &|| progress.inc())?;
    progress.finish();
    landed.warnings.iter().for_each(|w| ui.err(&format!("warning: {w}\n")));
    let ids: String = landed.ids.iter().map(|id| format!("{id}\n")).collect();
    ui.out(&ids)
        .map_err(|e| e.after_writing(format!("{} items were imported; do not import them again", landed.ids.len())))?;
    ui.err(&format!("imported {}\n", count(landed.ids.len(), "item")));
    Ok(())
}

/// `1 row`, `2 rows`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// An error as one line, for a row's entry in the list.
fn one_line(e: &Error) -> String {
    match e {
        Error::Invalid(found) => found.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("; "),
        other => other.to_string().lines().next().unwrap_or("").trim_start_matches("error: ").to_string(),
    }
}

fn plain_csv_error(e: &csv::Error) -> String {
    match e.position() {
        // The record's number, counting the header as row 1, as a spreadsheet numbers its rows
        // (a line count would differ with CRLF endings or line breaks inside cells).
        Some(p) => format!("row {}: {}", p.record() + 1, e.kind_description()),
        None => e.to_string(),
    }
}

trait KindDescription {
    fn kind_description(&self) -> String;
}

impl KindDescription for csv::Error {
    fn kind_description(&self) -> String {
        match self.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                format!("found {len} cells, expected {expected_len} like the header row")
            }
            csv::ErrorKind::Utf8 { .. } => "found a cell that is not valid UTF-8, expected UTF-8 text".to_string(),
            _ => self.to_string(),
        }
    }
}

/// What each column holds: a field, or a scenario's likelihood. Unknown columns are refused,
/// naming them, with a did-you-mean.
fn columns(name: &str, header: &[String], map: &[(String, String)], frame: &Frame) -> Result<Vec<Column>> {
    for (column, _) in map {
        if !header.contains(column) {
            return Err(Error::input(format!(
                "`--map {column}=…` names no column of {name}; its columns are {}",
                header.join(", ")
            )));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    header
        .iter()
        .map(|column| {
            let field = map.iter().find(|(c, _)| c == column).map_or(column.as_str(), |(_, f)| f.as_str());
            let parsed = if let Some(scenario) = field.strip_prefix("likelihood.") {
                if !frame.scenarios.iter().any(|s| s.id == scenario) {
                    let hint =
                        did_you_mean(scenario, frame.scenarios.iter().map(|s| s.id.as_str())).unwrap_or_default();
                    return Err(Error::input(
                        format!("{name}: column `{column}` names unknown scenario `{scenario}` {hint}")
                            .trim_end()
                            .to_string(),
                    ));
                }
                Column { name: column.clone(), field: Field::Likelihood(scenario.to_string()) }
            } else if FIELDS.contains(&field) {
                Column { name: column.clone(), field: Field::Named(field.to_string()) }
            } else {
                let fields: Vec<&str> = FIELDS.iter().copied().chain(["likelihood.<scenario>"]).collect();
                let hint = did_you_mean(field, fields.iter().copied()).map_or(String::new(), |h| format!(" ({h})"));
                return Err(Error::input(format!(
                    "{name}: found column `{column}`, expected one of {}{hint}; --map COLUMN=FIELD reads it as a field",
                    fields.join(", ")
                )));
            };
            let key = match &parsed.field {
                Field::Named(f) => f.clone(),
                Field::Likelihood(s) => format!("likelihood.{s}"),
            };
            if seen.contains(&key) {
                return Err(Error::input(format!("{name}: two columns are read as `{key}`, expected each field once")));
            }
            seen.push(key);
            Ok(parsed)
        })
        .collect()
}

struct Column {
    name: String,
    field: Field,
}

enum Field {
    Named(String),
    Likelihood(String),
}

/// One row as an evidence item, each cell checked with a message naming its column.
fn item(
    row: &csv::StringRecord,
    columns: &[Column],
    (now, author): (&Moment, &str),
    frame: &Frame,
    origin: &dyn Fn(&str) -> Result<String>,
) -> Result<Evidence> {
    let mut cells: HashMap<&str, (&str, &str)> = HashMap::new();
    let mut pairs: Vec<ScenarioValue<Likelihood>> = Vec::new();
    for (column, cell) in columns.iter().zip(row.iter()) {
        let cell = cell.trim();
        match &column.field {
            Field::Named(f) => {
                cells.insert(f.as_str(), (column.name.as_str(), cell));
            }
            Field::Likelihood(_) if cell.is_empty() => {}
            Field::Likelihood(s) => {
                let value = ScenarioValue::<Likelihood>::parse(&format!("{s}={cell}"), "cut=0.7", |v| {
                    match v.trim().parse::<f64>() {
                        Ok(n) => Ok(Likelihood::Number(n)),
                        Err(_) => v.trim().parse(),
                    }
                })
                .map_err(|e| Error::input(format!("column `{}`: {}", column.name, e.message)))?;
                pairs.push(value);
            }
        }
    }
    let text = |f: &str| cells.get(f).map(|(_, v)| *v).filter(|v| !v.is_empty());
    let parse = |f: &str| -> Result<Option<(&str, &str)>> { Ok(cells.get(f).copied().filter(|(_, v)| !v.is_empty())) };
    let date = match parse("date")? {
        Some((column, v)) => {
            time::parse_date(v).map_err(|e| Error::input(format!("column `{column}`: {}", e.message)))?
        }
        None => time::day_in(frame.zone(), now),
    };
    let mut grade = Grade::default();
    if let (Some((g, _)), Some((other, _))) = (parse("grade")?, parse("reliability")?.or(parse("credibility")?)) {
        return Err(Error::input(format!(
            "columns `{g}` and `{other}` both give a grade, expected one or the other (as `evidence add --grade` takes no `--reliability`)"
        )));
    }
    if let Some((column, v)) = parse("grade")? {
        grade = v.parse::<Grade>().map_err(|e| Error::input(format!("column `{column}`: {}", e.message)))?;
    }
    if let Some((column, v)) = parse("reliability")? {
        grade.reliability = Some(
            v.to_ascii_uppercase()
                .parse::<Reliability>()
                .map_err(|e| Error::input(format!("column `{column}`: {}", e.message)))?,
        );
    }
    if let Some((column, v)) = parse("credibility")? {
        let n = v
            .parse::<i64>()
            .map_err(|_| Error::input(format!("column `{column}`: found `{v}`, expected a credibility from 1 to 6")))?;
        grade.credibility =
            Some(Credibility::new(n).map_err(|e| Error::input(format!("column `{column}`: {}", e.message)))?);
    }
    let origin = match parse("origin")? {
        Some((column, v)) => Some(origin(v).map_err(|e| Error::input(format!("column `{column}`: {}", one_line(&e))))?),
        None => None,
    };
    let tlp = match parse("tlp")? {
        Some((column, v)) => {
            Some(v.parse::<Tlp>().map_err(|e| Error::input(format!("column `{column}`: {}", e.message)))?)
        }
        None => None,
    };
    let list = |f: &str| -> Vec<String> {
        text(f)
            .map(|v| v.split(';').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    };
    let mut item = Evidence::bare("new", date, likelihoods(&pairs, date, frame, "likelihood.* columns")?);
    item.filed = Filed::Loose;
    item.title = text("title").unwrap_or("").to_string();
    item.source = text("source").unwrap_or("").to_string();
    for (field, what) in [("title", item.title.as_str()), ("source", item.source.as_str())] {
        if what.is_empty() {
            let column = cells.get(field).map_or(field, |(c, _)| c);
            return Err(Error::input(format!("column `{column}`: found nothing, expected some text")));
        }
    }
    item.logged = Some(*now);
    item.logged_by = Some(author.to_string());
    item.url = text("url").map(str::to_string);
    item.grade = grade;
    item.summary = text("summary").map(str::to_string);
    item.tags = list("tags");
    item.observes = observations(&list("observes"), frame)?;
    item.origin = origin;
    item.tlp = tlp;
    Ok(item)
}

/// One summary of the rows that may duplicate each other or an item already filed: rows bucketed
/// by date, each compared with its neighbours among the rows of its day and the filed items of its
/// day and the days either side (sorted by title, forwards and backwards), never every pair.
fn warn_duplicates(ui: &Ui, root: &std::path::Path, drafts: &[EvidenceDraft]) {
    let mut days: Vec<NaiveDate> = drafts.iter().map(|d| d.evidence.date).collect();
    days.sort();
    days.dedup();
    let around: Vec<NaiveDate> = days.iter().flat_map(|d| [d.pred_opt(), Some(*d), d.succ_opt()]).flatten().collect();
    let filed = store::evidence_ids_by_day(root, &around);
    let mut rows_by_day: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        rows_by_day.entry(d.evidence.date).or_default().push(i);
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    for day in days {
        let rows = &rows_by_day[&day];
        let ids: Vec<&String> = [day.pred_opt(), Some(day), day.succ_opt()]
            .iter()
            .flatten()
            .filter_map(|d| filed.get(d))
            .flatten()
            .collect();
        // Rows first, then filed ids (their title part: the id after its date).
        let mut texts: Vec<String> = rows.iter().map(|&i| id::slug(&drafts[i].evidence.title, id::MAX_LEN)).collect();
        texts.extend(ids.iter().map(|fid| fid.get(11..).unwrap_or("").to_string()));
        let is_row = |k: usize| k < rows.len();
        let alike = |a: usize, b: usize| match (is_row(a), is_row(b)) {
            (true, true) => id::alike(&texts[a], &texts[b]),
            (true, false) => id::title_similarity(&texts[a], &texts[b]) >= id::SIMILAR,
            _ => false,
        };
        // Each pair warns on its later row, naming the earlier row or the filed item.
        for (a, b) in crate::analysis::duplicates::neighbours(&texts, &alike) {
            if is_row(b) {
                let (first, later) = (rows[a].min(rows[b]), rows[a].max(rows[b]));
                found.push((later + 2, format!("row {}", first + 2)));
            } else {
                found.push((rows[a] + 2, format!("`{}`", ids[b - rows.len()])));
            }
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    if !found.is_empty() {
        let shown: Vec<String> =
            found.iter().take(10).map(|(line, other)| format!("row {line} is like {other}")).collect();
        ui.err(&format!(
            "warning: {} may report news already in the file or the notebook (dated within a day, titles alike){}: {}\n  link them so that each counts once: forecast evidence link ID --origin ID\n",
            count(found.len(), "row"),
            if found.len() > 10 { ", the first ten" } else { "" },
            shown.join("; ")
        ));
    }
}
