//! Whole-index listings for export and for resolving filters: every stored article, and the
//! outlets the index knows.

use super::{text_of, CrossIndex, Result};
use jiff::civil::Date;
use tantivy::collector::DocSetCollector;
use tantivy::schema::TantivyDocument;
use tantivy::DocAddress;

/// An article as stored: what a search cluster needs to index it again.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    /// Content hash (the same id `ingest` gives it).
    pub id: String,
    /// The path as given at ingest.
    pub doc: String,
    pub source: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The article's text (what the claims' sentences come from).
    pub body: String,
}

impl CrossIndex {
    /// Every stored article, in (doc, id) order, handed to `each` one at a time (bodies are not
    /// all held in memory). Stops at the first error `each` returns.
    pub fn for_each_article<E: From<super::IndexError>>(&self, mut each: impl FnMut(StoredArticle) -> std::result::Result<(), E>) -> std::result::Result<usize, E> {
        let searcher = self.reader.searcher();
        let mut addrs: Vec<DocAddress> = searcher
            .search(self.kind_query("article").as_ref(), &DocSetCollector)
            .map_err(|e| E::from(e.into()))?
            .into_iter()
            .collect();
        // Sort by doc so the output does not depend on segment layout.
        let f = &self.fields;
        let mut keyed = Vec::with_capacity(addrs.len());
        for addr in addrs.drain(..) {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| E::from(e.into()))?;
            keyed.push((text_of(&d, f.doc).unwrap_or_default(), text_of(&d, f.id).unwrap_or_default(), addr));
        }
        keyed.sort();
        let n = keyed.len();
        for (doc, id, addr) in keyed {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| E::from(e.into()))?;
            each(StoredArticle {
                id,
                doc,
                source: text_of(&d, f.source),
                published: text_of(&d, f.published_s).and_then(|s| s.parse().ok()),
                url: text_of(&d, f.url),
                title: text_of(&d, f.title),
                body: text_of(&d, f.body).unwrap_or_default(),
            })?;
        }
        Ok(n)
    }

    /// The outlets of the indexed articles, as their lowercase filter keys, sorted.
    pub fn source_keys(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut keys = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.source_key)?;
            let mut terms = inverted.terms().stream().map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                keys.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(keys.into_iter().collect())
    }
}
