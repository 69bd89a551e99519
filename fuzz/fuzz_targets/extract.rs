//! Fuzz target: the quantity grammar alone, then full claim extraction (quantities, then
//! metric, holder, scope, time, offices) on arbitrary text. Fails on a panic, on a quantity
//! span that is not a char-boundary range inside the text, or on a claim whose quantity or
//! sentence span is not one (or whose quantity lies outside its sentence).
//!
//!     cargo +nightly fuzz run extract -- -max_len=20000
#![no_main]

use crosscheck::extract::{DocContext, Extractor};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ex = EXTRACTOR.get_or_init(Extractor::default);
    let span_ok = |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for q in ex.quantities(&text) {
        assert!(span_ok(q.start, q.end), "quantity span {}..{} invalid in {} bytes", q.start, q.end, text.len());
    }
    let published = jiff::civil::Date::new(2025, 12, 6).ok();
    for c in ex.claims(&text, &DocContext { published }) {
        let q = &c.quantity;
        assert!(q.start <= q.end && q.end <= text.len(), "quantity span {}..{} outside {} bytes", q.start, q.end, text.len());
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert!(c.sentence_start <= c.sentence_end && c.sentence_end <= text.len());
        assert!(text.is_char_boundary(c.sentence_start) && text.is_char_boundary(c.sentence_end));
        assert!(c.sentence_start <= q.start && q.end <= c.sentence_end, "quantity outside its sentence");
    }
});
