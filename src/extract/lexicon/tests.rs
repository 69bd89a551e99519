use super::*;
use std::collections::HashSet;

#[test]
fn builtin_files_parse() {
    for (name, text) in [("metrics", METRICS), ("places", PLACES), ("offices", OFFICES), ("hedges", HEDGES), ("units", UNITS)] {
        let mut lex = Lexicon::default();
        lex.merge(name, text).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn required_metric_vocabulary_is_present() {
    let lex = Lexicon::builtin();
    for m in ["territory_share", "casualties", "displaced", "aid_amount", "aid_share", "poll_share", "defense_spending_gdp",
        "defense_spending_amount", "profit_share", "plan_points", "inflation", "gdp_growth", "unemployment", "budget", "prices"] {
        assert!(lex.metric(m).is_some(), "metric {m} missing");
    }
    let c = lex.metric("casualties").unwrap();
    for m in ["killed", "wounded", "casualties", "captured", "missing"] {
        assert!(c.measures.contains_key(m), "measure {m}");
    }
}

#[test]
fn no_duplicate_names_or_aliases() {
    let file: File = toml::from_str(METRICS).unwrap();
    let mut names = HashSet::new();
    for m in &file.metric {
        assert!(names.insert(m.name.clone()), "metric {} twice", m.name);
        assert!(!m.units.is_empty(), "metric {} has no units", m.name);
    }
    let file: File = toml::from_str(PLACES).unwrap();
    let mut seen: HashMap<String, String> = HashMap::default();
    for p in &file.place {
        for a in std::iter::once(&p.name).chain(&p.aliases) {
            if let Some(prev) = seen.insert(a.clone(), p.name.clone()) {
                assert_eq!(prev, p.name, "alias {a:?} maps to two places");
            }
        }
    }
    let file: File = toml::from_str(OFFICES).unwrap();
    let mut titles = HashSet::new();
    for o in &file.office {
        for t in &o.titles {
            assert!(titles.insert(phrase_key(t)), "title {t:?} twice");
        }
    }
}

#[test]
fn user_file_overrides_and_reports_errors_with_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("mine.toml");
    std::fs::write(&good, "[[metric]]\nname = \"wheat_exports\"\nunits = [\"count\", \"money\"]\ncues = [\"wheat\"]\n[[place]]\nname = \"Transnistria\"\nkind = \"region\"\naliases = [\"Tiraspol\"]\n").unwrap();
    let lex = Lexicon::load(&[good]).unwrap();
    assert!(lex.metric("wheat_exports").is_some());
    assert!(lex.place_aliases.contains_key("tiraspol"));
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[metrik]]\nname = 1\n").unwrap();
    let e = Lexicon::load(&[bad]).unwrap_err().to_string();
    assert!(e.contains("bad.toml") && e.contains("metrik"), "{e}");
}

#[test]
fn person_names_fold_spelling_variants() {
    assert_eq!(fold_person("Volodymyr Zelenskyy"), fold_person("Volodymyr Zelensky"));
    assert_eq!(fold_person("Volodymyr Zelenskiy"), fold_person("Volodymyr Zelensky"));
    assert_eq!(fold_person("Sébastien Lecornu"), fold_person("Sebastien Lecornu"));
    assert_ne!(fold_person("Olaf Scholz"), fold_person("Friedrich Merz"));
}

#[test]
fn filter_spellings_resolve_through_the_lexicon() {
    let lex = Lexicon::builtin();
    assert_eq!(lex.place_named("Kremlin").map(|p| p.name.as_str()), Some("Russia"));
    assert_eq!(lex.place_named("the kremlin").map(|p| p.name.as_str()), Some("Russia"));
    assert_eq!(lex.place_named("Kyiv").map(|p| p.name.as_str()), Some("Ukraine"));
    assert!(lex.place_named("Atlantis").is_none());
    assert_eq!(lex.metrics_named("Territory share"), vec!["territory_share"]);
    assert_eq!(lex.metrics_named("death toll"), vec!["casualties"]);
    assert_eq!(lex.metrics_named("Chancellor"), vec!["office:chancellor"]);
    assert_eq!(lex.metrics_named("office:chancellor"), vec!["office:chancellor"]);
    assert!(lex.metrics_named("aid").len() > 1, "aid is a cue of two metrics");
    assert!(lex.metrics_named("zebra crossings").is_empty());
}
