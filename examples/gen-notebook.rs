//! Writes a deterministic synthetic notebook that `forecast check` passes, for benchmarks and scale tests.
//!
//! cargo run --release --example gen-notebook -- DIR --evidence N --updates M --authors K --seed S

use clap::Parser;
use forecast::analysis::{bayes, estimate};
use forecast::model::{Distribution, Evidence, Likelihood};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    dir: PathBuf,
    #[arg(long, default_value_t = 1000)]
    evidence: usize,
    #[arg(long, default_value_t = 100)]
    updates: usize,
    #[arg(long, default_value_t = 3)]
    authors: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// A small deterministic generator (SplitMix64), so the same seed always gives the same notebook.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn words(&mut self, count: usize) -> String {
        const WORDS: [&str; 24] = [
            "forces",
            "reported",
            "advance",
            "near",
            "the",
            "road",
            "supply",
            "corridor",
            "drone",
            "strikes",
            "control",
            "district",
            "analysts",
            "assess",
            "counter-attack",
            "logistics",
            "pressure",
            "line",
            "village",
            "claims",
            "mapping",
            "footage",
            "units",
            "withdrawal",
        ];
        (0..count).map(|_| WORDS[self.below(WORDS.len())]).collect::<Vec<_>>().join(" ")
    }
}

const SCENARIOS: [&str; 3] = ["withdrawal", "containment", "pushback"];
const START_DAY: i64 = 20_000; // 2024-10-04, days since 1970-01-01

fn day(offset: i64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(START_DAY + offset)
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    let root = &args.dir;
    for folder in ["scenarios", "evidence", "updates"] {
        std::fs::create_dir_all(root.join(folder))?;
    }
    std::fs::write(
        root.join("notebook.toml"),
        "title = \"Synthetic notebook\"\nquestion = \"Which scenario?\"\ntimezone = \"UTC\"\n",
    )?;
    for (i, s) in SCENARIOS.iter().enumerate() {
        let text = format!(
            "title = \"{s}\"\nsummary = \"{}\"\norder = {}\n\n[[indicators]]\nid = \"signal\"\ntext = \"{}\"\n",
            rng.words(20),
            i + 1,
            rng.words(10)
        );
        std::fs::write(root.join("scenarios").join(format!("{s}.toml")), text)?;
    }
    let days = (args.evidence / 100).max(30) as i64;
    let mut items: Vec<Evidence> = Vec::with_capacity(args.evidence);
    for n in 0..args.evidence {
        let offset = n as i64 * days / args.evidence.max(1) as i64;
        let likelihood: Option<Vec<f64>> =
            (rng.below(10) < 9).then(|| (0..3).map(|_| 0.05 + rng.unit() * 0.9).collect());
        let id = format!("{}-item-{n:06}-synthetic", day(offset));
        let mut text = String::new();
        let _ = writeln!(text, "title = \"{}\"", rng.words(9));
        let _ = writeln!(text, "date = {}", day(offset));
        let _ = writeln!(text, "logged = {}T{:02}:{:02}:00Z", day(offset), 6 + rng.below(4), rng.below(60));
        let _ = writeln!(text, "logged_by = \"author-{}\"", rng.below(args.authors));
        let _ = writeln!(text, "source = \"Source {}\"", rng.below(40));
        let _ = writeln!(text, "url = \"https://example.org/{n}\"");
        let _ = writeln!(
            text,
            "reliability = \"{}\"\ncredibility = {}",
            ["A", "B", "C", "D"][rng.below(4)],
            1 + rng.below(5)
        );
        let _ = writeln!(text, "summary = \"{}\"", rng.words(45));
        let _ = writeln!(
            text,
            "tags = [\"{}\", \"synthetic\"]",
            ["logistics", "territorial-control", "claim"][rng.below(3)]
        );
        if rng.below(20) == 0 {
            let _ = writeln!(text, "observes = [\"{}/signal\"]", SCENARIOS[rng.below(3)]);
        }
        if let Some(l) = &likelihood {
            let _ = writeln!(text, "\n[likelihood]");
            for (s, v) in SCENARIOS.iter().zip(l) {
                let _ = writeln!(text, "{s} = {v:.3}");
            }
        }
        // Filed as `evidence add` files them: by the month the id starts with.
        let month = root.join("evidence").join(&id[..7]);
        std::fs::create_dir_all(&month)?;
        std::fs::write(month.join(format!("{id}.toml")), &text)?;
        let parsed = likelihood.map(|l| {
            SCENARIOS
                .iter()
                .zip(l)
                .map(|(s, v)| (s.to_string(), Likelihood::Number((v * 1000.0).round() / 1000.0)))
                .collect()
        });
        items.push(Evidence::bare(id, day(offset), parsed));
    }
    write_updates(&args, &mut rng, &items, days)?;
    retract_some(root, &mut rng, &items, args.evidence)?;
    Ok(())
}

/// Updates spread over the period; each author opens by judgment, then alternates Bayes and judgment,
/// citing evidence logged earlier that day or before. Bayes numbers are computed like the tool does.
fn write_updates(args: &Args, rng: &mut Rng, items: &[Evidence], days: i64) -> std::io::Result<()> {
    let mut latest: Vec<Option<Distribution>> = vec![None; args.authors];
    let mut cited = vec![false; items.len()];
    // What each author has cited: Bayes never multiplies news the author's estimate reflects.
    let mut reflected: Vec<std::collections::HashSet<usize>> = vec![Default::default(); args.authors.max(1)];
    for u in 0..args.updates {
        let author = u % args.authors.max(1);
        let seconds = 86_400 + u as i64 * ((days - 1) * 86_400 / args.updates.max(1) as i64);
        let offset = seconds / 86_400;
        let (hour, minute) = ((seconds % 86_400) / 3600, (seconds % 3600) / 60);
        let known = items.partition_point(|e| e.date < day(offset));
        let picks: Vec<usize> = (0..1 + rng.below(4)).map(|_| rng.below(known.max(1))).filter(|&i| i < known).collect();
        let mut picks = picks;
        picks.sort_unstable();
        picks.dedup();
        let bayes = latest[author].is_some() && u % 2 == 1;
        if bayes {
            picks.retain(|i| !reflected[author].contains(i));
        }
        let usable: Vec<&Evidence> = picks.iter().map(|&i| &items[i]).filter(|e| e.likelihood.is_some()).collect();
        let (method, evidence, probabilities) = if bayes && !usable.is_empty() {
            let post = bayes::posterior(latest[author].as_ref().unwrap(), &usable).expect("positive likelihoods");
            // Floored at 0.001 as `update --bayes` does (Cromwell's rule).
            let (post, _) = bayes::floored(&post, forecast::model::value::FLOOR);
            ("bayes", usable.iter().map(|e| e.id.clone()).collect::<Vec<_>>(), estimate::round_for_storage(&post))
        } else {
            let w: Vec<f64> = (0..3).map(|_| 0.05 + rng.unit()).collect();
            let total: f64 = w.iter().sum();
            let d: Distribution = SCENARIOS.iter().zip(w).map(|(s, x)| (s.to_string(), x / total)).collect();
            ("judgment", picks.iter().map(|&i| items[i].id.clone()).collect(), estimate::round_for_storage(&d))
        };
        for &i in &picks {
            cited[i] = true;
            reflected[author].insert(i);
        }
        let mut text = format!(
            "at = {}T{hour:02}:{minute:02}:{:02}Z\nauthor = \"author-{author}\"\nmethod = \"{method}\"\n",
            day(offset),
            seconds % 60
        );
        let quoted: Vec<String> = evidence.iter().map(|e| format!("\"{e}\"")).collect();
        let _ = writeln!(
            text,
            "evidence = [{}]\nconfidence = \"{}\"",
            quoted.join(", "),
            ["low", "moderate", "high"][rng.below(3)]
        );
        let _ = writeln!(text, "rationale = \"{}\"\n\n[probabilities]", rng.words(30));
        for s in SCENARIOS {
            let _ = writeln!(text, "{s} = {}", probabilities[s]);
        }
        let id = format!("{}-{hour:02}{minute:02}-author-{author}-{u:06}", day(offset));
        // Filed as the tool files them: under the author's folder, by month.
        let folder = args.dir.join("updates").join(format!("author-{author}")).join(&id[..7]);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("{id}.toml")), text)?;
        latest[author] = Some(probabilities);
    }
    CITED.with(|c| *c.borrow_mut() = cited);
    Ok(())
}

thread_local! {
    static CITED: std::cell::RefCell<Vec<bool>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Retracts about 0.5% of the items no update cites, so retractions exist without warnings.
fn retract_some(root: &std::path::Path, rng: &mut Rng, items: &[Evidence], n: usize) -> std::io::Result<()> {
    let cited = CITED.with(|c| c.borrow().clone());
    for _ in 0..(n / 200).max(1) {
        let i = rng.below(items.len());
        if items.is_empty() || cited.get(i).copied().unwrap_or(true) {
            continue;
        }
        let path = root.join("evidence").join(&items[i].id[..7]).join(format!("{}.toml", items[i].id));
        let mut text = std::fs::read_to_string(&path)?;
        if !text.contains("[retracted]") {
            let _ = write!(
                text,
                "\n[retracted]\ndate = {}\nreason = \"{}\"\n",
                items[i].date + chrono::Duration::days(2),
                rng.words(12)
            );
            std::fs::write(&path, text)?;
        }
    }
    Ok(())
}
