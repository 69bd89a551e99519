//! Types shared by the extraction steps and every later stage.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How a figure is qualified in the text. Serialised in snake_case, the names of the public
/// output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// Stated plainly: the interval is what the stated precision implies.
    Exact,
    /// about, around, roughly, approximately, some, an estimated
    Approx,
    /// nearly, almost, just under, close to
    ApproxBelow,
    /// just over, just above, slightly more than
    ApproxAbove,
    /// more than, over, at least, exceeded, upwards of: a lower bound
    Lower,
    /// less than, under, up to, well below, fewer than: an upper bound
    Upper,
    /// between X and Y, X-Y, "hundreds of thousands"
    Range,
    /// most, overwhelmingly: no number
    Qualitative,
}

impl Hedge {
    pub fn as_str(self) -> &'static str {
        match self {
            Hedge::Exact => "exact",
            Hedge::Approx => "approx",
            Hedge::ApproxBelow => "approx_below",
            Hedge::ApproxAbove => "approx_above",
            Hedge::Lower => "lower",
            Hedge::Upper => "upper",
            Hedge::Range => "range",
            Hedge::Qualitative => "qualitative",
        }
    }
}

/// Whether a number is itself a change ("increased by $700 billion").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

/// Where a value sits in a stated change: "reduced from 50% (earlier) to 30% (current)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeRole {
    /// The value before the change; the text says it no longer holds.
    Earlier,
    /// The value after the change.
    Current,
}

/// A number the text states, before its meaning is known.
///
/// Spans are byte offsets into the text given to the extractor. `value` is in `unit`
/// (one-fifth = 20 with unit `percent`; €90 billion = 9e10 with unit `EUR`); `lo`/`hi` are the
/// bounds the text itself states (a range, "more than", "well below"), `None` when open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<f64>,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    /// `percent`, `percentage_point`, `USD`, `EUR`, `GBP`, `JPY`, `UAH`, `count`, `hour`,
    /// `day`, `week`, `month`, `year`, `minute`, `km`, `km2`, `mile`, `sq_mile`, ...
    pub unit: String,
    pub hedge: Hedge,
    pub direction: Option<Direction>,
    pub change_role: Option<ChangeRole>,
    /// Significant decimal places as written ("2.06" -> 2, "19" -> 0, "1.2 million" -> 1
    /// in millions): the exact interval is value ± half a unit in the last stated place.
    pub precision: Option<Precision>,
    /// The noun the number counts or measures, when adjacent: "12 regions" -> "regions",
    /// "five-hour meeting" -> "meeting". Lowercase.
    pub noun: Option<String>,
    /// Words between the number and its counted noun that narrow what is counted, lowercase:
    /// "17,000 Russian troops" -> ["russian"], "300 civilian deaths" -> ["civilian"].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub noun_mods: Vec<String>,
}

/// Stated precision: the value's half-width implied by how it was written, in `unit`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// Half of one step in the last stated digit, in the quantity's unit ("19%" -> 0.5,
    /// "2.06%" -> 0.005, "1.2 million" -> 50_000).
    pub half_step: f64,
}

/// How the as-of date of a claim was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// The article's publication date.
    Published,
    /// The text scopes it: "in 2024", "in March 2022".
    Stated,
    /// A period start: "since 2022" (the figure is cumulative up to publication).
    Since,
    /// A target: "by 2029".
    Target,
    /// Neither the text nor the metadata give a date.
    Unknown,
    /// The text names the day: "on March 2, 2022", "said Tuesday", a timeline entry "FEB 27 -".
    Dated,
}

/// What sort of figure a claim states. Two figures are compared only when they are the same
/// kind: a level ("controls 19%") says nothing about a change ("gained 1.3% in 2025"), a rate
/// ("900 a day") nothing about a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A state at a time: "controls 19%", "a population of 3 million".
    #[default]
    Level,
    /// A running total since a start: "seized 12% since the 2022 invasion", "2.5 million have
    /// fled", "to date".
    Cumulative,
    /// A change over a window: "gained 1.3% in 2025", "rose by 40,000".
    Change,
    /// A rate per period: "loses 900 soldiers a day", "$2 billion a month".
    Rate,
    /// What happened in one event or on one day: "launched 420 drones overnight".
    Event,
    /// A running count with no cue saying whether it is a total or one event's: not compared.
    Unknown,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Level => "level",
            FigureKind::Cumulative => "cumulative",
            FigureKind::Change => "change",
            FigureKind::Rate => "rate",
            FigureKind::Event => "event",
            FigureKind::Unknown => "unknown",
        }
    }
}

/// Whether the text states the figure as fact, or as something else. Only `stated` figures of
/// the present are cross-checked against each other; the others are compared only with the
/// same modality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Reported as what is (or was, at the as-of date).
    #[default]
    Stated,
    /// A goal: "by 2029", "aims to raise it to 3%".
    Target,
    /// Proposed, demanded or offered: "would cede 20%", "a plan to send 10,000".
    Proposal,
    /// A forecast or projection: "could reach 2 million", "is expected to grow 2%".
    Forecast,
    /// A condition or supposition: "if ... were", "would have".
    Hypothetical,
    /// A figure of another era: "in 2014", "during World War II".
    Historical,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Stated => "stated",
            Modality::Target => "target",
            Modality::Proposal => "proposal",
            Modality::Forecast => "forecast",
            Modality::Hypothetical => "hypothetical",
            Modality::Historical => "historical",
        }
    }
}

/// How the holder of a claim was found; `None` when no holder was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HolderBasis {
    /// No holder found: the claim's identity is incomplete.
    #[default]
    None,
    /// Named in the claim's own clause ("Russia controls", "Ukraine's", "under Kyiv's control").
    Stated,
    /// A nationality word on the counted object ("17,000 Russian troops").
    Demonym,
    /// Inherited from the sentence or paragraph before ("the country" after "Ukraine").
    Inherited,
}

/// A quantity with its meaning: a statement about the world that can be cross-checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    #[serde(flatten)]
    pub quantity: Quantity,
    /// Vocabulary name (`territory_share`, `casualties`, `office:chancellor`, ...) or, outside
    /// the lexicon, a normalised phrase for what is measured.
    pub metric: String,
    /// Finer measure within a metric: casualties -> `killed`, `wounded`, `casualties`,
    /// `captured`, `missing`. Empty when the metric has none.
    pub measure: String,
    /// Who or what the figure is about, normalised through the gazetteer ("Kremlin" -> Russia).
    pub holder: String,
    /// The part of the world the figure covers ("Ukraine", "Donetsk"); empty when not stated.
    pub scope: String,
    /// For office claims: the person named ("Olaf Scholz"), canonical spelling.
    pub person: Option<String>,
    /// The date the figure holds for.
    pub as_of: Option<Date>,
    /// For `since` claims: the period start (as_of stays the publication date).
    pub period_start: Option<Date>,
    pub time_basis: TimeBasis,
    /// What sort of figure it is: level, cumulative, change, rate or event.
    #[serde(default)]
    pub kind: FigureKind,
    /// For rates: the period ("day", "week", "month", "year").
    #[serde(default)]
    pub per: Option<String>,
    /// Stated, target, proposal, forecast, hypothetical or historical.
    #[serde(default)]
    pub modality: Modality,
    /// How the holder was found (stated, demonym, inherited), or none.
    #[serde(default)]
    pub holder_basis: HolderBasis,
    /// The parts of the claim's identity the text does not establish ("holder", "kind",
    /// "population", ...). A claim with any part missing is never compared: an unknown part
    /// is not a wildcard. See [`crate::extract::identity`].
    #[serde(default)]
    pub missing: Vec<String>,
    /// The figure is a verified minimum, not an estimate of the whole: "the BBC was able to
    /// verify the deaths of 2,336", "the UN has confirmed 474 civilian deaths". Compared as at
    /// least that many.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub floor: bool,
    /// Who gives the figure ("Ukraine says ...", "according to the UN"): a country, bloc or
    /// organisation of the gazetteer; empty when the text names none the gazetteer knows.
    /// Not part of the identity: it tells a revision from a disagreement.
    #[serde(default)]
    pub claimant: String,
    /// The sentence the claim was read from, and its byte span in the text.
    pub sentence: String,
    pub sentence_start: usize,
    pub sentence_end: usize,
}

/// What the meaning step needs to know about the document a text came from.
#[derive(Debug, Clone, Default)]
pub struct DocContext {
    pub published: Option<Date>,
}

/// The unit two figures are compared in, and the factor into it: durations compare in days,
/// lengths in km, masses in kg, pence in pounds (lexicon/units.toml, `compare`). A quantity's
/// `value` stays in the unit stated; this conversion is for comparison only.
pub fn comparison_unit(unit: &str) -> (&str, f64) {
    match crate::extract::quantity::lexicon::builtin_unit_info(unit) {
        Some(info) => (info.compare.as_str(), info.factor),
        None => (unit, 1.0),
    }
}
