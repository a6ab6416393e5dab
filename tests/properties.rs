//! Property tests: Bayes posteriors, record round trips, ids made from any title, and the aggregate.

use forecast::analysis::{aggregate, bayes};
use forecast::model::grade::Credibility;
use forecast::model::{Distribution, Evidence, Grade, Likelihood, Scenario, Settings, WordScale, id};
use forecast::store::{self, Frame};
use proptest::prelude::*;

const SCENARIOS: [&str; 4] = ["a", "b", "c", "d"];

fn distribution() -> impl Strategy<Value = Distribution> {
    prop::collection::vec(0.01f64..1.0, 4).prop_map(|w| {
        let total: f64 = w.iter().sum();
        SCENARIOS.iter().zip(w).map(|(s, x)| (s.to_string(), x / total)).collect()
    })
}

fn item(name: usize, likelihoods: &[f64]) -> Evidence {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let table = SCENARIOS.iter().zip(likelihoods).map(|(s, l)| (s.to_string(), Likelihood::Number(*l))).collect();
    Evidence::bare(format!("e{name}"), date, Some(table))
}

fn items() -> impl Strategy<Value = Vec<Evidence>> {
    prop::collection::vec(prop::collection::vec(0.01f64..1.0, 4), 0..6)
        .prop_map(|all| all.iter().enumerate().map(|(i, l)| item(i, l)).collect())
}

/// A frame of three scenarios, x, y and z, for checking records.
fn frame() -> Frame {
    let scenario = |id: &str| Scenario::new(id, id);
    let settings = Settings {
        title: "t".into(),
        question: "q".into(),
        timezone: chrono_tz::Tz::UTC,
        words: WordScale::Icd203,
        tlp: forecast::model::Tlp::Clear,
    };
    Frame {
        settings,
        scenarios: vec![scenario("x"), scenario("y"), scenario("z")],
        unreadable: vec![],
        zone_valid: true,
    }
}

fn close(a: &Distribution, b: &Distribution) -> bool {
    a.keys().eq(b.keys()) && a.iter().all(|(k, v)| (v - b[k]).abs() < 1e-9)
}

proptest! {
    #[test]
    fn posteriors_sum_to_one_and_stay_in_range(prior in distribution(), evidence in items()) {
        let refs: Vec<&Evidence> = evidence.iter().collect();
        let post = bayes::posterior(&prior, &refs).unwrap();
        prop_assert!((post.values().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(post.values().all(|p| (0.0..=1.0).contains(p)));
    }

    #[test]
    fn posteriors_do_not_depend_on_the_order_of_evidence(prior in distribution(), evidence in items()) {
        let forward: Vec<&Evidence> = evidence.iter().collect();
        let backward: Vec<&Evidence> = evidence.iter().rev().collect();
        prop_assert!(close(&bayes::posterior(&prior, &forward).unwrap(), &bayes::posterior(&prior, &backward).unwrap()));
    }

    #[test]
    fn an_item_equally_likely_under_every_scenario_changes_nothing(prior in distribution(), level in 0.01f64..1.0) {
        let flat = item(0, &[level; 4]);
        prop_assert!(close(&bayes::posterior(&prior, &[&flat]).unwrap(), &prior));
    }

    #[test]
    fn scaling_an_items_likelihoods_changes_nothing(prior in distribution(), l in prop::collection::vec(0.01f64..1.0, 4), k in 0.01f64..100.0) {
        let scaled: Vec<f64> = l.iter().map(|x| x * k).collect();
        let a = bayes::posterior(&prior, &[&item(0, &l)]).unwrap();
        let b = bayes::posterior(&prior, &[&item(0, &scaled)]).unwrap();
        prop_assert!(close(&a, &b));
    }

    #[test]
    fn the_aggregate_of_identical_estimates_is_that_estimate(estimate in distribution(), n in 1usize..6) {
        let copies = vec![estimate.clone(); n];
        prop_assert!(close(&aggregate::geometric_mean(copies.iter()).unwrap(), &estimate));
    }

    #[test]
    fn any_title_yields_a_valid_id_naming_one_plain_file(title in any::<String>(), author in any::<String>()) {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
        let stem = store::evidence_stem(date, &title, &author, "k3f9");
        prop_assert!(id::validate(&stem).is_ok(), "{stem}");
        prop_assert!(stem.len() + "-10000".len() <= id::MAX_LEN, "room for a clash suffix: {stem}");
        let path = std::path::Path::new("evidence").join(format!("{stem}.toml"));
        prop_assert_eq!(path.components().count(), 2);
        prop_assert!(!stem.contains(['/', '\\', '.']));
    }

    #[test]
    fn evidence_records_round_trip(
        title in "\\PC{1,60}",
        source in "\\PC{1,30}",
        summary in proptest::option::of("\\PC{0,200}"),
        tags in prop::collection::vec("[a-z-]{1,12}", 0..4),
        likelihoods in prop::collection::vec(0.001f64..10.0, 3),
        credibility in proptest::option::of(1i64..=6),
    ) {
        prop_assume!(!title.trim().is_empty() && !source.trim().is_empty());
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let table = ["x", "y", "z"].iter().zip(&likelihoods).map(|(k, v)| (k.to_string(), Likelihood::Number(*v))).collect();
        let mut item = Evidence::bare("new", date, Some(table));
        item.title = title.clone();
        item.source = source.clone();
        item.summary = summary.clone();
        item.tags = tags.clone();
        item.logged = Some("2026-03-01T10:00:00+01:00".parse().unwrap());
        item.logged_by = Some("ana".into());
        item.grade = Grade { reliability: Some("B".parse().unwrap()), credibility: credibility.map(|c| Credibility::new(c).unwrap()) };
        let draft = store::evidence_from_item(&item, &frame()).unwrap();
        let back = draft.evidence;
        prop_assert_eq!(&back.title, &title);
        prop_assert_eq!(&back.source, &source);
        prop_assert_eq!(&back.summary, &summary);
        prop_assert_eq!(&back.tags, &tags);
        prop_assert_eq!(back.grade, item.grade);
        prop_assert_eq!(back.logged, item.logged);
        for (scenario, want) in ["x", "y", "z"].iter().zip(&likelihoods) {
            prop_assert_eq!(back.likelihood_of(scenario), Some(*want), "{}", scenario);
        }
    }
}
