//! Table tests: news-style sentences written for these tests, one phenomenon per table.

use super::*;
use crate::extract::{quantities, ChangeRole};

/// The single quantity in `s`, or a panic listing what was found.
fn one(s: &str) -> Quantity {
    let qs = quantities(s);
    assert_eq!(qs.len(), 1, "expected one quantity in {s:?}, got {qs:#?}");
    qs.into_iter().next().unwrap()
}

fn check(s: &str, value: Option<f64>, unit: &str, hedge: Hedge) {
    let q = one(s);
    match (q.value, value) {
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{s:?}: value {a} != {b}"),
        (a, b) => assert_eq!(a, b, "{s:?}: value"),
    }
    assert_eq!(q.unit, unit, "{s:?}: unit");
    assert_eq!(q.hedge, hedge, "{s:?}: hedge");
    assert_eq!(&s[q.start..q.end], q.text, "span text");
}

#[test]
fn numerals_separators_and_scales() {
    use Hedge::Exact;
    let table: &[(&str, f64, &str)] = &[
        ("The city counted 1,200,000 residents last spring.", 1.2e6, "count"),
        ("Officials recorded 2.06 cases per household.", 2.06, "count"),
        ("The fund holds $1.2bn in reserves.", 1.2e9, "USD"),
        ("Brussels approved a €90 billion loan on Thursday.", 9e10, "EUR"),
        ("The club paid £1.2m for the striker.", 1.2e6, "GBP"),
        ("Organisers expect 5k runners on Sunday.", 5e3, "count"),
        ("The ministry pledged 1.2 million doses.", 1.2e6, "count"),
        ("Exports reached 400 million dollars in value.", 4e8, "USD"),
        ("The central bank printed 3 billion hryvnias.", 3e9, "UAH"),
        ("They sent US$250,000 in cash.", 2.5e5, "USD"),
    ];
    for (s, v, u) in table {
        check(s, Some(*v), u, Exact);
    }
}

#[test]
fn percentages_and_points() {
    check("Turnout reached 19% in the capital.", Some(19.0), "percent", Hedge::Exact);
    check("Support stood at 20 percent among farmers.", Some(20.0), "percent", Hedge::Exact);
    check("Inflation eased to 12 per cent in May.", Some(12.0), "percent", Hedge::Exact);
    check("The lead shrank by 3 percentage points overnight.", Some(3.0), "percentage_point", Hedge::Exact);
    assert_eq!(one("The lead shrank by 3 percentage points overnight.").direction, Some(Direction::Down));
}

#[test]
fn number_words_and_fractions() {
    check("The envoy brought a twenty-eight page memo.", Some(28.0), "count", Hedge::Exact);
    check("Nearly one million people fled the region.", Some(1e6), "count", Hedge::ApproxBelow);
    check("A hundred protesters gathered outside.", Some(100.0), "count", Hedge::Exact);
    check("Rebels hold one-fifth of the province.", Some(20.0), "percent", Hedge::Exact);
    check("Rebels hold a fifth of the province.", Some(20.0), "percent", Hedge::Exact);
    check("Two-thirds of voters backed the measure.", Some(200.0 / 3.0), "percent", Hedge::Exact);
    check("Half of the budget goes to pensions.", Some(50.0), "percent", Hedge::Exact);
    check("One in five adults smoke daily.", Some(20.0), "percent", Hedge::Exact);
    check("Three in four respondents disagreed.", Some(75.0), "percent", Hedge::Exact);
    check("The plant employs a dozen engineers.", Some(12.0), "count", Hedge::Exact);
    check("About one and a half million tonnes of grain left port.", Some(1.5e6), "tonne", Hedge::Approx);
    check("The city lost half a million residents.", Some(5e5), "count", Hedge::Exact);
}

#[test]
fn hyphenated_measures() {
    check("After a five-hour meeting they left.", Some(5.0), "hour", Hedge::Exact);
    check("The 28-point plan was leaked.", Some(28.0), "count", Hedge::Exact);
    check("They agreed to a 10-year freeze.", Some(10.0), "year", Hedge::Exact);
    check("The nearly four-year war goes on.", Some(4.0), "year", Hedge::ApproxBelow);
    check("Lawmakers passed a $50-billion package.", Some(5e10), "USD", Hedge::Exact);
    check("They rejected Moscow's 12-point memo.", Some(12.0), "count", Hedge::Exact);
    let q = one("The 28-point plan was leaked.");
    assert_eq!(q.noun.as_deref(), Some("point plan"));
}

#[test]
fn areas_distances_durations() {
    check("Forces hold 120,000 square kilometres of land.", Some(120_000.0), "km2", Hedge::Exact);
    check("The zone covers 400 km² of farmland.", Some(400.0), "km2", Hedge::Exact);
    check("The convoy travelled 30 miles north.", Some(30.0), "mile", Hedge::Exact);
    check("Talks lasted two days in Vienna.", Some(2.0), "day", Hedge::Exact);
    check("The first day stretched six hours.", Some(6.0), "hour", Hedge::Exact);
    check("Negotiations took approximately two hours.", Some(2.0), "hour", Hedge::Approx);
}

#[test]
fn vague_amounts_are_ranges() {
    let q = one("Hundreds of thousands have been displaced.");
    assert_eq!((q.lo, q.hi, q.value, q.hedge), (Some(1e5), Some(999_999.0), None, Hedge::Range));
    let q = one("Tens of thousands marched through the capital.");
    assert_eq!((q.lo, q.hi), (Some(1e4), Some(99_999.0)));
    let q = one("The strike launched hundreds of drones overnight.");
    assert_eq!((q.lo, q.hi, q.noun.as_deref()), (Some(100.0), Some(999.0), Some("drones")));
    let q = one("Millions remain without clean water.");
    assert_eq!((q.lo, q.hi), (Some(1e6), None));
    let q = one("Dozens were injured in the blast.");
    assert_eq!(q.hedge, Hedge::Range);
}

#[test]
fn ranges_and_lists() {
    let q = one("Growth will be between 10 and 12 percent this year.");
    assert_eq!((q.lo, q.hi, q.unit.as_str(), q.hedge), (Some(10.0), Some(12.0), "percent", Hedge::Range));
    let q = one("Analysts expect 10-12 percent growth.");
    assert_eq!((q.lo, q.hi, q.unit.as_str()), (Some(10.0), Some(12.0), "percent"));
    let qs = quantities("He proposed targets of 3%, 4%, and ultimately 5% of GDP.");
    assert_eq!(qs.iter().map(|q| q.value).collect::<Vec<_>>(), vec![Some(3.0), Some(4.0), Some(5.0)]);
    // "4 or 5 percent": a bare first member and a unit on the second is one spread, like
    // "three or four years"; "4% or 5%" stays two figures.
    let q = one("Raising spending to 4 or 5 percent of output met resistance.");
    assert_eq!((q.lo, q.hi, q.unit.as_str()), (Some(4.0), Some(5.0), "percent"));
    let qs = quantities("Raising spending to 4% or 5% of output met resistance.");
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let qs = quantities("The lender's stake was cut from 50% to 30% last week.");
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].change_role, Some(ChangeRole::Earlier));
    assert_eq!(qs[1].change_role, Some(ChangeRole::Current));
}

#[test]
fn hedges_as_categories() {
    let table: &[(&str, Hedge, Option<f64>, Option<f64>)] = &[
        ("Rebels control nearly 19% of the area.", Hedge::ApproxBelow, None, Some(19.0)),
        ("Rebels control almost 19% of the area.", Hedge::ApproxBelow, None, Some(19.0)),
        ("Rebels control just under 19% of the area.", Hedge::ApproxBelow, None, Some(19.0)),
        ("Rebels control just over 19% of the area.", Hedge::ApproxAbove, Some(19.0), None),
        ("Rebels control about 19% of the area.", Hedge::Approx, None, None),
        ("Rebels control roughly 19% of the area.", Hedge::Approx, None, None),
        ("Some 300 soldiers deserted.", Hedge::Approx, None, None),
        ("An estimated 300 soldiers deserted.", Hedge::Approx, None, None),
        ("More than 300 soldiers deserted.", Hedge::Lower, Some(300.0), None),
        ("At least 300 soldiers deserted.", Hedge::Lower, Some(300.0), None),
        ("Some states have exceeded 3% already.", Hedge::Lower, Some(3.0), None),
        ("Upwards of 300 soldiers deserted.", Hedge::Lower, Some(300.0), None),
        ("Fewer than 300 soldiers deserted.", Hedge::Upper, None, Some(300.0)),
        ("Up to 300 soldiers deserted.", Hedge::Upper, None, Some(300.0)),
        ("Several states remain well below the 2% target.", Hedge::Upper, None, Some(2.0)),
        ("Less than 5% of ballots were spoiled.", Hedge::Upper, None, Some(5.0)),
        ("300 soldiers or more deserted.", Hedge::Lower, Some(300.0), None),
    ];
    for (s, h, lo, hi) in table {
        let qs = quantities(s);
        let q = qs.iter().find(|q| q.value == Some(300.0) || q.value == Some(19.0) || q.value == Some(3.0) || q.value == Some(2.0) || q.value == Some(5.0)).unwrap_or_else(|| panic!("{s:?}: {qs:#?}"));
        assert_eq!(q.hedge, *h, "{s:?}");
        assert_eq!((q.lo, q.hi), (*lo, *hi), "{s:?}");
    }
    let q = one("Aid totalled more than €100 billion in aid since 2022.");
    assert_eq!(q.text, "more than €100 billion");
}

#[test]
fn changes_carry_direction() {
    assert_eq!(one("Prices were up 5% on the year.").direction, Some(Direction::Up));
    assert_eq!(one("The index fell by 3 points on Friday.").direction, Some(Direction::Down));
    let q = one("Defence budgets have increased by $700 billion over ten years.".replace(" over ten years", "").as_str());
    assert_eq!((q.direction, q.value), (Some(Direction::Up), Some(7e11)));
    assert_eq!(one("Unemployment rose to 5% in June.").direction, None, "a level, not a change");
}

#[test]
fn not_quantities() {
    let negatives = [
        "The talks began in 2022 and resumed since 2023.",
        "The deadline is February 24, officials said.",
        "Meetings were held on Jan. 23-24 in the capital.",
        "They met on 24 February in Rome.",
        "Published: Nov 24, 2025 05:20 PM",
        "The session opens at 9 a.m. sharp.",
        "5 min read",
        "1. Cold peace",
        "It invoked Article 5 of the treaty.",
        "The G7 and G-20 leaders met.",
        "F-16 jets and Su-34 bombers were seen.",
        "COVID-19 closed schools.",
        "Top 5 This Week",
        "UNITED24 - Make a donation",
        "Operators rolled out 5G towers.",
        "It was one of those days.",
        "No one was hurt.",
        "The 20th century was brutal.",
        "Visit https://example.com/page/2 for more.",
        "World War II ended long ago.",
        "Russia gained more ground in 2025 than any year since the invasion.",
        "A third round of talks is planned.",
    ];
    for s in negatives {
        let qs = quantities(s);
        assert!(qs.is_empty(), "{s:?} gave {qs:#?}");
    }
}

#[test]
fn probes_from_unseen_news() {
    check("Covid-19 killed more than 1.1 million Americans.", Some(1.1e6), "count", Hedge::Lower);
    check("The number of refugees rose to 6.2 million, the UN said.", Some(6.2e6), "count", Hedge::Exact);
    check("The central bank cut rates by 25 basis points.", Some(25.0), "basis_point", Hedge::Exact);
    let qs = quantities("Shares fell 5 per cent to 120p after the results.");
    assert_eq!(qs[0].hedge, Hedge::Exact, "{qs:#?}");
    assert!(quantities("The striker scored twice in the 3-1 win.").is_empty());
    assert_eq!(one("The plan adds 120 new schools.").noun.as_deref(), Some("schools"));
    check("Officials said 1,500 were injured.", Some(1500.0), "count", Hedge::Exact);
    assert!(quantities("The 1990s were turbulent.").is_empty());
}

#[test]
fn precision_follows_the_written_digits() {
    assert_eq!(one("Turnout was 19%.").precision.map(|p| p.half_step), Some(0.5));
    let p = one("Turnout was 2.06%.").precision.map(|p| p.half_step).unwrap_or(0.0);
    assert!((p - 0.005).abs() < 1e-12);
    let p = one("The city has 1.2 million people.").precision.map(|p| p.half_step).unwrap_or(0.0);
    assert!((p - 50_000.0).abs() < 1e-6);
}

mod props {
    use crate::extract::{quantities, DocContext, Extractor};
    use proptest::prelude::*;

    /// Cases per property: the default keeps CI short; PROPTEST_CASES=N runs a long fuzz.
    fn cases(default: u32) -> u32 {
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(2000)))]
        #[test]
        fn never_panics_and_spans_are_valid(s in "\\PC{0,200}") {
            for q in quantities(&s) {
                prop_assert!(q.start <= q.end && q.end <= s.len());
                prop_assert!(s.is_char_boundary(q.start) && s.is_char_boundary(q.end));
                prop_assert_eq!(&s[q.start..q.end], q.text.as_str());
            }
            claims_are_valid(&s)?;
        }

        #[test]
        fn newsy_fragments_never_panic(parts in proptest::collection::vec(prop_oneof![
            Just("nearly"), Just("19"), Just("%"), Just("-"), Just("one"), Just("fifth"), Just("of"),
            Just("hundreds"), Just("thousands"), Just("$"), Just("€"), Just("1,200"), Just("2.5"),
            Just("bn"), Just("between"), Just("and"), Just("to"), Just("from"), Just("in"), Just("a"),
            Just("half"), Just("million"), Just("twenty"), Just("\n"), Just("."), Just(" "), Just("—"),
            Just("years"), Just("percent"), Just("Ukraine"), Just("Russia's"), Just("U.S."), Just("President"),
            Just("Volodymyr"), Just("Zelensky"), Just("said"), Just("March"), Just("2025"), Just("last"),
            Just("week"), Just("killed"), Just("troops"), Just("territory"), Just("aid"), Just("\n\n"),
            Just("non"), Just("former"), Just("up"), Just("rose"), Just("\""), Just("("), Just("’s"),
        ], 0..40)) {
            for s in [parts.join(" "), parts.concat()] {
                let _ = quantities(&s);
                claims_are_valid(&s)?;
            }
        }
    }

    /// The whole claim extraction: no panic; every span inside the text on char boundaries.
    fn claims_are_valid(s: &str) -> Result<(), TestCaseError> {
        static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        let ex = EX.get_or_init(Extractor::default);
        for c in ex.claims(s, &DocContext::default()) {
            let q = &c.quantity;
            prop_assert!(q.start <= q.end && q.end <= s.len());
            prop_assert!(s.is_char_boundary(q.start) && s.is_char_boundary(q.end));
            prop_assert!(c.sentence_start <= c.sentence_end && c.sentence_end <= s.len());
            prop_assert!(s.is_char_boundary(c.sentence_start) && s.is_char_boundary(c.sentence_end));
        }
        Ok(())
    }
}

#[test]
fn long_run_without_a_full_stop_is_linear() {
    // 100 KB of dense figures with no sentence end: every rule looks at a bounded window.
    let unit = "more than 1,200 Russian troops and between 3 and 4 percent of 45m users rose from $8 to $9 million, or 1.2%, aged 18 to 60, one of the biggest 13- or 15-inch, ";
    let text = unit.repeat(100_000 / unit.len() + 1);
    let t = std::time::Instant::now();
    let qs = quantities(&text);
    let took = t.elapsed();
    assert!(qs.len() > 1000, "{}", qs.len());
    assert!(took.as_secs_f64() < 1.0, "100 KB took {took:?}");
    // Twice the text takes about twice the time, not four times.
    let t2 = std::time::Instant::now();
    let _ = quantities(&text.repeat(2));
    assert!(t2.elapsed().as_secs_f64() < 4.0 * took.as_secs_f64().max(0.05), "not linear: {:?} vs {took:?}", t2.elapsed());
}
