//! One test per cause of wrong flags found on real news (issue 11): claims are compared only
//! when every part of their identity is established and equal. The sentences are written for
//! these tests, in the style of news copy.

use crosscheck::compare::{Comparer, Config, Verdict};
use crosscheck::extract::{Claim, DocContext, Extractor, FigureKind, Modality};
use crosscheck::index::ClaimRecord;
use jiff::civil::Date;

/// An article: (outlet, date, text).
type Doc<'a> = (&'a str, Option<&'a str>, &'a str);

fn claims(text: &str, published: Option<&str>) -> Vec<Claim> {
    let published = published.map(|d| d.parse::<Date>().expect("test date"));
    Extractor::default().claims(text, &DocContext { published })
}

fn claim(text: &str, figure: &str) -> Claim {
    let cs = claims(text, Some("2025-06-01"));
    cs.iter().find(|c| c.quantity.text.contains(figure)).cloned().unwrap_or_else(|| panic!("no claim {figure:?} in {cs:#?}"))
}

fn records(docs: &[Doc<'_>]) -> Vec<ClaimRecord> {
    let mut all = Vec::new();
    for (i, (outlet, day, text)) in docs.iter().enumerate() {
        let published = day.map(|d| d.parse::<Date>().expect("test date"));
        for claim in claims(text, *day) {
            let doc = format!("doc{i}.txt");
            all.push(ClaimRecord { claim, article_id: doc.clone(), doc, source: Some(outlet.to_string()), published, outlets: Vec::new(), url: None });
        }
    }
    all
}

/// Every reported pair as (earlier figure, later figure, verdict), sorted.
fn verdicts_with(docs: &[Doc<'_>], same_source: bool) -> Vec<(String, String, Verdict)> {
    let all = records(docs);
    let cfg = Config::default();
    let mut c = Comparer::new(&cfg);
    c.same_source = same_source;
    let mut v: Vec<_> = c.discrepancies(&all).into_iter().map(|p| (all[p.a].claim.quantity.text.clone(), all[p.b].claim.quantity.text.clone(), p.verdict)).collect();
    v.sort();
    v
}

fn verdicts(docs: &[Doc<'_>]) -> Vec<(String, String, Verdict)> {
    verdicts_with(docs, false)
}

fn flagged(docs: &[Doc<'_>]) -> Vec<(String, String, Verdict)> {
    verdicts(docs).into_iter().filter(|v| v.2.flagged()).collect()
}

const DAY: Option<&str> = Some("2025-06-01");

// 1. An empty holder matches no holder.
#[test]
fn an_empty_holder_is_not_a_wildcard() {
    let v = verdicts(&[("A", DAY, "Kenya's economy grew 1.8% last year."), ("B", DAY, "The world economy grew 2.3 percent last year.")]);
    assert!(v.is_empty(), "{v:?}");
    let v = verdicts(&[("A", DAY, "Russia controls nearly 19% of Ukrainian territory."), ("B", DAY, "About 25 percent of Ukrainian territory is occupied.")]);
    assert!(v.is_empty(), "{v:?}");
    // Both holders stated and equal: compared.
    let v = verdicts(&[("A", DAY, "Russia controls nearly 19% of Ukrainian territory."), ("B", DAY, "Russia occupies about 25 percent of Ukrainian territory.")]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].2, Verdict::Conflict);
}

// 2. The counted object is part of the identity.
#[test]
fn different_counted_objects_are_different_quantities() {
    let v = verdicts(&[("A", DAY, "Russia fired 40 missiles at Kyiv overnight."), ("B", DAY, "Russia launched 300 drones at Kyiv overnight.")]);
    assert!(v.is_empty(), "{v:?}");
    let v = verdicts(&[("A", DAY, "The army fired 40 missiles on Tuesday."), ("B", DAY, "Rebels launched 300 drones on Friday.")]);
    assert!(v.is_empty(), "{v:?}");
    // Killed civilians and killed soldiers are two tolls.
    let a = claim("At least 4,000 Ukrainian civilians have been killed since the invasion began.", "4,000");
    let b = claim("At least 9,000 Ukrainian soldiers have been killed since the invasion began.", "9,000");
    assert_ne!(a.measure, b.measure);
    assert!(a.group_key().is_some() && b.group_key().is_some() && a.group_key() != b.group_key());
}

// 3. The kind of figure and its modality.
#[test]
fn levels_totals_rates_events_and_plans_are_kept_apart() {
    let rate = claim("The Russian army loses about 900 soldiers a day.", "900");
    assert_eq!((rate.kind, rate.per.as_deref()), (FigureKind::Rate, Some("day")));
    let v = verdicts(&[("A", DAY, "The Russian army loses about 900 soldiers a day."), ("B", DAY, "Total Russian losses approach 1 million soldiers.")]);
    assert!(v.is_empty(), "{v:?}");
    let since = claim("Russia has seized 12% of Ukraine since the 2022 invasion.", "12%");
    assert_ne!(since.kind, FigureKind::Level, "{since:?}");
    let target = claim("Germany plans to raise defence spending to 3% of GDP.", "3%");
    assert_eq!(target.modality, Modality::Target);
    let maybe = claim("The number of refugees from Ukraine could reach 2 million.", "2 million");
    assert!(maybe.group_key().is_none(), "a forecast is never compared: {maybe:?}");
    let hist = claim("In 2014, Russia seized 7% of Ukraine's territory.", "7%");
    assert!(hist.group_key().is_none() || hist.as_of.is_some_and(|d| d.year() == 2014), "{hist:?}");
    // A target and a stated level of the same spending are never paired.
    let v = verdicts(&[("A", DAY, "France spends 2.1% of GDP on defence."), ("B", DAY, "France plans to spend 3% of GDP on defence by 2030.")]);
    assert!(v.is_empty(), "{v:?}");
}

// 4. "update" only within one identity; a stated revision only revises its own quantity.
#[test]
fn an_update_needs_the_same_quantity() {
    let v = flagged(&[
        ("A", Some("2025-01-10"), "Germany has sent $10 billion in military aid to Ukraine."),
        ("B", Some("2025-09-10"), "Germany has sent $2 billion in humanitarian aid to Syria."),
    ]);
    assert!(v.is_empty(), "{v:?}");
    let v = flagged(&[
        ("A", Some("2025-11-01"), "The plan gives Washington a 50 percent share of the profits."),
        ("B", Some("2025-11-20"), "Poland's share of EU funds was reduced from 50% to 30%."),
    ]);
    assert!(v.is_empty(), "{v:?}");
    let v = flagged(&[
        ("A", Some("2025-11-01"), "The plan gives Washington a 50 percent share of the profits."),
        ("B", Some("2025-11-20"), "The U.S. share of profits was reduced from 50% to 30%."),
    ]);
    assert_eq!(v, vec![("50 percent".into(), "30%".into(), Verdict::Update)]);
}

// 5. One outlet is one source; repeated wire copy is one report.
#[test]
fn same_outlet_and_same_sentence_are_not_two_sources() {
    let docs = [("Wire", DAY, "Russia controls nearly 19% of Ukrainian territory."), ("Wire", DAY, "Russia occupies about 25 percent of Ukrainian territory.")];
    assert!(verdicts(&docs).is_empty());
    assert_eq!(verdicts_with(&docs, true).len(), 1, "--same-source compares them");
    let copy = "Russia occupies about 25 percent of Ukrainian territory, officials said.";
    let v = verdicts(&[("Wire", DAY, copy), ("Daily", DAY, copy)]);
    assert!(v.is_empty(), "{v:?}");
}

// 6. Offices: spellings of one person, offices shared by many, offices of other countries.
#[test]
fn office_holders_are_people_of_one_office() {
    let v = verdicts(&[("A", Some("2022-03-01"), "Foreign Minister Dmitry Kuleba of Ukraine spoke."), ("B", Some("2022-03-02"), "Ukrainian Foreign Minister Dmytro Kuleba spoke.")]);
    assert!(v.iter().all(|x| x.2 == Verdict::Agree), "{v:?}");
    let v = verdicts(&[("A", Some("2022-03-01"), "White House spokesperson Jen Psaki said no."), ("B", Some("2022-09-02"), "White House spokesperson John Kirby said no.")]);
    assert!(v.is_empty(), "a spokesperson is one of several: {v:?}");
    let v = verdicts(&[("A", Some("2022-03-01"), "German Chancellor Olaf Scholz said no."), ("B", Some("2022-09-02"), "Austrian Chancellor Karl Nehammer said no.")]);
    assert!(v.is_empty(), "two countries' chancellors: {v:?}");
}

// 7. Running totals: growth is an update, a later smaller total within days a conflict.
#[test]
fn running_totals_grow() {
    let v = verdicts(&[("A", Some("2022-03-08"), "About 2.5 million people have fled Ukraine, the UN said."), ("B", Some("2022-03-10"), "About 2.8 million people have fled Ukraine, the UN said on Thursday.")]);
    assert_eq!(v.iter().map(|x| x.2).collect::<Vec<_>>(), [Verdict::Update], "{v:?}");
    // Two lower bounds agree: "more than 2.5 million" is still true at 2.8 million.
    let v = verdicts(&[("A", Some("2022-03-08"), "More than 2.5 million people have fled Ukraine, the UN said."), ("B", Some("2022-03-10"), "More than 2.8 million people have fled Ukraine, the UN said on Thursday.")]);
    assert_eq!(v.iter().map(|x| x.2).collect::<Vec<_>>(), [Verdict::Agree], "{v:?}");
    let v = verdicts(&[("A", Some("2022-03-08"), "Some 2.8 million people have fled Ukraine, the UN said."), ("B", Some("2022-03-10"), "Some 1.5 million people have fled Ukraine, the UN said on Thursday.")]);
    assert!(v.iter().any(|x| x.2 == Verdict::Conflict), "{v:?}");
}

// 8. Interval width follows the stated precision.
#[test]
fn intervals_follow_stated_precision() {
    let v = verdicts(&[("A", DAY, "About 3.7 million people have fled Ukraine."), ("B", DAY, "About 3.4 million people have fled Ukraine.")]);
    assert!(v.iter().any(|x| x.2 == Verdict::Conflict), "±10% would swallow this: {v:?}");
    let v = verdicts(&[("A", DAY, "Exactly 1 million people have fled Ukraine."), ("B", DAY, "Exactly 1.3 million people have fled Ukraine.")]);
    assert!(v.iter().any(|x| x.2 == Verdict::Conflict), "{v:?}");
    let v = verdicts(&[("A", DAY, "About 3.7 million people have fled Ukraine."), ("B", DAY, "Some 3.65 million people have fled Ukraine.")]);
    assert!(v.iter().all(|x| x.2 == Verdict::Agree) && !v.is_empty(), "{v:?}");
    // Beyond the window the stated figures decide: different figures are an update, and
    // a hedged figure that the earlier one meets restates it.
    let v = verdicts(&[("A", Some("2025-01-01"), "France spends 2.1% of GDP on defence."), ("B", Some("2025-09-01"), "France spends 2.4% of GDP on defence.")]);
    assert_eq!(v.iter().map(|x| x.2).collect::<Vec<_>>(), vec![Verdict::Update], "{v:?}");
}

// 9. Holder and scope come from the clause, not from a venue.
#[test]
fn holders_are_shown_by_the_clause() {
    let venue = claim("After talks in Paris ended, officials said 40% of the aid had arrived.", "40%");
    assert_ne!(venue.holder, "France", "{venue:?}");
    let cs = claims("Israel controls 53 percent of Gaza, down from 58 percent in October.", DAY);
    let (now, before) = (cs.iter().find(|c| c.quantity.text.contains("53")).expect("53"), cs.iter().find(|c| c.quantity.text.contains("58")).expect("58"));
    assert_eq!((before.holder.as_str(), before.scope.as_str()), (now.holder.as_str(), now.scope.as_str()), "the earlier value keeps holder and scope");
    let cs = claims("Officials in Poland gave new figures. The country has taken 2 million refugees, they said.", DAY);
    let c = cs.iter().find(|c| c.quantity.text.contains("2 million")).expect("2 million");
    assert!(c.holder == "Poland" || c.scope == "Poland", "the country is the place named before: {c:?}");
}

// 10. Composite measures are casualties, not deaths.
#[test]
fn killed_wounded_or_captured_is_casualties() {
    let c = claim("Russia has lost 40,000 soldiers killed, wounded or captured.", "40,000");
    assert_eq!(c.metric, "casualties");
    assert!(c.measure.starts_with("casualties"), "{c:?}");
}

// 11. Metrics that were missing.
#[test]
fn area_regained_and_people_in_need_have_metrics() {
    assert_eq!(claim("Russia controls about 48,000 square kilometres of Ukraine.", "48,000").metric, "territory_area");
    assert_eq!(claim("Ukraine has liberated nearly 200 km² in the south.", "200").metric, "area_regained");
    assert_eq!(claim("In Ukraine, 4.2 million people need humanitarian aid.", "4.2 million").metric, "people_in_need");
}

// 12. Page furniture is not news.
#[test]
fn link_lists_and_share_buttons_are_not_claims() {
    let page = "Russia controls nearly 19% of Ukrainian territory.\n\n- [Bus crash leaves 12 dead](https://example.org/bus-crash-leaves-12-dead)\n- [Share on Facebook 120 shares](https://example.org/share?u=Ukraine%2019%25)\n";
    let cs = claims(page, DAY);
    assert_eq!(cs.iter().map(|c| c.quantity.text.as_str()).collect::<Vec<_>>(), ["nearly 19%"], "{cs:#?}");
}

// 9 (continued). People on the move: a demonym says where they come from; the host country
// that has taken them in is the holder, so two hosts are never compared.
#[test]
fn refugees_keep_their_origin_and_their_host_apart() {
    let c = claim("Poland has taken in more than 2 million Ukrainian refugees.", "2 million");
    assert_eq!(c.holder, "Poland");
    // A demonym alone does not make a count the whole outflow from that country.
    let c = claim("There are already 7,000 Ukrainian refugees in the pipeline for resettlement.", "7,000");
    assert!(c.group_key().is_none(), "{c:?}");
    let v = verdicts(&[
        ("A", Some("2022-03-23"), "Poland has taken in more than 2 million Ukrainian refugees."),
        ("B", Some("2022-03-24"), "The Czech Republic has taken in 300,000 Ukrainian refugees."),
    ]);
    assert!(v.is_empty(), "{v:?}");
}

// 2 (continued). A figure that counts something else than the population: prisoners are not
// troops deployed, and "the bodies of 210 fighters" is not a death toll.
#[test]
fn prisoners_and_bodies_are_not_troop_counts_or_tolls() {
    let c = claim("Two Russian soldiers were taken prisoner near Kyiv.", "Two");
    assert_ne!(c.metric, "troops", "{c:?}");
    let c = claim("Russia has handed over the bodies of 210 Ukrainian fighters killed in the battle.", "210");
    assert!(c.group_key().is_none(), "{c:?}");
    let v = verdicts(&[
        ("A", Some("2022-03-12"), "Zelensky said 1,300 Ukrainian soldiers have died since the invasion began."),
        ("B", Some("2022-03-13"), "Russia has handed over the bodies of 210 Ukrainian soldiers killed since the invasion began."),
    ]);
    assert!(v.is_empty(), "{v:?}");
}

// 3 (continued). A running total since an event named in words, not by a date.
#[test]
fn since_the_siege_began_is_a_running_total() {
    let c = claim("Officials said about 300 civilians were killed in Mariupol since the siege began.", "300");
    assert_eq!(c.kind, FigureKind::Cumulative, "{c:?}");
    let c = claim("About 300 civilians were killed in Mariupol on Tuesday, officials said.", "300");
    assert_ne!(c.kind, FigureKind::Cumulative, "{c:?}");
}

// The biggest cause left after issue 11: competing claimants days apart read as a running
// total that rose. One claimant does not revise another's figure.
#[test]
fn another_claimants_higher_figure_is_a_disagreement_not_an_update() {
    // Russia's own count, then Ukraine's claim four days later: within the casualty window.
    let v = flagged(&[
        ("A", Some("2022-03-02"), "Russia's defence ministry said 498 Russian troops have died in Ukraine."),
        ("B", Some("2022-03-06"), "Ukraine said that 11,000 Russian troops have died in Ukraine."),
    ]);
    assert_eq!(v, vec![("498 Russian troops".into(), "11,000 Russian troops".into(), Verdict::Conflict)], "{v:?}");
    // The same claimant's count rising is still an update.
    let v = flagged(&[
        ("A", Some("2022-03-02"), "Ukraine said that 9,000 Russian troops have died in Ukraine."),
        ("B", Some("2022-03-06"), "Ukraine said that 11,000 Russian troops have died in Ukraine."),
    ]);
    assert_eq!(v, vec![("9,000 Russian troops".into(), "11,000 Russian troops".into(), Verdict::Update)], "{v:?}");
    // Twelve days apart (within twice the casualty window): still two claimants disagreeing.
    let v = flagged(&[
        ("A", Some("2022-03-02"), "Russia's defence ministry said 498 Russian troops have died in Ukraine."),
        ("B", Some("2022-03-14"), "Ukraine said that 13,500 Russian troops have died in Ukraine."),
    ]);
    assert_eq!(v, vec![("498 Russian troops".into(), "13,500 Russian troops".into(), Verdict::Conflict)], "{v:?}");
    // A month apart, a later, higher figure is a newer count of a growing total: an update.
    let v = flagged(&[
        ("A", Some("2022-03-02"), "Russia's defence ministry said 498 Russian troops have died in Ukraine."),
        ("B", Some("2022-04-02"), "Ukraine said that 17,000 Russian troops have died in Ukraine."),
    ]);
    assert_eq!(v, vec![("498 Russian troops".into(), "17,000 Russian troops".into(), Verdict::Update)], "{v:?}");
}

// An anecdote's count against the whole count: two orders of magnitude apart, the two are not
// one quantity read right, whatever the words around them say.
#[test]
fn figures_two_orders_of_magnitude_apart_are_not_compared() {
    let v = verdicts(&[
        ("A", Some("2022-04-03"), "At least two Russian soldiers have been killed by poisoned food, Ukraine said."),
        ("B", Some("2022-05-02"), "Ukraine said that 15,000 Russian soldiers have been killed so far."),
    ]);
    assert!(v.iter().all(|p| !(p.0.contains("two") || p.1.contains("two"))), "{v:?}");
    // Within a hundredfold, a count that grew is still compared.
    let v = flagged(&[
        ("A", Some("2022-03-01"), "Ukraine said that 500 Russian soldiers have been killed so far."),
        ("B", Some("2022-05-02"), "Ukraine said that 15,000 Russian soldiers have been killed so far."),
    ]);
    assert_eq!(v, vec![("500 Russian soldiers".into(), "15,000 Russian soldiers".into(), Verdict::Update)], "{v:?}");
}
