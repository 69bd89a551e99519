use super::*;
use std::fs;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn text_with_front_matter_maps_offsets_to_the_file() {
    let d = tempfile::tempdir().unwrap();
    let raw = "---\ntitle: Talks stall\nsource: Harbor Post\npublished: 2025-12-06\n---\nMoscow holds nearly 19% of it.\n";
    let p = write(d.path(), "a.md", raw.as_bytes());
    let load = load_file(&p, &Manifest::default());
    let a = &load.articles[0];
    assert_eq!((a.title.as_deref(), a.source.as_deref()), (Some("Talks stall"), Some("Harbor Post")));
    assert_eq!(a.published, Some(jiff::civil::date(2025, 12, 6)));
    let t = a.text.find("nearly").unwrap();
    assert!(raw[a.offsets.to_file(t)..].starts_with("nearly 19%"));
}

#[test]
fn manifest_wins_and_dateline_is_inferred() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", b"Wire\nSaturday, December 6, 2025\n\nKyiv said 5 drones fell.\n");
    write(d.path(), "b.txt", b"Talks stall in Geneva again today\nPublished: Nov 24, 2025 05:20 PM\nText.\n");
    write(d.path(), MANIFEST, b"file,source,published,title,url\na.txt,Harbor Post,,Drones fall,\n");
    let (files, problems) = discover(&[d.path().to_path_buf()]);
    assert_eq!(files.len(), 2, "sources.csv is not an article");
    assert!(problems.is_empty());
    let (m, mp) = manifest_for(&[d.path().to_path_buf()]);
    assert!(mp.is_empty());
    let a = &load_file(&files[0], &m).articles[0];
    assert_eq!((a.source.as_deref(), a.title.as_deref()), (Some("Harbor Post"), Some("Drones fall")));
    assert_eq!(a.published, Some(jiff::civil::date(2025, 12, 6)));
    let b = &load_file(&files[1], &m).articles[0];
    assert_eq!(b.published, Some(jiff::civil::date(2025, 11, 24)));
    assert_eq!(b.title.as_deref(), Some("Talks stall in Geneva again today"));
    assert_eq!(b.source, None, "never invented");
}

#[test]
fn bad_inputs_are_problems_not_panics() {
    let d = tempfile::tempdir().unwrap();
    let bad = write(d.path(), "latin1.txt", b"caf\xe9 au lait\n");
    let load = load_file(&bad, &Manifest::default());
    assert!(load.articles.is_empty());
    assert!(load.problems[0].to_string().contains("not valid UTF-8") && load.problems[0].offset == Some(3), "{}", load.problems[0]);
    let bin = write(d.path(), "x.txt", b"\x00\x01\x02binary");
    assert!(load_file(&bin, &Manifest::default()).problems[0].message.contains("binary"));
    let empty = write(d.path(), "e.txt", b"  \n");
    assert_eq!(load_file(&empty, &Manifest::default()).problems[0].severity, Severity::Warning);
    let (_, probs) = discover(&[d.path().join("missing.txt"), write(d.path(), "x.pdf", b"%PDF")]);
    assert_eq!(probs.len(), 2);
}

#[test]
fn jsonl_with_a_broken_line_keeps_the_good_ones() {
    let d = tempfile::tempdir().unwrap();
    let raw = "{\"text\":\"First 5 km.\",\"source\":\"A\",\"published\":\"2025-01-02\"}\n{broken\n{\"text\":\"Third 7 days.\"}\n";
    let p = write(d.path(), "r.jsonl", raw.as_bytes());
    let load = load_file(&p, &Manifest::default());
    assert_eq!(load.articles.len(), 2);
    assert_eq!(load.problems.len(), 1);
    assert_eq!(load.problems[0].line, Some(2));
    let third = &load.articles[1];
    assert!(third.doc.ends_with("#3"));
    assert!(raw[third.offsets.to_file(third.text.find("7 days").unwrap())..].starts_with("7 days"));
    assert_eq!(load.articles[0].published, Some(jiff::civil::date(2025, 1, 2)));
}

#[test]
fn csv_missing_text_column_names_the_file() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "r.csv", b"title,body_text\nx,y\n");
    let load = load_file(&p, &Manifest::default());
    assert!(load.articles.is_empty());
    assert!(load.problems[0].to_string().contains("r.csv") && load.problems[0].message.contains("missing column 'text'"));
}

#[test]
fn html_page_loads_main_text() {
    let d = tempfile::tempdir().unwrap();
    let raw = "<html><head><title>Talks</title><meta property=\"og:site_name\" content=\"Post\"><meta property=\"article:published_time\" content=\"2025-12-06T08:00:00Z\"></head><body><nav>Menu 5</nav><article><p>Aid topped &euro;100 billion.</p></article></body></html>";
    let p = write(d.path(), "p.html", raw.as_bytes());
    let a = &load_file(&p, &Manifest::default()).articles[0];
    assert!(!a.text.contains("Menu"));
    assert_eq!(a.published, Some(jiff::civil::date(2025, 12, 6)));
    assert_eq!(a.source.as_deref(), Some("Post"));
    assert!(raw[a.offsets.to_file(a.text.find("100 billion").unwrap())..].starts_with("100 billion"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Cases per property: the default keeps CI short; PROPTEST_CASES=N runs a long fuzz.
    fn cases(default: u32) -> u32 {
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(300)))]
        #[test]
        fn any_bytes_in_any_format_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), ext in prop_oneof![Just("txt"), Just("md"), Just("html"), Just("jsonl"), Just("csv")]) {
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join(format!("f.{ext}"));
            std::fs::write(&p, &bytes).unwrap();
            let load = load_file(&p, &Manifest::default());
            for a in load.articles {
                for (i, _) in a.text.char_indices().step_by(7) {
                    prop_assert!(a.offsets.to_file(i) <= bytes.len());
                }
            }
        }

        #[test]
        fn text_like_html_never_panics(s in "(<[a-z/!-]{0,8}[^>]{0,10}>?|&[a-z#0-9]{0,6};?|[a-zA-Z0-9 %€\\n]{0,10}){0,30}") {
            let _ = html::extract(&s);
        }
    }
}
