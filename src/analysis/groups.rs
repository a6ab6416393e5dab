//! Evidence counted once: items that report the same news (one origin group, see
//! `Notebook::group_of`) enter a Bayes update once, the one logged first; the others are folded in.

use crate::model::{Evidence, Notebook};

/// An item folded into another of its group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Folded {
    pub id: String,
    /// The item of the same group that counts.
    pub into: String,
    /// The group's key: the shared origin, or the id of the item that first reported it.
    pub group: String,
}

/// `items` with one per origin group: the one logged first (then the lowest id) counts, in the
/// order given; the others are folded into it.
pub fn fold<'a>(notebook: &Notebook, items: &[&'a Evidence]) -> (Vec<&'a Evidence>, Vec<Folded>) {
    let zone = notebook.settings.timezone;
    let keyed: Vec<(String, &Evidence)> = items.iter().map(|e| (notebook.group_of(e), *e)).collect();
    let first = |group: &str| {
        keyed
            .iter()
            .filter(|(g, _)| g == group)
            .min_by(|(_, a), (_, b)| (a.known_at(zone), &a.id).cmp(&(b.known_at(zone), &b.id)))
            .map(|(_, e)| e.id.clone())
    };
    let mut kept = Vec::new();
    let mut folded = Vec::new();
    for (group, item) in &keyed {
        match first(group) {
            Some(winner) if winner != item.id => {
                folded.push(Folded { id: item.id.clone(), into: winner, group: group.clone() });
            }
            _ if kept.iter().any(|k: &&Evidence| k.id == item.id) => {}
            _ => kept.push(*item),
        }
    }
    (kept, folded)
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
        let (kept, folded) = fold(&nb, &all);
        let kept: Vec<&str> = kept.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(kept, ["a-mod", "e-own"]);
        assert_eq!(folded.len(), 3);
        assert!(folded.iter().all(|f| f.into == "a-mod" && f.group == "russian-mod-2025-11-04"), "{folded:?}");
    }

    #[test]
    fn origins_in_a_loop_settle_on_the_smallest_id() {
        let nb = notebook(vec![item("x", 1, Some("y")), item("y", 2, Some("x"))]);
        assert_eq!(nb.group_of(&nb.evidence[0]), nb.group_of(&nb.evidence[1]));
    }
}
