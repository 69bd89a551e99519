//! The tantivy index on disk: one document per article and one per claim, written by one
//! writer and committed together, so an interrupted ingest leaves the last commit intact and
//! never an article without its claims.
//!
//! Idempotence: an article's id is a hash of its content. Re-ingesting the same file finds the
//! same (doc, id) pair and adds nothing; a changed file has a new id under the same doc, so its
//! old article and claim documents are deleted and the new version added in the same commit.

mod health;
mod record;
mod listing;
mod schema;
mod writer;
mod scan_dir;
mod sentence_filter;
mod variants;

pub use variants::Spellings;

pub use health::{folder_state, BuildInfo, FolderState, LexiconFile, Stats, VerifyReport, BUILD_FILE};
use health::show;
pub use record::{ClaimRecord, Outlet};
pub use writer::Ingester;

use crate::corpus::Article;
use crate::extract::Claim;
use jiff::civil::Date;
use schema::Fields;
use serde::Serialize;
pub use listing::StoredArticle;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Index errors, each one line naming the index folder. Only [`IndexError::Corrupt`] means
/// the index itself is damaged; none of them advises deleting anything.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {}: run `crosscheck ingest` first", show(.0))]
    Missing(PathBuf),
    #[error("{} is not a crosscheck index: it holds {what}; nothing was written there (give --index a new or empty folder)", show(.path))]
    NotAnIndex { path: PathBuf, what: String },
    #[error("index at {} is locked by another crosscheck process", show(.0))]
    Locked(PathBuf),
    #[error("index at {} is damaged: {reason}; nothing was changed (`crosscheck verify` lists the damage; restore the folder from a backup, or ingest the articles into a new index folder)", show(.path))]
    Corrupt { path: PathBuf, reason: String },
    #[error("index at {}: {reason}", show(.path))]
    Io { path: PathBuf, reason: String },
    #[error("index at {} was built with {built}; this run has {now}: claims would not match (give the same --lexicon files, or ingest into a new index folder)", show(.path))]
    LexiconMismatch { path: PathBuf, built: String, now: String },
    #[error("invalid query {query:?}: {reason}")]
    Query { query: String, reason: String },
    /// (Not a `source`: the message already says what tantivy said, once.)
    #[error("index error: {}", health::describe(.0).1)]
    Tantivy(tantivy::TantivyError),
}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        IndexError::Tantivy(e)
    }
}

impl IndexError {
    /// A tantivy error met while using the index at `path`, as one line naming the folder.
    pub fn at(path: &Path, e: tantivy::TantivyError) -> IndexError {
        match e {
            tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _) => IndexError::Locked(path.to_path_buf()),
            e => match health::describe(&e) {
                (true, reason) => IndexError::Corrupt { path: path.to_path_buf(), reason },
                (false, reason) => IndexError::Io { path: path.to_path_buf(), reason },
            },
        }
    }

    /// The index is damaged (as opposed to missing, locked or unreadable for another reason).
    pub fn is_corrupt(&self) -> bool {
        matches!(self, IndexError::Corrupt { .. })
    }
}

pub type Result<T> = std::result::Result<T, IndexError>;

/// What happened to one article at ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestStatus {
    Added,
    Updated,
    Unchanged,
}

/// Counts for the one-line ingest summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngestSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Copies of indexed articles from another outlet, recorded as that article's outlets.
    pub copies: usize,
    pub claims: usize,
    pub seconds: f64,
}

/// Search request over articles.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub query: String,
    pub source: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub limit: usize,
}

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub rank: usize,
    pub score: f32,
    pub doc: String,
    pub source: Option<String>,
    pub published: Option<Date>,
    pub title: Option<String>,
    /// The article's address, when known.
    pub url: Option<String>,
    /// Snippet text, and the byte ranges of matched words in it.
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
    /// Every outlet that ran the article, when more than one did.
    pub outlets: Vec<Outlet>,
}

/// Filters for listing stored claims; empty = all.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub metric: Option<String>,
    pub holder: Option<String>,
    pub source: Option<String>,
    pub unit: Option<String>,
    /// Words that must match the claim's sentence (tantivy query syntax).
    pub query: Option<String>,
}

/// Articles handed to one extraction worker at a time.
pub const EXTRACT_BATCH: usize = 64;

/// Claims of one article, or the message of a bug that made extraction panic on it.
pub type Extracted = std::result::Result<Vec<Claim>, String>;

fn extract_one(extractor: &crate::extract::Extractor, a: &Article) -> Extracted {
    extractor.try_claims(&a.text, &crate::extract::DocContext { published: a.published })
}

/// Extraction beside writing. `batches` (run on a thread of its own, so file loading overlaps
/// too) yields articles with a payload of the caller's; worker threads, one per core, extract
/// their claims; `consume` gets every batch back on the calling thread, in input order, while
/// the workers go on with later batches and tantivy's indexing thread indexes earlier ones.
/// At most a few batches are in flight, so memory stays bounded on any corpus size.
pub fn extract_pipeline<P, I, F, E>(extractor: &crate::extract::Extractor, batches: I, mut consume: F) -> std::result::Result<(), E>
where
    P: Send,
    I: Iterator<Item = (Vec<Article>, P)> + Send,
    F: FnMut(Vec<(Article, Extracted)>, P) -> std::result::Result<(), E>,
{
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::sync_channel;
    use std::sync::Mutex;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let (work_tx, work_rx) = sync_channel::<(usize, Vec<Article>, P)>(workers);
    let work_rx = Mutex::new(work_rx);
    // Set when the consumer gives up: the loader stops and workers discard what is queued.
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let (done_tx, done_rx) = sync_channel::<(usize, Vec<(Article, Extracted)>, P)>(workers * 2);
        let stop = &stop;
        s.spawn(move || {
            for (seq, (articles, payload)) in batches.enumerate() {
                if stop.load(Ordering::Relaxed) || work_tx.send((seq, articles, payload)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..workers {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            s.spawn(move || loop {
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, articles, payload)) = next else { break };
                if stop.load(Ordering::Relaxed) {
                    continue;
                }
                let out = articles
                    .into_iter()
                    .map(|a| {
                        let claims = extract_one(extractor, &a);
                        (a, claims)
                    })
                    .collect();
                if done_tx.send((seq, out, payload)).is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            });
        }
        drop(done_tx);
        // Workers finish out of order; hand batches on in order.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0usize;
        for (seq, out, payload) in done_rx.iter() {
            waiting.insert(seq, (out, payload));
            while let Some((out, payload)) = waiting.remove(&next) {
                next += 1;
                if let Err(e) = consume(out, payload) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

/// Writer settings shared with the plain-tantivy baseline benchmark.
pub const WRITER_THREADS: usize = 1;
pub const WRITER_BUDGET: usize = 128_000_000;
/// Articles per commit: a crash loses at most this much work, never consistency.
pub const COMMIT_EVERY: usize = 5_000;

/// The on-disk index of articles and claims.
pub struct CrossIndex {
    path: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// Stored records that failed to parse: count and first messages (see `take_damaged`).
    damaged: std::sync::Mutex<(usize, Vec<String>)>,
}

fn date_key(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

impl CrossIndex {
    /// Open an existing index for reading. Needs no write access to the folder.
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with(dir, false)
    }

    /// Open an existing index for one pass over every stored claim (`discrepancies`): the
    /// document stores are read block by block instead of mapped (see [`scan_dir`]), so the
    /// memory in use is the claims loaded, not the whole store as well.
    pub fn open_scan(dir: &Path) -> Result<Self> {
        Self::open_with(dir, true)
    }

    fn open_with(dir: &Path, scan: bool) -> Result<Self> {
        Self::check_folder(dir)?;
        let corrupt = |reason: String| IndexError::Corrupt { path: dir.to_path_buf(), reason };
        let directory = if scan { scan_dir::ScanDirectory::open(dir) } else { scan_dir::ScanDirectory::open_mapped(dir) };
        let directory = directory.map_err(|reason| IndexError::Io { path: dir.to_path_buf(), reason })?;
        let index = Index::open(directory).map_err(|e| match e {
            // meta.json that does not parse.
            tantivy::TantivyError::DeserializeError(_) => corrupt("meta.json cannot be read".into()),
            e => IndexError::at(dir, e),
        })?;
        Self::from_index(dir, index)
    }

    /// An index must have its meta.json; say what the folder holds when it does not.
    fn check_folder(dir: &Path) -> Result<()> {
        let state = health::folder_state(dir).map_err(|e| IndexError::Io { path: dir.to_path_buf(), reason: e.to_string() })?;
        match state {
            FolderState::Index => Ok(()),
            FolderState::Empty => Err(IndexError::Missing(dir.to_path_buf())),
            FolderState::IndexWithoutMeta(names) => Err(IndexError::Corrupt {
                path: dir.to_path_buf(),
                reason: format!("meta.json is missing, though the folder holds index files ({}: {})", health::entries(names.len()), health::list_names(&names)),
            }),
            FolderState::Other(names) => Err(IndexError::NotAnIndex {
                path: dir.to_path_buf(),
                what: format!("{}: {}", health::entries(names.len()), health::list_names(&names)),
            }),
        }
    }

    /// Open the index in `dir`, creating the folder and an empty index when the folder is
    /// absent or empty. A folder holding anything else (index files without meta.json, the
    /// user's own files) is left untouched and reported.
    pub fn create_or_open(dir: &Path) -> Result<Self> {
        match Self::check_folder(dir) {
            Ok(()) => return Self::open(dir),
            Err(IndexError::Missing(_)) => {}
            Err(e) => return Err(e),
        }
        std::fs::create_dir_all(dir).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let index = Index::create_in_dir(dir, schema::build()).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            reason: health::describe(&e).1,
        })?;
        health::share_files(dir);
        Self::from_index(dir, index)
    }

    fn from_index(dir: &Path, index: Index) -> Result<Self> {
        schema::register_tokenizers(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|reason| IndexError::Corrupt {
            path: dir.to_path_buf(),
            reason,
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| IndexError::at(dir, e))?;
        Ok(CrossIndex { path: dir.to_path_buf(), index, fields, reader, damaged: Default::default() })
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn fail(&self, e: tantivy::TantivyError) -> IndexError {
        IndexError::at(&self.path, e)
    }

    /// Start writing. Fails with [`IndexError::Locked`] when another process writes.
    pub fn writer(&self) -> Result<Ingester<'_>> {
        // Writing over a damaged index would bury the damage under new commits.
        let damaged = self.index.validate_checksum().map_err(|e| self.fail(e))?;
        if !damaged.is_empty() {
            let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            let what = if names.len() == 1 { format!("file {} fails its checksum", names[0]) } else { format!("{} fail their checksums ({})", health::count(names.len(), "file"), health::list_names(&names)) };
            return Err(IndexError::Corrupt { path: self.path.clone(), reason: what });
        }
        let writer: IndexWriter = self
            .index
            .writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::IoError(io), _) => IndexError::Io {
                    path: self.path.clone(),
                    reason: format!("cannot write here ({io}); reading commands work without write access"),
                },
                tantivy::TantivyError::LockFailure(..) => IndexError::Locked(self.path.clone()),
                e => self.fail(e),
            })?;
        Ok(Ingester {
            ix: self,
            writer,
            seen: HashSet::new(),
            copies: Default::default(),
            pending: 0,
            summary: IngestSummary::default(),
        })
    }

    fn count(&self, q: &dyn Query) -> Result<usize> {
        self.reader.searcher().search(q, &Count).map_err(|e| self.fail(e))
    }

    fn kind_query(&self, kind: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        ))
    }

    pub fn article_count(&self) -> Result<usize> {
        self.count(self.kind_query("article").as_ref())
    }

    pub fn claim_count(&self) -> Result<usize> {
        self.count(self.kind_query("claim").as_ref())
    }

    /// Ranked article search with a snippet per hit, words as written.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.search_with(q, &Spellings::default())
    }

    /// Ranked article search where each word with spelling variants also finds them.
    pub fn search_with(&self, q: &SearchQuery, spellings: &Spellings) -> Result<Vec<SearchHit>> {
        let f = &self.fields;
        let parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        let bad = |reason: String| IndexError::Query { query: q.query.clone(), reason };
        let user = if spellings.is_empty() {
            parser.parse_query(&q.query).map_err(|e| bad(e.to_string()))?
        } else {
            let ast = tantivy::query_grammar::parse_query(&q.query).map_err(|_| bad(format!("{}", tantivy::query::QueryParserError::SyntaxError(q.query.clone()))))?;
            parser.build_query_from_user_input_ast(spellings.expand(ast)).map_err(|e| bad(e.to_string()))?
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, user.box_clone()), (Occur::Must, self.kind_query("article"))];
        if let Some(s) = &q.source {
            clauses.push((Occur::Must, self.source_query(s)));
        }
        if q.since.is_some() || q.until.is_some() {
            use std::ops::Bound::*;
            let lo = q.since.map_or(Unbounded, |d| Included(Term::from_field_i64(f.published, date_key(d))));
            let hi = q.until.map_or(Unbounded, |d| Included(Term::from_field_i64(f.published, date_key(d))));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        // Never more than there are documents: a huge --limit must not allocate for itself.
        let limit = q.limit.clamp(1, (searcher.num_docs() as usize).max(1));
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score()).map_err(|e| self.fail(e))?;
        let mut snippets = SnippetGenerator::create(&searcher, user.as_ref(), f.body).map_err(|e| self.fail(e))?;
        snippets.set_max_num_chars(220);
        let mut hits = Vec::with_capacity(top.len());
        for (rank, (score, addr)) in top.into_iter().enumerate() {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.fail(e))?;
            let snip = snippets.snippet_from_doc(&d);
            hits.push(SearchHit {
                rank: rank + 1,
                score,
                doc: text_of(&d, f.doc).unwrap_or_default(),
                source: text_of(&d, f.source),
                published: text_of(&d, f.published_s).and_then(|s| s.parse().ok()),
                title: text_of(&d, f.title),
                url: text_of(&d, f.url),
                snippet: snip.fragment().replace(['\n', '\r'], " "),
                highlights: snip.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                outlets: f.outlets.and_then(|o| text_of(&d, o)).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default(),
            });
        }
        Ok(hits)
    }

    fn source_query(&self, source: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.source_key, &source.trim().to_lowercase()),
            IndexRecordOption::Basic,
        ))
    }

    fn exact(&self, field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
    }

    /// Stored claims matching the filter, ordered by doc then byte offset.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>> {
        let f = &self.fields;
        // Parsed first, so a bad query fails before anything is loaded.
        let sentence_query = match filter.query.as_deref().filter(|q| !q.trim().is_empty()) {
            Some(q) => Some(sentence_filter::SentenceQuery::parse(q)?),
            None => None,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.kind_query("claim"))];
        if let Some(m) = &filter.metric {
            clauses.push((Occur::Must, self.exact(f.metric, m)));
        }
        if let Some(h) = &filter.holder {
            clauses.push((Occur::Must, self.exact(f.holder_key, &h.to_lowercase())));
        }
        if let Some(u) = &filter.unit {
            clauses.push((Occur::Must, self.exact(f.unit, u)));
        }
        if let Some(s) = &filter.source {
            clauses.push((Occur::Must, self.source_query(s)));
        }
        let searcher = self.reader.searcher();
        let mut addrs: Vec<DocAddress> = searcher.search(&BooleanQuery::new(clauses), &DocSetCollector).map_err(|e| self.fail(e))?.into_iter().collect();
        addrs.sort();
        let mut out = self.load_records(&addrs)?;
        if let Some(q) = &sentence_query {
            out = q.keep(out)?;
        }
        out.sort_by(|a, b| a.doc.cmp(&b.doc).then(a.claim.quantity.start.cmp(&b.claim.quantity.start)));
        Ok(out)
    }

    /// The stored records at `addrs`, in that order. Large loads (every claim, for
    /// `discrepancies`) decompress and parse on every core, a chunk at a time.
    fn load_records(&self, addrs: &[DocAddress]) -> Result<Vec<ClaimRecord>> {
        const CHUNK: usize = 1024;
        let searcher = self.reader.searcher();
        let threads = crate::ordered::cores();
        if threads == 1 || addrs.len() <= CHUNK {
            return self.load_chunk(&searcher, addrs);
        }
        let chunks: Vec<&[DocAddress]> = addrs.chunks(CHUNK).collect();
        let mut out = Vec::with_capacity(addrs.len());
        let mut failed = None;
        crate::ordered::map_in_order(chunks.len(), threads, |i| self.load_chunk(&searcher, chunks[i]), |loaded| match loaded {
            Ok(records) => out.extend(records),
            Err(e) => {
                failed.get_or_insert(e);
            }
        });
        match failed {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    fn load_chunk(&self, searcher: &tantivy::Searcher, addrs: &[DocAddress]) -> Result<Vec<ClaimRecord>> {
        let mut out = Vec::with_capacity(addrs.len());
        for &addr in addrs {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.fail(e))?;
            let doc = text_of(&d, self.fields.doc).unwrap_or_default();
            match text_of(&d, self.fields.record).map(|json| serde_json::from_str::<ClaimRecord>(&json)) {
                Some(Ok(rec)) => out.push(rec),
                Some(Err(e)) => self.note_damaged(format!("a claim of {} (segment {}, document {}): {e}", crate::corpus::one_line(&doc), addr.segment_ord, addr.doc_id)),
                None => self.note_damaged(format!("a claim of {} (segment {}, document {}): no stored record", crate::corpus::one_line(&doc), addr.segment_ord, addr.doc_id)),
            }
        }
        Ok(out)
    }

    /// Indexed claims that speak about the same quantity as `claim` (same group key; same
    /// holder or none named), at most `limit`, those nearest to its as-of date first (the
    /// latest first when it has none). Empty when the claim cannot be cross-checked.
    ///
    /// The group key is one indexed term, so a look-up reads one or two posting lists and a
    /// fast field, whatever the size of the index.
    pub fn related(&self, claim: &Claim, limit: usize) -> Result<Vec<ClaimRecord>> {
        let f = &self.fields;
        let Some(key) = claim.group_key() else { return Ok(Vec::new()) };
        let query: Box<dyn Query> = if claim.holder.is_empty() {
            self.exact(f.group, &key)
        } else {
            // Same holder, or one that names none: the holders comparison allows both.
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, self.exact(f.group_holder, &schema::group_holder(&key, &claim.holder))),
                (Occur::Should, self.exact(f.group_holder, &schema::group_holder(&key, ""))),
            ]))
        };
        let target = claim.as_of.and_then(schema::day_number);
        let ranking = TopDocs::with_limit(limit.max(1)).tweak_score(move |segment: &tantivy::SegmentReader| {
            let days = segment.fast_fields().i64("as_of").ok();
            move |doc: tantivy::DocId, _score: tantivy::Score| -> i64 {
                match (days.as_ref().and_then(|c| c.first(doc)), target) {
                    // Undated claims rank after every dated one.
                    (None, _) => i64::MIN,
                    (Some(d), Some(t)) => -(d - t).abs(),
                    (Some(d), None) => d,
                }
            }
        });
        let searcher = self.reader.searcher();
        let top = searcher.search(query.as_ref(), &ranking).map_err(|e| self.fail(e))?;
        let addrs: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
        self.load_records(&addrs)
    }

    /// Every stored claim (for `discrepancies`).
    pub fn all_claims(&self) -> Result<Vec<ClaimRecord>> {
        self.claims(&ClaimFilter::default())
    }

    #[allow(dead_code)]
    fn all_docs(&self) -> Result<usize> {
        self.count(&AllQuery)
    }
}

pub(crate) fn text_of(d: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    d.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

#[cfg(test)]
mod tests;
