//! The index schema, declared once, and the conversion of articles and claims to documents.

use super::{date_key, ClaimRecord};
use crate::corpus::Article;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TantivyDocument, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::Index;

/// Field handles, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// "article" or "claim".
    pub kind: Field,
    /// Article content id (article documents only; claims carry it in their record).
    pub id: Field,
    /// The article's doc (path as given); shared by an article and its claims, so one
    /// delete_term removes both.
    pub doc: Field,
    /// doc + id: an exact "this version is already indexed" check.
    pub key: Field,
    pub source: Field,
    pub source_key: Field,
    pub published: Field,
    pub published_s: Field,
    pub title: Field,
    pub body: Field,
    pub url: Field,
    pub metric: Field,
    pub holder_key: Field,
    pub unit: Field,
    pub value: Field,
    /// The claim's group key ([`Claim::group_key`](crate::extract::Claim::group_key)).
    pub group: Field,
    /// group key + "|" + lowercased holder: "same quantity, this holder or none" is two terms.
    pub group_holder: Field,
    /// The as-of date as a day number (days since 1970-01-01), for nearest-in-time ranking.
    pub as_of: Field,
    /// The full ClaimRecord as JSON.
    pub record: Field,
    /// Every outlet that carried an article's text, as JSON (articles only; absent from
    /// indexes made before outlets were kept).
    pub outlets: Option<Field>,
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    let text_stored = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("en_stem").set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("kind", STRING);
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("doc", STRING | STORED);
    b.add_text_field("key", STRING);
    b.add_text_field("source", STORED);
    b.add_text_field("source_key", STRING);
    b.add_i64_field("published", INDEXED | FAST);
    b.add_text_field("published_s", STORED);
    b.add_text_field("title", text_stored.clone());
    b.add_text_field("body", text_stored);
    b.add_text_field("url", STORED);
    b.add_text_field("metric", STRING);
    b.add_text_field("holder_key", STRING);
    b.add_text_field("unit", STRING);
    b.add_f64_field("value", FAST);
    b.add_text_field("group", STRING);
    b.add_text_field("group_holder", STRING);
    b.add_i64_field("as_of", FAST);
    b.add_text_field("record", STORED);
    b.add_text_field("outlets", STORED);
    b.build()
}

/// The English stemming tokenizer is registered by tantivy by default as `en_stem`; nothing
/// custom is needed today, but every open goes through here so a future tokenizer is set
/// in one place.
pub fn register_tokenizers(_index: &Index) {}

impl Fields {
    pub fn from_schema(s: &Schema) -> Result<Fields, String> {
        let get = |name: &str| s.get_field(name).map_err(|_| format!("field {name:?} missing from the index schema"));
        Ok(Fields {
            kind: get("kind")?,
            id: get("id")?,
            doc: get("doc")?,
            key: get("key")?,
            source: get("source")?,
            source_key: get("source_key")?,
            published: get("published")?,
            published_s: get("published_s")?,
            title: get("title")?,
            body: get("body")?,
            url: get("url")?,
            metric: get("metric")?,
            holder_key: get("holder_key")?,
            unit: get("unit")?,
            value: get("value")?,
            group: get("group").map_err(|_| "made by an older crosscheck (no claim groups)".to_string())?,
            group_holder: get("group_holder")?,
            as_of: get("as_of")?,
            record: get("record")?,
            outlets: s.get_field("outlets").ok(),
        })
    }
}

/// An article document that also lists every outlet that carried the same text: each one's
/// outlet is searchable (`--source`).
pub fn article_doc_with_outlets(f: &Fields, a: &Article, key: &str, outlets: &[super::Outlet]) -> TantivyDocument {
    let mut d = article_doc(f, a, key);
    add_outlets(f, &mut d, a.source.as_deref(), outlets);
    if let (Some(field), false) = (f.outlets, outlets.is_empty()) {
        if let Ok(json) = serde_json::to_string(outlets) {
            d.add_text(field, json);
        }
    }
    d
}

/// The source_key terms of outlets other than the primary one.
fn add_outlets(f: &Fields, d: &mut TantivyDocument, primary: Option<&str>, outlets: &[super::Outlet]) {
    let primary = primary.map(|s| s.trim().to_lowercase());
    let mut keys: Vec<String> = outlets.iter().filter_map(|o| o.source.as_deref()).map(|s| s.trim().to_lowercase()).filter(|k| Some(k) != primary.as_ref()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        d.add_text(f.source_key, k);
    }
}

pub fn article_doc(f: &Fields, a: &Article, key: &str) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, "article");
    d.add_text(f.id, &a.id);
    d.add_text(f.doc, &a.doc);
    d.add_text(f.key, key);
    if let Some(s) = &a.source {
        d.add_text(f.source, s);
        d.add_text(f.source_key, s.trim().to_lowercase());
    }
    if let Some(p) = a.published {
        d.add_i64(f.published, date_key(p));
        d.add_text(f.published_s, p.to_string());
    }
    if let Some(t) = &a.title {
        d.add_text(f.title, t);
    }
    d.add_text(f.body, &a.text);
    if let Some(u) = &a.url {
        d.add_text(f.url, u);
    }
    d
}

pub fn claim_doc(f: &Fields, r: &ClaimRecord) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, "claim");
    d.add_text(f.doc, &r.doc);
    if let Some(s) = &r.source {
        d.add_text(f.source_key, s.trim().to_lowercase());
    }
    add_outlets(f, &mut d, r.source.as_deref(), &r.outlets);
    d.add_text(f.metric, &r.claim.metric);
    d.add_text(f.holder_key, r.claim.holder.to_lowercase());
    d.add_text(f.unit, &r.claim.quantity.unit);
    if let Some(v) = r.claim.quantity.value {
        d.add_f64(f.value, v);
    }
    if let Some(key) = r.claim.group_key() {
        d.add_text(f.group_holder, group_holder(&key, &r.claim.holder));
        d.add_text(f.group, key);
    }
    if let Some(day) = r.claim.as_of.and_then(day_number) {
        d.add_i64(f.as_of, day);
    }
    if let Ok(json) = serde_json::to_string(r) {
        d.add_text(f.record, json);
    }
    d
}

/// The `group_holder` term of a group key and a holder.
pub fn group_holder(key: &str, holder: &str) -> String {
    format!("{key}|{}", holder.to_lowercase())
}

/// Days since 1970-01-01 (negative before), or None outside jiff's range.
pub fn day_number(d: jiff::civil::Date) -> Option<i64> {
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch.until(d).ok().map(|span| i64::from(span.get_days()))
}
