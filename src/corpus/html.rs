//! Main text of an HTML page with a map back to file offsets: the article (or main, or body)
//! without scripts, styles, navigation, headers, footers, asides, forms and share/related/
//! comment boxes. Block elements end paragraphs; entities are decoded.

use super::OffsetMap;

/// Elements whose whole content is dropped.
const SKIP: &[&str] = &["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template", "iframe", "button", "select", "figure", "figcaption", "title", "head"];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "blockquote", "section", "article", "main", "pre", "hr", "dd", "dt"];
/// class/id words that mark page furniture.
const FURNITURE: &[&str] = &["nav", "menu", "footer", "share", "sharing", "related", "comment", "cookie", "subscribe", "newsletter", "advert", "promo", "sidebar", "breadcrumb", "social", "byline-share"];

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

fn lower_find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| p + from)
}

/// A tag at `i` (which holds '<'): (name lowercase, is_close, end index after '>', attrs raw).
fn parse_tag(s: &str, i: usize) -> Option<(String, bool, usize, &str)> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let close = b.get(j) == Some(&b'/');
    if close {
        j += 1;
    }
    let name_start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
        j += 1;
    }
    if j == name_start {
        return None;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    // Find '>' outside quotes.
    let mut k = j;
    let mut quote = 0u8;
    while k < b.len() {
        match (quote, b[k]) {
            (0, b'"') | (0, b'\'') => quote = b[k],
            (q, c) if q != 0 && c == q => quote = 0,
            (0, b'>') => break,
            _ => {}
        }
        k += 1;
    }
    let end = (k + 1).min(b.len());
    let attrs = s.get(j..k.min(b.len())).unwrap_or("");
    Some((name, close, end, attrs))
}

/// Value of attribute `name` in a raw attribute string.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let low = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = low[from..].find(name).map(|p| p + from) {
        let before_ok = p == 0 || low.as_bytes()[p - 1].is_ascii_whitespace();
        let rest = low[p + name.len()..].trim_start();
        if before_ok && rest.starts_with('=') {
            let vstart = attrs.len() - rest.len() + 1;
            let v = attrs[vstart..].trim_start();
            let off = attrs.len() - v.len();
            return match v.as_bytes().first() {
                Some(&q) if q == b'"' || q == b'\'' => v[1..].find(q as char).map(|e| &attrs[off + 1..off + 1 + e]),
                _ => Some(v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or("")),
            };
        }
        from = p + name.len();
    }
    None
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) { u32::from_str_radix(hex, 16).ok()? } else { num.parse().ok()? };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&', "lt" => '<', "gt" => '>', "quot" => '"', "apos" => '\'', "nbsp" => ' ',
        "rsquo" => '’', "lsquo" => '‘', "rdquo" => '”', "ldquo" => '“', "mdash" => '—', "ndash" => '–',
        "hellip" => '…', "euro" => '€', "pound" => '£', "yen" => '¥', "cent" => '¢', "copy" => '©',
        "reg" => '®', "deg" => '°', "frac12" => '½', "frac14" => '¼', "frac34" => '¾', "times" => '×',
        "minus" => '−', "eacute" => 'é', "egrave" => 'è', "aacute" => 'á', "oacute" => 'ó', "uuml" => 'ü',
        "ouml" => 'ö', "auml" => 'ä', "ccedil" => 'ç', "szlig" => 'ß', "shy" => '\u{AD}', "thinsp" => ' ',
        "ensp" => ' ', "emsp" => ' ', "laquo" => '«', "raquo" => '»', "middot" => '·', "bull" => '•',
        _ => return None,
    })
}

/// Extract (text, offsets, meta) from an HTML document.
pub fn extract(s: &str) -> (String, OffsetMap, HtmlMeta) {
    let b = s.as_bytes();
    let mut meta = HtmlMeta::default();
    let mut page_title: Option<String> = None;
    // Metadata from the whole page.
    let mut i = 0;
    while let Some(p) = s[i..].find('<').map(|p| p + i) {
        let Some((name, close, end, attrs)) = parse_tag(s, p) else {
            i = p + 1;
            continue;
        };
        if !close && name == "meta" {
            let key = attr(attrs, "property").or_else(|| attr(attrs, "name")).or_else(|| attr(attrs, "itemprop")).unwrap_or("").to_ascii_lowercase();
            let content = attr(attrs, "content").map(str::to_string);
            match key.as_str() {
                "og:title" | "twitter:title" if meta.title.is_none() => meta.title = content,
                "article:published_time" | "date" | "pubdate" | "publishdate" | "datepublished" | "dc.date" if meta.published.is_none() => meta.published = content,
                "og:site_name" | "application-name" if meta.site.is_none() => meta.site = content,
                "og:url" if meta.url.is_none() => meta.url = content,
                _ => {}
            }
        } else if !close && name == "link" && attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) && meta.url.is_none() {
            meta.url = attr(attrs, "href").map(str::to_string);
        } else if !close && name == "time" && meta.published.is_none() {
            meta.published = attr(attrs, "datetime").map(str::to_string);
        } else if !close && name == "title" && page_title.is_none() {
            if let Some(e) = lower_find(b, b"</title", end) {
                let t = decode_plain(&s[end..e]);
                if !t.trim().is_empty() {
                    page_title = Some(t.trim().to_string());
                }
            }
        }
        i = end.max(p + 1);
    }
    // og:title is the headline; <title> often carries the site name too.
    if meta.title.is_none() {
        meta.title = page_title;
    }
    // The region that holds the article.
    // The longest <article> (a page may open with teaser cards), else <main>, else <body>.
    let mut region = None;
    let mut from = 0;
    while let Some(start) = lower_find(b, b"<article", from) {
        let end = lower_find(b, b"</article", start).unwrap_or(b.len());
        if region.is_none_or(|(a, e): (usize, usize)| end - start > e - a) {
            region = Some((start, end));
        }
        from = end.max(start + 1);
    }
    let region = region
        .or_else(|| {
            ["<main", "<body"].iter().find_map(|open| {
                let start = lower_find(b, open.as_bytes(), 0)?;
                let close = format!("</{}", &open[1..]);
                Some((start, lower_find(b, close.as_bytes(), start).unwrap_or(b.len())))
            })
        })
        .unwrap_or((0, b.len()));
    let (text, map) = text_of(s, region.0, region.1);
    (text, map, meta)
}

fn decode_plain(s: &str) -> String {
    let (t, _) = text_of(s, 0, s.len());
    t
}

fn text_of(s: &str, from: usize, to: usize) -> (String, OffsetMap) {
    let b = s.as_bytes();
    let mut out = String::with_capacity(to.saturating_sub(from) / 2);
    let mut map = OffsetMap::default();
    let push = |out: &mut String, map: &mut OffsetMap, piece: &str, file_pos: usize, verbatim: bool| {
        let continues = map.segments.last().is_some_and(|&(t, f)| verbatim && f + (out.len() - t) == file_pos);
        if !continues {
            map.segments.push((out.len(), file_pos));
        }
        out.push_str(piece);
        if !verbatim {
            // The next verbatim piece starts a new segment.
            map.segments.push((out.len(), file_pos + 1));
        }
    };
    let mut i = from;
    while i < to {
        let c = b[i];
        if c == b'<' {
            if s[i..].starts_with("<!--") {
                i = s[i..].find("-->").map_or(to, |p| i + p + 3);
                continue;
            }
            match parse_tag(s, i) {
                Some((name, close, end, attrs)) => {
                    let furniture = !close && {
                        let cls = format!("{} {}", attr(attrs, "class").unwrap_or(""), attr(attrs, "id").unwrap_or("")).to_ascii_lowercase();
                        cls.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| FURNITURE.contains(&w))
                    };
                    if !close && (SKIP.contains(&name.as_str()) || furniture) && !attrs.trim_end().ends_with('/') {
                        i = skip_element(s, &name, end, to);
                        continue;
                    }
                    if BLOCK.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
                        push(&mut out, &mut map, "\n", i, false);
                    }
                    i = end.max(i + 1);
                }
                None => {
                    push(&mut out, &mut map, "<", i, true);
                    i += 1;
                }
            }
        } else if c == b'&' {
            let semi = s[i..to].bytes().take(12).position(|x| x == b';');
            match semi.and_then(|p| entity(&s[i + 1..i + p]).map(|ch| (ch, p))) {
                Some((ch, p)) => {
                    let mut buf = [0u8; 4];
                    push(&mut out, &mut map, ch.encode_utf8(&mut buf), i, false);
                    i += p + 1;
                }
                None => {
                    push(&mut out, &mut map, "&", i, true);
                    i += 1;
                }
            }
        } else {
            // A run of plain text up to the next markup; line breaks inside become spaces
            // (same byte length, so offsets stay exact).
            let end = s[i..to].find(['<', '&']).map_or(to, |p| i + p);
            let run = &s[i..end];
            if run.contains(['\n', '\r', '\t']) {
                let clean: String = run.chars().map(|ch| if matches!(ch, '\n' | '\r' | '\t') { ' ' } else { ch }).collect();
                push(&mut out, &mut map, &clean, i, true);
            } else {
                push(&mut out, &mut map, run, i, true);
            }
            i = end;
        }
    }
    if map.segments.is_empty() {
        map.segments.push((0, from));
    }
    (out, map)
}

/// Index after the element named `name` that opened before `from`, counting nested ones.
fn skip_element(s: &str, name: &str, from: usize, to: usize) -> usize {
    let b = s.as_bytes();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1;
    let mut i = from;
    while depth > 0 {
        let next_close = lower_find(&b[..to], close.as_bytes(), i);
        let next_open = lower_find(&b[..to], open.as_bytes(), i).filter(|&o| b.get(o + open.len()).is_some_and(|c| !c.is_ascii_alphanumeric()));
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                i = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                i = s[c..to].find('>').map_or(to, |p| c + p + 1);
            }
            (_, None) => return to,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Fallback</title><meta property=\"og:title\" content=\"Talks stall\">\
<meta property=\"article:published_time\" content=\"2025-12-06T10:00:00Z\"><meta property=\"og:site_name\" content=\"Harbor Post\">\
<link rel=\"canonical\" href=\"https://example.org/a\"></head><body><nav><a>Home</a> <a>World 5</a></nav>\
<article><h1>Talks stall</h1><p>Moscow holds nearly 19&nbsp;% of the land &amp; more.</p>\
<div class=\"share-tools\">Share 12 times</div><script>var x = 5;</script><p>Aid topped &euro;100 billion.</p></article>\
<footer>Top 5</footer></body></html>";

    #[test]
    fn main_text_without_furniture_and_meta() {
        let (text, map, meta) = extract(PAGE);
        assert!(text.contains("Moscow holds nearly 19 % of the land & more."), "{text:?}");
        assert!(text.contains("Aid topped €100 billion."));
        for junk in ["Home", "Share", "var x", "Top 5", "Fallback"] {
            assert!(!text.contains(junk), "{junk} leaked into {text:?}");
        }
        assert_eq!(meta.title.as_deref(), Some("Talks stall"));
        assert_eq!(meta.published.as_deref(), Some("2025-12-06T10:00:00Z"));
        assert_eq!(meta.site.as_deref(), Some("Harbor Post"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a"));
        // Offsets point back into the file.
        let t = text.find("nearly").unwrap();
        assert!(PAGE[map.to_file(t)..].starts_with("nearly 19&nbsp;%"));
        let t = text.find("100 billion").unwrap();
        assert!(PAGE[map.to_file(t)..].starts_with("100 billion"));
    }

    #[test]
    fn a_teaser_article_does_not_hide_the_story() {
        let page = "<body><article><a>Related: 5 things</a></article><article><p>Aid topped 100 billion euros in total this year, officials said.</p></article></body>";
        let (text, _, _) = extract(page);
        assert!(text.contains("Aid topped"), "{text:?}");
    }

    #[test]
    fn broken_html_does_not_panic() {
        for s in ["<", "<<>>", "<p", "<script>never closed", "&#xZZZZ; &#99999999; &", "<a href='x>y</a>", "<article><p>é&eacute;</p>", "</div></div>text"] {
            let _ = extract(s);
        }
    }
}
