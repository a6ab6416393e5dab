//! Origin groups: which evidence items report the same news, found by following their `origin`s.
//!
//! Each item names at most one origin: another item's id, or a short name of the original source.
//! Items joined by origins, however long the chain, form one group; origins that name each other
//! in a loop form one group too. A name matches an item's id or another name ignoring case and
//! Unicode composition (`Café` and `cafe\u{301}` are one name). An origin set by `evidence link`
//! counts from the moment it was linked, so a replay to an earlier moment keeps the items apart.

use super::{Evidence, Moment};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Every item's group, by its position in the notebook's evidence.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// The group of each item, by position.
    of: Vec<u32>,
    /// Each group's key: the shared name (as first written), the id of the item with no origin
    /// that the chain ends at, or, for a loop, the smallest id in it.
    keys: Vec<String>,
    /// Each group's members, by position, in notebook order.
    members: Vec<Vec<u32>>,
}

/// How a name is compared: trimmed, composed (NFC) and lower-cased.
pub fn name_key(text: &str) -> String {
    text.trim().nfc().collect::<String>().to_lowercase()
}

impl Groups {
    /// The groups of `evidence` (sorted by id in `index`) counting only the origins `counts` keeps.
    pub fn build(evidence: &[Evidence], index: &[u32], counts: impl Fn(&Evidence) -> bool) -> Groups {
        let mut sets = Sets::new(evidence.len());
        let mut names: HashMap<String, (usize, String)> = HashMap::new();
        for (i, item) in evidence.iter().enumerate() {
            let Some(origin) = item.origin.as_deref().filter(|_| counts(item)) else { continue };
            let key = name_key(origin);
            if key == item.id {
                continue;
            }
            let target = match (super::find_position(evidence, index, &key), names.get(&key)) {
                (Some(position), _) => position,
                (None, Some((node, _))) => *node,
                (None, None) => {
                    let node = sets.add();
                    names.insert(key, (node, origin.trim().to_string()));
                    node
                }
            };
            sets.join(i, target);
        }
        let mut sink: HashMap<usize, String> = HashMap::new();
        for (node, name) in names.values() {
            sink.insert(sets.find(*node), name.clone());
        }
        for (i, item) in evidence.iter().enumerate() {
            let ends_here = item.origin.as_deref().filter(|_| counts(item)).is_none_or(|o| name_key(o) == item.id);
            if ends_here {
                sink.entry(sets.find(i)).or_insert_with(|| item.id.clone());
            }
        }
        let mut slot: HashMap<usize, u32> = HashMap::new();
        let mut groups = Groups::default();
        for (i, item) in evidence.iter().enumerate() {
            let root = sets.find(i);
            let g = *slot.entry(root).or_insert_with(|| {
                groups.keys.push(sink.get(&root).cloned().unwrap_or_default());
                groups.members.push(Vec::new());
                groups.keys.len() as u32 - 1
            });
            if !sink.contains_key(&root) && (groups.keys[g as usize].is_empty() || item.id < groups.keys[g as usize]) {
                groups.keys[g as usize] = item.id.clone();
            }
            groups.of.push(g);
            groups.members[g as usize].push(i as u32);
        }
        groups
    }

    /// The key of the group of the item at `position`.
    pub fn key(&self, position: usize) -> &str {
        &self.keys[self.of[position] as usize]
    }

    /// The positions of the items in the group of the item at `position`, in notebook order.
    pub fn members(&self, position: usize) -> &[u32] {
        &self.members[self.of[position] as usize]
    }
}

/// Disjoint sets with path halving, for joining items into groups in near-linear time.
pub struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    pub fn new(n: usize) -> Self {
        Sets { parent: (0..n).collect() }
    }

    pub fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// The moments at which the groups can change: when each item's origin became known, sorted.
pub fn changes(evidence: &[Evidence], zone: chrono_tz::Tz) -> Vec<Moment> {
    let mut moments: Vec<Moment> =
        evidence.iter().filter(|e| e.origin.is_some()).map(|e| e.origin_known_at(zone)).collect();
    moments.sort_unstable();
    moments
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn item(id: &str, origin: Option<&str>) -> Evidence {
        let date = NaiveDate::from_ymd_opt(2025, 11, 4).unwrap();
        Evidence { origin: origin.map(str::to_string), ..Evidence::bare(id, date, None) }
    }

    fn groups(items: &[Evidence]) -> Groups {
        Groups::build(items, &super::super::index_by_id(items), |_| true)
    }

    #[test]
    fn a_long_chain_is_one_group_keyed_by_where_it_ends() {
        let mut items = vec![item("c000", None)];
        items.extend((1..500).map(|i| item(&format!("c{i:03}"), Some(&format!("c{:03}", i - 1)))));
        let g = groups(&items);
        assert!((0..500).all(|i| g.key(i) == "c000"));
        assert_eq!(g.members(499).len(), 500);
    }

    #[test]
    fn a_long_loop_is_one_group_keyed_by_its_smallest_id() {
        let items: Vec<Evidence> =
            (0..300).map(|i| item(&format!("l{i:03}"), Some(&format!("l{:03}", (i + 1) % 300)))).collect();
        let g = groups(&items);
        assert!((0..300).all(|i| g.key(i) == "l000"));
    }

    #[test]
    fn names_match_ignoring_case_and_composition() {
        let items =
            vec![item("a", Some("Café-statement")), item("b", Some("cafe\u{301}-STATEMENT ")), item("c", Some("A"))];
        let g = groups(&items);
        assert_eq!(g.key(0), "Café-statement");
        assert_eq!(g.key(1), g.key(0));
        assert_eq!(g.key(2), g.key(0), "`A` names item `a`");
    }

    #[test]
    fn an_origin_that_does_not_count_yet_leaves_the_item_alone() {
        let items = vec![item("a", None), item("b", Some("a"))];
        let g = Groups::build(&items, &super::super::index_by_id(&items), |e| e.id != "b");
        assert_eq!((g.key(0), g.key(1)), ("a", "b"));
    }
}
