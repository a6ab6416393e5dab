//! Evidence counted once: items that report the same news (one origin group, see
//! `model::groups`) enter a Bayes update once, the one logged first; the others are folded in.

use crate::model::groups::Groups;
use crate::model::{Evidence, Notebook, Update};
use std::collections::HashMap;

/// An item folded into another of its group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Folded {
    pub id: String,
    /// The item of the same group that counts.
    pub into: String,
    /// The group's key: the shared origin, or the id of the item that first reported it.
    pub group: String,
}

/// `items` with one per origin group of `groups`: the one logged first (then the lowest id)
/// counts, in the order given; the others are folded into it.
pub fn fold<'a>(notebook: &Notebook, groups: &Groups, items: &[&'a Evidence]) -> (Vec<&'a Evidence>, Vec<Folded>) {
    let zone = notebook.settings.timezone;
    let key = |e: &Evidence| notebook.position(&e.id).map_or_else(|| e.id.clone(), |at| groups.key(at).to_string());
    let keyed: Vec<(String, &Evidence)> = items.iter().map(|e| (key(e), *e)).collect();
    let mut first: HashMap<&str, &Evidence> = HashMap::new();
    for (group, item) in &keyed {
        let entry = first.entry(group.as_str()).or_insert(item);
        if (item.known_at(zone), &item.id) < (entry.known_at(zone), &entry.id) {
            *entry = item;
        }
    }
    let mut kept: Vec<&Evidence> = Vec::new();
    // Each item is kept once, however often it is given: a set, so that folding stays linear.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::with_capacity(keyed.len());
    let mut folded = Vec::new();
    for (group, item) in &keyed {
        let winner = first[group.as_str()];
        if winner.id != item.id {
            folded.push(Folded { id: item.id.clone(), into: winner.id.clone(), group: group.clone() });
        } else if seen.insert(item.id.as_str()) {
            kept.push(item);
        }
    }
    (kept, folded)
}

/// `items` an update cites, folded by the groups as known when the update was recorded: what its
/// author's Bayes multiplied then, whatever has been linked since.
pub fn fold_for<'a>(notebook: &Notebook, update: &Update, items: &[&'a Evidence]) -> (Vec<&'a Evidence>, Vec<Folded>) {
    fold(notebook, &notebook.groups_at(&update.known_at()), items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Settings, WordScale};
    use chrono::NaiveDate;

    fn item(id: &str, day: u32, origin: Option<&str>) -> Evidence {
        let date = NaiveDate::from_ymd_opt(2025, 11, day).unwrap();
        Evidence { origin: origin.map(str::to_string), ..Evidence::bare(id, date, None) }
    }

    fn notebook(items: Vec<Evidence>) -> Notebook {
        let settings = Settings {
            title: String::new(),
            question: String::new(),
            timezone: chrono_tz::UTC,
            words: WordScale::Icd203,
            tlp: crate::model::Tlp::Clear,
        };
        Notebook::new(settings, Vec::new(), items, Vec::new(), None)
    }

    #[test]
    fn echoes_of_one_claim_count_once_the_first_logged() {
        // The MoD claim on the 4th, echoed by four outlets naming it or the same origin.
        let nb = notebook(vec![
            item("a-mod", 4, Some("russian-mod-2025-11-04")),
            item("b-tass", 5, Some("a-mod")),
            item("c-ria", 5, Some("russian-mod-2025-11-04")),
            item("d-paper", 6, Some("b-tass")),
            item("e-own", 6, None),
        ]);
        let all: Vec<&Evidence> = nb.evidence.iter().collect();
        let (kept, folded) = fold(&nb, &nb.groups(), &all);
        let kept: Vec<&str> = kept.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(kept, ["a-mod", "e-own"]);
        assert_eq!(folded.len(), 3);
        assert!(folded.iter().all(|f| f.into == "a-mod" && f.group == "russian-mod-2025-11-04"), "{folded:?}");
    }

    #[test]
    fn an_item_given_twice_is_kept_once() {
        let nb = notebook(vec![item("a", 4, None), item("b", 5, None)]);
        let (a, b) = (&nb.evidence[0], &nb.evidence[1]);
        let (kept, folded) = fold(&nb, &nb.groups(), &[a, b, a, b, a]);
        let kept: Vec<&str> = kept.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(kept, ["a", "b"]);
        assert!(folded.is_empty());
    }

    #[test]
    fn origins_in_a_loop_settle_on_the_smallest_id() {
        let nb = notebook(vec![item("x", 1, Some("y")), item("y", 2, Some("x"))]);
        assert_eq!(nb.group_of(&nb.evidence[0]), nb.group_of(&nb.evidence[1]));
    }
}
