//! The vocabulary of the meaning step: metrics (what is measured), places (who holds a figure
//! and what part of the world it covers) and offices. Built-in TOML files under `lexicon/` are
//! compiled in; user files given with `--lexicon` add entries or override them by name.

use super::quantity::lexicon::phrase_key;
use super::quantity::QuantityLexicon;
use serde::Deserialize;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::path::PathBuf;

const METRICS: &str = include_str!("../../../lexicon/metrics.toml");
const PLACES: &str = include_str!("../../../lexicon/places.toml");
const OFFICES: &str = include_str!("../../../lexicon/offices.toml");
use super::quantity::lexicon::{builtin_unit_info, GRAMMAR, HEDGES, UNITS};
const IDENTITY: &str = include_str!("../../../lexicon/identity.toml");

mod identity;
pub use identity::{IdentityLexicon, PhraseSet, Reach};

/// Tables a lexicon file may hold; anything else is a mistake worth reporting.
const KNOWN_TABLES: &[&str] = &[
    "metric", "place", "office", "person", "hedge", "unit", "currency", "scale", "words", "population", "period",
    "cue", "modality", "anaphor", "attribution", "perfect",
];

#[derive(Debug, Deserialize, Default)]
struct File {
    #[serde(default)]
    metric: Vec<Metric>,
    #[serde(default)]
    place: Vec<Place>,
    #[serde(default)]
    office: Vec<Office>,
    #[serde(default)]
    person: Vec<Person>,
}

/// A metric: its name, the unit families it applies to, its cue phrases, and finer measures.
#[derive(Debug, Clone, Deserialize)]
pub struct Metric {
    pub name: String,
    pub units: Vec<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub measures: BTreeMap<String, Vec<String>>,
    /// Higher wins over nearer cues of lower priority ("4,000 soldiers were killed" is a
    /// casualty figure, not a troop count). Default 0.
    #[serde(default)]
    pub priority: i32,
    /// How far (in words) a cue may stand from a counted noun and still apply. Default 1.
    #[serde(default = "default_reach")]
    pub noun_reach: usize,
    /// A count that only grows (casualties, refugees, aid given): its figures are running
    /// totals or one event's count, and the text must say which before they are compared.
    #[serde(default)]
    pub running: bool,
    /// The measure that several measures named together make ("killed, wounded or captured"
    /// are casualties).
    #[serde(default)]
    pub composite: Option<String>,
    /// The population a count of this metric is of when the text names none ("2 million have
    /// fled" counts people).
    #[serde(default)]
    pub population: Option<String>,
    /// Identity parts this metric is never compared without: "holder", "scope".
    #[serde(default)]
    pub requires: Vec<String>,
    /// False: the metric's figures are read but never compared.
    #[serde(default = "yes")]
    pub compare: bool,
    /// True: a demonym on the counted noun names where the people come from, not whose figure
    /// it is ("2 million Ukrainian refugees" are from Ukraine; the holder is the host, if any).
    #[serde(default)]
    pub demonym_is_origin: bool,
}

fn default_reach() -> usize {
    1
}

#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    /// Adjectives: "Russian". Matched like aliases; before a lowercase noun they make the
    /// place the holder of what the noun counts.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capital cities: the state when they act, the city (the first spelling listed) when a
    /// figure covers them.
    #[serde(default)]
    pub capitals: Vec<String>,
    /// Groups of spellings of one name in or of this place (["Kyiv", "Kiev"]): `search`
    /// finds every spelling of a group when the query has one. Not used by extraction.
    #[serde(default)]
    pub spellings: Vec<Vec<String>>,
}

impl Place {
    /// Regions and cities are scope ("of Donetsk"); countries, blocs and organisations can hold
    /// figures.
    pub fn can_hold(&self) -> bool {
        self.kind != "region" && self.kind != "city"
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Office {
    pub key: String,
    pub titles: Vec<String>,
    /// One holder at a time per country or organisation (a president); false for titles many
    /// people hold at once (spokespeople), which are never compared.
    #[serde(default = "yes")]
    pub unique: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
struct Person {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    /// The state a leader stands for: "Putin's troops" are Russia's.
    #[serde(default)]
    holder: Option<String>,
    /// Groups of spellings of one part of the name (["Zelensky", "Zelenskyy"]), for search.
    #[serde(default)]
    spellings: Vec<Vec<String>>,
}

/// One matchable phrase: its owner's index, and whether it must match letter case
/// ("US" the country, not "us" the pronoun).
#[derive(Debug, Clone, Copy)]
pub struct Alias {
    pub owner: usize,
    pub case_sensitive: bool,
    /// The phrase is the place's adjective ("Russian"), not its name.
    pub demonym: bool,
    /// The phrase is the place's capital city.
    pub capital: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub metrics: Vec<Metric>,
    pub places: Vec<Place>,
    pub offices: Vec<Office>,
    /// phrase key -> place
    pub place_aliases: HashMap<String, Alias>,
    pub place_max_words: usize,
    /// phrase key -> office
    pub office_titles: HashMap<String, usize>,
    pub office_max_words: usize,
    /// folded person name -> canonical display name
    pub person_aliases: HashMap<String, String>,
    /// Surnames (folded) of people who stand for a state, and that state's place name.
    pub person_holders: HashMap<String, String>,
    /// Populations, periods, kind and modality cues, anaphors, attribution verbs.
    pub identity: IdentityLexicon,
    /// person name -> spelling groups of parts of the name (for search)
    pub person_spellings: BTreeMap<String, Vec<Vec<String>>>,
    pub quantity: QuantityLexicon,
    /// Metric cues by first word: (metric index, all words of the cue). Rebuilt on merge.
    pub cue_index: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// First words of place aliases and office titles: only where one stands can a phrase start.
    pub place_first: HashSet<String>,
    pub office_first: HashSet<String>,
    /// First words of every metric, kind, modality, period and anaphor cue: a token that is
    /// none of them starts no cue, and one look-up says so. Rebuilt on merge.
    pub cue_first: HashSet<String>,
    /// One look-up for all three: [`FIRST_PLACE`], [`FIRST_OFFICE`] and [`FIRST_CUE`] bits of a
    /// word that starts a place name, an office title or a cue. Rebuilt on merge.
    pub first_flags: HashMap<String, u8>,
}

/// A place name can start with the word.
pub const FIRST_PLACE: u8 = 1;
/// An office title can start with the word.
pub const FIRST_OFFICE: u8 = 2;
/// A metric or identity cue can start with the word.
pub const FIRST_CUE: u8 = 4;
/// A time phrase can start with the word ("in 2024", "since March", "on Tuesday", "May 5").
pub const FIRST_TIME: u8 = 8;

/// Month names and abbreviations, lowercase, with their numbers (read by the meaning step's
/// time phrases).
pub const MONTHS: &[(&str, i8)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1),
    ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
];

/// Weekday names, lowercase, Monday first.
pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The prepositions and words a time phrase starts with, besides month and weekday names
/// (the meaning step's `time` module reads the rest).
pub const TIME_STARTS: &[&str] = &["in", "during", "for", "throughout", "of", "between", "on", "since", "by", "until", "till", "as", "last", "this", "next"];

/// Where a lexicon problem is.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct LexiconError {
    pub path: String,
    pub message: String,
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Self {
        let mut lex = Lexicon::default();
        let builtin = [
            ("metrics.toml", METRICS),
            ("places.toml", PLACES),
            ("offices.toml", OFFICES),
            ("hedges.toml", HEDGES),
            ("units.toml", UNITS),
            ("grammar.toml", GRAMMAR),
            ("identity.toml", IDENTITY),
        ];
        for (name, text) in builtin {
            if let Err(e) = lex.merge(name, text) {
                debug_assert!(false, "built-in lexicon {e}");
            }
        }
        lex
    }

    /// Built-in lexicon plus user files, in order; later entries override earlier ones with the
    /// same name (metric name, place name, office key).
    pub fn load(user_files: &[PathBuf]) -> Result<Self, LexiconError> {
        let mut lex = Self::builtin();
        for path in user_files {
            let text = std::fs::read_to_string(path).map_err(|e| LexiconError { path: path.display().to_string(), message: e.to_string() })?;
            lex.merge(&path.display().to_string(), &text)?;
        }
        Ok(lex)
    }

    /// Merge one TOML document.
    pub fn merge(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let err = |message: String| LexiconError { path: name.to_string(), message };
        let value: toml::Table = toml::from_str(text).map_err(|e| err(e.to_string().replace('\n', " ")))?;
        if let Some(k) = value.keys().find(|k| !KNOWN_TABLES.contains(&k.as_str())) {
            return Err(err(format!("unknown table [[{k}]] (expected one of: {})", KNOWN_TABLES.join(", "))));
        }
        let file: File = toml::from_str(text).map_err(|e| err(e.to_string().replace('\n', " ")))?;
        let ident: identity::File = toml::from_str(text).map_err(|e| err(e.to_string().replace('\n', " ")))?;
        self.identity.merge(ident);
        self.quantity.merge_toml_with(text, identity::ROLE_LISTS).map_err(err)?;
        for m in file.metric {
            let name = m.name.clone();
            upsert(&mut self.metrics, m, |x| x.name == name);
        }
        for p in file.place {
            let idx = upsert(&mut self.places, p.clone(), |x| x.name == p.name);
            let names = std::iter::once(&p.name).chain(p.aliases.iter()).map(|a| (a, false, false));
            let names = names.chain(p.demonyms.iter().map(|a| (a, true, false))).chain(p.capitals.iter().map(|a| (a, false, true)));
            for (a, demonym, capital) in names {
                let key = phrase_key(a);
                self.place_max_words = self.place_max_words.max(key.split(' ').count());
                let letters: Vec<char> = a.chars().filter(|c| c.is_alphabetic()).collect();
                let case_sensitive = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
                if let Some(first) = key.split(' ').next() {
                    self.place_first.insert(first.to_string());
                }
                self.place_aliases.insert(key, Alias { owner: idx, case_sensitive, demonym, capital });
            }
        }
        for o in file.office {
            let idx = upsert(&mut self.offices, o.clone(), |x| x.key == o.key);
            for t in &o.titles {
                let key = phrase_key(t);
                self.office_max_words = self.office_max_words.max(key.split(' ').count());
                if let Some(first) = key.split(' ').next() {
                    self.office_first.insert(first.to_string());
                }
                self.office_titles.insert(key, idx);
            }
        }
        for p in file.person {
            for a in std::iter::once(&p.name).chain(p.aliases.iter()) {
                self.person_aliases.insert(fold_person(a), p.name.clone());
                if let (Some(h), Some(surname)) = (&p.holder, fold_person(a).split(' ').next_back()) {
                    self.person_holders.insert(surname.to_string(), h.clone());
                }
            }
            self.person_spellings.insert(p.name.clone(), p.spellings.clone());
        }
        self.cue_index.clear();
        for (m, metric) in self.metrics.iter().enumerate() {
            for c in &metric.cues {
                let words: Vec<String> = phrase_key(c).split(' ').map(str::to_string).collect();
                if let Some(first) = words.first().cloned() {
                    self.cue_index.entry(first).or_default().push((m, words));
                }
            }
        }
        let id = &self.identity;
        self.cue_first = self.cue_index.keys().cloned().chain([&id.kind_words, &id.modality_words, &id.period_words, &id.anaphor_words].into_iter().flat_map(|p| p.firsts().cloned())).collect();
        self.first_flags.clear();
        for (set, bit) in [(&self.place_first, FIRST_PLACE), (&self.office_first, FIRST_OFFICE), (&self.cue_first, FIRST_CUE)] {
            for w in set {
                *self.first_flags.entry(w.clone()).or_default() |= bit;
            }
        }
        for w in TIME_STARTS.iter().chain(MONTHS.iter().map(|(m, _)| m)).chain(WEEKDAYS) {
            *self.first_flags.entry(w.to_string()).or_default() |= FIRST_TIME;
        }
        Ok(())
    }

    /// Canonical name of a person: an alias entry, else the name as written.
    pub fn person(&self, name: &str) -> String {
        self.person_aliases.get(&fold_person(name)).cloned().unwrap_or_else(|| name.to_string())
    }

    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// Every group of spellings of one name (places, then people), for query expansion.
    pub fn spelling_groups(&self) -> Vec<Vec<String>> {
        let places = self.places.iter().flat_map(|p| p.spellings.iter());
        let people = self.person_spellings.values().flatten();
        places.chain(people).filter(|g| g.len() > 1).cloned().collect()
    }

    /// The place a spelling names, through the gazetteer's aliases, ignoring letter case:
    /// "Kremlin", "the Kremlin", "moscow" -> Russia. For filters typed by people.
    pub fn place_named(&self, spelling: &str) -> Option<&Place> {
        self.place_aliases.get(&phrase_key(spelling)).and_then(|a| self.places.get(a.owner))
    }

    /// The metric names a spelling may mean, for filters typed by people: a metric name in any
    /// case with spaces or hyphens for underscores ("Territory share"), `office:KEY` or an office
    /// title ("chancellor", "prime minister" -> office:prime_minister), else every metric one of
    /// whose cue phrases it is ("death toll" -> casualties). Empty when none.
    pub fn metrics_named(&self, spelling: &str) -> Vec<String> {
        let key = phrase_key(spelling);
        let snake = spelling.trim().to_lowercase().replace([' ', '-'], "_");
        if let Some(m) = self.metrics.iter().find(|m| m.name.to_lowercase() == snake) {
            return vec![m.name.clone()];
        }
        let office = snake.strip_prefix("office:").unwrap_or(&snake);
        if let Some(o) = self.offices.iter().find(|o| o.key == office) {
            return vec![format!("office:{}", o.key)];
        }
        if let Some(&o) = self.office_titles.get(&key) {
            return vec![format!("office:{}", self.offices[o].key)];
        }
        let mut out: Vec<String> = self
            .metrics
            .iter()
            .filter(|m| m.cues.iter().any(|c| phrase_key(c) == key))
            .map(|m| m.name.clone())
            .collect();
        out.dedup();
        out
    }
}

/// Replace the entry `same` finds, or append: a user file overrides built-in entries by name.
/// Returns the entry's index.
fn upsert<T>(items: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool) -> usize {
    match items.iter().position(same) {
        Some(i) => {
            items[i] = item;
            i
        }
        None => {
            items.push(item);
            items.len() - 1
        }
    }
}

/// A spelling-insensitive key for a person's name: lowercase, accents folded, hyphens and
/// apostrophes dropped, transliteration endings (-yy, -iy, -yi, -ii) folded to -y/-i, doubled
/// letters collapsed. "Zelenskyy", "Zelenskiy" and "Zelensky" share one key.
pub fn fold_person(name: &str) -> String {
    let mut words = Vec::new();
    for w in name.split_whitespace() {
        let mut s = String::new();
        for ch in w.chars().flat_map(char::to_lowercase) {
            let c = match ch {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
                'ú' | 'ù' | 'û' | 'ü' | 'ů' => 'u',
                'ç' | 'č' | 'ć' => 'c',
                'š' | 'ś' | 'ş' | 'ș' => 's',
                'ğ' => 'g',
                'ı' => 'i',
                'ț' | 'ţ' => 't',
                'đ' | 'ď' => 'd',
                'ž' | 'ź' | 'ż' => 'z',
                'ñ' | 'ń' => 'n',
                'ł' => 'l',
                'ř' => 'r',
                'ý' => 'y',
                c if c.is_alphabetic() => c,
                _ => continue,
            };
            if s.ends_with(c) {
                continue; // doubled letters: Zelenskyy -> zelensky
            }
            s.push(c);
        }
        for (from, to) in [("iy", "y"), ("yi", "y"), ("ij", "y")] {
            if s.ends_with(from) {
                s.truncate(s.len() - from.len());
                s.push_str(to);
            }
        }
        if !s.is_empty() {
            words.push(s);
        }
    }
    words.join(" ")
}

/// A unit's family, as metrics name them in `units`: from the built-in unit table
/// (`family` in lexicon/units.toml), else money for currency codes, else `other`.
pub fn unit_family(unit: &str) -> &'static str {
    match unit {
        "count" => "count",
        "person" => "person",
        u => match builtin_unit_info(u) {
            Some(info) => info.family.as_str(),
            None if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => "money",
            None => "other",
        },
    }
}

#[cfg(test)]
mod tests;
