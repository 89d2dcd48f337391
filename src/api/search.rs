//! Full-text search over every text of the corpus, built in memory at start-up.
//!
//! One document per text-bearing entity (edition, motion, part, section, item, footnote, theme).
//! French-aware: words are lower-cased, stripped of French stop words, folded to ASCII and
//! stemmed, on the way in and on the query, so `donnee` finds « données » and `ecologique` finds
//! « écologique ». Ranked by BM25; each hit gets a highlighted snippet.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::indexer::UserOperation;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};
use tantivy::{
    DocId, Index, IndexReader, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term, doc,
};

use crate::corpus::Corpus;
use crate::corpus::parallel::in_chunks;

/// The kinds of resources the index holds, as entity names (the same as in IRIs).
pub const KINDS: [&str; 7] = [
    "congress", "motion", "part", "section", "item", "footnote", "theme",
];

const ANALYZER: &str = "fr";
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

#[derive(Clone, Copy)]
struct Fields {
    /// Position of the document in the order of indexing (a fast field), the index of
    /// `SearchIndex::positions`.
    unit: Field,
    kind: Field,
    id: Field,
    congress: Field,
    label: Field,
    url_path: Field,
    title: Field,
    text: Field,
}

/// The search index and its reader; cheap to share (the reader is reference-counted).
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The position of each document in its corpus list (`corpus.items` for an item…), by its
    /// `unit` fast field: `units` walks every list in order.
    positions: Vec<u32>,
}

/// A resource found, with what a client needs to show and follow it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: String,
    pub id: String,
    pub congress: Option<String>,
    pub label: String,
    pub score: f32,
    /// HTML: matched words in `<mark>`, everything else escaped.
    pub snippet: String,
    /// API path of the resource that shows the hit.
    pub url_path: String,
}

/// A query and how many documents match it; hits are ranked and materialised page by page
/// ([`SearchIndex::hits`]).
///
/// Performance (see BENCHMARKS.md): every match used to be collected and sorted for each
/// request, and the ids of `?q=` filters read from the document store: 25 ms for
/// `items?q=donnees` and 0.7 ms for a page of `/search` at ×1000. Now a count, then the best
/// `page × page_size` only (tantivy breaks ties by document order, as the sort did), and ids
/// from a fast field.
pub struct Ranked {
    query: Box<dyn Query>,
    total: usize,
}

impl Ranked {
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

fn analyzer() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser);
    // Stop words are removed before folding because the list is accented (« à », « été »).
    // Without this, a query such as « la donnée » would require « la », which every
    // paragraph has, and rank on it.
    match StopWordFilter::new(Language::French) {
        Some(stop_words) => builder
            .filter(stop_words)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::French))
            .build(),
        None => builder
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::French))
            .build(),
    }
}

/// [`analyzer`] with its result memoised per word: every filter of the chain (lower case, stop
/// words, ASCII folding, stemming) maps one word to at most one term, without context, so the
/// term of a word can be computed once and looked up afterwards.
///
/// Performance (see BENCHMARKS.md): the French stemmer was half of the time of building the
/// index at start-up, and 80 % of a search request, because snippets re-analyse the text of
/// every hit. The vocabulary of the corpus is analysed once in [`SearchIndex::build`]; words
/// outside it (in queries) go through the chain as before.
#[derive(Clone)]
struct MemoAnalyzer {
    /// Word as the simple tokenizer cuts it → its term, `None` for a stop word.
    words: Arc<Words>,
    chain: TextAnalyzer,
    simple: SimpleTokenizer,
}

/// Word → term map of [`MemoAnalyzer`]. foldhash rather than SipHash: it is looked up for every
/// word indexed at start-up and for every word of every snippet, with the corpus's own words
/// as keys (queries look up but never insert, so hash flooding cannot grow it).
type Words = HashMap<String, Option<String>, foldhash::fast::RandomState>;

impl MemoAnalyzer {
    /// Memoises the words of `texts`: the distinct words of each chunk of texts, then each
    /// distinct word through the chain, in parallel (on a large corpus this came before
    /// indexing could start, on one core).
    fn new(texts: &[&str]) -> Self {
        let distinct: Vec<HashSet<&str, foldhash::fast::RandomState>> = in_chunks(texts, |chunk| {
            let mut simple = SimpleTokenizer::default();
            let mut words = HashSet::default();
            for &text in chunk {
                let mut stream = simple.token_stream(text);
                while stream.advance() {
                    // The simple tokenizer's words are slices of the text.
                    let token = stream.token();
                    words.insert(&text[token.offset_from..token.offset_to]);
                }
            }
            words
        });
        let mut all: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
        for words in distinct {
            all.extend(words);
        }
        let all: Vec<&str> = all.into_iter().collect();
        let mut words = Words::default();
        for terms in in_chunks(&all, |chunk| {
            let mut chain = analyzer();
            chunk
                .iter()
                .map(|&word| (word.to_string(), analyse_word(&mut chain, word)))
                .collect::<Vec<_>>()
        }) {
            words.extend(terms);
        }
        MemoAnalyzer {
            words: Arc::new(words),
            chain: analyzer(),
            simple: SimpleTokenizer::default(),
        }
    }
}

/// The term of one word through the whole chain, `None` if the chain drops it.
fn analyse_word(chain: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = chain.token_stream(word);
    stream.advance().then(|| stream.token().text.clone())
}

impl Tokenizer for MemoAnalyzer {
    type TokenStream<'a> = MemoTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MemoTokenStream<'a> {
        let MemoAnalyzer {
            words,
            chain,
            simple,
        } = self;
        MemoTokenStream {
            words,
            chain,
            words_of_text: simple.token_stream(text),
            token: Token::default(),
        }
    }
}

struct MemoTokenStream<'a> {
    words: &'a Words,
    chain: &'a mut TextAnalyzer,
    words_of_text: <SimpleTokenizer as Tokenizer>::TokenStream<'a>,
    token: Token,
}

impl TokenStream for MemoTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while self.words_of_text.advance() {
            let word = self.words_of_text.token();
            let computed;
            let term = match self.words.get(&word.text) {
                Some(term) => term.as_deref(),
                None => {
                    computed = analyse_word(self.chain, &word.text);
                    computed.as_deref()
                }
            };
            if let Some(term) = term {
                // Offsets and positions are the simple tokenizer's, as in the chain.
                self.token.offset_from = word.offset_from;
                self.token.offset_to = word.offset_to;
                self.token.position = word.position;
                self.token.position_length = word.position_length;
                self.token.text.clear();
                self.token.text.push_str(term);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Collects the `unit` fast field of every matching document.
struct UnitCollector;

struct SegmentUnits {
    column: tantivy::columnar::Column<u64>,
    units: Vec<u64>,
}

impl Collector for UnitCollector {
    type Fruit = Vec<u64>;
    type Child = SegmentUnits;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentUnits> {
        Ok(SegmentUnits {
            column: segment.fast_fields().u64("unit")?,
            units: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentUnits {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.units.extend(self.column.first(doc));
    }

    fn harvest(self) -> Vec<u64> {
        self.units
    }
}

/// One indexed document, before it is handed to tantivy.
struct Unit {
    kind: &'static str,
    id: String,
    congress: Option<String>,
    label: String,
    url_path: String,
    title: String,
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn build(corpus: &Corpus) -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let french = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            unit: schema.add_u64_field("unit", FAST),
            kind: schema.add_text_field("type", STRING | STORED),
            id: schema.add_text_field("id", STRING | STORED),
            congress: schema.add_text_field("congress", STRING | STORED),
            label: schema.add_text_field("label", STORED),
            url_path: schema.add_text_field("url", STORED),
            title: schema.add_text_field("title", french.clone()),
            text: schema.add_text_field("text", french),
        };
        let units = units(corpus);
        let texts: Vec<&str> = units
            .iter()
            .flat_map(|u| {
                std::iter::once(u.title.as_str()).chain(u.texts.iter().map(String::as_str))
            })
            .collect();
        let memo = MemoAnalyzer::new(&texts);
        drop(texts);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register(ANALYZER, TextAnalyzer::builder(memo).build());
        // One thread and one commit: one segment whose document ids follow corpus order, which
        // makes ties between equal scores break the same way on every run.
        // The budget is where tantivy flushes a segment, not memory it takes up front: sized so
        // that even a large corpus is indexed in one segment (no merge at start-up).
        let text_bytes: usize = units
            .iter()
            .map(|u| u.title.len() + u.texts.iter().map(String::len).sum::<usize>())
            .sum();
        let budget = (text_bytes * 8).clamp(15_000_000, 2_000_000_000);
        let mut writer = index.writer_with_num_threads(1, budget)?;
        let mut positions = Vec::with_capacity(units.len());
        let mut next_position: HashMap<&str, u32> = HashMap::new();
        // Documents go to the indexing thread in batches, in order (still one segment, ids in
        // corpus order): one channel message per document woke that thread up for each, and
        // the wake-ups were a sixth of its time at ×1000.
        const BATCH: usize = 256;
        let mut batch = Vec::with_capacity(BATCH);
        for (i, unit) in units.into_iter().enumerate() {
            let position = next_position.entry(unit.kind).or_default();
            positions.push(*position);
            *position += 1;
            let mut document = doc!(
                fields.unit => i as u64,
                fields.kind => unit.kind,
                fields.id => unit.id,
                fields.label => unit.label,
                fields.url_path => unit.url_path,
                fields.title => unit.title,
            );
            if let Some(congress) = unit.congress {
                document.add_text(fields.congress, congress);
            }
            for text in unit.texts {
                document.add_text(fields.text, text);
            }
            batch.push(UserOperation::Add(document));
            if batch.len() == BATCH {
                writer.run(std::mem::take(&mut batch))?;
            }
        }
        writer.run(batch)?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index.reader()?;
        reader.reload()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            positions,
        })
    }

    /// Every document matching `q` (all words, in any form), optionally restricted to one kind
    /// and one edition, best first. Query syntax errors are forgiven: what can be read is used.
    pub fn search(
        &self,
        q: &str,
        kind: Option<&str>,
        congress: Option<&str>,
    ) -> tantivy::Result<Ranked> {
        let mut parser =
            QueryParser::for_index(&self.index, vec![self.fields.title, self.fields.text]);
        parser.set_conjunction_by_default();
        // A word in a title says more about the resource than a word in its body.
        parser.set_field_boost(self.fields.title, 2.0);
        let (user_query, _errors) = parser.parse_query_lenient(q);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user_query)];
        for (field, value) in [(self.fields.kind, kind), (self.fields.congress, congress)] {
            if let Some(value) = value {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, value),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        let total = self.reader.searcher().search(&query, &Count)?;
        Ok(Ranked { query, total })
    }

    /// The positions in their corpus list (`corpus.items` for `"item"`…) of the documents of
    /// one kind matching `q`, in increasing order: the `q` filter of lists, without hashing the
    /// id of every row of the list (which was most of `items?q=` at ×1000).
    pub fn matching_positions(&self, q: &str, kind: &str) -> tantivy::Result<Vec<usize>> {
        let mut positions: Vec<usize> = self
            .matching_units(q, kind)?
            .into_iter()
            .filter_map(|unit| self.positions.get(unit).map(|&p| p as usize))
            .collect();
        positions.sort_unstable();
        Ok(positions)
    }

    /// The `unit` of every document of `kind` matching `q`, read from the fast field while
    /// the query runs (no document store, no set of addresses).
    fn matching_units(&self, q: &str, kind: &str) -> tantivy::Result<Vec<usize>> {
        let ranked = self.search(q, Some(kind), None)?;
        let units = self
            .reader
            .searcher()
            .search(&*ranked.query, &UnitCollector)?;
        Ok(units.into_iter().map(|u| u as usize).collect())
    }

    /// The hits of `range`, with their snippets.
    pub fn hits(&self, ranked: &Ranked, range: Range<usize>) -> tantivy::Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let mut generator = SnippetGenerator::create(&searcher, &*ranked.query, self.fields.text)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::new();
        if range.start >= range.end || range.start >= ranked.total {
            return Ok(hits);
        }
        // The best `range.end`, best first, equal scores in corpus order (document order).
        let best = searcher.search(
            &*ranked.query,
            &TopDocs::with_limit(range.end).order_by_score(),
        )?;
        let end = range.end.min(best.len());
        for (score, address) in best.get(range.start.min(end)..end).unwrap_or_default() {
            let document: TantivyDocument = searcher.doc(*address)?;
            let get = |field: Field| {
                document
                    .get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let mut snippet = generator.snippet_from_doc(&document);
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            let snippet = if snippet.is_empty() {
                // A match on a word the snippet could not place: show the start of the text.
                let start: String = document
                    .get_all(self.fields.text)
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .take(SNIPPET_CHARS)
                    .collect();
                escape_html(&start)
            } else {
                snippet.to_html()
            };
            hits.push(Hit {
                kind: get(self.fields.kind).unwrap_or_default(),
                id: get(self.fields.id).unwrap_or_default(),
                congress: get(self.fields.congress),
                label: get(self.fields.label).unwrap_or_default(),
                score: *score,
                snippet,
                url_path: get(self.fields.url_path).unwrap_or_default(),
            });
        }
        Ok(hits)
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A short label for a text without a title: its first words.
fn first_words(text: &str) -> String {
    const MAX: usize = 90;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Every text unit of the corpus, in corpus order.
fn units(corpus: &Corpus) -> Vec<Unit> {
    let mut units = Vec::new();
    let congress_of_motion = |motion: &str| {
        corpus
            .motion(motion)
            .map(|m| m.congress.to_string())
            .unwrap_or_else(|| motion.to_string())
    };
    for c in &corpus.congresses {
        let name = c.name();
        units.push(Unit {
            kind: "congress",
            id: c.id.to_string(),
            congress: Some(c.id.to_string()),
            label: name.clone(),
            url_path: format!("/api/v1/congresses/{}", c.id),
            title: name.clone(),
            texts: std::iter::once(name)
                .chain(
                    c.description
                        .iter()
                        .flat_map(|b| b.heading.iter().chain(&b.paragraphs).cloned()),
                )
                .collect(),
        });
    }
    for m in &corpus.motions {
        units.push(Unit {
            kind: "motion",
            id: m.id.to_string(),
            congress: Some(m.congress.to_string()),
            label: m.title.clone(),
            url_path: format!("/api/v1/motions/{}", m.id),
            title: m.title.clone(),
            texts: std::iter::once(m.title.clone())
                .chain(m.preamble_heading.iter().cloned())
                .chain(m.preamble.iter().cloned())
                .chain(m.closing.iter().cloned())
                .collect(),
        });
    }
    for p in &corpus.parts {
        let title = p.title.clone().unwrap_or_default();
        units.push(Unit {
            kind: "part",
            id: p.id.to_string(),
            congress: Some(congress_of_motion(p.motion.as_str())),
            label: p
                .title
                .clone()
                .unwrap_or_else(|| format!("Partie {}", p.position)),
            url_path: format!("/api/v1/motions/{}", p.motion),
            title: title.clone(),
            texts: std::iter::once(title)
                .chain(p.introduction.iter().cloned())
                .collect(),
        });
    }
    for s in &corpus.sections {
        units.push(Unit {
            kind: "section",
            id: s.id.to_string(),
            congress: Some(s.congress.to_string()),
            label: s.title.clone(),
            url_path: format!("/api/v1/sections/{}", s.id),
            title: s.title.clone(),
            texts: std::iter::once(s.title.clone())
                .chain(s.subtitle.iter().cloned())
                .chain(s.body.iter().cloned())
                .chain(s.items_heading.iter().cloned())
                .chain(s.items_intro.iter().cloned())
                .collect(),
        });
    }
    for i in &corpus.items {
        units.push(Unit {
            kind: "item",
            id: i.id.to_string(),
            congress: Some(i.congress.to_string()),
            label: first_words(&i.text),
            url_path: format!("/api/v1/items/{}", i.id),
            title: String::new(),
            texts: vec![i.text.clone()],
        });
    }
    for f in &corpus.footnotes {
        units.push(Unit {
            kind: "footnote",
            id: f.id.clone(),
            congress: Some(congress_of_motion(f.motion.as_str())),
            label: f
                .heading
                .clone()
                .unwrap_or_else(|| format!("Note {}", f.label)),
            url_path: format!("/api/v1/motions/{}", f.motion),
            title: f.heading.clone().unwrap_or_default(),
            texts: f.heading.iter().cloned().chain([f.text.clone()]).collect(),
        });
    }
    for t in &corpus.themes {
        units.push(Unit {
            kind: "theme",
            id: t.id.to_string(),
            congress: None,
            label: t.label.clone(),
            url_path: format!("/api/v1/themes/{}", t.id),
            title: t.label.clone(),
            texts: vec![t.label.clone(), t.definition.clone()],
        });
    }
    units
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::TokenStream;

    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn accents_case_and_plurals_do_not_matter() {
        assert_eq!(tokens("donnée"), tokens("Données"));
        assert_eq!(tokens("écologique"), tokens("ECOLOGIQUE"));
        assert_eq!(tokens("la donnée"), tokens("donnee"));
    }

    #[test]
    fn the_memoised_analyzer_gives_the_chain_s_tokens() {
        let texts = [
            "La donnée publique, les Données ouvertes et l'écologie : 35 000 actions à l'été 2021.",
            "Élus, collectivités ; « numérique » — œuvre, AI-2026 x1y2.",
        ];
        // Built on the first text only: the second has words outside the vocabulary.
        let mut memo = TextAnalyzer::builder(MemoAnalyzer::new(&texts[..1])).build();
        for text in texts {
            let mut chain = analyzer();
            let mut expected = Vec::new();
            chain
                .token_stream(text)
                .process(&mut |t| expected.push(t.clone()));
            let mut got = Vec::new();
            memo.token_stream(text)
                .process(&mut |t| got.push(t.clone()));
            let key = |t: &Token| (t.offset_from, t.offset_to, t.position, t.text.clone());
            assert_eq!(
                got.iter().map(key).collect::<Vec<_>>(),
                expected.iter().map(key).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn labels_of_long_texts_stop_at_a_word() {
        let label = first_words(&"mot ".repeat(40));
        assert!(label.ends_with("mot…"));
        assert!(label.chars().count() <= 91);
    }
}
