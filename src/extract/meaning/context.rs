//! One sentence, read once: its tokens with the places, metric cues, time phrases and identity
//! cues (kind, modality, rate period, anaphor) found in them. Every later rule looks things up
//! here by token range, with a binary search, so the work for one quantity is bounded by the
//! few words around it and a sentence costs time linear in its length.

use super::super::lexicon::{Lexicon, FIRST_CUE, FIRST_OFFICE, FIRST_PLACE, FIRST_TIME};
use super::super::quantity::tokens::{Kind, Tok};
use super::time::{find_time_at, TimePhrase};
use jiff::civil::Date;

/// How far (in tokens) any rule looks from a quantity.
pub(super) const WINDOW: usize = 40;

/// A place named in the sentence. Token indexes are relative to the sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub start: usize,
    pub end: usize,
    pub place: usize,
    pub possessive: bool,
    /// Used as an adjective: a lowercase word follows ("Russian troops", "Ukrainian grain").
    pub adjectival: bool,
    /// Named by its capital ("Kyiv").
    pub capital: bool,
}

/// A phrase from the lexicon found in the sentence: metric cue, kind cue, modality cue, rate
/// period or anaphor, with its owner's index in the lexicon table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub start: usize,
    pub end: usize,
    pub owner: usize,
}

/// A sentence and what was found in it.
pub(super) struct Sent<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    /// Byte span of the sentence in the text.
    pub span: (usize, usize),
    pub lex: &'a Lexicon,
    pub mentions: Vec<Mention>,
    pub cues: Vec<Hit>,
    pub times: Vec<TimePhrase>,
    pub kinds: Vec<Hit>,
    pub modals: Vec<Hit>,
    pub periods: Vec<Hit>,
    pub anaphors: Vec<Hit>,
    /// For each token, the lexicon's `FIRST_*` bits: which phrases can start there.
    pub first: Vec<u8>,
    /// Reporting verbs and the claimants they name (read only for sentences with figures).
    pub attributions: Vec<super::claimant::Attribution>,
}

/// Tokens that end a clause: a place or cue on the other side speaks about something else.
pub(super) fn is_clause_break(t: &Tok) -> bool {
    match t.kind {
        // A hyphen with a space before it is a dash ("troops -- around Ukraine", "Kyiv - the").
        Kind::Sym => matches!(t.low.as_str(), ";" | "—" | "–" | "(" | ")" | "\"" | "“" | "”" | "•" | ":" | "|") || (t.low == "-" && t.space_before),
        Kind::Word => matches!(t.low.as_str(), "but" | "while" | "whereas" | "although" | "though"),
        Kind::Num => false,
    }
}

/// The entries of a sorted-by-start list whose start lies in [a, b).
pub(super) fn starting_in<T>(items: &[T], start: impl Fn(&T) -> usize, a: usize, b: usize) -> &[T] {
    let x = items.partition_point(|h| start(h) < a);
    let y = items.partition_point(|h| start(h) < b);
    &items[x..y.max(x)]
}

impl<'a> Sent<'a> {
    /// Read a sentence: places and time phrases always; with `figures`, the metric, kind,
    /// modality, period and anaphor cues the figures' meaning is read from.
    pub fn new(text: &'a str, toks: &'a [Tok], span: (usize, usize), lex: &'a Lexicon, published: Option<Date>, figures: bool) -> Self {
        let mut s = Sent {
            text,
            toks,
            span,
            lex,
            mentions: Vec::new(),
            cues: Vec::new(),
            times: Vec::new(),
            kinds: Vec::new(),
            modals: Vec::new(),
            periods: Vec::new(),
            anaphors: Vec::new(),
            attributions: Vec::new(),
            first: toks
                .iter()
                .map(|t| {
                    // Phrases start with a letter or digit (tested): punctuation starts none.
                    if t.kind == Kind::Sym {
                        return 0;
                    }
                    let base = t.base();
                    let flags = lex.first_flags.get(base).copied().unwrap_or(0);
                    // Office titles are keyed by the word as written, possessive included.
                    if base.len() != t.low.len() {
                        let office = if lex.office_first.contains(t.low.as_str()) { FIRST_OFFICE } else { 0 };
                        return (flags & !FIRST_OFFICE) | office;
                    }
                    flags
                })
                .collect(),
        };
        s.find_mentions();
        let id = &lex.identity;
        for i in 0..toks.len() {
            if s.first[i] & FIRST_TIME != 0 {
                if let Some(tp) = find_time_at(text, toks, i, published) {
                    s.times.push(tp);
                }
            }
            if !figures || s.first[i] & FIRST_CUE == 0 {
                continue;
            }
            if let Some(cands) = lex.cue_index.get(toks[i].base()) {
                for (m, words) in cands {
                    let n = words.len();
                    if i + n <= toks.len() && words.iter().enumerate().all(|(d, w)| toks[i + d].base() == w) {
                        s.cues.push(Hit { start: i, end: i + n, owner: *m });
                    }
                }
            }
            for (owner, n) in id.kind_words.at(toks, i) {
                s.kinds.push(Hit { start: i, end: i + n, owner });
            }
            for (owner, n) in id.modality_words.at(toks, i) {
                // "May" the month is not "may" the modal.
                if n == 1 && toks[i].low == "may" && toks[i].capitalized(text) && i > 0 {
                    continue;
                }
                s.modals.push(Hit { start: i, end: i + n, owner });
            }
            if let Some((owner, n)) = id.period_words.longest_at(toks, i) {
                s.periods.push(Hit { start: i, end: i + n, owner });
            }
            if let Some((owner, n)) = id.anaphor_words.longest_at(toks, i) {
                s.anaphors.push(Hit { start: i, end: i + n, owner });
            }
        }
        if figures {
            s.attributions = s.find_attributions();
        }
        s
    }

    /// Token index range (relative to the sentence) covering bytes [start, end).
    pub fn tok_range(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.start < start);
        let b = self.toks.partition_point(|t| t.start < end);
        (a, b.max(a))
    }

    /// The clause around tokens [qa, qb): from just after the nearest clause break before to
    /// just before the nearest one after, at most [`WINDOW`] tokens each way.
    pub fn clause(&self, qa: usize, qb: usize) -> (usize, usize) {
        let lo = qa.saturating_sub(WINDOW);
        let mut ca = qa;
        while ca > lo && !is_clause_break(&self.toks[ca - 1]) {
            ca -= 1;
        }
        let hi = (qb + WINDOW).min(self.toks.len());
        let mut cb = qb.min(hi);
        while cb < hi && !is_clause_break(&self.toks[cb]) {
            cb += 1;
        }
        (ca, cb)
    }

    pub fn mentions_in(&self, a: usize, b: usize) -> &[Mention] {
        starting_in(&self.mentions, |m| m.start, a, b)
    }

    pub fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_str())
    }

    fn find_mentions(&mut self) {
        let lex = self.lex;
        let toks = self.toks;
        let maxw = lex.place_max_words.clamp(1, 6);
        let mut i = 0;
        while i < toks.len() {
            let mut found = None;
            if (toks[i].kind == Kind::Word || toks[i].low == "u") && self.first[i] & FIRST_PLACE != 0 {
                let mut key = String::new();
                let mut ends = Vec::with_capacity(maxw);
                for (n, t) in toks[i..].iter().take(maxw).enumerate() {
                    if n > 0 {
                        key.push(' ');
                    }
                    key.push_str(&t.low);
                    ends.push(key.len());
                }
                for n in (1..=ends.len()).rev() {
                    let mut k = &key[..ends[n - 1]];
                    let mut possessive = false;
                    if let Some(x) = k.strip_suffix("'s") {
                        k = x;
                        possessive = true;
                    }
                    let Some(a) = lex.place_aliases.get(k) else { continue };
                    if a.case_sensitive {
                        let raw = &self.text[toks[i].start..toks[i + n - 1].end];
                        let raw = raw.trim_end_matches("'s").trim_end_matches("’s");
                        if raw.chars().any(char::is_lowercase) {
                            continue;
                        }
                    }
                    // "U.S." ends with a full stop token; possessive "U.S.'s" is rare.
                    if !possessive {
                        possessive = toks.get(i + n).is_some_and(|t| t.low == "'s" || t.low == "’");
                    }
                    // "non-U.S. allies" are everyone but the place.
                    if i >= 2 && toks[i - 1].is_dash() && toks[i - 2].low == "non" {
                        found = Some(None);
                        i += n - 1;
                        break;
                    }
                    let next = toks.get(i + n);
                    let adjectival = a.demonym
                        && !possessive
                        && next.is_some_and(|t| t.kind == Kind::Word && t.space_before && !t.line_start && !t.capitalized(self.text) && !lex.identity.attribution.contains(t.low.as_str()));
                    found = Some(Some(Mention { start: i, end: i + n, place: a.owner, possessive, adjectival, capital: a.capital }));
                    break;
                }
            }
            match found {
                Some(Some(m)) => {
                    i = m.end;
                    self.mentions.push(m);
                }
                Some(None) | None => i += 1,
            }
        }
    }
}
