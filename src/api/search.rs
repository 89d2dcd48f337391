//! Full-text search over every text of the corpus, built in memory at start-up.
//!
//! One document per text-bearing entity (edition, motion, part, section, item, footnote, theme).
//! French-aware: words are lower-cased, stripped of French stop words, folded to ASCII and
//! stemmed, on the way in and on the query, so `donnee` finds « données » and `ecologique` finds
//! « écologique ». Ranked by BM25; each hit gets a highlighted snippet.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};
use tantivy::{DocId, Index, IndexReader, Score, SegmentOrdinal, SegmentReader, Term, doc};

use super::snippet::Highlighter;
use crate::corpus::Corpus;
use crate::corpus::parallel::in_chunks;

/// The kinds of resources the index holds, as entity names (the same as in IRIs).
pub const KINDS: [&str; 7] = [
    "congress", "motion", "part", "section", "item", "footnote", "theme",
];

const ANALYZER: &str = "fr";
/// Highlighters kept for queries to come (a few kilobytes each).
const HIGHLIGHTERS_KEPT: usize = 1024;
/// Longest snippet, in bytes of UTF-8 (as tantivy counted them): about 200 French characters.
const SNIPPET_CHARS: usize = 220;

#[derive(Clone, Copy)]
struct Fields {
    /// Position of the document in the order of indexing (a fast field): its kind and its
    /// position in that kind's corpus list follow (see `SearchIndex::locate`).
    unit: Field,
    kind: Field,
    congress: Field,
    title: Field,
    text: Field,
}

/// The search index and its reader; cheap to share (the reader is reference-counted).
///
/// Nothing is stored in the index: a hit's id, label and texts are read from the corpus it was
/// built from, by its kind and position (reading and decompressing stored documents was a fifth
/// of `/api/v1/search`, and compressing them a part of start-up; see BENCHMARKS.md).
pub struct SearchIndex {
    corpus: Arc<Corpus>,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Highlighters of recent queries, by their terms (see `SearchIndex::highlighter`).
    highlighters: Mutex<HashMap<Vec<Term>, Arc<Highlighter>>>,
    /// The `unit` column of each segment of the reader, in segment order.
    unit_columns: Vec<Column<u64>>,
    /// The first unit of each kind of [`KINDS`]: units are the corpus lists one after the
    /// other, in that order.
    starts: [usize; KINDS.len()],
    /// Term → every printed word of the corpus that the analyser turns into it ("donne" →
    /// "donnée", "Données"…): what snippets look for (see `super::snippet`).
    forms: HashMap<String, Vec<String>>,
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

/// A page of hits, best first, and how many documents match in all.
///
/// Performance (see BENCHMARKS.md): every match used to be collected and sorted for each
/// request, and the ids of `?q=` filters read from the document store: 25 ms for
/// `items?q=donnees` and 0.7 ms for a page of `/search` at ×1000. Then a count, and a second
/// pass for the best `page × page_size` (tantivy breaks ties by document order, as the sort
/// did); now both in one pass over the matches, and ids from a fast field.
pub struct HitsPage {
    pub total: usize,
    pub hits: Vec<Hit>,
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
struct UnitCollector<'a> {
    /// The `unit` column of each segment, opened once (see `SearchIndex::unit_columns`).
    columns: &'a [Column<u64>],
}

struct SegmentUnits {
    column: Column<u64>,
    units: Vec<u64>,
}

impl Collector for UnitCollector<'_> {
    type Fruit = Vec<u64>;
    type Child = SegmentUnits;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentUnits> {
        // Every segment of the reader has its column (the index never changes after build).
        let column = match self.columns.get(segment_local_id as usize) {
            Some(column) => column.clone(),
            None => segment.fast_fields().u64("unit")?,
        };
        Ok(SegmentUnits {
            column,
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
/// Its texts are borrowed from the corpus where they are printed there (all but a congress's
/// name): indexing copies them once, into tantivy.
struct Unit<'a> {
    kind: &'static str,
    id: String,
    congress: Option<String>,
    label: String,
    url_path: String,
    title: Cow<'a, str>,
    texts: Vec<Cow<'a, str>>,
}

impl SearchIndex {
    pub fn build(corpus: &Arc<Corpus>) -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let french = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            unit: schema.add_u64_field("unit", FAST),
            kind: schema.add_text_field("type", STRING),
            congress: schema.add_text_field("congress", STRING),
            title: schema.add_text_field("title", french.clone()),
            text: schema.add_text_field("text", french),
        };
        let units = units(corpus);
        let texts: Vec<&str> = units
            .iter()
            .flat_map(|u| std::iter::once(&*u.title).chain(u.texts.iter().map(|t| &**t)))
            .collect();
        let memo = MemoAnalyzer::new(&texts);
        drop(texts);
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for (word, term) in memo.words.iter() {
            if let Some(term) = term {
                forms.entry(term.clone()).or_default().push(word.clone());
            }
        }
        let tokenizers = TokenizerManager::default();
        tokenizers.register(ANALYZER, TextAnalyzer::builder(memo).build());
        // One segment, written on this thread, whose document ids follow corpus order: ties
        // between equal scores break the same way on every run. tantivy's single-segment
        // writer has no indexing thread to feed (with the threaded writer, handing documents
        // over was a sixth of the indexing at ×1000), and its budget only sizes the term table
        // it starts with: the threaded writer's minimum (15 MB) gave the real corpus a table of
        // 2^18 slots, zeroed and then scanned whole, a third of its indexing time.
        let text_bytes: usize = units
            .iter()
            .map(|u| u.title.len() + u.texts.iter().map(|t| t.len()).sum::<usize>())
            .sum();
        let budget = (text_bytes * 8).clamp(1_000_000, 2_000_000_000);
        let mut writer = Index::builder()
            .schema(schema.build())
            .tokenizers(tokenizers)
            .single_segment_index_writer(RamDirectory::default(), budget)?;
        let starts = kind_starts(corpus);
        for (i, unit) in units.into_iter().enumerate() {
            let mut document = doc!(
                fields.unit => i as u64,
                fields.kind => unit.kind,
                fields.title => &*unit.title,
            );
            if let Some(congress) = unit.congress {
                document.add_text(fields.congress, congress);
            }
            for text in &unit.texts {
                document.add_text(fields.text, text);
            }
            writer.add_document(document)?;
        }
        let index = writer.finalize()?;
        let reader = index.reader()?;
        reader.reload()?;
        // Opening a column reads its block metadata: at ×1000, opening it for each hit was a
        // tenth of a search. The index never changes after this, so neither do its segments.
        let unit_columns = reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64("unit"))
            .collect::<tantivy::Result<_>>()?;
        Ok(SearchIndex {
            index,
            reader,
            unit_columns,
            highlighters: Mutex::new(HashMap::new()),
            corpus: Arc::clone(corpus),
            fields,
            starts,
            forms,
        })
    }

    /// The documents matching `q` (all words, in any form), optionally restricted to one kind
    /// and one edition. Query syntax errors are forgiven: what can be read is used.
    fn query(&self, q: &str, kind: Option<&str>, congress: Option<&str>) -> Box<dyn Query> {
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
        Box::new(BooleanQuery::new(clauses))
    }

    /// Page `page` (from 1) of `page_size` hits for `q`, best first (BM25; equal scores in
    /// corpus order), with their snippets, and the number of matches.
    pub fn search(
        &self,
        q: &str,
        kind: Option<&str>,
        congress: Option<&str>,
        page: u32,
        page_size: u32,
    ) -> tantivy::Result<HitsPage> {
        let query = self.query(q, kind, congress);
        let searcher = self.reader.searcher();
        let size = page_size as usize;
        let start = (page.max(1) as usize - 1).saturating_mul(size);
        // Never more than the index holds, whatever page is asked for.
        let wanted = start
            .saturating_add(size)
            .min(searcher.num_docs() as usize)
            .max(1);
        let (total, best) = searcher.search(
            &*query,
            &(Count, TopDocs::with_limit(wanted).order_by_score()),
        )?;
        let range = start.min(best.len())..start.saturating_add(size).min(best.len());
        let hits = match best.get(range) {
            Some(page) if !page.is_empty() => self.hits(&searcher, &*query, page)?,
            _ => Vec::new(),
        };
        Ok(HitsPage { total, hits })
    }

    /// The kind (index in [`KINDS`]) and the position in that kind's corpus list of a unit.
    fn locate(&self, unit: usize) -> Option<(usize, usize)> {
        let kind = self.starts.iter().rposition(|&start| start <= unit)?;
        Some((kind, unit - self.starts[kind]))
    }

    /// The positions in their corpus list (`corpus.items` for `"item"`…) of the documents of
    /// one kind matching `q`, in increasing order: the `q` filter of lists, without hashing the
    /// id of every row of the list (which was most of `items?q=` at ×1000).
    pub fn matching_positions(&self, q: &str, kind: &str) -> tantivy::Result<Vec<usize>> {
        let mut positions: Vec<usize> = self
            .matching_units(q, kind)?
            .into_iter()
            .filter_map(|unit| self.locate(unit).map(|(_, position)| position))
            .collect();
        positions.sort_unstable();
        Ok(positions)
    }

    /// The `unit` of every document of `kind` matching `q`, read from the fast field while
    /// the query runs (no document store, no set of addresses).
    fn matching_units(&self, q: &str, kind: &str) -> tantivy::Result<Vec<usize>> {
        let query = self.query(q, Some(kind), None);
        let units = self.reader.searcher().search(
            &*query,
            &UnitCollector {
                columns: &self.unit_columns,
            },
        )?;
        Ok(units.into_iter().map(|u| u as usize).collect())
    }

    /// What snippets look for: every printed form of the query's terms in the text field,
    /// weighted as tantivy weighs them (`1 / (1 + document frequency)`). It depends on the
    /// terms only (the index never changes), so it is kept for the next query with the same
    /// terms: building the automaton was a tenth of a search.
    fn highlighter(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> tantivy::Result<Arc<Highlighter>> {
        let mut terms = std::collections::BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == self.fields.text {
                terms.insert(term.clone());
            }
        });
        let key: Vec<Term> = terms.iter().cloned().collect();
        if let Some(found) = self.lock_highlighters().get(&key) {
            return Ok(Arc::clone(found));
        }
        let mut forms = Vec::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let frequency = searcher.doc_freq(term)?;
            if frequency == 0 {
                continue;
            }
            let weight = 1.0 / (1.0 + frequency as f32);
            for form in self.forms.get(text).into_iter().flatten() {
                forms.push((form.as_str(), weight));
            }
        }
        let highlighter = Arc::new(Highlighter::new(forms, SNIPPET_CHARS));
        let mut kept = self.lock_highlighters();
        // Bounded: past the limit, start again rather than track recency (any query can come).
        if kept.len() >= HIGHLIGHTERS_KEPT {
            kept.clear();
        }
        kept.insert(key, Arc::clone(&highlighter));
        Ok(highlighter)
    }

    fn lock_highlighters(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<Term>, Arc<Highlighter>>> {
        // A panic while holding the lock leaves a map that is still valid: carry on with it.
        self.highlighters
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The hits at these addresses, with their snippets.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        best: &[(Score, tantivy::DocAddress)],
    ) -> tantivy::Result<Vec<Hit>> {
        let highlighter = self.highlighter(searcher, query)?;
        let mut hits = Vec::with_capacity(best.len());
        for (score, address) in best {
            // Every segment of the reader has its column (the index never changes after build).
            let unit = self
                .unit_columns
                .get(address.segment_ord as usize)
                .and_then(|column| column.first(address.doc_id));
            let Some(unit) = unit
                .and_then(|u| self.locate(u as usize))
                .and_then(|(kind, position)| unit_of(&self.corpus, kind, position))
            else {
                continue;
            };
            // The texts as one, as tantivy's snippets read them.
            let text = unit.texts.join(" ");
            let snippet = highlighter.snippet(&text).unwrap_or_else(|| {
                // A match on a word the snippet could not place (in the title only, say):
                // show the start of the text.
                let start: String = text.chars().take(SNIPPET_CHARS).collect();
                crate::site::escape::escape(&start)
            });
            hits.push(Hit {
                kind: unit.kind.to_string(),
                id: unit.id,
                congress: unit.congress,
                label: unit.label,
                score: *score,
                snippet,
                url_path: unit.url_path,
            });
        }
        Ok(hits)
    }
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

/// How many resources of each kind of [`KINDS`] the corpus has.
fn kind_lengths(corpus: &Corpus) -> [usize; KINDS.len()] {
    [
        corpus.congresses.len(),
        corpus.motions.len(),
        corpus.parts.len(),
        corpus.sections.len(),
        corpus.items.len(),
        corpus.footnotes.len(),
        corpus.themes.len(),
    ]
}

/// The first unit of each kind: the corpus lists one after the other.
fn kind_starts(corpus: &Corpus) -> [usize; KINDS.len()] {
    let mut starts = [0; KINDS.len()];
    let mut next = 0;
    for (start, length) in starts.iter_mut().zip(kind_lengths(corpus)) {
        *start = next;
        next += length;
    }
    starts
}

/// Every text unit of the corpus, in corpus order: each list of [`KINDS`] in turn.
fn units(corpus: &Corpus) -> Vec<Unit<'_>> {
    let lengths = kind_lengths(corpus);
    let mut units = Vec::with_capacity(lengths.iter().sum());
    for (kind, length) in lengths.into_iter().enumerate() {
        units.extend((0..length).filter_map(|position| unit_of(corpus, kind, position)));
    }
    units
}

/// The text unit of the resource at `position` in the corpus list of `KINDS[kind]`: what is
/// indexed, and what a hit shows.
fn unit_of(corpus: &Corpus, kind: usize, position: usize) -> Option<Unit<'_>> {
    let congress_of_motion = |motion: &str| {
        corpus
            .motion(motion)
            .map(|m| m.congress.to_string())
            .unwrap_or_else(|| motion.to_string())
    };
    let unit = match KINDS.get(kind).copied()? {
        "congress" => {
            let c = corpus.congresses.get(position)?;
            let name = c.name();
            Unit {
                kind: "congress",
                id: c.id.to_string(),
                congress: Some(c.id.to_string()),
                label: name.clone(),
                url_path: format!("/api/v1/congresses/{}", c.id),
                title: Cow::Owned(name.clone()),
                texts: std::iter::once(Cow::Owned(name))
                    .chain(
                        c.description
                            .iter()
                            .flat_map(|b| b.heading.iter().chain(&b.paragraphs))
                            .map(|t| Cow::Borrowed(t.as_str())),
                    )
                    .collect(),
            }
        }
        "motion" => {
            let m = corpus.motions.get(position)?;
            Unit {
                kind: "motion",
                id: m.id.to_string(),
                congress: Some(m.congress.to_string()),
                label: m.title.clone(),
                url_path: format!("/api/v1/motions/{}", m.id),
                title: Cow::Borrowed(&m.title),
                texts: std::iter::once(&m.title)
                    .chain(&m.preamble_heading)
                    .chain(&m.preamble)
                    .chain(&m.closing)
                    .map(|t| Cow::Borrowed(t.as_str()))
                    .collect(),
            }
        }
        "part" => {
            let p = corpus.parts.get(position)?;
            let title = p.title.as_deref().unwrap_or_default();
            Unit {
                kind: "part",
                id: p.id.to_string(),
                congress: Some(congress_of_motion(p.motion.as_str())),
                label: p
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("Partie {}", p.position)),
                url_path: format!("/api/v1/motions/{}", p.motion),
                title: Cow::Borrowed(title),
                texts: std::iter::once(title)
                    .chain(p.introduction.iter().map(String::as_str))
                    .map(Cow::Borrowed)
                    .collect(),
            }
        }
        "section" => {
            let s = corpus.sections.get(position)?;
            Unit {
                kind: "section",
                id: s.id.to_string(),
                congress: Some(s.congress.to_string()),
                label: s.title.clone(),
                url_path: format!("/api/v1/sections/{}", s.id),
                title: Cow::Borrowed(&s.title),
                texts: std::iter::once(&s.title)
                    .chain(&s.subtitle)
                    .chain(&s.body)
                    .chain(&s.items_heading)
                    .chain(&s.items_intro)
                    .map(|t| Cow::Borrowed(t.as_str()))
                    .collect(),
            }
        }
        "item" => {
            let i = corpus.items.get(position)?;
            Unit {
                kind: "item",
                id: i.id.to_string(),
                congress: Some(i.congress.to_string()),
                label: first_words(&i.text),
                url_path: format!("/api/v1/items/{}", i.id),
                title: Cow::Borrowed(""),
                texts: vec![Cow::Borrowed(&i.text)],
            }
        }
        "footnote" => {
            let f = corpus.footnotes.get(position)?;
            Unit {
                kind: "footnote",
                id: f.id.clone(),
                congress: Some(congress_of_motion(f.motion.as_str())),
                label: f
                    .heading
                    .clone()
                    .unwrap_or_else(|| format!("Note {}", f.label)),
                url_path: format!("/api/v1/motions/{}", f.motion),
                title: Cow::Borrowed(f.heading.as_deref().unwrap_or_default()),
                texts: f
                    .heading
                    .iter()
                    .chain([&f.text])
                    .map(|t| Cow::Borrowed(t.as_str()))
                    .collect(),
            }
        }
        "theme" => {
            let t = corpus.themes.get(position)?;
            Unit {
                kind: "theme",
                id: t.id.to_string(),
                congress: None,
                label: t.label.clone(),
                url_path: format!("/api/v1/themes/{}", t.id),
                title: Cow::Borrowed(&t.label),
                texts: vec![Cow::Borrowed(&t.label), Cow::Borrowed(&t.definition)],
            }
        }
        _ => return None,
    };
    Some(unit)
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
