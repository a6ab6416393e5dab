//! Likely duplicates `check` warns about: items of different origin groups that cite one web page,
//! or are dated within a day with titles alike. The analyst decides; `evidence link` joins them.

use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Notebook, id, value};
use std::collections::HashMap;

/// How many neighbours, in each of two orders of a day's titles, an item is compared with: titles
/// alike share a beginning or an end, so they sort near each other one way or the other, and a
/// day of thousands of items is compared in time proportional to its size.
const NEIGHBOURS: usize = 4;

/// Up to how many titles (two days' worth) every pair is compared, not only neighbours.
const ALL_PAIRS: usize = 40;

/// Why two items may report the same news.
#[derive(Debug, Clone)]
enum Why {
    Page(String),
    Title,
}

/// A warning on each later item of a cluster of likely duplicates that are not linked, naming the
/// cluster's earliest item: items of different origin groups that cite one web page, or are dated
/// within a day of each other with titles alike (the rule `evidence add` warns by, `id::alike`).
pub fn unlinked(notebook: &Notebook) -> Vec<Diagnostic> {
    let zone = notebook.settings.timezone;
    let live: Vec<&Evidence> = notebook.evidence.iter().filter(|e| e.retracted.is_none()).collect();
    let group: Vec<&str> = live.iter().map(|e| notebook.group_of(e)).collect();
    let rank = |i: usize| (live[i].known_at(zone), live[i].id.as_str());
    let mut pairs: HashMap<(usize, usize), Why> = HashMap::new();
    let mut add = |a: usize, b: usize, why: Why| {
        if group[a] != group[b] {
            let pair = if rank(a) < rank(b) { (a, b) } else { (b, a) };
            pairs.entry(pair).or_insert(why);
        }
    };
    let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in live.iter().enumerate() {
        // A site's front page names no report, so only addresses with a path count.
        if let Some(url) = e.url.as_deref().and_then(value::normalized_url).filter(|u| u.contains('/')) {
            by_url.entry(url).or_default().push(i);
        }
    }
    for (url, mut items) in by_url {
        items.sort_by_key(|&i| rank(i));
        for &later in items.iter().skip(1) {
            if let Some(&first) = items.iter().find(|&&e| group[e] != group[later]).filter(|&&e| rank(e) < rank(later))
            {
                add(first, later, Why::Page(url.clone()));
            }
        }
    }
    let mut by_day: std::collections::BTreeMap<chrono::NaiveDate, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, e) in live.iter().enumerate() {
        by_day.entry(e.date).or_default().push(i);
    }
    let slugs: Vec<String> = live.iter().map(|e| id::slug(&e.title, id::MAX_LEN)).collect();
    for (day, items) in &by_day {
        // This day with the next, so that items a day apart are compared too.
        let mut window = items.clone();
        if let Some(next) = day.succ_opt().and_then(|d| by_day.get(&d)) {
            window.extend(next);
        }
        let texts: Vec<String> = window.iter().map(|&i| slugs[i].clone()).collect();
        for (a, b) in alike_pairs(&texts) {
            add(window[a], window[b], Why::Title);
        }
    }
    warnings(&live, pairs, &rank)
}

/// One warning per later item of each cluster of pairs, naming the cluster's earliest item.
fn warnings<'a>(
    live: &[&'a Evidence],
    pairs: HashMap<(usize, usize), Why>,
    rank: &dyn Fn(usize) -> (crate::model::Moment, &'a str),
) -> Vec<Diagnostic> {
    let mut sets = crate::model::groups::Sets::new(live.len());
    let mut sorted: Vec<((usize, usize), Why)> = pairs.into_iter().collect();
    sorted.sort_by_key(|((a, b), _)| (rank(*b), rank(*a)));
    for ((a, b), _) in &sorted {
        sets.join(*a, *b);
    }
    let mut earliest: HashMap<usize, usize> = HashMap::new();
    for &((a, b), _) in &sorted {
        for i in [a, b] {
            let root = sets.find(i);
            let best = earliest.entry(root).or_insert(i);
            if rank(i) < rank(*best) {
                *best = i;
            }
        }
    }
    let mut warned: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let mut found = Vec::new();
    for ((a, b), why) in sorted {
        let first = earliest[&sets.find(b)];
        if b == first || !warned.insert(b) {
            continue;
        }
        let reason = match (&why, a == first) {
            (Why::Page(url), true) => format!("cites the same page as `{}` ({url})", live[first].id),
            (Why::Title, true) => format!("is dated within a day of `{}` with a title alike", live[first].id),
            _ => format!("is alike `{}`, which is alike `{}`", live[a].id, live[first].id),
        };
        found.push(
            Diagnostic::warning(
                live[b].path(),
                Some(live[b].spans.date.clone()),
                format!("may report the same news: it {reason}, but names no common origin"),
            )
            .with_hint(link_hint(live[first], live[b])),
        );
    }
    found
}

/// The command that would count two alike items once: link the later to the earlier, or, when the
/// later already names an origin, the earlier to that origin.
fn link_hint(first: &Evidence, later: &Evidence) -> String {
    match (&first.origin, &later.origin) {
        (_, None) => format!(
            "if it does, link them so that it counts once: forecast evidence link {} --origin {}",
            later.id, first.id
        ),
        (None, Some(origin)) => format!(
            "if it does, link them so that it counts once: forecast evidence link {} --origin {origin}",
            first.id
        ),
        (Some(_), Some(_)) => {
            "if it does, both already name an origin: edit one file so that both name the same one".to_string()
        }
    }
}

/// Pairs of positions in `slugs` that are alike: every pair of a short list, else each slug's
/// neighbours (see `neighbours`).
fn alike_pairs(slugs: &[String]) -> Vec<(usize, usize)> {
    if slugs.len() <= ALL_PAIRS {
        let n = slugs.len();
        return (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .filter(|&(a, b)| id::alike(&slugs[a], &slugs[b]))
            .collect();
    }
    alike_indices(slugs)
}

/// Pairs of positions in `slugs` whose slugs are alike (`id::alike`), comparing each with its
/// `NEIGHBOURS` neighbours in the slugs' order and in the order of the slugs reversed, so that
/// thousands of titles cost little; each pair once, the lower position first.
pub fn alike_indices(slugs: &[String]) -> Vec<(usize, usize)> {
    neighbours(slugs, &|a, b| id::alike(&slugs[a], &slugs[b]))
}

/// Pairs of positions in `texts` that `alike` accepts, among each text's `NEIGHBOURS` neighbours
/// in the texts' order and in the order of the texts reversed; each pair once, lower first.
pub fn neighbours(texts: &[String], alike: &dyn Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut seen: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let reversed = |s: &str| s.chars().rev().collect::<String>();
    for backwards in [false, true] {
        let mut order: Vec<(String, usize)> =
            texts.iter().enumerate().map(|(i, s)| (if backwards { reversed(s) } else { s.clone() }, i)).collect();
        order.sort();
        for (k, (_, a)) in order.iter().enumerate() {
            for (_, b) in order.iter().skip(k + 1).take(NEIGHBOURS) {
                let pair = ((*a).min(*b), (*a).max(*b));
                if !seen.contains(&pair) && alike(pair.0, pair.1) {
                    seen.insert(pair);
                    found.push(pair);
                }
            }
        }
    }
    found
}
