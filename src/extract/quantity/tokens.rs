//! A single pass over the text into words, numbers and symbols with byte spans. Everything the
//! grammar looks at is a token; whitespace is kept only as flags on the following token.

/// What a token is.
use compact_str::CompactString;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// ASCII digits with thousands separators and one decimal point: "1,200,000", "2.06".
    Num,
    /// Letters (any script) with inner apostrophes: "Ukraine's", "don't".
    Word,
    /// Any other single character: "%", "$", "-", ".", ":".
    Sym,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace stands between the previous token and this one.
    pub space_before: bool,
    /// A line break stands between the previous token and this one (or this is the first).
    pub line_start: bool,
    /// Lowercase text (words and symbols; numbers keep their digits without separators).
    /// Inline for anything up to 24 bytes, so most tokens cost no allocation.
    pub low: CompactString,
}

impl Tok {
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.low == w
    }
    pub fn is_sym(&self, s: &str) -> bool {
        self.kind == Kind::Sym && self.low == s
    }
    /// Hyphen or dash of any kind.
    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Sym && matches!(self.low.as_str(), "-" | "‑" | "–" | "—" | "‐")
    }
    /// The lowercase text without a possessive "'s": "ukraine's" -> "ukraine".
    pub fn base(&self) -> &str {
        self.low.strip_suffix("'s").unwrap_or(&self.low)
    }
    pub fn capitalized(&self, text: &str) -> bool {
        self.kind == Kind::Word && text[self.start..self.end].chars().next().is_some_and(char::is_uppercase)
    }
}

/// Tokenize `text`. Linear time; never panics (all cuts are at char boundaries).
pub fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut space = false;
    let mut line = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            i = number_end(bytes, i);
            toks.push(Tok { kind: Kind::Num, start, end: i, space_before: space, line_start: line, low: digits(&text[start..i]) });
            space = false;
            line = false;
            continue;
        }
        let ch = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = ch.len_utf8();
        if ch.is_whitespace() {
            space = true;
            if ch == '\n' || ch == '\r' || ch == '\u{2028}' || ch == '\u{2029}' {
                line = true;
            }
            i += len;
            continue;
        }
        if ch.is_alphabetic() {
            let start = i;
            i += len;
            while i < bytes.len() {
                let Some(c) = text[i..].chars().next() else { break };
                if c.is_alphabetic() {
                    i += c.len_utf8();
                } else if (c == '\'' || c == '’')
                    && text[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            let low = lower_word(&text[start..i]);
            toks.push(Tok { kind: Kind::Word, start, end: i, space_before: space, line_start: line, low });
        } else {
            let low = match ch {
                '\u{00A0}' | '\u{202F}' | '\u{2009}' => {
                    space = true;
                    i += len;
                    continue;
                }
                _ => ch.to_lowercase().collect::<CompactString>(),
            };
            toks.push(Tok { kind: Kind::Sym, start: i, end: i + len, space_before: space, line_start: line, low });
            i += len;
        }
        space = false;
        line = false;
    }
    toks
}

/// The end of the numeral starting at the digit at `i`: digits, thousands groups of three
/// after a comma ("1,250,000"), one decimal point ("3.7").
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let mut seen_point = false;
    i += 1;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            i += 1;
        } else if c == b',' && !seen_point && bytes[i + 1..].len() >= 3 && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit) && bytes.get(i + 4).is_none_or(|d| !d.is_ascii_digit()) {
            i += 4;
        } else if c == b'.' && !seen_point && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            seen_point = true;
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// A number's digits without thousands separators.
fn digits(raw: &str) -> CompactString {
    raw.bytes().filter(|b| *b != b',').map(char::from).collect()
}

/// Lowercase form of a word, with the typographic apostrophe made plain.
fn lower_word(raw: &str) -> CompactString {
    if raw.is_ascii() {
        let mut s = CompactString::from(raw);
        s.as_mut_str().make_ascii_lowercase();
        s
    } else {
        raw.chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(Kind, String)> {
        tokenize(t).into_iter().map(|k| (k.kind, t[k.start..k.end].to_string())).collect()
    }

    #[test]
    fn numbers_words_symbols() {
        let k = kinds("About 1,200,000 people (2.06%) fled; 1,20 and 3.");
        assert_eq!(k[1], (Kind::Num, "1,200,000".into()));
        assert_eq!(k[4], (Kind::Num, "2.06".into()));
        assert_eq!(k[5], (Kind::Sym, "%".into()));
        // "1,20" is not a thousands separator; the final "." is a full stop.
        assert!(k.contains(&(Kind::Num, "1".into())));
        assert_eq!(k.last(), Some(&(Kind::Sym, ".".into())));
    }

    #[test]
    fn apostrophes_and_spaces() {
        let toks = tokenize("Kyiv’s 5\u{00A0}km\nnext");
        assert_eq!(toks[0].low, "kyiv's");
        assert!(toks[2].space_before, "no-break space counts as a space");
        assert!(toks[3].line_start);
    }
}
