//! The tantivy index on disk: one document per article and one per claim, written by one
//! writer and committed together, so an interrupted ingest leaves the last commit intact and
//! never an article without its claims.
//!
//! Idempotence: an article's id is a hash of its content. Re-ingesting the same file finds the
//! same (doc, id) pair and adds nothing; a changed file has a new id under the same doc, so its
//! old article and claim documents are deleted and the new version added in the same commit.

mod listing;
mod schema;
mod scan_dir;
mod sentence_filter;

use crate::corpus::Article;
use crate::extract::Claim;
use jiff::civil::Date;
use schema::Fields;
use serde::{Deserialize, Serialize};
pub use listing::StoredArticle;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// A claim as stored, joined with what is known of its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub claim: Claim,
    /// The article's `doc` (path as given at ingest).
    pub doc: String,
    pub article_id: String,
    pub source: Option<String>,
    pub published: Option<Date>,
}

impl ClaimRecord {
    /// Join a claim with its article, mapping the claim's spans from text offsets to file
    /// byte offsets.
    pub fn from_article(article: &Article, mut claim: Claim) -> Self {
        let map = &article.offsets;
        claim.quantity.start = map.to_file(claim.quantity.start);
        claim.quantity.end = map.to_file(claim.quantity.end);
        claim.sentence_start = map.to_file(claim.sentence_start);
        claim.sentence_end = map.to_file(claim.sentence_end);
        ClaimRecord {
            claim,
            doc: article.doc.clone(),
            article_id: article.id.clone(),
            source: article.source.clone(),
            published: article.published,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {0}: run `crosscheck ingest` first")]
    Missing(PathBuf),
    #[error("index at {0} is locked by another crosscheck process")]
    Locked(PathBuf),
    #[error("index at {path} cannot be opened ({reason}); remove the folder and run `crosscheck ingest` again")]
    Corrupt { path: PathBuf, reason: String },
    #[error("index at {path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("invalid query {query:?}: {reason}")]
    Query { query: String, reason: String },
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
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
    /// Snippet text, and the byte ranges of matched words in it.
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
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
}

fn date_key(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

impl CrossIndex {
    /// Open an existing index for reading.
    pub fn open(dir: &Path) -> Result<Self> {
        if !dir.join("meta.json").exists() {
            return Err(IndexError::Missing(dir.to_path_buf()));
        }
        let index = Index::open_in_dir(dir).map_err(|e| IndexError::Corrupt {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        Self::from_index(dir, index)
    }

    /// Open an existing index for one pass over every stored claim (`discrepancies`): the
    /// document stores are read block by block instead of mapped (see [`scan_dir`]), so the
    /// memory in use is the claims loaded, not the whole store as well.
    pub fn open_scan(dir: &Path) -> Result<Self> {
        if !dir.join("meta.json").exists() {
            return Err(IndexError::Missing(dir.to_path_buf()));
        }
        let corrupt = |reason: String| IndexError::Corrupt { path: dir.to_path_buf(), reason };
        let directory = scan_dir::ScanDirectory::open(dir).map_err(corrupt)?;
        let index = Index::open(directory).map_err(|e| corrupt(e.to_string()))?;
        Self::from_index(dir, index)
    }

    /// Open the index in `dir`, creating the folder and an empty index when absent.
    pub fn create_or_open(dir: &Path) -> Result<Self> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let index = Index::create_in_dir(dir, schema::build()).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
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
            .map_err(|e: tantivy::TantivyError| IndexError::Corrupt {
                path: dir.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(CrossIndex { path: dir.to_path_buf(), index, fields, reader })
    }

    /// Start writing. Fails with [`IndexError::Locked`] when another process writes.
    pub fn writer(&self) -> Result<Ingester<'_>> {
        let writer: IndexWriter = self
            .index
            .writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => IndexError::Locked(self.path.clone()),
                other => IndexError::Tantivy(other),
            })?;
        Ok(Ingester {
            ix: self,
            writer,
            seen: HashSet::new(),
            pending: 0,
            summary: IngestSummary::default(),
        })
    }

    fn count(&self, q: &dyn Query) -> Result<usize> {
        Ok(self.reader.searcher().search(q, &Count)?)
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

    /// Ranked article search with a snippet per hit.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let f = &self.fields;
        let parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        let user = parser.parse_query(&q.query).map_err(|e| IndexError::Query {
            query: q.query.clone(),
            reason: e.to_string(),
        })?;
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
        let top = searcher.search(&query, &TopDocs::with_limit(q.limit.max(1)).order_by_score())?;
        let mut snippets = SnippetGenerator::create(&searcher, user.as_ref(), f.body)?;
        snippets.set_max_num_chars(220);
        let mut hits = Vec::with_capacity(top.len());
        for (rank, (score, addr)) in top.into_iter().enumerate() {
            let d: TantivyDocument = searcher.doc(addr)?;
            let snip = snippets.snippet_from_doc(&d);
            hits.push(SearchHit {
                rank: rank + 1,
                score,
                doc: text_of(&d, f.doc).unwrap_or_default(),
                source: text_of(&d, f.source),
                published: text_of(&d, f.published_s).and_then(|s| s.parse().ok()),
                title: text_of(&d, f.title),
                snippet: snip.fragment().replace(['\n', '\r'], " "),
                highlights: snip.highlighted().iter().map(|r| (r.start, r.end)).collect(),
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
        let mut addrs: Vec<DocAddress> = searcher.search(&BooleanQuery::new(clauses), &DocSetCollector)?.into_iter().collect();
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
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(json) = text_of(&d, self.fields.record) {
                if let Ok(rec) = serde_json::from_str::<ClaimRecord>(&json) {
                    out.push(rec);
                }
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
        let top = searcher.search(query.as_ref(), &ranking)?;
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

fn text_of(d: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    d.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

/// An open writer. Articles go in with [`Ingester::add`]; nothing is visible until
/// [`Ingester::commit`].
pub struct Ingester<'a> {
    ix: &'a CrossIndex,
    writer: IndexWriter,
    /// Article ids added in this run (the reader does not see uncommitted work).
    seen: HashSet<String>,
    pending: usize,
    summary: IngestSummary,
}

impl Ingester<'_> {
    /// Add one article with its claims (spans relative to `article.text`).
    pub fn add(&mut self, article: &Article, claims: Vec<Claim>) -> Result<IngestStatus> {
        let f = &self.ix.fields;
        let key = format!("{}\u{1f}{}", article.doc, article.id);
        let key_q = TermQuery::new(Term::from_field_text(f.key, &key), IndexRecordOption::Basic);
        if self.seen.contains(&article.id) || self.ix.count(&key_q)? > 0 {
            self.summary.unchanged += 1;
            return Ok(IngestStatus::Unchanged);
        }
        let doc_term = Term::from_field_text(f.doc, &article.doc);
        let existed = self.ix.count(&TermQuery::new(doc_term.clone(), IndexRecordOption::Basic))? > 0;
        if !existed {
            // The same content under another path is one article, not two.
            let id_q = TermQuery::new(Term::from_field_text(f.id, &article.id), IndexRecordOption::Basic);
            if self.ix.count(&id_q)? > 0 {
                self.summary.unchanged += 1;
                return Ok(IngestStatus::Unchanged);
            }
        } else {
            self.writer.delete_term(doc_term);
        }
        self.seen.insert(article.id.clone());
        self.writer.add_document(schema::article_doc(f, article, &key))?;
        for claim in claims {
            let rec = ClaimRecord::from_article(article, claim);
            self.writer.add_document(schema::claim_doc(f, &rec))?;
            self.summary.claims += 1;
        }
        self.pending += 1;
        if self.pending >= COMMIT_EVERY {
            self.commit_batch()?;
        }
        let status = if existed { IngestStatus::Updated } else { IngestStatus::Added };
        match status {
            IngestStatus::Added => self.summary.added += 1,
            IngestStatus::Updated => self.summary.updated += 1,
            IngestStatus::Unchanged => {}
        }
        Ok(status)
    }

    /// Count an input that could not be loaded.
    pub fn skipped(&mut self, n: usize) {
        self.summary.skipped += n;
    }

    fn commit_batch(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.ix.reader.reload()?;
        self.pending = 0;
        Ok(())
    }

    /// Make everything added visible, atomically, and wait for merges.
    pub fn commit(mut self) -> Result<IngestSummary> {
        self.commit_batch()?;
        self.writer.wait_merging_threads()?;
        self.ix.reader.reload()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests;
