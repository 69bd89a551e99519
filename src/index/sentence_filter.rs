//! `claims QUERY`: keep the claims whose sentence matches a tantivy query.
//!
//! Claim sentences are not indexed on disk: every claim would index its sentence again
//! (articles hold several claims per sentence), and that was a third of the indexing thread's
//! work at ingest. A query instead runs over an in-memory index of the sentences of the claims
//! the other filters kept, with the same tokenizer (lowercased words, no stemming) and the same
//! query syntax the on-disk field had.

use super::{ClaimRecord, IndexError, Result};
use tantivy::collector::DocSetCollector;
use tantivy::query::{Query, QueryParser};
use tantivy::schema::{Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, FAST};
use tantivy::Index;

/// A parsed sentence query, ready to filter records.
pub struct SentenceQuery {
    index: Index,
    sentence: Field,
    ordinal: Field,
    query: Box<dyn Query>,
}

impl SentenceQuery {
    /// Parse `q`; a syntax error is [`IndexError::Query`].
    pub fn parse(q: &str) -> Result<Self> {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer("default").set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let sentence = b.add_text_field("sentence", text);
        let ordinal = b.add_u64_field("ordinal", FAST);
        let index = Index::create_in_ram(b.build());
        let query = QueryParser::for_index(&index, vec![sentence])
            .parse_query(q)
            .map_err(|e| IndexError::Query { query: q.to_string(), reason: e.to_string() })?;
        Ok(SentenceQuery { index, sentence, ordinal, query })
    }

    /// The records whose sentence matches, in their given order.
    pub fn keep(&self, records: Vec<ClaimRecord>) -> Result<Vec<ClaimRecord>> {
        if records.is_empty() {
            return Ok(records);
        }
        let mut w: tantivy::IndexWriter = self.index.writer_with_num_threads(1, 50_000_000)?;
        for (i, r) in records.iter().enumerate() {
            let mut d = TantivyDocument::default();
            d.add_text(self.sentence, &r.claim.sentence);
            d.add_u64(self.ordinal, i as u64);
            w.add_document(d)?;
        }
        w.commit()?;
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let columns = searcher.segment_readers().iter().map(|s| s.fast_fields().u64("ordinal")).collect::<tantivy::Result<Vec<_>>>()?;
        let mut hit = vec![false; records.len()];
        for addr in searcher.search(self.query.as_ref(), &DocSetCollector)? {
            let Some(column) = columns.get(addr.segment_ord as usize) else { continue };
            if let Some(i) = column.first(addr.doc_id) {
                if let Some(h) = hit.get_mut(i as usize) {
                    *h = true;
                }
            }
        }
        Ok(records.into_iter().zip(hit).filter_map(|(r, h)| h.then_some(r)).collect())
    }
}
