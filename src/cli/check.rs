//! `crosscheck check`: check a new article's claims against the index, as a linter would.

use super::shared::{extractor, parse_date, report_problem, table_width, Format, Global};
use super::Outcome;
use crosscheck::compare::{check_pairs, group_key, Comparer, Config, Verdict};
use crosscheck::corpus::{self, Article, OffsetMap, Severity};
use crosscheck::extract::DocContext;
use crosscheck::index::{ClaimRecord, CrossIndex};
use crosscheck::report;
use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;

/// Check a new article against the indexed claims.
///
/// Extracts the article's claims, finds indexed claims about the same quantities (same metric,
/// unit and scope; same holder or none; nearest in time first) and prints a verdict per pair
/// with the evidence: outlet, date and sentence. Exit code 0 when nothing conflicts, 1 when a conflict is found, 2 on error.
/// The index is not modified unless --add is given.
///
/// Example:
///   crosscheck check draft.txt
///   echo "Russia now occupies about 25 percent of Ukraine." | crosscheck check - --format csv
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The article to check (.txt .md .html .jsonl .csv), or - for standard input.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Also add the article to the index.
    #[arg(long)]
    pub add: bool,
    /// Publication date of the article (YYYY-MM-DD), when the file does not say.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,
    /// Tolerance file (see config/compare.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format (jsonl: one object a line; json is the same).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// How many indexed claims (nearest in time) to compare with each new claim.
const RELATED: usize = 100;

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let config = Config::load(args.config.as_deref()).map_err(anyhow::Error::msg)?;
    let extractor = extractor(global)?;
    let index = CrossIndex::open(&global.index)?;
    let mut articles = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
        vec![Article {
            id: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes())),
            doc: "-".into(),
            title: None,
            source: None,
            published: None,
            url: None,
            text,
            offsets: OffsetMap::identity(0),
        }]
    } else {
        let (manifest, _) = corpus::manifest_for(std::slice::from_ref(&args.file));
        let load = corpus::load_file(&args.file, &manifest);
        for p in &load.problems {
            report_problem(p);
        }
        if load.articles.is_empty() {
            if load.problems.iter().any(|p| p.severity == Severity::Error) {
                anyhow::bail!("{}: nothing to check", args.file.display());
            }
        }
        load.articles
    };
    for a in &mut articles {
        if args.published.is_some() {
            a.published = args.published;
        }
    }
    let mut records: Vec<ClaimRecord> = Vec::new();
    let mut extracted = Vec::with_capacity(articles.len());
    for a in &articles {
        let ctx = DocContext { published: a.published };
        let claims = extractor.try_claims(&a.text, &ctx).map_err(|bug| anyhow::anyhow!("{}", super::shared::extraction_bug(a, &bug)))?;
        records.extend(claims.iter().cloned().map(|c| ClaimRecord::from_article(a, c)));
        extracted.push(claims);
    }
    let n_new = records.len();
    let mut seen: HashSet<(String, usize)> = HashSet::new();
    for i in 0..n_new {
        if group_key(&records[i].claim).is_none() {
            continue;
        }
        for r in index.related(&records[i].claim, RELATED)? {
            if seen.insert((r.doc.clone(), r.claim.quantity.start)) {
                records.push(r);
            }
        }
    }
    let comparer = Comparer::new(&config);
    let mut pairs = check_pairs(&comparer, &records, n_new);
    pairs.sort_by(|x, y| x.a.cmp(&y.a).then(x.verdict.cmp(&y.verdict)).then(x.b.cmp(&y.b)));
    let stdout = std::io::stdout();
    let out = stdout.lock();
    match args.format {
        Format::Csv => report::write_pairs_csv(out, &pairs, &records)?,
        Format::Jsonl => report::write_pairs_jsonl(out, &pairs, &records)?,
        Format::Table => {
            if pairs.is_empty() {
                println!("no indexed claim speaks about the same quantities ({n_new} claims checked)");
            } else {
                report::write_pairs_table_styled(out, &pairs, &records, table_width(), global.color)?;
            }
        }
    }
    let conflicts = pairs.iter().filter(|p| p.verdict == Verdict::Conflict).count();
    let updates = pairs.iter().filter(|p| p.verdict == Verdict::Update).count();
    let agrees = pairs.iter().filter(|p| p.verdict == Verdict::Agree).count();
    global.say(format_args!("checked {n_new} claims: {conflicts} conflict, {updates} update, {agrees} agree"));
    if args.add {
        let mut w = index.writer()?;
        for (a, claims) in articles.iter().zip(extracted) {
            w.add(a, claims)?;
        }
        let s = w.commit()?;
        global.say(format_args!("added to {}: {} added, {} updated, {} unchanged", global.index.display(), s.added, s.updated, s.unchanged));
    }
    Ok(if conflicts > 0 { Outcome::Findings } else { Outcome::Ok })
}
