//! Likely duplicates `check` warns about: items of different origin groups that cite one web page,
//! or are dated within a day with titles alike. The analyst decides; `evidence link` joins them.

use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Notebook, id, value};
use rayon::prelude::*;
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
    let groups = notebook.groups();
    let (live, group): (Vec<&Evidence>, Vec<&str>) = notebook
        .evidence
        .iter()
        .enumerate()
        .filter(|(_, e)| e.retracted.is_none())
        .map(|(at, e)| (e, groups.key(at)))
        .unzip();
    let rank = |i: usize| (live[i].known_at(zone), live[i].id.as_str());
    let mut pairs: HashMap<(usize, usize), Why> = HashMap::new();
    let mut add = |a: usize, b: usize, why: Why| {
        if group[a] != group[b] {
            let pair = if rank(a) < rank(b) { (a, b) } else { (b, a) };
            pairs.entry(pair).or_insert(why);
        }
    };
    let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
    // A site's front page names no report, so only addresses with a path count.
    let urls: Vec<Option<String>> =
        live.par_iter().map(|e| e.url.as_deref().and_then(value::normalized_url).filter(|u| u.contains('/'))).collect();
    for (i, url) in urls.into_iter().enumerate() {
        if let Some(url) = url {
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
    let titles: Vec<id::Title> = live.par_iter().map(|e| id::Title::of_slug(id::slug(&e.title, id::MAX_LEN))).collect();
    let slugs: Vec<&str> = titles.iter().map(|t| t.slug.as_str()).collect();
    // Each day's titles sorted once, both ways; a window of two days merges them.
    let days: Vec<(&chrono::NaiveDate, &Vec<usize>)> = by_day.iter().collect();
    let sorted: HashMap<chrono::NaiveDate, [Vec<usize>; 2]> =
        days.par_iter().map(|(day, items)| (**day, orders(&slugs, (*items).clone()))).collect();
    let alike = |a: usize, b: usize| titles[a].alike(&titles[b]);
    let found: Vec<(usize, usize)> = days
        .par_iter()
        .flat_map_iter(|(day, items)| {
            // This day with the next, so that items a day apart are compared too.
            match day.succ_opt().and_then(|d| by_day.get(&d).map(|next| (d, next))) {
                Some((next_day, next)) if items.len() + next.len() > ALL_PAIRS => {
                    let (one, two) = (&sorted[*day], &sorted[&next_day]);
                    let merged = [0, 1].map(|k| merge(&one[k], &two[k], &|a, b| by_order(&slugs, k, a, b)));
                    neighbours_in(&merged, &alike)
                }
                Some((_, next)) => all_pairs(&[items.as_slice(), next].concat(), &alike),
                None if items.len() > ALL_PAIRS => neighbours_in(&sorted[*day], &alike),
                None => all_pairs(items, &alike),
            }
        })
        .collect();
    for (a, b) in found {
        add(a, b, Why::Title);
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

/// Every pair of `items` that `alike` accepts, the lower first.
fn all_pairs(items: &[usize], alike: &dyn Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (k, &a) in items.iter().enumerate() {
        for &b in &items[k + 1..] {
            let pair = (a.min(b), a.max(b));
            if alike(pair.0, pair.1) {
                found.push(pair);
            }
        }
    }
    found
}

/// How two texts compare in order `k`: 0 by the text, 1 by the text read backwards.
fn by_order<S: AsRef<str>>(texts: &[S], k: usize, a: usize, b: usize) -> std::cmp::Ordering {
    let (a, b) = (texts[a].as_ref(), texts[b].as_ref());
    if k == 0 { a.cmp(b) } else { a.chars().rev().cmp(b.chars().rev()) }
}

/// `items` in the two orders neighbours are read in (see `by_order`).
fn orders<S: AsRef<str>>(texts: &[S], items: Vec<usize>) -> [Vec<usize>; 2] {
    let mut backwards = items.clone();
    let mut forwards = items;
    forwards.sort_unstable_by(|&a, &b| by_order(texts, 0, a, b));
    backwards.sort_unstable_by(|&a, &b| by_order(texts, 1, a, b));
    [forwards, backwards]
}

/// Two sorted lists as one, in the same order.
fn merge(one: &[usize], two: &[usize], order: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut merged = Vec::with_capacity(one.len() + two.len());
    let (mut i, mut j) = (0, 0);
    while i < one.len() && j < two.len() {
        if order(one[i], two[j]).is_le() {
            merged.push(one[i]);
            i += 1;
        } else {
            merged.push(two[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&one[i..]);
    merged.extend_from_slice(&two[j..]);
    merged
}

/// Pairs of positions in `texts` that `alike` accepts, among each text's `NEIGHBOURS` neighbours
/// in the texts' order and in the order of the texts reversed; each pair once, lower first.
pub fn neighbours<S: AsRef<str>>(texts: &[S], alike: &dyn Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    neighbours_in(&orders(texts, (0..texts.len()).collect()), alike)
}

/// The pairs `alike` accepts among each item's `NEIGHBOURS` next items in either of two orders;
/// each pair once, the lower first.
fn neighbours_in(orders: &[Vec<usize>; 2], alike: &dyn Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for order in orders {
        for (k, &a) in order.iter().enumerate() {
            for &b in order.iter().skip(k + 1).take(NEIGHBOURS) {
                let pair = (a.min(b), a.max(b));
                if alike(pair.0, pair.1) {
                    found.push(pair);
                }
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}
