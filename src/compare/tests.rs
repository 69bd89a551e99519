//! Verdict rules on claims built from sentences written for these tests.

use super::*;
use crate::extract::{DocContext, Extractor};
use jiff::civil::{date, Date};

fn records(doc: &str, text: &str, published: Option<Date>) -> Vec<ClaimRecord> {
    let ex = Extractor::default();
    ex.claims(text, &DocContext { published })
        .into_iter()
        .map(|claim| ClaimRecord { claim, doc: doc.into(), article_id: doc.into(), source: Some(format!("{doc} news")), published, outlets: Vec::new(), url: None })
        .collect()
}

fn verdicts(all: &[ClaimRecord]) -> Vec<(String, String, Verdict)> {
    let cfg = Config::default();
    let c = Comparer::new(&cfg);
    let mut v: Vec<_> = c.discrepancies(all).into_iter().map(|p| (all[p.a].claim.quantity.text.clone(), all[p.b].claim.quantity.text.clone(), p.verdict)).collect();
    v.sort();
    v
}

#[test]
fn hedged_shares_agree_and_a_distant_one_conflicts() {
    let day = Some(date(2025, 6, 1));
    let mut all = records("a", "Russia controls approximately one-fifth of Ukrainian territory.", day);
    all.extend(records("b", "Moscow holds nearly 19% of Ukrainian territory.", day));
    all.extend(records("c", "Russia now occupies about 25 percent of Ukrainian territory.", day));
    let v = verdicts(&all);
    assert!(v.contains(&("approximately one-fifth".into(), "nearly 19%".into(), Verdict::Agree)), "{v:?}");
    assert_eq!(v.iter().filter(|x| x.2 == Verdict::Conflict).count(), 2, "{v:?}");
}

#[test]
fn without_dates_only_agreement_is_told() {
    let mut all = records("a", "Russia controls approximately one-fifth of Ukrainian territory.", None);
    all.extend(records("b", "Moscow holds nearly 19% of Ukrainian territory.", None));
    all.extend(records("c", "Russia now occupies about 25 percent of Ukrainian territory.", None));
    let v = verdicts(&all);
    assert_eq!(v, vec![("approximately one-fifth".into(), "nearly 19%".into(), Verdict::Agree)]);
}

#[test]
fn different_scope_or_holder_is_not_compared() {
    let mut all = records("a", "Kyiv still holds about 20 percent of Donetsk under Ukraine's control.", None);
    all.extend(records("b", "Russia controls nearly 19% of Ukrainian territory.", None));
    assert!(verdicts(&all).is_empty());
}

#[test]
fn later_sources_update_and_stated_changes_are_updates() {
    let mut all = records("a", "The plan gives Washington a 50 percent share of the profits.", Some(date(2025, 11, 1)));
    all.extend(records("b", "The U.S. share of profits was reduced from 50% to 30%.", Some(date(2025, 11, 20))));
    let v = verdicts(&all);
    assert!(v.contains(&("50 percent".into(), "50%".into(), Verdict::Agree)), "{v:?}");
    assert!(v.contains(&("50 percent".into(), "30%".into(), Verdict::Update)), "{v:?}");
    // Different figures months apart with no stated change: the later source updates.
    let mut all = records("a", "Poland spends 2.4% of GDP on defence.", Some(date(2025, 1, 10)));
    all.extend(records("b", "Poland spends 4.1% of GDP on defence.", Some(date(2025, 9, 10))));
    assert_eq!(verdicts(&all)[0].2, Verdict::Update);
    // ...and within the window they conflict.
    let mut all = records("a", "Poland spends 2.4% of GDP on defence.", Some(date(2025, 9, 1)));
    all.extend(records("b", "Poland spends 4.1% of GDP on defence.", Some(date(2025, 9, 10))));
    assert_eq!(verdicts(&all)[0].2, Verdict::Conflict);
    // Poll figures are never compared: who was asked, and what, is rarely the same question.
    let mut all = records("a", "Polls show 60% of Poles back the plan.", Some(date(2025, 9, 1)));
    all.extend(records("b", "Polls show 45% of Poles back the plan.", Some(date(2025, 9, 10))));
    assert!(verdicts(&all).is_empty());
}

#[test]
fn killed_and_casualties_are_never_compared() {
    let day = Some(date(2025, 6, 1));
    let mut all = records("a", "Hundreds of thousands of Ukrainian soldiers have been killed in the war.", day);
    all.extend(records("b", "Ukrainian soldiers have suffered more than one million casualties in the war.", day));
    all.extend(records("c", "Some 400,000 Ukrainian soldiers have been killed in the war.", day));
    let v = verdicts(&all);
    // The two death tolls meet; neither meets the casualty figure.
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v.iter().all(|x| !x.1.contains("million") && !x.0.contains("million")), "{v:?}");
}

#[test]
fn office_holders_update_over_time_and_are_silent_at_once() {
    let mut all = records("a", "German Chancellor Olaf Scholz said no.", Some(date(2025, 2, 1)));
    all.extend(records("b", "German Chancellor Friedrich Merz said no.", Some(date(2025, 12, 1))));
    assert_eq!(verdicts(&all)[0].2, Verdict::Update);
    // Two names for one office at once: a former holder or another post far more often than a
    // real disagreement, so nothing is said.
    let mut all = records("a", "German Chancellor Olaf Scholz said no.", Some(date(2025, 12, 1)));
    all.extend(records("b", "German Chancellor Friedrich Merz said no.", Some(date(2025, 12, 2))));
    assert!(verdicts(&all).is_empty(), "{:?}", verdicts(&all));
    let mut all = records("a", "Ukrainian President Volodymyr Zelensky spoke.", Some(date(2025, 12, 1)));
    all.extend(records("b", "Ukrainian President Volodymyr Zelenskyy spoke.", Some(date(2025, 12, 2))));
    assert_eq!(verdicts(&all)[0].2, Verdict::Agree);
}

#[test]
fn targets_only_meet_targets_and_vague_generic_claims_are_not_grouped() {
    let mut all = records("a", "France spends 2.1% of GDP on defence.", None);
    all.extend(records("b", "France plans to spend 3% of GDP on defence by 2030.", None));
    assert!(verdicts(&all).is_empty(), "{:?}", verdicts(&all));
    let mut all = records("a", "The meeting lasted six hours.", None);
    all.extend(records("b", "The meeting lasted two hours.", None));
    assert!(verdicts(&all).is_empty(), "no holder: too vague to compare");
}

#[test]
fn pairs_per_group_are_bounded() {
    let mut all = Vec::new();
    // 200 outlets, each with its own wording (one repeated sentence is wire copy, not a source).
    for i in 0..200 {
        let tag: String = [i / 26, i % 26].iter().map(|&k| char::from(b'a' + k as u8)).collect();
        let text = format!("Russia controls nearly 19% of Ukrainian territory, writes reporter {tag}.");
        all.extend(records(&format!("d{i}"), &text, Some(date(2025, 6, 1))));
    }
    let cfg = Config::default();
    let pairs = Comparer::new(&cfg).discrepancies(&all);
    assert!(pairs.len() <= 200 * cfg.default.max_pairs, "{}", pairs.len());
    assert!(pairs.len() > 1000);
}

#[test]
fn a_loan_is_not_total_aid() {
    let mut all = records("a", "Brussels approved a €90 billion loan for Ukraine.", None);
    all.extend(records("b", "Brussels has provided more than €100 billion in aid since 2022.", None));
    let v = verdicts(&all);
    assert!(v.iter().all(|x| !x.2.flagged()), "{v:?}");
}

#[test]
fn one_long_article_does_not_use_up_the_pair_cap() {
    let mut cfg = Config::default();
    cfg.default.max_pairs = 1;
    let long: String = (0..10).map(|_| "Russia controls nearly 19% of Ukrainian territory. ").collect();
    let day = Some(date(2025, 6, 1));
    let mut all = records("b", &long, day);
    all.extend(records("c", "Russia controls about 25 percent of Ukrainian territory.", day));
    let pairs = Comparer::new(&cfg).discrepancies(&all);
    let b_c = pairs.iter().filter(|p| all[p.a].doc != all[p.b].doc).count();
    assert_eq!(b_c, 10, "every claim of the long article meets the other source");
}

#[test]
fn intervals_print_three_decimals_at_most() {
    let iv = |lo: f64, hi: f64| Interval { lo, hi }.to_string();
    assert_eq!(iv(17.1, 19.0), "[17.1, 19]");
    assert_eq!(iv(0.0, f64::INFINITY), "[0, ∞]");
    assert_eq!(iv(f64::NEG_INFINITY, -0.25), "[−∞, -0.25]");
    assert_eq!(iv(1.23456, 2.5e7), "[1.235, 2.500e7]");
    assert_eq!(iv(0.0004, 999.9996), "[0, 1000]");
}

#[test]
fn runs_on_many_threads_give_the_serial_pairs_in_order() {
    let mut all = Vec::new();
    for i in 0..300u32 {
        let text = format!("Russia controls nearly {}% of Ukrainian territory. Ukraine has received ${} billion in aid from the EU.", 15 + i % 9, 40 + i % 13);
        all.extend(records(&format!("d{i:03}"), &text, Some(date(2025, 1 + (i % 12) as i8, 1 + (i % 28) as i8))));
    }
    let cfg = Config::default();
    let c = Comparer::new(&cfg);
    let serial = c.discrepancies(&all);
    assert!(serial.len() > 1000, "{}", serial.len());
    for threads in [1, 2, 5] {
        let mut runs = Vec::new();
        c.for_each_run(&all, threads, |pairs: &[Pair]| pairs.to_vec(), |run| runs.extend(run));
        assert_eq!(runs, serial, "{threads} threads");
    }
}

