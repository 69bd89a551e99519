//! Scale-test corpus generator (not shipped in the corpus): derives N articles from the real
//! seed articles by varying their figures, outlets and dates in plausible ways, so that grouping,
//! agreement, conflicts and updates are all exercised at scale.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --n 100000 --out /tmp/cc-100k [--seed 7] [--from corpus]
//! ```
//!
//! Each output file is Markdown with YAML front matter (title, source, published), so the
//! metadata path of the loader is exercised too. Output is deterministic for a given seed.
//! About 40% of articles keep every figure; the rest move some figures by 2-30% (the kind of
//! spread real reporting shows), which yields both agreements and conflicts.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

/// Small deterministic PRNG (xorshift64*): reproducible corpora without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const OUTLETS: &[&str] = &[
    "Northern Ledger", "Harbor Post", "Continental Wire", "Daily Meridian", "Eastern Observer",
    "Capital Dispatch", "The Evening Record", "Atlas News", "Frontline Review", "Civic Herald",
    "Baltic Courier", "Danube Times", "Prairie Tribune", "Coastal Gazette", "Summit Report",
];

fn parse_args() -> Result<(usize, PathBuf, u64, PathBuf), String> {
    let mut n = 1000usize;
    let mut out = None;
    let mut seed = 7u64;
    let mut from = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--n" => n = val()?.parse().map_err(|e| format!("--n: {e}"))?,
            "--out" => out = Some(PathBuf::from(val()?)),
            "--seed" => seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--from" => from = PathBuf::from(val()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok((n, out, seed.max(1), from))
}

/// Rewrite digit runs in `text`: with probability `p_change` each figure is scaled by a factor
/// in [0.7, 1.3] keeping its number of decimals. Years (1900-2099 as four digits) are kept so
/// dates stay dates.
fn vary_numbers(text: &str, rng: &mut Rng, p_change: f64) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || (bytes[i] == b'.' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit())) {
                i += 1;
            }
            let tok = &text[start..i];
            let is_year = tok.len() == 4 && (tok.starts_with("19") || tok.starts_with("20"));
            let prev_alpha = start > 0 && bytes[start - 1].is_ascii_alphabetic();
            match tok.parse::<f64>() {
                Ok(v) if !is_year && !prev_alpha && rng.unit() < p_change => {
                    let factor = 0.7 + 0.6 * rng.unit();
                    let decimals = tok.split('.').nth(1).map_or(0, str::len);
                    let nv = v * factor;
                    out.push_str(&format!("{nv:.decimals$}"));
                }
                _ => out.push_str(tok),
            }
        } else {
            let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + ch_len]);
            i += ch_len;
        }
    }
    out
}

/// `k` in base 26 with letters a-z.
fn letter_code(mut k: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (k % 26) as u8);
        k /= 26;
        if k == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn main() {
    let (n, out, seed, from) = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(2);
        }
    };
    let mut seeds: Vec<(String, String)> = Vec::new();
    let mut paths: Vec<PathBuf> = match fs::read_dir(&from) {
        Ok(rd) => rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect(),
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", from.display());
            std::process::exit(2);
        }
    };
    paths.sort();
    for p in paths {
        if let Ok(t) = fs::read_to_string(&p) {
            let title = t.lines().map(str::trim).find(|l| l.len() > 30).unwrap_or("Untitled").to_string();
            seeds.push((title, t));
        }
    }
    if seeds.is_empty() {
        eprintln!("gen_corpus: no .txt articles in {}", from.display());
        std::process::exit(2);
    }
    if let Err(e) = fs::create_dir_all(&out) {
        eprintln!("gen_corpus: {}: {e}", out.display());
        std::process::exit(2);
    }
    let mut rng = Rng(seed);
    let mut bytes = 0usize;
    for k in 0..n {
        let (title, text) = &seeds[k % seeds.len()];
        let p_change = if rng.unit() < 0.4 { 0.0 } else { 0.25 };
        let body = vary_numbers(text, &mut rng, p_change);
        let outlet = OUTLETS[rng.below(OUTLETS.len() as u64) as usize];
        // Dates spread over 2025-01-01 .. 2026-06-30.
        let day = rng.below(546) as i64;
        let date = jiff::civil::date(2025, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap_or(jiff::civil::date(2025, 1, 1));
        // A letter code (no digits, so it adds no figure) keeps every body distinct: the index
        // deduplicates identical content.
        let doc = format!("---\ntitle: {title} ({k})\nsource: {outlet}\npublished: {date}\n---\n{body}\n\nDesk code {}.\n", letter_code(k));
        bytes += doc.len();
        // Spread files over sub-folders of 1,000 so no directory gets huge.
        let dir = out.join(format!("{:03}", k / 1000));
        if k % 1000 == 0 {
            if let Err(e) = fs::create_dir_all(&dir) {
                eprintln!("gen_corpus: {}: {e}", dir.display());
                std::process::exit(2);
            }
        }
        let path = dir.join(format!("a{k:06}.md"));
        if let Err(e) = fs::File::create(&path).and_then(|mut f| f.write_all(doc.as_bytes())) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            std::process::exit(2);
        }
    }
    eprintln!("gen_corpus: wrote {n} articles, {:.1} MB, to {}", bytes as f64 / 1e6, out.display());
}
