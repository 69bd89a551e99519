//! Spelling variants in queries: "Kiev" also finds "Kyiv", "Zelenskiy" finds "Zelensky".
//!
//! The groups come from the lexicon (`spellings` of places and people), so the vocabulary
//! stays data. The user's query is parsed by tantivy's grammar and rewritten leaf by leaf: a
//! word with variants becomes (word OR variant ...), a quoted phrase becomes the phrase OR the
//! phrase with each variant in place. Everything else (fields, AND/OR/-, ranges, prefixes) is
//! kept as written.

use std::collections::HashMap;
use tantivy::query_grammar::{Delimiter, Occur, UserInputAst, UserInputLeaf, UserInputLiteral};

/// Spelling groups indexed by lowercase spelling.
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    by_word: HashMap<String, Vec<String>>,
}

/// At most this many rewritten forms of one phrase (a phrase with several variant words).
const MAX_FORMS: usize = 16;

impl Spellings {
    /// From groups of spellings of one name; a spelling in two groups gets both.
    pub fn from_groups(groups: &[Vec<String>]) -> Self {
        let mut by_word: HashMap<String, Vec<String>> = HashMap::new();
        for g in groups {
            for w in g {
                let all = by_word.entry(w.to_lowercase()).or_default();
                for v in g {
                    if !all.iter().any(|x| x.eq_ignore_ascii_case(v)) {
                        all.push(v.clone());
                    }
                }
            }
        }
        Spellings { by_word }
    }

    pub fn is_empty(&self) -> bool {
        self.by_word.is_empty()
    }

    /// Every spelling of `word`'s group (itself first), or None.
    fn variants(&self, word: &str) -> Option<&Vec<String>> {
        self.by_word.get(&word.to_lowercase())
    }

    /// The query with every variant spelled out.
    pub fn expand(&self, ast: UserInputAst) -> UserInputAst {
        if self.is_empty() {
            return ast;
        }
        match ast {
            UserInputAst::Clause(items) => UserInputAst::Clause(items.into_iter().map(|(o, a)| (o, self.expand(a))).collect()),
            UserInputAst::Boost(inner, b) => UserInputAst::Boost(Box::new(self.expand(*inner)), b),
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(lit) => self.literal(lit),
                other => UserInputAst::Leaf(Box::new(other)),
            },
        }
    }

    fn literal(&self, lit: UserInputLiteral) -> UserInputAst {
        if lit.prefix {
            return UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit)));
        }
        let forms = self.forms(&lit.phrase);
        if forms.len() <= 1 {
            return UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit)));
        }
        let alternatives = forms
            .into_iter()
            .map(|phrase| {
                // A one-word query whose variant has two words becomes a phrase.
                let delimiter = if lit.delimiter == Delimiter::None && phrase.contains(char::is_whitespace) { Delimiter::DoubleQuotes } else { lit.delimiter };
                let leaf = UserInputLiteral { phrase, delimiter, ..lit.clone() };
                (Some(Occur::Should), UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(leaf))))
            })
            .collect();
        UserInputAst::Clause(alternatives)
    }

    /// The phrase as written first, then with variants in place of its words. A word is the
    /// run of letters at its start ("Kiev's" -> "Kiev"), which is what the tokenizer indexes.
    fn forms(&self, phrase: &str) -> Vec<String> {
        if let Some(whole) = self.variants(phrase.trim()) {
            return std::iter::once(phrase.to_string()).chain(whole.iter().filter(|v| !v.eq_ignore_ascii_case(phrase.trim())).cloned()).collect();
        }
        let mut forms = vec![String::new()];
        for (i, word) in phrase.split(' ').enumerate() {
            let end = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
            let (stem, rest) = word.split_at(end);
            let options: Vec<String> = match self.variants(stem).filter(|_| !stem.is_empty()) {
                Some(vs) => std::iter::once(stem.to_string()).chain(vs.iter().filter(|v| !v.eq_ignore_ascii_case(stem)).cloned()).map(|v| format!("{v}{rest}")).collect(),
                None => vec![word.to_string()],
            };
            let mut next = Vec::with_capacity(forms.len() * options.len());
            for f in &forms {
                for o in &options {
                    if next.len() < MAX_FORMS {
                        next.push(if i == 0 { o.clone() } else { format!("{f} {o}") });
                    }
                }
            }
            forms = next;
        }
        forms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp() -> Spellings {
        Spellings::from_groups(&[vec!["Kyiv".into(), "Kiev".into()], vec!["Zelensky".into(), "Zelenskyy".into(), "Zelenskiy".into()]])
    }

    #[test]
    fn words_and_phrases_get_their_variants() {
        let s = sp();
        assert_eq!(s.forms("Kiev"), vec!["Kiev", "Kyiv"]);
        assert_eq!(s.forms("kiev's"), vec!["kiev's", "Kyiv's"]);
        assert_eq!(s.forms("President Zelenskiy said"), vec!["President Zelenskiy said", "President Zelensky said", "President Zelenskyy said"]);
        assert_eq!(s.forms("Geneva"), vec!["Geneva"]);
        let many = "Kiev Kiev Kiev Kiev Kiev Kiev";
        assert!(s.forms(many).len() <= MAX_FORMS, "bounded on any query");
    }

    #[test]
    fn the_rewritten_query_keeps_its_structure() {
        let s = sp();
        let ast = tantivy::query_grammar::parse_query("title:Kiev AND -Zelenskiy talks*").unwrap();
        let out = format!("{:?}", s.expand(ast));
        assert!(out.contains("Kyiv") && out.contains("Zelensky") && out.contains("talks*"), "{out}");
        assert!(out.contains("\"title\":Kyiv"), "the field stays: {out}");
        let none = Spellings::default();
        let ast = tantivy::query_grammar::parse_query("Kiev").unwrap();
        assert_eq!(format!("{:?}", none.expand(ast.clone())), format!("{ast:?}"));
    }
}
