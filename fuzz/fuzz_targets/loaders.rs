//! Fuzz target: the article loaders, then extraction on what they load. The first byte picks
//! the file type; the rest is written to a file of that type and loaded as `ingest` would.
//! Fails on a panic, or when a loaded text offset or a claim span maps outside the file.
//!
//!     cargo +nightly fuzz run loaders -- -max_len=20000
#![no_main]

use crosscheck::corpus::{load_file, Manifest};
use crosscheck::extract::{DocContext, Extractor};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

// Every extension `load_file` handles (new ones appended so seed prefix bytes 0..5 keep their type).
const TYPES: [&str; 8] = ["txt", "md", "html", "jsonl", "csv", "htm", "ndjson", "markdown"];
static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let ext = TYPES[kind as usize % TYPES.len()];
    // One file per process and type, overwritten on every input.
    let path = std::env::temp_dir().join(format!("crosscheck-fuzz-{}.{ext}", std::process::id()));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let load = load_file(&path, &Manifest::default());
    let ex = EXTRACTOR.get_or_init(Extractor::default);
    for a in &load.articles {
        for (i, _) in a.text.char_indices().step_by(13) {
            assert!(a.offsets.to_file(i) <= bytes.len(), "text offset {i} maps past the file");
        }
        for c in ex.claims(&a.text, &DocContext { published: a.published }) {
            let (s, e) = (a.offsets.to_file(c.quantity.start), a.offsets.to_file(c.quantity.end));
            assert!(s <= e && e <= bytes.len(), "claim span {s}..{e} outside {} bytes", bytes.len());
        }
    }
});
