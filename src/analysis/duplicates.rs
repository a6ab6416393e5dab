//! Likely duplicates `check` warns about: items of different origin groups that cite one web page,
//! or are dated the same day with titles alike. The analyst decides; `evidence link` joins them.

use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Notebook, id, value};
use std::collections::HashMap;

/// How many neighbours, in each of two orders of a day's titles, an item is compared with: titles
/// alike share a beginning or an end, so they sort near each other one way or the other, and a
/// day of thousands of items is compared in time proportional to its size.
const NEIGHBOURS: usize = 4;

/// A warning on the later item of each pair of likely duplicates that are not linked.
pub fn unlinked(notebook: &Notebook) -> Vec<Diagnostic> {
    let zone = notebook.settings.timezone;
    let live: Vec<&Evidence> = notebook.evidence.iter().filter(|e| e.retracted.is_none()).collect();
    let group: HashMap<&str, String> = live.iter().map(|e| (e.id.as_str(), notebook.group_of(e))).collect();
    let order = |a: &&Evidence, b: &&Evidence| (a.known_at(zone), &a.id).cmp(&(b.known_at(zone), &b.id));
    let mut pairs: Vec<(&Evidence, &Evidence, String)> = Vec::new();
    let mut by_url: HashMap<String, Vec<&Evidence>> = HashMap::new();
    for e in &live {
        // A site's front page names no report, so only addresses with a path count.
        if let Some(url) = e.url.as_deref().and_then(value::normalized_url).filter(|u| u.contains('/')) {
            by_url.entry(url).or_default().push(e);
        }
    }
    for (url, mut items) in by_url {
        items.sort_by(order);
        for later in items.iter().skip(1) {
            if let Some(first) = items.iter().find(|e| group[e.id.as_str()] != group[later.id.as_str()])
                && order(first, later).is_lt()
            {
                pairs.push((first, later, format!("cites the same page as `{}` ({url})", first.id)));
            }
        }
    }
    let mut by_day: HashMap<chrono::NaiveDate, Vec<(String, &Evidence)>> = HashMap::new();
    for e in &live {
        by_day.entry(e.date).or_default().push((id::slug(&e.title, id::MAX_LEN), e));
    }
    for (_, day) in by_day {
        for (a, b) in alike(&day) {
            let (first, later) = if order(&a, &b).is_lt() { (a, b) } else { (b, a) };
            let linked = group[first.id.as_str()] == group[later.id.as_str()];
            let known = pairs.iter().any(|(x, y, _)| x.id == first.id && y.id == later.id);
            if !linked && !known {
                pairs.push((first, later, format!("is dated the same day as `{}` with a title alike", first.id)));
            }
        }
    }
    // Alike items form clusters; each later item is warned about once, naming its cluster's
    // earliest item.
    pairs.retain(|(first, later, _)| group[first.id.as_str()] != group[later.id.as_str()]);
    let mut earliest: HashMap<&str, &Evidence> = HashMap::new();
    let mut sorted = pairs.clone();
    sorted.sort_by(|a, b| order(&a.0, &b.0).then(order(&a.1, &b.1)));
    for (first, later, _) in &sorted {
        let (a, b) = (root(&earliest, first), root(&earliest, later));
        if a.id != b.id {
            let (keep, join) = if order(&a, &b).is_lt() { (a, b) } else { (b, a) };
            earliest.insert(join.id.as_str(), keep);
        }
    }
    pairs.sort_by(|a, b| (&a.1.id, a.0.known_at(zone), &a.0.id).cmp(&(&b.1.id, b.0.known_at(zone), &b.0.id)));
    pairs.dedup_by(|a, b| a.1.id == b.1.id);
    for pair in &mut pairs {
        let first = root(&earliest, pair.1);
        if first.id != pair.0.id && first.id != pair.1.id {
            pair.2 = format!("is alike `{}`, which is alike `{}`", pair.0.id, first.id);
            pair.0 = first;
        }
    }
    pairs
        .into_iter()
        .map(|(first, later, why)| {
            Diagnostic::warning(
                later.path(),
                Some(later.spans.date.clone()),
                format!("may report the same news: it {why}, but names no common origin"),
            )
            .with_hint(format!(
                "if it does, link them so that it counts once: forecast evidence link {} --origin {}",
                later.id, first.id
            ))
        })
        .collect()
}

/// The earliest item of `e`'s cluster, following the links `earliest` holds.
fn root<'a>(earliest: &HashMap<&'a str, &'a Evidence>, mut e: &'a Evidence) -> &'a Evidence {
    while let Some(next) = earliest.get(e.id.as_str()).filter(|n| n.id != e.id) {
        e = next;
    }
    e
}

/// Pairs of a day's items whose title slugs are alike (see `alike_indices`).
fn alike<'a>(day: &[(String, &'a Evidence)]) -> Vec<(&'a Evidence, &'a Evidence)> {
    let slugs: Vec<String> = day.iter().map(|(s, _)| s.clone()).collect();
    alike_indices(&slugs).into_iter().map(|(a, b)| (day[a].1, day[b].1)).collect()
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
