//! Attribution: how much each evidence item moved each scenario, update by update.
//!
//! For an update with prior q (the author's previous estimate) and new estimate p, the shift in
//! scenario s is p(s) − q(s). An item's weight for s is w(e, s) = ln( L_e(s) / Σ_t q(t)·L_e(t) ):
//! the log of the factor that item alone would apply to s from the prior. It points toward s when
//! w > 0, away from s when w < 0, and not at all when its likelihoods are equal.
//!
//! A `bayes` update shares the whole shift among its items in proportion to w: exact, since the
//! items are all that moved it. A `judgment` update credits the shift only to the cited items that
//! point the way s moved, in proportion to |w|, and at most as much as Bayes' rule would have moved
//! s with those items from the prior; the rest is "judgment". Items pointing the other way are
//! listed as "against" with no share; items without likelihoods (or without one for every scenario
//! of the prior) carry no weight. A judgment update that cites nothing is all "judgment, no
//! evidence cited". An author's first update has no prior and moves nothing. Items of one origin
//! group count once: the first logged stands for the group, the others are "counted once", with
//! no share.

use super::{bayes, timeline};
use crate::model::{Distribution, Evidence, Method, Notebook, Update};
use serde::Serialize;
use std::collections::BTreeMap;

/// One item's share of one update's shift in one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// An evidence id, or `None` for the part no item explains.
    pub evidence: Option<String>,
    pub label: Label,
    pub scenario: String,
    /// The shift in probability (0.05 = 5 points); 0 for an item `against` the move.
    pub shift: f64,
}

crate::keywords! {
    /// How a share was attributed.
    Label, "attribution" {
        /// Split by each item's log-likelihood-ratio weight, in a Bayes update.
        Bayes => "bayes",
        /// A cited item pointing the way a judgment update moved the scenario.
        Toward => "toward",
        /// A cited item pointing the other way: no share.
        Against => "against",
        /// What no cited item explains in a judgment update.
        Judgment => "judgment",
        /// A judgment update that cites nothing.
        Uncited => "judgment, no evidence cited",
        /// An item of an origin group another cited item stands for: no share.
        Folded => "counted once",
    }
}

/// How one update's shift from its author's previous estimate splits among its items.
pub fn update_shares(notebook: &Notebook, update: &Update) -> Vec<Share> {
    let Some(prior) = timeline::prior_of(notebook, update) else { return Vec::new() };
    let present: Vec<&Evidence> = update.evidence.iter().filter_map(|id| notebook.evidence(id)).collect();
    let (_, folded) = super::groups::fold_for(notebook, update, &present);
    let is_folded = |id: &str| folded.iter().any(|f| f.id == id);
    let cited: Vec<(&str, Option<&Evidence>)> =
        update.evidence.iter().filter(|id| !is_folded(id)).map(|id| (id.as_str(), notebook.evidence(id))).collect();
    let mut shares = Vec::new();
    for (scenario, p) in &update.probabilities {
        let Some(q) = prior.get(scenario) else { continue };
        let moved = Moved { prior: &prior, scenario, shift: p - q };
        let split = match update.method {
            _ if cited.is_empty() => vec![(None, Label::Uncited, moved.shift)],
            Method::Bayes => bayes_split(&moved, &cited),
            Method::Judgment => judgment_split(&moved, &cited),
        };
        shares.extend(split.into_iter().map(|(evidence, label, shift)| Share {
            evidence: evidence.map(str::to_string),
            label,
            scenario: scenario.clone(),
            shift,
        }));
        shares.extend(folded.iter().map(|f| Share {
            evidence: Some(f.id.clone()),
            label: Label::Folded,
            scenario: scenario.clone(),
            shift: 0.0,
        }));
    }
    shares
}

/// One scenario's move in one update.
struct Moved<'a> {
    prior: &'a Distribution,
    scenario: &'a str,
    shift: f64,
}

type Split<'a> = Vec<(Option<&'a str>, Label, f64)>;

/// A Bayes update: the whole shift, shared in proportion to each item's signed weight (equally when
/// the weights cancel out).
fn bayes_split<'a>(moved: &Moved, cited: &[(&'a str, Option<&Evidence>)]) -> Split<'a> {
    let raw: Vec<f64> = cited.iter().map(|(_, e)| e.and_then(|e| weight(e, moved)).unwrap_or(0.0)).collect();
    let total: f64 = raw.iter().sum();
    let equal = 1.0 / cited.len() as f64;
    let fraction = |w: f64| if total.abs() > 1e-12 && total.is_finite() { w / total } else { equal };
    cited.iter().zip(raw).map(|((id, _), w)| (Some(*id), Label::Bayes, moved.shift * fraction(w))).collect()
}

/// A judgment update: the items pointing the way the scenario moved share what Bayes' rule would
/// have moved it with them (never more than the shift), in proportion to |w|; the rest is judgment.
fn judgment_split<'a>(moved: &Moved, cited: &[(&'a str, Option<&'a Evidence>)]) -> Split<'a> {
    let direction = moved.shift.signum();
    let weighed: Vec<(&str, &Evidence, f64)> =
        cited.iter().filter_map(|(id, e)| Some((*id, (*e)?, weight((*e)?, moved)?))).collect();
    let toward: Vec<&(&str, &Evidence, f64)> =
        weighed.iter().filter(|(_, _, w)| moved.shift != 0.0 && w.signum() == direction && *w != 0.0).collect();
    let items: Vec<&Evidence> = toward.iter().map(|(_, e, _)| *e).collect();
    let implied = bayes::posterior(moved.prior, &items)
        .ok()
        .and_then(|post| Some(post.get(moved.scenario)? - moved.prior.get(moved.scenario)?))
        .filter(|i| i.signum() == direction)
        .unwrap_or(0.0);
    let explained = if toward.is_empty() { 0.0 } else { direction * implied.abs().min(moved.shift.abs()) };
    let total: f64 = toward.iter().map(|(_, _, w)| w.abs()).sum();
    let mut split: Split =
        toward.iter().map(|(id, _, w)| (Some(*id), Label::Toward, explained * w.abs() / total)).collect();
    split.extend(
        weighed
            .iter()
            .filter(|(_, _, w)| moved.shift != 0.0 && *w != 0.0 && w.signum() != direction)
            .map(|(id, _, _)| (Some(*id), Label::Against, 0.0)),
    );
    split.push((None, Label::Judgment, moved.shift - explained));
    split
}

/// ln( L_e(s) / Σ_t q(t)·L_e(t) ) over the prior's scenarios; `None` when the item lacks a
/// likelihood for one of them or the number is not finite.
fn weight(item: &Evidence, moved: &Moved) -> Option<f64> {
    let mut mean = 0.0;
    for (t, q) in moved.prior {
        mean += q * item.likelihood_of(t)?;
    }
    let w = (item.likelihood_of(moved.scenario)? / mean).ln();
    w.is_finite().then_some(w)
}

/// The total shift per scenario per item over a set of updates: one entry per item (labelled by a
/// role in which it moved something), and one per kind of unexplained part.
pub fn totals<'a>(notebook: &Notebook, updates: impl IntoIterator<Item = &'a Update>) -> BTreeMap<String, Vec<Share>> {
    let mut by_scenario: BTreeMap<String, Vec<Share>> = BTreeMap::new();
    for update in updates {
        for share in update_shares(notebook, update) {
            let list = by_scenario.entry(share.scenario.clone()).or_default();
            // One entry per item, whatever its role in each update; the unexplained parts by label.
            let same = |s: &Share| s.evidence == share.evidence && (share.evidence.is_some() || s.label == share.label);
            match list.iter_mut().find(|s| same(s)) {
                Some(existing) => {
                    if existing.shift == 0.0 && share.shift != 0.0 {
                        existing.label = share.label;
                    }
                    existing.shift += share.shift;
                }
                None => list.push(share),
            }
        }
    }
    for list in by_scenario.values_mut() {
        list.sort_by(|a, b| b.shift.abs().total_cmp(&a.shift.abs()).then_with(|| a.evidence.cmp(&b.evidence)));
    }
    by_scenario
}
