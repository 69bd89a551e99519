//! Sentence spans (byte offsets). Line breaks end sentences (news text puts headlines,
//! datelines and paragraphs on lines of their own); so do `.`, `!` and `?` before a capital,
//! digit or quote, except after common abbreviations (U.S., Dr., Jan., St.) and initials.

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "rev", "vs", "no", "inc", "corp",
    "ltd", "co", "jr", "sr", "mt", "ft", "fig", "approx", "est", "e.g", "i.e", "etc", "u.s", "u.k", "u.n",
    "e.u", "a.m", "p.m", "capt", "maj", "adm", "pres", "dept", "univ", "assn", "bros",
];

/// Byte spans of sentences in `text`, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<(usize, usize)>, a: usize, b: usize| {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if a + lead < b - trail {
            out.push((a + lead, b - trail));
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(&mut out, start, i);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            // Include closing quotes and brackets.
            let mut end = i + 1;
            while end < bytes.len() {
                let rest = &text[end..];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let next_is_space = text[end..].chars().next().is_some_and(char::is_whitespace);
            let after = text[end..].trim_start_matches([' ', '\t']);
            let next_starts = after.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '\n'));
            if next_is_space && next_starts && !(b == b'.' && is_abbreviation(text, i)) {
                push(&mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

/// The word before the full stop at `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    // Abbreviations are short: look back a bounded distance so a long run of text without
    // spaces ("a.b.c.d...") stays linear.
    let mut from = dot.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..dot];
    let word = match before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“') {
        Some(p) => &before[p + before[p..].chars().next().map_or(1, char::len_utf8)..],
        None if from == 0 => before,
        None => return false, // longer than any abbreviation
    };
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true; // an initial: "J. Smith", or "U.S." mid-way
        }
    }
    let word = word.trim_start_matches('.');
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// A sentence that is page furniture, not news: a line that is a link and nothing else, as in
/// a list of related stories ("- [Bus crash leaves 12 dead](https://...)"), or a bare address.
/// Its figures belong to other articles.
pub fn is_link_line(s: &str) -> bool {
    let body = s.trim_start_matches(|c: char| matches!(c, '-' | '*' | '+' | '•' | '>' | '#') || c.is_whitespace());
    if body.starts_with("http://") || body.starts_with("https://") || body.starts_with("www.") {
        return !body.contains(char::is_whitespace);
    }
    // "[text](address)" up to the end, apart from closing punctuation.
    let Some(inner) = body.strip_prefix('[') else { return false };
    let Some(close) = inner.find("](") else { return false };
    let after = &inner[close + 2..];
    match after.find(')') {
        Some(end) => after[end + 1..].trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '|')).is_empty() && !after[..end].contains(char::is_whitespace),
        None => false,
    }
}

/// Byte spans (absolute) of web addresses and URL-encoded text inside `text[a..b]`: runs
/// without whitespace that hold "://", "www." or a percent escape ("%20", "%2C"). Numbers
/// inside them are parts of an address, not figures.
pub fn address_spans(text: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let s = &text[a..b];
    // Most sentences hold no address and no escape: one pass over the bytes says so.
    let maybe = s.contains("://") || s.contains("www.") || (s.contains('%') && s.as_bytes().windows(2).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit()));
    if !maybe {
        return out;
    }
    let mut pos = 0;
    for chunk in s.split(char::is_whitespace) {
        let start = a + pos;
        pos += chunk.len() + s[pos + chunk.len()..].chars().next().map_or(0, char::len_utf8);
        let escaped = chunk.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit() && (w[1].is_ascii_digit() && w[1] >= b'2'));
        if chunk.contains("://") || chunk.contains("www.") || (escaped && chunk.contains(['%']) && chunk.matches('%').count() >= 2) {
            out.push((start, start + chunk.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_lines_and_addresses_are_furniture() {
        assert!(is_link_line("- [Bus crash leaves 12 dead](https://example.org/bus-crash-12)"));
        assert!(is_link_line("https://example.org/2022/03/12/story"));
        assert!(!is_link_line("Russia holds [nearly 19%](https://example.org/a) of Ukraine."));
        assert!(!is_link_line("Officials said 12 people died."));
        let t = "See https://example.org/a?id=19 and Ukraine%2019%25%20share now.";
        let spans: Vec<&str> = address_spans(t, 0, t.len()).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(spans, ["https://example.org/a?id=19", "Ukraine%2019%25%20share"]);
        assert!(address_spans("It rose 20% to 40%, officials said.", 0, 33).is_empty());
    }

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn splits_on_stops_and_lines_not_abbreviations() {
        let t = "The U.S. envoy met Dr. Smith on Jan. 5. Talks ended.\nHeadline here\n\"It is over.\" He left.";
        assert_eq!(split(t), vec!["The U.S. envoy met Dr. Smith on Jan. 5.", "Talks ended.", "Headline here", "\"It is over.\"", "He left."]);
    }

    #[test]
    fn decimals_and_lowercase_continuations_stay() {
        assert_eq!(split("Spending is 2.06 percent. e.g. this stays"), vec!["Spending is 2.06 percent. e.g. this stays"]);
    }
}
