//! Writing: articles and their claims added, syndicated copies recorded as outlets, files
//! pruned, all committed together.

use super::{health, schema, text_of, ClaimRecord, CrossIndex, IngestStatus, IngestSummary, Outlet, Result, COMMIT_EVERY};
use crate::corpus::Article;
use crate::extract::Claim;
use jiff::civil::Date;
use std::collections::HashSet;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::{DocAddress, IndexWriter, Term};

/// An open writer. Articles go in with [`Ingester::add`]; nothing is visible until
/// [`Ingester::commit`].
pub struct Ingester<'a> {
    pub(super) ix: &'a CrossIndex,
    pub(super) writer: IndexWriter,
    /// Article ids added in this run (the reader does not see uncommitted work).
    pub(super) seen: HashSet<String>,
    /// Copies of indexed articles from other outlets, by article id: recorded as outlets of
    /// that article right after the next commit (when the article can be read back).
    pub(super) copies: std::collections::BTreeMap<String, Vec<Outlet>>,
    pub(super) pending: usize,
    pub(super) summary: IngestSummary,
}

impl Ingester<'_> {
    /// Add one article with its claims (spans relative to `article.text`).
    pub fn add(&mut self, article: &Article, claims: Vec<Claim>) -> Result<IngestStatus> {
        let f = &self.ix.fields;
        let key = format!("{}\u{1f}{}", article.doc, article.id);
        let key_q = TermQuery::new(Term::from_field_text(f.key, &key), IndexRecordOption::Basic);
        if self.ix.count(&key_q)? > 0 {
            self.summary.unchanged += 1;
            return Ok(IngestStatus::Unchanged);
        }
        // The same content under another path is one article, not two; but when another
        // outlet (or the same one on another day) ran it, that outlet is kept with it.
        let copy = || Outlet { source: article.source.clone(), published: article.published, doc: article.doc.clone() };
        if self.seen.contains(&article.id) {
            self.copies.entry(article.id.clone()).or_default().push(copy());
            return Ok(IngestStatus::Unchanged);
        }
        let doc_term = Term::from_field_text(f.doc, &article.doc);
        let existed = self.ix.count(&TermQuery::new(doc_term.clone(), IndexRecordOption::Basic))? > 0;
        if !existed {
            let id_q = TermQuery::new(Term::from_field_text(f.id, &article.id), IndexRecordOption::Basic);
            if self.ix.count(&id_q)? > 0 {
                self.copies.entry(article.id.clone()).or_default().push(copy());
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

    /// Delete the committed articles (and their claims) whose doc `gone` says is gone;
    /// returns how many. Part of this run's commit.
    pub fn prune(&mut self, mut gone: impl FnMut(&str) -> bool) -> Result<usize> {
        let f = self.ix.fields;
        let searcher = self.ix.reader.searcher();
        let addrs = searcher.search(self.ix.kind_query("article").as_ref(), &DocSetCollector).map_err(|e| self.ix.fail(e))?;
        let mut docs: Vec<String> = Vec::new();
        for addr in addrs {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| self.ix.fail(e))?;
            if let Some(doc) = text_of(&d, f.doc) {
                docs.push(doc);
            }
        }
        docs.sort();
        docs.dedup();
        let mut n = 0;
        for doc in docs.iter().filter(|d| gone(d)) {
            self.writer.delete_term(Term::from_field_text(f.doc, doc));
            n += 1;
        }
        Ok(n)
    }

    /// Count an input that could not be loaded.
    pub fn skipped(&mut self, n: usize) {
        self.summary.skipped += n;
    }

    fn commit_batch(&mut self) -> Result<()> {
        self.writer.commit().map_err(|e| self.ix.fail(e))?;
        self.ix.reader.reload().map_err(|e| self.ix.fail(e))?;
        if !self.copies.is_empty() && self.record_copies()? {
            self.writer.commit().map_err(|e| self.ix.fail(e))?;
            self.ix.reader.reload().map_err(|e| self.ix.fail(e))?;
        }
        health::share_files(&self.ix.path);
        self.pending = 0;
        Ok(())
    }

    /// Add the outlets of queued copies to their (committed) articles: the article and its
    /// claims are written again with the longer outlet list. True when anything changed.
    fn record_copies(&mut self) -> Result<bool> {
        let ix = self.ix;
        let f = ix.fields;
        let searcher = ix.reader.searcher();
        let mut changed = false;
        for (id, copies) in std::mem::take(&mut self.copies) {
            let id_q = TermQuery::new(Term::from_field_text(f.id, &id), IndexRecordOption::Basic);
            let top = searcher.search(&id_q, &TopDocs::with_limit(1).order_by_score()).map_err(|e| ix.fail(e))?;
            let Some(&(_, addr)) = top.first() else {
                self.summary.unchanged += copies.len();
                continue;
            };
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| ix.fail(e))?;
            let doc = text_of(&d, f.doc).unwrap_or_default();
            let published = text_of(&d, f.published_s).and_then(|s| s.parse::<Date>().ok());
            let primary = Outlet { source: text_of(&d, f.source), published, doc: doc.clone() };
            let mut outlets: Vec<Outlet> = f
                .outlets
                .and_then(|o| text_of(&d, o))
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_else(|| vec![primary.clone()]);
            let before = outlets.len();
            for c in copies {
                if outlets.iter().any(|o| o.same_as(&c)) {
                    self.summary.unchanged += 1;
                } else {
                    outlets.push(c);
                    self.summary.copies += 1;
                }
            }
            if outlets.len() == before {
                continue;
            }
            let doc_term = Term::from_field_text(f.doc, &doc);
            let claims_q = BooleanQuery::new(vec![
                (Occur::Must, Box::new(TermQuery::new(doc_term.clone(), IndexRecordOption::Basic)) as Box<dyn Query>),
                (Occur::Must, ix.kind_query("claim")),
            ]);
            let mut addrs: Vec<DocAddress> = searcher.search(&claims_q, &DocSetCollector).map_err(|e| ix.fail(e))?.into_iter().collect();
            addrs.sort();
            let records = ix.load_records(&addrs)?;
            let article = Article {
                id: id.clone(),
                doc: doc.clone(),
                title: text_of(&d, f.title),
                source: primary.source.clone(),
                published,
                url: text_of(&d, f.url),
                text: text_of(&d, f.body).unwrap_or_default(),
                offsets: crate::corpus::OffsetMap::identity(0),
            };
            self.writer.delete_term(doc_term);
            let key = format!("{doc}\u{1f}{id}");
            self.writer.add_document(schema::article_doc_with_outlets(&f, &article, &key, &outlets)).map_err(|e| ix.fail(e))?;
            for mut r in records {
                r.outlets = outlets.clone();
                self.writer.add_document(schema::claim_doc(&f, &r)).map_err(|e| ix.fail(e))?;
            }
            changed = true;
        }
        Ok(changed)
    }

    /// Make everything added visible, atomically, and wait for merges.
    pub fn commit(mut self) -> Result<IngestSummary> {
        self.commit_batch()?;
        let ix = self.ix;
        self.writer.wait_merging_threads().map_err(|e| ix.fail(e))?;
        ix.reader.reload().map_err(|e| ix.fail(e))?;
        health::share_files(&ix.path);
        Ok(self.summary)
    }
}

