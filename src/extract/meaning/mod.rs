//! From quantities to claims: what each number measures (metric, measure), whose it is
//! (holder), what part of the world it covers (scope), when it holds (as-of date), and whether
//! the text says it changed. Also office holders ("German Chancellor Olaf Scholz").
//!
//! Every rule reads the quantity's own sentence only, and prefers what stands nearest: the
//! metric cue closest to the number, the place mentioned right before it (a possessor or a
//! subject) over one further away, the time phrase next to it over one next to another number.

mod sentences;

pub use sentences::sentences;

use super::lexicon::{fold_person, unit_family, Lexicon};
use super::quantity::tokens::{Kind, Tok};
use super::{ChangeRole, Claim, DocContext, Hedge, Quantity, TimeBasis};
use jiff::civil::Date;

/// A place named in the text.
#[derive(Debug, Clone, Copy)]
struct Mention {
    /// Token range.
    start: usize,
    end: usize,
    place: usize,
    possessive: bool,
}

/// A metric cue found in the text.
#[derive(Debug, Clone, Copy)]
struct Cue {
    start: usize,
    end: usize,
    metric: usize,
}

/// A time phrase: "in 2024", "since 2022", "by 2029", "in March 2022".
#[derive(Debug, Clone, Copy)]
struct TimePhrase {
    start: usize,
    end: usize,
    basis: TimeBasis,
    date: Date,
    period_start: Date,
}

/// Verbs that make the place before them the figure's owner: "Russia controls 20%".
const OWNER_VERBS: &[&str] = &[
    "controls", "control", "holds", "held", "occupies", "occupy", "spends", "spend", "spent", "has", "have",
    "had", "accounted", "accounts", "contributed", "contributes", "gave", "gives", "provided", "provides",
    "pledged", "received", "receives", "lost", "loses", "took", "takes", "owns", "exports", "imports",
    "share", "'s", "paid", "pays", "allocated", "committed",
];

/// Words that start a new clause: a place before them does not own a number after them.
const CLAUSE_BREAKS: &[&str] = &[";", "—", "–", "(", ")", "\"", "“", "”"];

const MONTHS: &[(&str, i8)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1),
    ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
];

struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    sents: Vec<(usize, usize)>,
    mentions: Vec<Mention>,
    cues: Vec<Cue>,
    times: Vec<TimePhrase>,
    lex: &'a Lexicon,
}

/// Give each quantity its meaning; add office-holder claims. Output sorted by start.
/// `toks` are `tokenize(text)`, the same tokens the quantities were read from.
pub fn claims_from_quantities(text: &str, toks: Vec<Tok>, quantities: Vec<Quantity>, ctx: &DocContext, lex: &Lexicon) -> Vec<Claim> {
    let sents = sentences(text);
    let mut doc = Doc { text, toks, sents, mentions: Vec::new(), cues: Vec::new(), times: Vec::new(), lex };
    doc.mentions = doc.find_mentions();
    doc.cues = doc.find_cues();
    doc.times = doc.find_times(ctx.published);
    let qtoks: Vec<(usize, usize)> = quantities.iter().map(|q| doc.tok_range(q.start, q.end)).collect();
    let time_owner = doc.assign_times(&quantities, &qtoks);
    let mut out: Vec<Claim> = Vec::with_capacity(quantities.len() + 4);
    for (n, q) in quantities.into_iter().enumerate() {
        out.push(doc.claim(q, qtoks[n], time_owner.get(n).copied().flatten(), ctx));
    }
    carry_topic(&mut out);
    out.extend(doc.offices(ctx));
    out.sort_by(|a, b| a.quantity.start.cmp(&b.quantity.start).then(a.quantity.end.cmp(&b.quantity.end)));
    out
}

impl<'a> Doc<'a> {
    /// Token index range covering bytes [start, end).
    fn tok_range(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.start < start);
        let b = self.toks.partition_point(|t| t.start < end);
        (a, b.max(a))
    }

    /// Sentence (byte span) and its token range for a byte offset.
    fn sentence_of(&self, pos: usize) -> (usize, usize) {
        let i = self.sents.partition_point(|s| s.1 <= pos);
        self.sents.get(i).copied().filter(|s| s.0 <= pos).unwrap_or((pos, pos))
    }

    /// Writes the phrase keys of tokens `from..from+maxw` into `buf` (words joined by one space)
    /// and returns the byte length of each prefix: `buf[..ends[n-1]]` is the key of `n` tokens.
    fn keys(&self, from: usize, maxw: usize, buf: &mut String, ends: &mut Vec<usize>) {
        buf.clear();
        ends.clear();
        for (n, t) in self.toks[from..].iter().take(maxw).enumerate() {
            if n > 0 {
                buf.push(' ');
            }
            buf.push_str(&t.low);
            ends.push(buf.len());
        }
    }

    fn find_mentions(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        let maxw = self.lex.place_max_words.clamp(1, 6);
        let (mut buf, mut ends) = (String::new(), Vec::new());
        let mut i = 0;
        while i < self.toks.len() {
            let mut found = None;
            if (self.toks[i].kind == Kind::Word || self.toks[i].low == "u") && self.lex.place_first.contains(self.toks[i].base()) {
                self.keys(i, maxw, &mut buf, &mut ends);
                for n in (1..=ends.len()).rev() {
                    let mut key = &buf[..ends[n - 1]];
                    let mut possessive = false;
                    if let Some(k) = key.strip_suffix("'s") {
                        key = k;
                        possessive = true;
                    }
                    if let Some(a) = self.lex.place_aliases.get(key) {
                        if a.case_sensitive {
                            let raw = &self.text[self.toks[i].start..self.toks[i + n - 1].end];
                            let raw = raw.trim_end_matches("'s").trim_end_matches("’s");
                            if raw.chars().any(char::is_lowercase) {
                                continue;
                            }
                        }
                        // "U.S." ends with a full stop token; possessive "U.S.'s" is rare.
                        if !possessive {
                            possessive = self.toks.get(i + n).is_some_and(|t| t.low == "'s" || t.low == "’");
                        }
                        // "non-U.S. allies" are everyone but the place.
                        let negated = i >= 2 && self.toks[i - 1].is_dash() && self.toks[i - 2].low == "non";
                        if negated {
                            found = None;
                            i += n - 1;
                            break;
                        }
                        found = Some(Mention { start: i, end: i + n, place: a.owner, possessive });
                        break;
                    }
                }
            }
            match found {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    fn find_cues(&self) -> Vec<Cue> {
        let mut out = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            let low = t.base();
            if let Some(cands) = self.lex.cue_index.get(low) {
                for (m, words) in cands {
                    let n = words.len();
                    if i + n <= self.toks.len() && words.iter().enumerate().all(|(d, w)| self.toks[i + d].base() == w) {
                        out.push(Cue { start: i, end: i + n, metric: *m });
                    }
                }
            }
        }
        out
    }

    /// Mentions whose tokens lie in [sa, sb) (mentions are sorted by start).
    fn mentions_in(&self, sa: usize, sb: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.start < sa);
        let b = self.mentions.partition_point(|m| m.start < sb);
        &self.mentions[a..b.max(a)]
    }

    /// Cues whose tokens lie in [sa, sb) (cues are sorted by start).
    fn cues_in(&self, sa: usize, sb: usize) -> &[Cue] {
        let a = self.cues.partition_point(|c| c.start < sa);
        let b = self.cues.partition_point(|c| c.start < sb);
        &self.cues[a..b.max(a)]
    }

    fn find_times(&self, published: Option<Date>) -> Vec<TimePhrase> {
        let mut out = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            let basis = match t.low.as_str() {
                "in" | "during" | "for" | "throughout" | "of" => TimeBasis::Stated,
                "since" => TimeBasis::Since,
                "by" | "until" | "till" => TimeBasis::Target,
                "as" if self.toks.get(i + 1).is_some_and(|x| x.low == "of") => TimeBasis::Stated,
                "last" | "this" | "next" => {
                    // "last year", "this year"
                    let (Some(p), Some(n)) = (published, self.toks.get(i + 1)) else { continue };
                    if n.low != "year" {
                        continue;
                    }
                    let y = p.year() + match t.low.as_str() {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                    let (Ok(d), Ok(s)) = (Date::new(y, 12, 31), Date::new(y, 1, 1)) else { continue };
                    let basis = if t.low == "next" { TimeBasis::Target } else { TimeBasis::Stated };
                    out.push(TimePhrase { start: i, end: i + 2, basis, date: d, period_start: s });
                    continue;
                }
                _ => continue,
            };
            let mut j = i + 1;
            if t.low == "as" {
                j += 1;
            }
            let mut month = None;
            if let Some(m) = self.toks.get(j).and_then(|x| MONTHS.iter().find(|(n, _)| *n == x.low)) {
                month = Some(m.1);
                j += 1;
                if self.toks.get(j).is_some_and(|x| x.low == ".") {
                    j += 1;
                }
            }
            let Some(y) = self.toks.get(j).filter(|x| x.kind == Kind::Num && x.low.len() == 4).and_then(|x| x.low.parse::<i16>().ok()) else { continue };
            if !(1800..=2100).contains(&y) {
                continue;
            }
            let (start_d, end_d) = match month {
                Some(m) => match Date::new(y, m, 1) {
                    Ok(d) => (d, d.last_of_month()),
                    Err(_) => continue,
                },
                None => match (Date::new(y, 1, 1), Date::new(y, 12, 31)) {
                    (Ok(a), Ok(b)) => (a, b),
                    _ => continue,
                },
            };
            let date = match (basis, published) {
                // A figure "in 2025" in an article of December 2025 holds as of publication.
                (TimeBasis::Stated, Some(p)) if p >= start_d && p < end_d => p,
                _ => end_d,
            };
            out.push(TimePhrase { start: i, end: j + 1, basis, date, period_start: start_d });
        }
        out
    }

    /// Each time phrase belongs to the nearest quantity of its sentence (within a few words).
    fn assign_times(&self, qs: &[Quantity], qtoks: &[(usize, usize)]) -> Vec<Option<usize>> {
        let mut owner: Vec<Option<usize>> = vec![None; qs.len()];
        let mut best_dist: Vec<usize> = vec![usize::MAX; qs.len()];
        for (ti, tp) in self.times.iter().enumerate() {
            let tpos = self.toks[tp.start].start;
            let sent = self.sentence_of(tpos);
            let mut best: Option<(usize, usize)> = None;
            let first = qs.partition_point(|q| q.start < sent.0);
            for (qi, q) in qs.iter().enumerate().skip(first) {
                if q.start >= sent.1 {
                    break;
                }
                if q.end > sent.1 {
                    continue;
                }
                let (a, b) = qtoks[qi];
                let d = if tp.start >= b { tp.start - b } else if tp.end <= a { (a - tp.end) + 2 } else { 0 };
                let limit = if tp.start >= b { 8 } else { 6 };
                if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((qi, d));
                }
            }
            if let Some((qi, d)) = best {
                if d < best_dist[qi] {
                    best_dist[qi] = d;
                    owner[qi] = Some(ti);
                }
            }
        }
        owner
    }

    fn claim(&self, mut q: Quantity, (qa, qb): (usize, usize), time: Option<usize>, ctx: &DocContext) -> Claim {
        let sent = self.sentence_of(q.start);
        let (sa, sb) = self.tok_range(sent.0, sent.1);
        let family = unit_family(&q.unit);
        let (metric, measure) = self.metric_for(&q, family, qa, qb, sa, sb);
        let (holder, scope) = self.holder_and_scope(&metric, qa, qb, sa, sb);
        // Change roles the grammar could not see: "up from 26 percent", "revised to 30%".
        if q.change_role.is_none() {
            let prev = |k: usize| if qa >= k && qa - k >= sa { self.toks.get(qa - k).map(|t| t.low.as_str()) } else { None };
            if prev(1) == Some("from") {
                q.change_role = Some(ChangeRole::Earlier);
            } else if prev(1) == Some("to") && prev(2).is_some_and(|w| matches!(w, "revised" | "reduced" | "cut" | "raised" | "lowered" | "increased" | "decreased" | "changed" | "adjusted" | "lifted" | "trimmed" | "upgraded" | "downgraded")) {
                q.change_role = Some(ChangeRole::Current);
            }
        }
        let (as_of, period_start, time_basis) = match time.and_then(|t| self.times.get(t)) {
            Some(tp) => match tp.basis {
                TimeBasis::Since => (ctx.published, Some(tp.period_start), TimeBasis::Since),
                b => (Some(tp.date), None, b),
            },
            None => match ctx.published {
                Some(p) => (Some(p), None, TimeBasis::Published),
                None => (None, None, TimeBasis::Unknown),
            },
        };
        Claim {
            sentence: self.text.get(sent.0..sent.1).unwrap_or_default().to_string(),
            sentence_start: sent.0,
            sentence_end: sent.1,
            kind: Default::default(),
            per: None,
            modality: Default::default(),
            holder_basis: Default::default(),
            quantity: q,
            metric,
            measure,
            holder,
            scope,
            person: None,
            as_of,
            period_start,
            time_basis,
        }
    }

    /// Nearest unit-compatible cue; counts with a noun take their metric from the noun.
    fn metric_for(&self, q: &Quantity, family: &str, qa: usize, qb: usize, sa: usize, sb: usize) -> (String, String) {
        let admits = |m: usize| self.lex.metrics.get(m).is_some_and(|x| x.units.iter().any(|u| u == family));
        let noun_end = qb;
        let mut best: Option<(usize, usize, i32)> = None; // (metric, distance, priority)
        for c in self.cues_in(sa, sb).iter().filter(|c| c.end <= sb && admits(c.metric)) {
            let d = if c.start >= qb { c.start - qb } else if c.end <= qa { qa - c.end } else { 0 };
            // A counted noun names what is counted: only cues in or right next to it count.
            let m = &self.lex.metrics[c.metric];
            if family == "count" && q.noun.is_some() && d > m.noun_reach {
                continue;
            }
            // Clause breaks between cue and number weaken the link.
            let d = d + 4 * self.breaks_between(c.start.min(qa), c.end.max(noun_end));
            let better = |(_, bd, bp): (usize, usize, i32)| m.priority > bp || (m.priority == bp && d < bd);
            if d <= 14 && best.is_none_or(better) {
                best = Some((c.metric, d, m.priority));
            }
        }
        if let Some((m, _, _)) = best {
            let metric = &self.lex.metrics[m];
            let measure = self.measure_for(metric, qa, qb, sa, sb);
            return (metric.name.clone(), measure);
        }
        let generic = match family {
            "percent" => "share",
            "percentage_point" => "change",
            "money" => "amount",
            "time" => "duration",
            "distance" => "distance",
            "area" => "area",
            _ => "count",
        };
        let measure = match &q.noun {
            Some(n) => singular(n.split(' ').next_back().unwrap_or(n)),
            None => self.of_phrase(qb, sb).unwrap_or_default(),
        };
        (generic.to_string(), measure)
    }

    fn measure_for(&self, metric: &super::lexicon::Metric, qa: usize, qb: usize, sa: usize, sb: usize) -> String {
        let mut best: Option<(&str, usize)> = None;
        for (name, cues) in &metric.measures {
            for cue in cues {
                let key = super::quantity::lexicon::phrase_key(cue);
                let words: Vec<&str> = key.split(' ').collect();
                let n = words.len();
                for i in sa..sb.saturating_sub(n - 1) {
                    let hit = words.iter().enumerate().all(|(d, w)| self.toks.get(i + d).is_some_and(|t| t.base() == *w));
                    if hit {
                        // A cue after the number is its predicate ("1,500 were injured"): it wins ties.
                        let d = if i >= qb { 2 * (i - qb) } else if i + n <= qa { 2 * (qa - i - n) + 1 } else { 0 };
                        if best.is_none_or(|(_, bd)| d < bd) {
                            best = Some((name, d));
                        }
                    }
                }
            }
        }
        best.map(|(n, _)| n.to_string()).unwrap_or_default()
    }

    /// "40% of voters" -> "voter": the head noun after "of" within a few words.
    fn of_phrase(&self, qb: usize, sb: usize) -> Option<String> {
        if !self.toks.get(qb).is_some_and(|t| t.low == "of") {
            return None;
        }
        // A quantity can end past its sentence (a unit after a line break): no phrase then.
        self.toks
            .get(qb + 1..sb.min(qb + 5))
            .unwrap_or_default()
            .iter()
            .find(|t| t.kind == Kind::Word && !matches!(t.low.as_str(), "the" | "a" | "an" | "its" | "their" | "all" | "his" | "her"))
            .map(|t| singular(t.base()))
    }

    fn breaks_between(&self, a: usize, b: usize) -> usize {
        let n = self.toks.len();
        self.toks.get(a.min(n)..b.min(n)).unwrap_or_default().iter().filter(|t| CLAUSE_BREAKS.contains(&t.low.as_str())).count()
    }

    /// Holder: a possessor or subject before the number, else "under X's control" / "of X"
    /// after it. Scope: the place after "of" (for shares of territory).
    fn holder_and_scope(&self, metric: &str, qa: usize, qb: usize, sa: usize, sb: usize) -> (String, String) {
        let places = &self.lex.places;
        let in_sentence: Vec<&Mention> = self.mentions_in(sa, sb).iter().filter(|m| m.end <= sb).collect();
        // After the number: "of Donetsk", "of Ukrainian territory", "of Ukrainians".
        let mut of_place: Option<&Mention> = None;
        if self.toks.get(qb).is_some_and(|t| t.low == "of") {
            of_place = in_sentence.iter().copied().find(|m| m.start > qb && m.start <= qb + 3);
        }
        // "under Kyiv's control", "controlled by Russia", "held by Moscow".
        let mut control_after: Option<&Mention> = None;
        for m in in_sentence.iter().copied().filter(|m| m.start > qb && m.start <= qb + 10 && places[m.place].can_hold()) {
            let before = self.toks.get(m.start.wrapping_sub(1)).map(|t| t.low.as_str());
            let after = self.toks.get(m.end).map(|t| t.low.as_str());
            if (before == Some("under") && (m.possessive || after == Some("control"))) || (before == Some("by") && self.toks.get(m.start.wrapping_sub(2)).is_some_and(|t| matches!(t.low.as_str(), "controlled" | "held" | "occupied" | "seized" | "captured"))) {
                control_after = Some(m);
                break;
            }
        }
        let scope = match of_place {
            Some(m) if metric == "territory_share" || !places[m.place].can_hold() => places[m.place].name.clone(),
            _ => String::new(),
        };
        if let Some(m) = control_after {
            return (places[m.place].name.clone(), scope);
        }
        // Before the number, in the same clause, within 20 tokens.
        let before: Vec<&Mention> = in_sentence
            .iter()
            .copied()
            .filter(|m| m.end <= qa && qa - m.end <= 20 && places[m.place].can_hold() && self.breaks_between(m.end, qa) == 0)
            .collect();
        let strong = before.iter().rev().find(|m| {
            m.possessive || self.toks.get(m.end).is_some_and(|t| OWNER_VERBS.contains(&t.low.as_str()) || (t.low == "," && self.toks.get(m.end + 1).is_some_and(|x| x.low == "which")))
        });
        let chosen = strong.copied().or_else(|| before.last().copied());
        if let Some(m) = chosen {
            return (self.list_around(m, &in_sentence), scope);
        }
        if let Some(m) = of_place.filter(|m| places[m.place].can_hold() && metric != "territory_share") {
            return (places[m.place].name.clone(), String::new());
        }
        (String::new(), scope)
    }

    /// A mention that is part of "A, B, and C" stands for the whole list.
    fn list_around(&self, m: &Mention, all: &[&Mention]) -> String {
        let places = &self.lex.places;
        let idx = all.iter().position(|x| x.start == m.start).unwrap_or(0);
        let joins = |a: &Mention, b: &Mention| {
            b.start > a.end && self.toks[a.end..b.start].iter().all(|t| matches!(t.low.as_str(), "," | "and" | "or"))
        };
        let mut lo = idx;
        while lo > 0 && joins(all[lo - 1], all[lo]) {
            lo -= 1;
        }
        let mut hi = idx;
        while hi + 1 < all.len() && joins(all[hi], all[hi + 1]) {
            hi += 1;
        }
        let mut names: Vec<String> = all[lo..=hi].iter().filter(|x| places[x.place].can_hold()).map(|x| places[x.place].name.clone()).collect();
        names.sort();
        names.dedup();
        names.join(", ")
    }

    /// "German Chancellor Olaf Scholz" -> office:chancellor, Germany, Olaf Scholz.
    fn offices(&self, ctx: &DocContext) -> Vec<Claim> {
        let mut out = Vec::new();
        let maxw = self.lex.office_max_words.clamp(1, 5);
        let (mut buf, mut ends) = (String::new(), Vec::new());
        let mut i = 0;
        while i < self.toks.len() {
            let mut hit = None;
            if self.toks[i].kind == Kind::Word && self.lex.office_first.contains(self.toks[i].low.as_str()) {
                self.keys(i, maxw, &mut buf, &mut ends);
                for n in (1..=ends.len()).rev() {
                    if let Some(&o) = self.lex.office_titles.get(&buf[..ends[n - 1]]) {
                        hit = Some((o, n));
                        break;
                    }
                }
            }
            let Some((office, n)) = hit else {
                i += 1;
                continue;
            };
            let title_end = i + n;
            // The person: two or three capitalised words right after the title.
            let mut j = title_end;
            while j < self.toks.len() && j < title_end + 3 {
                let t = &self.toks[j];
                let cap = t.kind == Kind::Word && t.capitalized(self.text) && t.low.chars().count() > 1;
                if !cap || (j > title_end && !t.space_before) || t.line_start {
                    break;
                }
                j += 1;
            }
            if j - title_end < 2 {
                i = title_end;
                continue;
            }
            // Don't take a place or title word as a name ("President Trump's Ukraine").
            let names: Vec<&Tok> = self.toks[title_end..j].iter().collect();
            if names.iter().any(|t| self.lex.place_aliases.contains_key(t.base()) || self.lex.office_titles.contains_key(t.low.as_str())) {
                i = title_end;
                continue;
            }
            let former = i > 0 && matches!(self.toks[i - 1].low.as_str(), "former" | "ex" | "late" | "then" | "acting" | "deputy" | "vice" | "-");
            let former = former || (i > 1 && matches!(self.toks[i - 2].low.as_str(), "former" | "ex"));
            if former {
                i = j;
                continue;
            }
            let holder = self
                .mentions_in(i.saturating_sub(8), i)
                .iter()
                .find(|m| m.end == i || (m.end + 1 == i && self.toks[m.end].low == "'s"))
                .map(|m| self.lex.places[m.place].name.clone())
                .unwrap_or_default();
            let start = self.toks[title_end].start;
            let end = self.toks[j - 1].end;
            let raw = self.text.get(start..end).unwrap_or_default();
            let name = raw.trim_end_matches("'s").trim_end_matches("’s");
            let end = start + name.len();
            let sent = self.sentence_of(start);
            let person = self.lex.person(name);
            out.push(Claim {
                quantity: Quantity {
                    start,
                    end,
                    text: name.to_string(),
                    value: None,
                    lo: None,
                    hi: None,
                    unit: "person".into(),
                    hedge: Hedge::Exact,
                    direction: None,
                    change_role: None,
                    precision: None,
                    noun: Some(fold_person(&person)),
                    noun_mods: Vec::new(),
                },
                metric: format!("office:{}", self.lex.offices[office].key),
                measure: String::new(),
                holder,
                scope: String::new(),
                person: Some(person),
                as_of: ctx.published,
                period_start: None,
                time_basis: if ctx.published.is_some() { TimeBasis::Published } else { TimeBasis::Unknown },
                sentence: self.text.get(sent.0..sent.1).unwrap_or_default().to_string(),
                sentence_start: sent.0,
                sentence_end: sent.1,
                kind: Default::default(),
                per: None,
                modality: Default::default(),
                holder_basis: Default::default(),
            });
            i = j;
        }
        out
    }
}

/// A share with no cue of its own continues the topic of the figure just before it, when that
/// one is in the same or the previous sentence and has the same unit: "...spending targets of
/// 3% and 4% of GDP. Some allies have already exceeded 3%, others remain below 2%."
fn carry_topic(claims: &mut [Claim]) {
    for n in 1..claims.len() {
        let (prev, cur) = claims.split_at_mut(n);
        let (p, c) = (&prev[n - 1], &mut cur[0]);
        let generic = matches!(c.metric.as_str(), "share" | "amount" | "change");
        let same_unit = p.quantity.unit == c.quantity.unit;
        let close = p.sentence_start == c.sentence_start || p.sentence_end + 3 >= c.sentence_start;
        if generic && same_unit && close && !matches!(p.metric.as_str(), "share" | "amount" | "change" | "count" | "duration") {
            c.metric = p.metric.clone();
        }
    }
}

/// Crude English singular for grouping keys: "regions" -> "region", "casualties" -> "casualty".
fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() <= 3 {
        w.to_string()
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}

#[cfg(test)]
mod tests;
