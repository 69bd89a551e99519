//! The vocabulary of claim identity (`lexicon/identity.toml`): populations a count is of, rate
//! periods, cues for the kind of figure and its modality, anaphors ("the country"), attribution
//! verbs and perfect participles. Phrases are kept in a [`PhraseSet`], so finding every cue of
//! a sentence is one pass over its tokens.

use super::super::quantity::lexicon::phrase_key;
use crate::extract::quantity::tokens::Tok;
use crate::extract::{FigureKind, Modality};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// Phrases (lowercase word sequences) with an owner id, indexed by first word.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    by_first: HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl PhraseSet {
    pub fn insert(&mut self, phrase: &str, owner: usize) {
        let words: Vec<String> = phrase_key(phrase).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        let Some(first) = words.first().cloned() else { return };
        let list = self.by_first.entry(first).or_default();
        list.retain(|(_, w)| *w != words);
        list.push((owner, words));
    }

    /// Phrases that start at token `i`: (owner, number of tokens). Possessive "'s" on a word
    /// is ignored, so "russia's" matches "russia".
    pub fn at<'a>(&'a self, toks: &'a [Tok], i: usize) -> impl Iterator<Item = (usize, usize)> + 'a {
        let first = toks.get(i).map(|t| t.base()).unwrap_or("");
        self.by_first.get(first).into_iter().flatten().filter_map(move |(owner, words)| {
            let n = words.len();
            let hit = i + n <= toks.len() && words.iter().enumerate().all(|(d, w)| toks[i + d].base() == w);
            hit.then_some((*owner, n))
        })
    }

    /// The longest phrase starting at `i`.
    pub fn longest_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        self.at(toks, i).max_by_key(|&(_, n)| n)
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The words phrases start with.
    pub fn firsts(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }
}

#[derive(Debug, Deserialize, Default)]
pub(super) struct File {
    #[serde(default)]
    population: Vec<Named>,
    #[serde(default)]
    period: Vec<Named>,
    #[serde(default)]
    cue: Vec<KindCue>,
    #[serde(default)]
    modality: Vec<ModalityCue>,
    #[serde(default)]
    anaphor: Vec<Anaphor>,
    #[serde(default)]
    attribution: Vec<Words>,
    #[serde(default)]
    perfect: Vec<Words>,
    #[serde(default)]
    words: Vec<RoleWords>,
}

#[derive(Debug, Deserialize, Clone)]
struct RoleWords {
    /// The list's name (shared with the grammar's `[[words]]` lists in grammar.toml).
    list: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct Named {
    name: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct KindCue {
    kind: FigureKind,
    #[serde(default)]
    determiner: bool,
    #[serde(default = "default_before")]
    before: usize,
    #[serde(default = "default_after")]
    after: usize,
    words: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct ModalityCue {
    name: Modality,
    #[serde(default = "default_before")]
    before: usize,
    words: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct Anaphor {
    words: Vec<String>,
    kinds: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct Words {
    words: Vec<String>,
}

fn default_before() -> usize {
    10
}
fn default_after() -> usize {
    8
}

/// A cue's reach in words before the number and after the figure.
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    pub before: usize,
    pub after: usize,
    /// The cue counts only after a determiner ("a strike", "the bombing").
    pub determiner: bool,
}

/// Identity vocabulary, merged from the built-in file and user files.
#[derive(Debug, Clone, Default)]
pub struct IdentityLexicon {
    /// Population names, in priority order (first match wins).
    pub populations: Vec<String>,
    pub population_words: PhraseSet,
    pub periods: Vec<String>,
    pub period_words: PhraseSet,
    /// Kind cues: owner = index into `kind_cues`.
    pub kind_cues: Vec<(FigureKind, Reach)>,
    pub kind_words: PhraseSet,
    pub modality_cues: Vec<(Modality, Reach)>,
    pub modality_words: PhraseSet,
    /// Anaphors: owner = index into `anaphor_kinds` (the place kinds each may refer to).
    pub anaphor_kinds: Vec<Vec<String>>,
    pub anaphor_words: PhraseSet,
    pub attribution: HashSet<String>,
    pub perfect: HashSet<String>,
    /// Word roles: "owner", "receive", "give", "link", "filler", "land", "flee", "arrive".
    pub roles: HashMap<String, HashSet<String>>,
}

/// The `[[words]]` lists the claim identity reads (see lexicon/identity.toml).
pub const ROLE_LISTS: &[&str] = &["owner", "receive", "give", "link", "filler", "land", "flee", "arrive", "regain", "place_noun", "floor", "container", "start", "speaker", "report_aux", "claimant_block"];

impl IdentityLexicon {
    pub(super) fn merge(&mut self, file: File) {
        for p in file.population {
            let id = position_or_push(&mut self.populations, &p.name);
            for w in &p.words {
                self.population_words.insert(w, id);
            }
        }
        for p in file.period {
            let id = position_or_push(&mut self.periods, &p.name);
            for w in &p.words {
                self.period_words.insert(w, id);
            }
        }
        for c in file.cue {
            self.kind_cues.push((c.kind, Reach { before: c.before, after: c.after, determiner: c.determiner }));
            for w in &c.words {
                self.kind_words.insert(w, self.kind_cues.len() - 1);
            }
        }
        for c in file.modality {
            self.modality_cues.push((c.name, Reach { before: c.before, after: 0, determiner: false }));
            for w in &c.words {
                self.modality_words.insert(w, self.modality_cues.len() - 1);
            }
        }
        for a in file.anaphor {
            self.anaphor_kinds.push(a.kinds.clone());
            for w in &a.words {
                self.anaphor_words.insert(w, self.anaphor_kinds.len() - 1);
            }
        }
        for w in file.attribution.iter().flat_map(|x| &x.words) {
            self.attribution.insert(phrase_key(w));
        }
        for w in file.perfect.iter().flat_map(|x| &x.words) {
            self.perfect.insert(phrase_key(w));
        }
        for r in file.words {
            let set = self.roles.entry(r.list).or_default();
            set.extend(r.words.iter().map(|w| phrase_key(w)));
        }
    }

    /// `word` has the role (see `[[words]]` in lexicon/identity.toml).
    pub fn is(&self, role: &str, word: &str) -> bool {
        self.roles.get(role).is_some_and(|s| s.contains(word))
    }
}

fn position_or_push(names: &mut Vec<String>, name: &str) -> usize {
    match names.iter().position(|n| n == name) {
        Some(i) => i,
        None => {
            names.push(name.to_string());
            names.len() - 1
        }
    }
}
