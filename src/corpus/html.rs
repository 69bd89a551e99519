//! Main text of an HTML page with a map back to file offsets: the article (or main, or body)
//! without scripts, styles, navigation, headers, footers, asides, forms and share/related/
//! comment boxes. Block elements end paragraphs; character references are decoded.
//!
//! The page is tokenized by html5gum (a WHATWG tokenizer: script and style contents, comments,
//! attributes with `>` in quotes and broken markup are read as a browser reads them), which
//! gives every token its byte span in the file. Choosing the text is one pass over the tokens
//! with a depth counter per skipped box, so work is linear in the page, however deeply the
//! boxes nest.

use super::OffsetMap;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose whole content is dropped.
const SKIP: &[&str] = &["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template", "iframe", "button", "select", "figure", "figcaption", "title", "head"];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "blockquote", "section", "article", "main", "pre", "hr", "dd", "dt"];
/// class/id words that mark page furniture.
const FURNITURE: &[&str] = &["nav", "menu", "footer", "share", "sharing", "related", "comment", "cookie", "subscribe", "newsletter", "advert", "promo", "sidebar", "breadcrumb", "social", "byline-share"];
/// Elements that never have content (no end tag follows).
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

/// One token, as much of it as text extraction needs.
enum Ev {
    Start { name: String, furniture: bool, self_closing: bool, at: usize },
    End { name: String },
    /// Decoded text and the byte range of its source.
    Text { text: String, from: usize, to: usize },
}

fn utf8(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Extract (text, offsets, meta) from an HTML document.
pub fn extract(s: &str) -> (String, OffsetMap, HtmlMeta) {
    let mut meta = HtmlMeta::default();
    let mut page_title: Option<String> = None;
    let mut in_title = false;
    let mut events = Vec::new();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style, title and textarea contents are text, not markup.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(s, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = utf8(&tag.name).to_ascii_lowercase();
                let attr = |k: &str| tag.attributes.get(k.as_bytes()).map(|v| utf8(&v.value));
                match name.as_str() {
                    "meta" => {
                        let key = attr("property").or_else(|| attr("name")).or_else(|| attr("itemprop")).unwrap_or_default().to_ascii_lowercase();
                        let content = attr("content");
                        match key.as_str() {
                            "og:title" | "twitter:title" if meta.title.is_none() => meta.title = content,
                            "article:published_time" | "date" | "pubdate" | "publishdate" | "datepublished" | "dc.date" if meta.published.is_none() => meta.published = content,
                            "og:site_name" | "application-name" if meta.site.is_none() => meta.site = content,
                            "og:url" if meta.url.is_none() => meta.url = content,
                            _ => {}
                        }
                    }
                    "link" if meta.url.is_none() && attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => meta.url = attr("href"),
                    "time" if meta.published.is_none() => meta.published = attr("datetime"),
                    "title" => in_title = page_title.is_none(),
                    _ => {}
                }
                let cls = format!("{} {}", attr("class").unwrap_or_default(), attr("id").unwrap_or_default()).to_ascii_lowercase();
                let furniture = cls.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| FURNITURE.contains(&w));
                events.push(Ev::Start { name, furniture, self_closing: tag.self_closing, at: tag.span.start });
            }
            Token::EndTag(tag) => {
                let name = utf8(&tag.name).to_ascii_lowercase();
                if name == "title" {
                    in_title = false;
                }
                events.push(Ev::End { name });
            }
            Token::String(t) => {
                let text = utf8(&t.value);
                if in_title && !text.trim().is_empty() {
                    page_title = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                events.push(Ev::Text { text, from: t.span.start, to: t.span.end.min(s.len()) });
            }
            _ => {}
        }
    }
    // og:title is the headline; <title> often carries the site name too.
    if meta.title.is_none() {
        meta.title = page_title;
    }
    let (from, to) = region(&events);
    let (text, map) = text_of(s, &events[from..to]);
    (text, map, meta)
}

/// The events that hold the article: the longest <article> (a page may open with teaser
/// cards), else <main>, else <body>, else everything.
fn region(events: &[Ev]) -> (usize, usize) {
    let mut best: Option<(usize, usize, usize)> = None; // (from, to, bytes)
    let mut open: Option<(usize, usize)> = None; // (event, byte)
    let mut depth = 0usize;
    let first = |name: &str| -> Option<(usize, usize)> {
        let start = events.iter().position(|e| matches!(e, Ev::Start { name: n, .. } if n == name))?;
        let end = events[start..].iter().position(|e| matches!(e, Ev::End { name: n } if n == name)).map_or(events.len(), |p| start + p + 1);
        Some((start, end))
    };
    for (i, e) in events.iter().enumerate() {
        match e {
            Ev::Start { name, at, .. } if name == "article" => {
                if depth == 0 {
                    open = Some((i, *at));
                }
                depth += 1;
            }
            Ev::End { name } if name == "article" && depth > 0 => {
                depth -= 1;
                if let (0, Some((from, at))) = (depth, open) {
                    let bytes = byte_at(events, i).saturating_sub(at);
                    if best.is_none_or(|b| bytes > b.2) {
                        best = Some((from, i + 1, bytes));
                    }
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((from, _)) = open {
        // An <article> never closed runs to the end of the page.
        let bytes = byte_at(events, events.len()).saturating_sub(byte_at(events, from));
        if best.is_none_or(|b| bytes > b.2) {
            best = Some((from, events.len(), bytes));
        }
    }
    best.map(|(f, t, _)| (f, t)).or_else(|| first("main")).or_else(|| first("body")).unwrap_or((0, events.len()))
}

/// The file offset of the event at `i` (of the last one before it that has one).
fn byte_at(events: &[Ev], i: usize) -> usize {
    events[..i.min(events.len())]
        .iter()
        .rev()
        .find_map(|e| match e {
            Ev::Start { at, .. } => Some(*at),
            Ev::Text { to, .. } => Some(*to),
            Ev::End { .. } => None,
        })
        .unwrap_or(0)
}

/// Text and offset map from a run of events.
fn text_of(s: &str, events: &[Ev]) -> (String, OffsetMap) {
    let mut out = Out::default();
    // The box being skipped: its name and how many of that name are open inside it.
    let mut skip: Option<(&str, usize)> = None;
    for e in events {
        match (&mut skip, e) {
            (Some((n, depth)), Ev::Start { name, self_closing, .. }) => {
                if name == n && !*self_closing && !VOID.contains(&name.as_str()) {
                    *depth += 1;
                }
            }
            (Some((n, depth)), Ev::End { name }) => {
                if name == n {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                }
            }
            (Some(_), Ev::Text { .. }) => {}
            (None, Ev::Start { name, furniture, self_closing, at }) => {
                if (SKIP.contains(&name.as_str()) || *furniture) && !*self_closing && !VOID.contains(&name.as_str()) {
                    skip = Some((name.as_str(), 1));
                } else if BLOCK.contains(&name.as_str()) {
                    out.newline(*at);
                }
            }
            (None, Ev::End { .. }) => {}
            (None, Ev::Text { text, from, to }) => out.text(s.get(*from..*to).unwrap_or(""), *from, text),
        }
    }
    if out.map.segments.is_empty() {
        out.map.segments.push((0, 0));
    }
    (out.text, out.map)
}

/// The text being built and its map to file offsets.
#[derive(Default)]
struct Out {
    text: String,
    map: OffsetMap,
}

impl Out {
    /// Text copied from the file at `at` (line breaks and tabs become spaces: same length).
    fn verbatim(&mut self, piece: &str, at: usize) {
        let continues = self.map.segments.last().is_some_and(|&(t, f)| f + (self.text.len() - t) == at);
        if !continues {
            self.map.segments.push((self.text.len(), at));
        }
        if piece.contains(['\n', '\r', '\t']) {
            self.text.extend(piece.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }));
        } else {
            self.text.push_str(piece);
        }
    }

    /// Text that stands for the markup at `at` (a decoded reference, a paragraph break).
    fn stand_in(&mut self, piece: &str, at: usize) {
        self.map.segments.push((self.text.len(), at));
        self.text.push_str(piece);
    }

    /// Text that stands for the file bytes `from..to`: each character maps into that range,
    /// never past it, so offsets stay in order and inside the file.
    fn squeeze(&mut self, piece: &str, from: usize, to: usize) {
        let last = to.saturating_sub(1).max(from);
        for (i, c) in piece.char_indices() {
            self.map.segments.push((self.text.len(), (from + i).min(last)));
            self.text.push(c);
        }
    }

    fn newline(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.stand_in("\n", at);
        }
    }

    /// A text token: `raw` is its source at `base`, `decoded` what the tokenizer made of it
    /// (references decoded, CR LF made LF). Runs that are the same are copied with an exact
    /// map; each reference maps to where it starts.
    fn text(&mut self, raw: &str, base: usize, decoded: &str) {
        if raw == decoded {
            self.verbatim(raw, base);
            return;
        }
        let (rb, db) = (raw.as_bytes(), decoded.as_bytes());
        let (mut r, mut d) = (0usize, 0usize);
        while d < db.len() {
            if r >= rb.len() {
                self.squeeze(&decoded[d..].replace(['\n', '\r', '\t'], " "), base + rb.len(), base + rb.len());
                return;
            }
            match rb[r] {
                b'&' => {
                    let e = reference_end(rb, r);
                    if db[d..].starts_with(&rb[r..e]) {
                        // Not a reference after all ("AT&T"): copied as it is.
                        self.verbatim(&raw[r..e], base + r);
                        d += e - r;
                        r = e;
                        continue;
                    }
                    // A reference decodes to one or two characters; take the count after
                    // which the rest lines up again.
                    let mut chars = decoded[d..].char_indices().map(|(i, c)| d + i + c.len_utf8());
                    let one = chars.next().unwrap_or(db.len());
                    let two = chars.next();
                    let fits = |k: usize| match rb.get(e) {
                        None => k == db.len(),
                        Some(&b'&') | Some(&b'\r') => true,
                        Some(&c) => db.get(k) == Some(&c),
                    };
                    let k = if fits(one) { one } else { two.filter(|&t| fits(t)).unwrap_or(one) };
                    // &nbsp; and the other space references read as plain spaces.
                    let piece = decoded[d..k].replace(['\n', '\r', '\t', '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}'], " ");
                    self.squeeze(&piece, base + r, base + e);
                    d = k;
                    r = e;
                }
                b'\r' => {
                    // CR LF or a lone CR became LF: a space standing for it.
                    self.stand_in(" ", base + r);
                    r += if rb.get(r + 1) == Some(&b'\n') { 2 } else { 1 };
                    d += 1;
                }
                _ => {
                    // The longest run that is the same in both.
                    let mut n = 0;
                    while r + n < rb.len() && d + n < db.len() && rb[r + n] == db[d + n] && rb[r + n] != b'&' && rb[r + n] != b'\r' {
                        n += 1;
                    }
                    // Whole characters only.
                    while n > 0 && !(raw.is_char_boundary(r + n) && decoded.is_char_boundary(d + n)) {
                        n -= 1;
                    }
                    if n == 0 {
                        // Something else changed (a NUL made U+FFFD): map the rest to here.
                        self.squeeze(&decoded[d..].replace(['\n', '\r', '\t'], " "), base + r, base + rb.len());
                        return;
                    }
                    self.verbatim(&raw[r..r + n], base + r);
                    r += n;
                    d += n;
                }
            }
        }
    }
}

/// The end of a character reference starting at `at` (which holds `&`): `&name;`, `&#123;`,
/// `&#x1F;`, with or without the semicolon.
fn reference_end(b: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        if matches!(b.get(i), Some(b'x') | Some(b'X')) {
            i += 1;
        }
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() && i - at < 40 {
        i += 1;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
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
    fn every_word_maps_back_to_the_file() {
        let page = "<html><body><main>\r\n<p class=\"lead\">Kyiv&#8217;s aid: &euro;90 billion &amp; 1.2&nbsp;million\r\npeople;  AT&T said 5&percnt; more.</p>\
<script>if (a < b && c > d) { x = '<p>9 dead</p>'; }</script><div class=\"related\"><div><div>Share 7</div></div></div>\
<p title=\"a > b\">Nearly 19% of the land, caf\u{e9} prices up 3&#x25;.</p><!-- 99 hidden --></main></body></html>";
        let (text, map, _) = extract(page);
        for junk in ["9 dead", "Share 7", "99 hidden", "x ="] {
            assert!(!text.contains(junk), "{junk} leaked into {text:?}");
        }
        let mut words = 0;
        let mut at = 0;
        for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let p = at + text[at..].find(w).unwrap();
            at = p + w.len();
            let f = map.to_file(p);
            assert!(page[f..].starts_with(w), "{w:?} at text {p} maps to file {f}: {:?}", &page[f..(f + 20).min(page.len())]);
            words += 1;
        }
        assert!(words > 20, "{text:?}");
        // A reference maps to where it starts.
        let euro = text.find('€').unwrap();
        assert!(page[map.to_file(euro)..].starts_with("&euro;"));
        assert!(text.contains("5% more") && text.contains("3%."), "{text:?}");
    }

    #[test]
    fn deeply_nested_skipped_boxes_are_linear() {
        let n = 100_000;
        let page = format!("<body><p>Aid reached 5 billion.</p><div class=\"share\">{}{}</div><p>Then 7 more.</p></body>", "<div>".repeat(n), "</div>".repeat(n));
        let t = std::time::Instant::now();
        let (text, _, _) = extract(&page);
        assert!(text.contains("Aid reached 5 billion.") && text.contains("Then 7 more."), "{text:?}");
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
    }

    #[test]
    fn offsets_stay_in_order_and_inside_the_file() {
        for page in [
            "<p>a\0b &nGt; &amp &ampx &#0; &#xD800; &notit; \r\n x\ry &#128512;</p>",
            "<p>&euro;&euro;&euro;</p><p>\0\0\0\0</p>",
            "<body>&",
            "<p>caf\u{e9}&#769; \u{1F600}&nbsp;1</p>",
        ] {
            let (text, map, _) = extract(page);
            let mut prev = 0;
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let f = map.to_file(i);
                assert!(f <= page.len(), "{page:?}: text {i} maps to {f}, past the end");
                assert!(f >= prev, "{page:?}: text {i} maps to {f}, before {prev}");
                prev = f;
            }
        }
    }

    #[test]
    fn broken_html_does_not_panic() {
        for s in ["<", "<<>>", "<p", "<script>never closed", "&#xZZZZ; &#99999999; &", "<a href='x>y</a>", "<article><p>é&eacute;</p>", "</div></div>text"] {
            let _ = extract(s);
        }
    }
}
