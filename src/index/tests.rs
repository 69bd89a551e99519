use super::*;
use crate::corpus::{Article, OffsetMap};
use crate::extract::{Claim, Hedge, Quantity, TimeBasis};

fn article(doc: &str, text: &str, source: Option<&str>, published: Option<Date>) -> Article {
    Article {
        id: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes())),
        doc: doc.into(),
        title: Some(format!("title of {doc}")),
        source: source.map(str::to_string),
        published,
        url: None,
        text: text.into(),
        offsets: OffsetMap::identity(0),
    }
}

fn claim(text: &str, phrase: &str, metric: &str, holder: &str) -> Claim {
    let start = text.find(phrase).unwrap_or(0);
    Claim {
        quantity: Quantity {
            start,
            end: start + phrase.len(),
            text: phrase.into(),
            value: Some(19.0),
            lo: None,
            hi: None,
            unit: "percent".into(),
            hedge: Hedge::ApproxBelow,
            direction: None,
            change_role: None,
            precision: None,
            noun: None,
            noun_mods: Vec::new(),
        },
        metric: metric.into(),
        measure: String::new(),
        holder: holder.into(),
        scope: String::new(),
        person: None,
        as_of: None,
        period_start: None,
        time_basis: TimeBasis::Unknown,
        sentence: text.into(),
        sentence_start: 0,
        sentence_end: text.len(),
        kind: Default::default(),
        per: None,
        modality: Default::default(),
        holder_basis: Default::default(),
        missing: Vec::new(),
        floor: false,
        claimant: String::new(),
    }
}

#[test]
fn add_unchanged_update_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let ix = CrossIndex::create_or_open(dir.path()).unwrap();
    let a = article("a.txt", "Russia holds nearly 19% of the territory.", Some("Wire"), None);
    let c = claim(&a.text, "nearly 19%", "territory_share", "Russia");
    let mut w = ix.writer().unwrap();
    assert_eq!(w.add(&a, vec![c.clone()]).unwrap(), IngestStatus::Added);
    let s = w.commit().unwrap();
    assert_eq!((s.added, s.claims), (1, 1));
    assert_eq!(ix.article_count().unwrap(), 1);
    assert_eq!(ix.claim_count().unwrap(), 1);

    let mut w = ix.writer().unwrap();
    assert_eq!(w.add(&a, vec![c]).unwrap(), IngestStatus::Unchanged);
    w.commit().unwrap();
    assert_eq!(ix.article_count().unwrap(), 1);

    let b = article("a.txt", "Russia holds about 20% of the territory now.", Some("Wire"), None);
    let cb = claim(&b.text, "about 20%", "territory_share", "Russia");
    let mut w = ix.writer().unwrap();
    assert_eq!(w.add(&b, vec![cb]).unwrap(), IngestStatus::Updated);
    w.commit().unwrap();
    assert_eq!(ix.article_count().unwrap(), 1);
    let claims = ix.all_claims().unwrap();
    assert_eq!(claims.len(), 1, "the old version's claims are gone");
    assert_eq!(claims[0].claim.quantity.text, "about 20%");
}

#[test]
fn claim_spans_are_file_offsets_and_filters_work() {
    let dir = tempfile::tempdir().unwrap();
    let ix = CrossIndex::create_or_open(dir.path()).unwrap();
    let mut a = article("b.md", "Kyiv says nearly 19% is held.", Some("Harbor Post"), Some(jiff::civil::date(2025, 12, 6)));
    a.offsets = OffsetMap::identity(40); // as after 40 bytes of front matter
    let c = claim(&a.text, "nearly 19%", "territory_share", "Russia");
    let mut w = ix.writer().unwrap();
    w.add(&a, vec![c]).unwrap();
    w.commit().unwrap();
    let got = ix.claims(&ClaimFilter { metric: Some("territory_share".into()), ..Default::default() }).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].claim.quantity.start, 40 + 10);
    assert_eq!(got[0].source.as_deref(), Some("Harbor Post"));
    let none = ix.claims(&ClaimFilter { holder: Some("France".into()), ..Default::default() }).unwrap();
    assert!(none.is_empty());
    let by_source = ix.claims(&ClaimFilter { source: Some("harbor post".into()), ..Default::default() }).unwrap();
    assert_eq!(by_source.len(), 1);
}

#[test]
fn second_writer_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let ix = CrossIndex::create_or_open(dir.path()).unwrap();
    let _w = ix.writer().unwrap();
    let ix2 = CrossIndex::open(dir.path()).unwrap();
    match ix2.writer() {
        Err(IndexError::Locked(_)) => {}
        Err(e) => panic!("expected Locked, got {e}"),
        Ok(_) => panic!("expected Locked, got a writer"),
    }
}

#[test]
fn search_filters_by_source_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let ix = CrossIndex::create_or_open(dir.path()).unwrap();
    let mut w = ix.writer().unwrap();
    w.add(&article("1.txt", "Talks on territory stalled in Geneva.", Some("Wire"), Some(jiff::civil::date(2025, 11, 24))), vec![]).unwrap();
    w.add(&article("2.txt", "Territory remains the sticking point.", Some("Post"), Some(jiff::civil::date(2025, 12, 6))), vec![]).unwrap();
    w.add(&article("3.txt", "Nothing about land here.", None, None), vec![]).unwrap();
    w.commit().unwrap();
    let q = |source: Option<&str>, since: Option<Date>| SearchQuery {
        query: "territory".into(),
        source: source.map(str::to_string),
        since,
        until: None,
        limit: 10,
    };
    assert_eq!(ix.search(&q(None, None)).unwrap().len(), 2);
    assert_eq!(ix.search(&q(Some("POST"), None)).unwrap().len(), 1);
    let recent = ix.search(&q(None, Some(jiff::civil::date(2025, 12, 1)))).unwrap();
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].doc, "2.txt");
    assert!(!recent[0].highlights.is_empty());
    assert!(matches!(ix.search(&SearchQuery { query: "AND (".into(), limit: 5, ..Default::default() }), Err(IndexError::Query { .. })));
}

#[test]
fn missing_index_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = CrossIndex::open(&dir.path().join("nope")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("run `crosscheck ingest` first"), "{err}");
}

#[test]
fn related_finds_the_same_quantity_nearest_in_time_first() {
    let dir = tempfile::tempdir().unwrap();
    let ix = CrossIndex::create_or_open(dir.path()).unwrap();
    let dated = |doc: &str, holder: &str, scope: &str, day: Option<(i16, i8, i8)>| {
        // Distinct texts: identical content under two names is one article.
        let a = article(doc, &format!("{doc}: Russia holds nearly 19% of Ukraine."), Some("Wire"), None);
        let mut c = claim(&a.text, "nearly 19%", "territory_share", holder);
        c.scope = scope.into();
        c.as_of = day.map(|(y, m, d)| jiff::civil::date(y, m, d));
        (a, c)
    };
    let docs = [
        dated("far.txt", "Russia", "Ukraine", Some((2024, 1, 1))),
        dated("near.txt", "Russia", "Ukraine", Some((2025, 12, 1))),
        dated("noholder.txt", "", "Ukraine", Some((2025, 6, 1))),
        dated("undated.txt", "Russia", "Ukraine", None),
        dated("otherholder.txt", "Belarus", "Ukraine", Some((2025, 12, 2))),
        dated("otherscope.txt", "Russia", "Donetsk", Some((2025, 12, 2))),
    ];
    let mut w = ix.writer().unwrap();
    for (a, c) in &docs {
        w.add(a, vec![c.clone()]).unwrap();
    }
    w.commit().unwrap();
    let (_, mut probe) = dated("new.txt", "Russia", "Ukraine", Some((2025, 12, 3)));
    let got: Vec<String> = ix.related(&probe, 10).unwrap().into_iter().map(|r| r.doc).collect();
    // Only the same identity: another holder, another scope or no holder is another quantity.
    assert_eq!(got, ["near.txt", "far.txt", "undated.txt"]);
    assert_eq!(ix.related(&probe, 1).unwrap()[0].doc, "near.txt");
    // An empty holder does not match any holder: only claims without one.
    probe.holder.clear();
    let got: Vec<String> = ix.related(&probe, 10).unwrap().into_iter().map(|r| r.doc).collect();
    assert_eq!(got, ["noholder.txt"]);
    // A claim that cannot be cross-checked has no related claims.
    probe.metric.clear();
    assert!(ix.related(&probe, 10).unwrap().is_empty());
}

#[test]
fn claims_query_matches_sentences_with_tantivy_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let ix = CrossIndex::create_or_open(dir.path()).unwrap();
    let texts = ["Russia holds nearly 19% of the territory.", "Kyiv keeps nearly 19% of Donetsk territory.", "Profits rose nearly 19% this year."];
    let mut w = ix.writer().unwrap();
    for (i, t) in texts.iter().enumerate() {
        let a = article(&format!("{i}.txt"), t, None, None);
        w.add(&a, vec![claim(t, "nearly 19%", "territory_share", "")]).unwrap();
    }
    w.commit().unwrap();
    let docs = |q: &str| -> Vec<String> {
        ix.claims(&ClaimFilter { query: Some(q.into()), ..Default::default() }).unwrap().into_iter().map(|r| r.doc).collect()
    };
    assert_eq!(docs("territory -donetsk"), ["0.txt"]);
    assert_eq!(docs("PROFITS OR kyiv"), ["1.txt", "2.txt"]);
    assert_eq!(docs("\"of donetsk\""), ["1.txt"]);
    assert!(docs("territories").is_empty(), "no stemming");
    assert!(matches!(ix.claims(&ClaimFilter { query: Some("AND (".into()), ..Default::default() }), Err(IndexError::Query { .. })));
}
