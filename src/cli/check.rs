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
/// --fail-on update|any also exits 1 on updates; --min-severity X ignores conflicts and
/// updates whose severity (relative gap) is below X. --report FILE writes the HTML evidence
/// report for the article. The index is not modified unless --add is given.
///
/// Example:
///   crosscheck check draft.txt
///   echo "Russia now occupies about 25 percent of Ukraine." | crosscheck check - --format csv
///   crosscheck check draft.txt --fail-on any --min-severity 0.1 --report draft.html
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The article to check (.txt .md .html .jsonl .csv), or - for standard input.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Also add the article to the index.
    #[arg(long)]
    pub add: bool,
    /// Name of an article read from standard input (default: `stdin:` and its content id, so
    /// two different articles never replace each other).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Publication date of the article (YYYY-MM-DD), when the file does not say.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,
    /// Tolerance file (see config/compare.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format (jsonl: one object a line; json is the same).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Which findings make the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Conflict)]
    pub fail_on: FailOn,
    /// Ignore conflicts and updates whose severity (relative gap, 0..1) is below X.
    #[arg(long, value_name = "X")]
    pub min_severity: Option<f64>,
    /// Also write the HTML evidence report of the article's disagreements to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// Findings that fail the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A conflict (the default).
    Conflict,
    /// An update: the index holds a newer or older figure.
    Update,
    /// A conflict or an update.
    Any,
}

/// How many indexed claims (nearest in time) to compare with each new claim.
const RELATED: usize = 100;

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let config = Config::load(args.config.as_deref()).map_err(anyhow::Error::msg)?;
    let extractor = extractor(global)?;
    let index = CrossIndex::open(&global.index)?;
    index.check_lexicon(&super::shared::build_info(global)?)?;
    let mut articles = load_articles(&args)?;
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
    add_related(&index, &mut records)?;
    let comparer = Comparer::new(&config);
    let mut pairs = check_pairs(&comparer, &records, n_new);
    if let Some(x) = args.min_severity {
        pairs.retain(|p| !p.verdict.flagged() || p.severity >= x);
    }
    pairs.sort_by(|x, y| x.a.cmp(&y.a).then(x.verdict.cmp(&y.verdict)).then(x.b.cmp(&y.b)));
    let stdout = std::io::stdout();
    let out = stdout.lock();
    match args.format {
        Format::Csv => report::write_pairs_csv(out, &pairs, &records)?,
        Format::Jsonl => report::write_pairs_jsonl(out, &pairs, &records)?,
        Format::Table => {
            if pairs.is_empty() {
                use std::io::Write;
                let mut out = out;
                writeln!(out, "{}", no_pairs_message(&records, n_new))?;
            } else {
                report::write_pairs_table_styled(out, &pairs, &records, table_width(), global.color)?;
            }
        }
    }
    let conflicts = pairs.iter().filter(|p| p.verdict == Verdict::Conflict).count();
    let updates = pairs.iter().filter(|p| p.verdict == Verdict::Update).count();
    let agrees = pairs.iter().filter(|p| p.verdict == Verdict::Agree).count();
    global.say(format_args!("checked {n_new} claims: {conflicts} conflict, {updates} update, {agrees} agree"));
    if let Some(path) = &args.report {
        write_report(path, &args.file, &pairs, &records, &config)?;
    }
    if args.add {
        let mut w = index.writer()?;
        for (a, claims) in articles.iter().zip(extracted) {
            w.add(a, claims)?;
        }
        let s = w.commit()?;
        global.say(format_args!("added to {}: {} added, {} updated, {} unchanged", global.index.display(), s.added, s.updated, s.unchanged));
    }
    let fail = match args.fail_on {
        FailOn::Conflict => conflicts > 0,
        FailOn::Update => updates > 0,
        FailOn::Any => conflicts + updates > 0,
    };
    let damaged = super::shared::report_damaged(&index);
    Ok(if fail {
        Outcome::Findings
    } else if damaged {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

/// The article(s) to check: standard input as one article, or a file as `ingest` reads it.
fn load_articles(args: &Args) -> anyhow::Result<Vec<Article>> {
    Ok(if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| anyhow::anyhow!("standard input: {e}"))?;
        let id = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
        let doc = args.name.clone().unwrap_or_else(|| corpus::stdin_name(&id));
        vec![Article {
            id,
            doc,
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
        if load.articles.is_empty() && load.problems.iter().any(|p| p.severity == Severity::Error) {
            anyhow::bail!("{}: nothing to check", args.file.display());
        }
        load.articles
    })
}

/// The indexed claims with the identity of each new claim (the first records), nearest in
/// time first, each once, appended to `records`.
fn add_related(index: &CrossIndex, records: &mut Vec<ClaimRecord>) -> anyhow::Result<()> {
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
    Ok(())
}

/// What the table says when no pair got a verdict: there was nothing to compare with, the
/// article had no date, or the pairs were left out by rule.
fn no_pairs_message(records: &[ClaimRecord], n_new: usize) -> String {
    let related = records.len() - n_new;
    let undated = records[..n_new].iter().any(|r| r.claim.as_of.is_none() && group_key(&r.claim).is_some());
    if related > 0 && undated {
        // Without a date only agreement can be told; say so rather than "nothing".
        format!("{related} indexed claims speak about the same quantities, but the article has no date: only agreement can be told (give --published YYYY-MM-DD)")
    } else if related > 0 {
        format!("{related} indexed claims speak about the same quantities, and no pair of them gets a verdict (the same outlet or sentence, events on different days, or a revised figure that matches nothing; {n_new} claims checked)")
    } else {
        format!("no indexed claim speaks about the same quantities ({n_new} claims checked)")
    }
}

/// The HTML evidence report of the checked article: its pairs summarised by quantity.
fn write_report(path: &std::path::Path, file: &std::path::Path, pairs: &[crosscheck::compare::Pair], records: &[ClaimRecord], config: &Config) -> anyhow::Result<()> {
    let mut s = crosscheck::compare::Summarizer::new(records);
    pairs.iter().cloned().for_each(|p| s.add(p));
    let quantities = s.finish(config);
    let title = format!("check: {}", file.display());
    let page = crosscheck::report::html::Page {
        title: &title,
        subtitle: format!("The article's claims against the index: {} {} in conflict or updated.", quantities.len(), if quantities.len() == 1 { "quantity" } else { "quantities" }),
        quantities: &quantities,
        records,
        config,
        total_quantities: quantities.len(),
    };
    let out = std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    crosscheck::report::html::write_html(std::io::BufWriter::new(out), &page).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
