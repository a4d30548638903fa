//! Near misses of names, chemicals and institutions: words and word sequences that are not in
//! the glossary but look or sound like an entry's term ("Byton" for Biden, "4-dipiperone" for
//! 4-piperidone, "Ministry of Public Safety" for the Ministry of Public Security).
//!
//! Entries of kind `name`, `org` and `chem` are indexed once ([`NearMissIndex::new`]); a check
//! ([`NearMissIndex::find`]) then looks each unusual text word up by its keys instead of
//! comparing it with every entry. Precision comes first: ordinary English words, known proper
//! names and other entries' terms are never near misses of a single-word entry; names must be
//! capitalised, and a capital that only starts a sentence counts for less. Multi-word names are
//! matched when all their words but one stand in the text and the odd one is a near miss, a
//! synonym (Security -> Safety) or missing. Fixes are unsafe: a human should look.
//!
//! ```
//! use termlint::{glossary::Glossary, nearmiss::NearMissIndex};
//!
//! let glossary = Glossary::parse("g.tsv", "term\tkind\nBiden\tname\n").unwrap();
//! let lexicon = std::sync::Arc::new(termlint::lexicon::Lexicon::embedded());
//! let index = NearMissIndex::new(&glossary, lexicon);
//! let findings = index.find("during the Byton administration", &[]);
//! assert_eq!(findings[0].suggestions, ["Biden"]);
//! ```

mod index;
pub(crate) mod similarity;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::check::context::Sentences;
use crate::check::document::Document;
use crate::check::finding::{self, Applicability, Finding, rule};
use crate::glossary::{Glossary, Kind, Origin, Severity};
use crate::lexicon::Lexicon;
use crate::text::casing::copy_case;
use crate::text::span::Span;
use crate::text::words::{Word, is_stopword};

use index::{Target, WordIndex};
pub use similarity::{Evidence, Keys};

/// Findings below this are dropped here already: too weak to show at any setting.
const FLOOR: f32 = 0.5;
/// Words before a person's name that mark the next word as a name.
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "minister",
    "premier",
    "secretary",
    "senator",
    "governor",
    "chairman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "judge",
    "director",
    "ambassador",
    "envoy",
    "leader",
];
/// Words after a person's name that mark it as a name.
const NAME_FOLLOWERS: &[&str] = &[
    "administration",
    "government",
    "presidency",
    "campaign",
    "era",
    "said",
    "says",
    "told",
    "stated",
    "added",
    "announced",
];
/// Words near a chemical name that say the text is about chemicals.
const CHEM_CUES: &[&str] = &[
    "chemical",
    "chemicals",
    "precursor",
    "precursors",
    "compound",
    "compounds",
    "substance",
    "substances",
    "synthesis",
    "synthetic",
    "drug",
    "drugs",
    "opioid",
    "opioids",
    "analogue",
    "analogues",
    "fentanyl",
];
/// How far (in words) a cue may stand from the match.
const CUE_REACH: usize = 12;

/// One glossary entry that near misses are looked for.
#[derive(Debug, Clone)]
struct NearEntry {
    term: String,
    words: Vec<String>,
    kind: Kind,
    severity: Severity,
    origin: Origin,
    /// Lowercase context cues from the glossary.
    context: Vec<String>,
    /// The term has capitals: the text must have them too.
    capitalised: bool,
}

/// An accepted near miss before it becomes a finding.
#[derive(Debug, Clone)]
struct Candidate {
    span: Span,
    entry: u32,
    confidence: f32,
    suggestion: String,
    reasons: Vec<String>,
    /// The glossary word it misses, when only one word of a multi-word term stands there.
    part_of: Option<String>,
}

/// The near-miss entries of a glossary, indexed for lookup.
pub struct NearMissIndex {
    entries: Vec<NearEntry>,
    /// Single words compared with unusual text words.
    words: WordIndex,
    /// Lowercase content words of multi-word entries -> (entry, position).
    anchors: HashMap<String, Vec<(u32, u16)>>,
    /// Synonyms (lowercase) of each content word of multi-word org entries.
    synonyms: HashMap<(u32, u16), HashSet<String>>,
    /// Lowercase terms of every glossary entry, and their words: never a near miss of another.
    terms: HashSet<String>,
    /// Ordinary words and known names, which are never near misses.
    lexicon: Arc<Lexicon>,
}

/// Near-miss detection applies to these kinds.
fn eligible(kind: Kind) -> bool {
    matches!(kind, Kind::Name | Kind::Org | Kind::Chem)
}

/// A word of a term that can carry a near miss on its own.
fn distinctive(word: &str) -> bool {
    let lower = word.to_lowercase();
    Keys::new(word).len() >= similarity::MIN_LEN
        && !is_stopword(&lower)
        && word.chars().any(char::is_lowercase)
}

/// An ordinary English word or a known proper name: never a near miss on its own.
pub(crate) fn known_word(lexicon: &Lexicon, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lexicon.words().contains(&lower) {
        return true;
    }
    let names = lexicon.names();
    if names.contains(word) || names.contains(&capitalise(&lower)) {
        return true;
    }
    // A compound of ordinary words or numbers ("well-known", "U.S.-China", "20-year").
    word.contains('-')
        && word.split('-').all(|part| {
            part.chars().all(|c| c.is_ascii_digit())
                || lexicon.words().contains(&part.to_lowercase())
                || names.contains(part)
        })
}

fn capitalise(lower: &str) -> String {
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl NearMissIndex {
    /// Indexes the `name`, `org` and `chem` entries of `glossary`.
    pub fn new(glossary: &Glossary, lexicon: Arc<Lexicon>) -> NearMissIndex {
        let mut index = NearMissIndex {
            entries: Vec::new(),
            words: WordIndex::default(),
            anchors: HashMap::new(),
            synonyms: HashMap::new(),
            terms: glossary
                .entries
                .iter()
                .flat_map(|e| std::iter::once(&e.term).chain(&e.accepted))
                .flat_map(|form| {
                    let words = form.split_whitespace().filter(|w| w.chars().count() >= 4);
                    std::iter::once(form.as_str()).chain(words)
                })
                .map(str::to_lowercase)
                .collect(),
            lexicon,
        };
        let lexicon = Arc::clone(&index.lexicon);
        // Multi-word domain terms get the multi-word treatment too (one word misspelled or
        // swapped, the others exact); single common words never do.
        // An accepted form is a correct spelling too, and garbled as often as the term
        // ("1-boc-4-dipiperone" for the accepted "1-boc-4-piperidone"); its near misses are
        // corrected to it.
        let forms = glossary.entries.iter().flat_map(|e| {
            std::iter::once(&e.term)
                .chain(&e.accepted)
                .map(move |form| (e, form))
        });
        for (entry, form) in forms.filter(|(e, form)| {
            eligible(e.kind) || (e.kind == Kind::Term && form.split_whitespace().count() > 1)
        }) {
            let id = index.entries.len() as u32;
            let words: Vec<String> = form.split_whitespace().map(String::from).collect();
            let multi = words.len() > 1;
            for (position, word) in words.iter().enumerate() {
                let position = position as u16;
                let lower = word.to_lowercase();
                // A single-word term, a name's surname or given name, an unusual word of an
                // institution's name ("Sinaloa"): each can be garbled on its own.
                let alone = !multi
                    || (distinctive(word)
                        && (entry.kind == Kind::Name || !lexicon.words().contains(&lower)));
                if alone {
                    index.words.add(Target {
                        entry: id,
                        word: word.clone(),
                        keys: Keys::new(word),
                    });
                }
                if multi && !is_stopword(&lower) {
                    index
                        .anchors
                        .entry(lower.clone())
                        .or_default()
                        .push((id, position));
                    if entry.kind == Kind::Org {
                        index
                            .synonyms
                            .insert((id, position), synonyms_of(&lexicon, &lower));
                    }
                }
            }
            index.entries.push(NearEntry {
                term: form.clone(),
                capitalised: form.chars().any(char::is_uppercase) && entry.kind != Kind::Chem,
                words,
                kind: entry.kind,
                severity: entry.severity,
                origin: entry.origin.clone(),
                context: entry.context.iter().map(|c| c.to_lowercase()).collect(),
            });
        }
        index
    }

    /// Number of indexed entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Near-miss findings in `text` (the normalised text; spans are byte ranges into it).
    /// `occupied`: spans already claimed by exact term/variant matches (in any order, may
    /// overlap); nothing inside or overlapping them is flagged.
    pub fn find(&self, text: &str, occupied: &[Span]) -> Vec<Finding> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        self.find_in(text, &Sentences::new(text).words(text), occupied)
    }

    /// Near-miss findings in a checked document: its words, outside what terms and reported
    /// renderings claimed. The document's words are split once for every rule.
    pub fn find_in_document(&self, doc: &Document<'_>) -> Vec<Finding> {
        self.find_in(doc.text, &doc.words, &doc.claimed)
    }

    fn find_in(&self, text: &str, toks: &[Word], occupied: &[Span]) -> Vec<Finding> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let mut candidates = self.multi_word(toks);
        let mut buf = Vec::new();
        for i in 0..toks.len() {
            if let Some(c) = self.single_word(toks, i, &mut buf) {
                candidates.push(c);
            }
        }
        let occupied = merged(occupied);
        // Strongest first, then longest; each span is claimed once.
        candidates.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(b.span.len().cmp(&a.span.len()))
                .then(a.span.start.cmp(&b.span.start))
        });
        let mut taken: Vec<Span> = Vec::new();
        let mut findings = Vec::new();
        for c in candidates {
            if overlaps_any(&occupied, c.span) || taken.iter().any(|t| t.overlaps(c.span)) {
                continue;
            }
            taken.push(c.span);
            findings.push(self.finding(text, c));
        }
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        findings
    }

    fn finding(&self, text: &str, c: Candidate) -> Finding {
        let entry = &self.entries[c.entry as usize];
        let seen = &text[c.span.start..c.span.end];
        let target = c.part_of.as_deref().unwrap_or(&entry.term);
        let within = match &c.part_of {
            Some(_) => format!(" in {} '{}'", entry.kind.as_str(), entry.term),
            None => format!(" ({})", entry.kind.as_str()),
        };
        let message = format!(
            "'{seen}' may be a garbled '{target}'{within}, glossary {}: {}",
            entry.origin,
            c.reasons.join(", ")
        );
        // The reasons are weighed together: no weight of their own.
        let evidence = c
            .reasons
            .into_iter()
            .map(|r| finding::Evidence::new("near-miss", None, r))
            .collect();
        let mut finding = Finding {
            rule: rule::NEAR_MISS,
            span: c.span,
            kind: Some(entry.kind),
            severity: Severity::Warning.min(entry.severity),
            confidence: (c.confidence.min(0.95) * 100.0).round() / 100.0,
            message,
            evidence,
            suggestions: vec![c.suggestion],
            fix: None,
            entry: Some(entry.origin.clone()),
        };
        finding.fix = finding.fix_for(0, Applicability::Unsafe);
        finding
    }

    /// A single unusual word that is a near miss of an indexed word.
    fn single_word(&self, toks: &[Word], i: usize, buf: &mut Vec<u32>) -> Option<Candidate> {
        let tok = &toks[i];
        if tok.text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return None;
        }
        // An all-capitals word among ordinary ones is an acronym or a numeral, not a name.
        if (tok.all_caps() || acronym_plural(tok.text)) && !shouting(&self.lexicon, toks, i) {
            return None;
        }
        let lower = tok.text.to_lowercase();
        if self.terms.contains(&lower)
            || known_word(&self.lexicon, tok.text)
            || self.inflects_a_term_word(&lower)
        {
            return None;
        }
        let keys = Keys::new(tok.text);
        if keys.len() < similarity::MIN_LEN {
            return None;
        }
        self.words.candidates(&keys, buf);
        let mut best: Option<Candidate> = None;
        for &id in buf.iter() {
            let target = self.words.target(id);
            let entry = &self.entries[target.entry as usize];
            if entry.capitalised && !tok.capitalised() {
                continue;
            }
            if entry.kind == Kind::Name && entry.words.len() > 1 && in_other_name(toks, i, entry) {
                continue;
            }
            let Some(evidence) = Evidence::between(&keys, &target.keys) else {
                continue;
            };
            let Some((base, mut reasons)) = evidence.score(target.keys.len()) else {
                continue;
            };
            let (bonus, context) = self.context(toks, i, i + 1, entry);
            let confidence = base + bonus;
            if confidence < FLOOR {
                continue;
            }
            reasons.extend(context);
            let multi = entry.words.len() > 1;
            let suggestion = suggest(tok.text, &target.word, entry);
            let better = best.as_ref().is_none_or(|b| {
                confidence > b.confidence
                    || (confidence == b.confidence && target.word < b.suggestion)
            });
            if better {
                best = Some(Candidate {
                    span: tok.span,
                    entry: target.entry,
                    confidence,
                    suggestion,
                    reasons,
                    part_of: multi.then(|| target.word.clone()),
                });
            }
        }
        let best = best?;
        Some(match best.part_of {
            Some(_) => self.completed(toks, i, best),
            None => best,
        })
    }

    /// Whether lower-case `word` is a glossary word's plural or singular ("workstreams" of
    /// "workstream on research"): an inflection, one letter off but no garble.
    fn inflects_a_term_word(&self, word: &str) -> bool {
        let stems = [
            word.strip_suffix('s').map(str::to_string),
            word.strip_suffix("es").map(str::to_string),
            word.strip_suffix("ies").map(|stem| format!("{stem}y")),
            Some(format!("{word}s")),
            Some(format!("{word}es")),
        ];
        stems.into_iter().flatten().any(|other| {
            self.terms.contains(&other) && crate::text::inflect::singular_and_plural(word, &other)
        })
    }

    /// A corrected word that makes its neighbours a near miss of the same multi-word entry
    /// ("BChinese Consulate": "Chinese" makes "Chinese Consulate" a garbled "Chinese
    /// Embassy"): the fix proposes the whole name, so fixing settles in one round instead of
    /// flagging the same name again where it just wrote.
    fn completed(&self, toks: &[Word], i: usize, single: Candidate) -> Candidate {
        let n = self.entries[single.entry as usize].words.len();
        let from = i.saturating_sub(n - 1);
        let corrected = single.suggestion.clone();
        let mut window: Vec<Word<'_>> = toks[from..(i + n).min(toks.len())].to_vec();
        window[i - from].text = &corrected;
        let tok = toks[i].span;
        let whole = self
            .multi_word(&window)
            .into_iter()
            .filter(|c| {
                c.entry == single.entry && c.span.start <= tok.start && tok.end <= c.span.end
            })
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence));
        let Some(whole) = whole else {
            return single;
        };
        Candidate {
            span: whole.span,
            entry: single.entry,
            confidence: single.confidence.min(whole.confidence),
            suggestion: whole.suggestion,
            reasons: single.reasons.into_iter().chain(whole.reasons).collect(),
            part_of: None,
        }
    }

    /// Capitalisation, position and cue words around tokens `from..to`: a confidence bonus
    /// (or malus) and the reasons.
    fn context(
        &self,
        toks: &[Word],
        from: usize,
        to: usize,
        entry: &NearEntry,
    ) -> (f32, Vec<String>) {
        let mut bonus = 0.0;
        let mut reasons = Vec::new();
        let first = &toks[from];
        if entry.capitalised {
            if first.sentence_start {
                bonus -= 0.05;
                reasons.push("capitalised, but at a sentence start".to_string());
            } else {
                bonus += 0.1;
                reasons.push("capitalised mid-sentence".to_string());
            }
        }
        let lower = |t: &Word| t.text.to_lowercase();
        let near = toks[from.saturating_sub(CUE_REACH)..(to + CUE_REACH).min(toks.len())]
            .iter()
            .filter(|t| t.span.end <= first.span.start || t.span.start >= toks[to - 1].span.end);
        let mut cue = None;
        if let Some(c) = near
            .clone()
            .find(|t| entry.context.iter().any(|c| *c == lower(t)))
        {
            cue = Some(format!("context cue '{}' nearby", c.text));
        } else if entry.kind == Kind::Name {
            if let Some(next) = toks.get(to).filter(|t| t.joined_to_previous)
                && NAME_FOLLOWERS.contains(&lower(next).as_str())
            {
                cue = Some(format!("followed by '{}'", next.text));
            } else if from > 0
                && first.joined_to_previous
                && TITLES.contains(&lower(&toks[from - 1]).as_str())
            {
                cue = Some(format!("after '{}'", toks[from - 1].text));
            }
        } else if entry.kind == Kind::Chem
            && let Some(c) = near
                .clone()
                .find(|t| CHEM_CUES.contains(&lower(t).as_str()))
        {
            cue = Some(format!("chemical context '{}' nearby", c.text));
        }
        if let Some(cue) = cue {
            bonus += 0.15;
            reasons.push(cue);
        }
        (bonus, reasons)
    }

    /// Multi-word terms with one word garbled, replaced by a synonym, or dropped.
    fn multi_word(&self, toks: &[Word]) -> Vec<Candidate> {
        let mut windows: HashSet<(u32, usize, usize)> = HashSet::new();
        for (i, tok) in toks.iter().enumerate() {
            let Some(hits) = self.anchors.get(&tok.text.to_lowercase()) else {
                continue;
            };
            for &(entry, position) in hits {
                let n = self.entries[entry as usize].words.len();
                let position = position as usize;
                if let Some(start) = i.checked_sub(position) {
                    windows.insert((entry, start, n));
                }
                if n >= 3 {
                    // A word before the anchor was dropped, or one after it.
                    if let Some(start) = (i + 1).checked_sub(position)
                        && start <= i
                    {
                        windows.insert((entry, start, n - 1));
                    }
                    if let Some(start) = i.checked_sub(position) {
                        windows.insert((entry, start, n - 1));
                    }
                }
            }
        }
        let mut windows: Vec<_> = windows.into_iter().collect();
        windows.sort_unstable();
        windows
            .into_iter()
            .filter_map(|(entry, start, len)| self.verify(toks, entry, start, len))
            .collect()
    }

    /// Aligns tokens `start..start + len` with the words of `entry`.
    fn verify(&self, toks: &[Word], entry_id: u32, start: usize, len: usize) -> Option<Candidate> {
        let entry = &self.entries[entry_id as usize];
        let window = toks.get(start..start + len)?;
        if window.iter().skip(1).any(|t| !t.joined_to_previous) {
            return None;
        }
        let words = &entry.words;
        let exact = |t: &Word, w: &str| {
            t.text.to_lowercase() == w.to_lowercase()
                && (!entry.capitalised || is_stopword(&w.to_lowercase()) || t.capitalised())
        };
        let span = Span::new(window[0].span.start, window[len - 1].span.end);
        let (mut confidence, mut reasons) = if len == words.len() {
            let odd: Vec<usize> = (0..len)
                .filter(|&k| !exact(&window[k], &words[k]))
                .collect();
            let [k] = odd[..] else { return None };
            let content = words.iter().filter(|w| !is_stopword(&w.to_lowercase()));
            if content.count() < 2 {
                return None;
            }
            // "Foreign Assistance Act" is a name of its own, not a garbled "Foreign Ministry".
            if entry.capitalised && continues_as_a_longer_name(toks, start + len) {
                return None;
            }
            self.odd_word(entry_id, k as u16, &window[k], &words[k])?
        } else {
            // One content word dropped from the middle: "Ministry of Security". Not for
            // domain terms: "deep learning" is a term of its own, not a garbled "deep
            // reinforcement learning".
            if entry.kind == Kind::Term {
                return None;
            }
            let dropped = (1..words.len() - 1).find(|&d| {
                !is_stopword(&words[d].to_lowercase())
                    && words
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != d)
                        .zip(window)
                        .all(|((_, w), t)| exact(t, w))
            })?;
            let kept = words
                .iter()
                .enumerate()
                .filter(|&(k, w)| k != dropped && !is_stopword(&w.to_lowercase()));
            if kept.count() < 2 || !self.whole_name(toks, start, start + len) {
                return None;
            }
            (0.55, vec![format!("'{}' is missing", words[dropped])])
        };
        if entry.capitalised {
            let (bonus, context) = self.context(toks, start, start + len, entry);
            // The words that match show it is a name: its capital says more than a lone word's.
            confidence += bonus.max(0.0);
            reasons.extend(
                context
                    .into_iter()
                    .filter(|r| !r.contains("sentence start")),
            );
        }
        if words.len() >= 3 {
            confidence += 0.05;
        }
        if confidence < FLOOR {
            return None;
        }
        Some(Candidate {
            span,
            entry: entry_id,
            confidence,
            suggestion: whole_suggestion(window, entry),
            reasons,
            part_of: None,
        })
    }

    /// How the one differing word of a multi-word match differs: a synonym, a near miss or
    /// a swapped small word.
    fn odd_word(
        &self,
        entry: u32,
        position: u16,
        tok: &Word,
        word: &str,
    ) -> Option<(f32, Vec<String>)> {
        let lexicon = &self.lexicon;
        let lower = tok.text.to_lowercase();
        let word_lower = word.to_lowercase();
        if self.entries[entry as usize].capitalised && !tok.capitalised() {
            return None;
        }
        if is_stopword(&word_lower) {
            // A swapped small word garbles a name ("Commission of Narcotic Drugs"); after a
            // domain term it is only the next word ("renewable energy into").
            let name = self.entries[entry as usize].kind != Kind::Term;
            return (name && is_stopword(&lower))
                .then(|| (0.5, vec![format!("'{}' stands for '{word}'", tok.text)]));
        }
        if self.terms.contains(&lower) || lexicon.names().contains(tok.text) {
            return None;
        }
        if let Some(synonyms) = self.synonyms.get(&(entry, position))
            && synonyms.contains(&lower)
        {
            let spun = lexicon
                .spins()
                .of(&word_lower)
                .iter()
                .any(|(s, _)| *s == lower);
            let mut reasons = vec![format!("'{}' is a synonym of '{word}'", tok.text)];
            let mut confidence = 0.55;
            if spun {
                confidence += 0.1;
                reasons.push("a substitution paraphrasers are known to make".to_string());
            }
            return Some((confidence, reasons));
        }
        // Two real words of one family ("Minister" of the "Ministry") name different things.
        let shared = lower
            .chars()
            .zip(word_lower.chars())
            .take_while(|(a, b)| a == b)
            .count();
        if shared >= 5 && lexicon.words().contains(&lower) && lexicon.words().contains(&word_lower)
        {
            return None;
        }
        let evidence = Evidence::between(&Keys::new(tok.text), &Keys::new(word))?;
        let (base, reasons) = evidence.score(Keys::new(word).len())?;
        let reasons = reasons
            .into_iter()
            .map(|r| format!("'{}' vs '{word}': {r}", tok.text))
            .collect();
        // The other words are exact: a weaker likeness is enough.
        Some((base + 0.1, reasons))
    }

    /// No capitalised word joins the window on either side: the name is exactly this span.
    fn whole_name(&self, toks: &[Word], from: usize, to: usize) -> bool {
        let joins = |t: Option<&Word>, inner: bool| {
            t.is_some_and(|t| {
                (inner || t.joined_to_previous)
                    && (t.capitalised() && !t.sentence_start
                        || matches!(t.text, "of" | "and" | "on" | "for" | "the"))
            })
        };
        let before = from.checked_sub(1).and_then(|i| toks.get(i));
        let before_joins = toks[from].joined_to_previous && joins(before, true);
        let after_joins = joins(toks.get(to), false);
        !before_joins && !after_joins
    }
}

/// Whether the capitalised word at token `next` carries on the name before it mid-sentence
/// ("Foreign Assistance | Act"): the whole run names something else.
fn continues_as_a_longer_name(toks: &[Word], next: usize) -> bool {
    toks.get(next)
        .is_some_and(|t| t.joined_to_previous && t.capitalised() && !t.sentence_start)
}

/// Whether token `i` stands beside a capitalised word that is neither a word of `entry`'s
/// name nor a title: "Hu Jintao" is somebody else, not a garbled "Janet" Yellen, while
/// "President Byton" and "Byton administration" may be Biden.
fn in_other_name(toks: &[Word], i: usize, entry: &NearEntry) -> bool {
    let other = |t: &Word| {
        let lower = t.text.to_lowercase();
        t.capitalised()
            && !entry.words.iter().any(|w| w.eq_ignore_ascii_case(t.text))
            && !TITLES.contains(&lower.as_str())
            && !is_stopword(&lower)
    };
    let before = i
        .checked_sub(1)
        .map(|j| &toks[j])
        .filter(|_| toks[i].joined_to_previous);
    let after = toks.get(i + 1).filter(|t| t.joined_to_previous);
    before.is_some_and(other) || after.is_some_and(other)
}

/// "ABMs", "NGOs": an acronym with a plural s.
fn acronym_plural(word: &str) -> bool {
    word.strip_suffix('s').is_some_and(|stem| {
        stem.chars().count() >= 2 && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// Whether an ordinary word next to token `i` is in capitals too (a shouted headline).
fn shouting(lexicon: &Lexicon, toks: &[Word], i: usize) -> bool {
    let neighbours = [i.checked_sub(1), Some(i + 1)];
    neighbours
        .into_iter()
        .flatten()
        .filter_map(|j| toks.get(j))
        .any(|t| t.all_caps() && lexicon.words().contains(&t.text.to_lowercase()))
}

/// The correction for one garbled word: the glossary word, upper-cased when the text shouts.
fn suggest(seen: &str, word: &str, entry: &NearEntry) -> String {
    let all_caps = seen.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !seen.chars().any(char::is_lowercase);
    if entry.capitalised {
        if all_caps {
            word.to_uppercase()
        } else {
            word.to_string()
        }
    } else {
        copy_case(seen, word)
    }
}

/// The correction for a garbled multi-word name: the whole term.
fn whole_suggestion(window: &[Word], entry: &NearEntry) -> String {
    if window.iter().all(Word::all_caps) {
        entry.term.to_uppercase()
    } else {
        entry.term.clone()
    }
}

/// The spans sorted, with overlapping ones merged.
fn merged(spans: &[Span]) -> Vec<Span> {
    let mut sorted = spans.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for span in sorted {
        match out.last_mut() {
            Some(last) if span.start < last.end => *last = last.cover(span),
            _ => out.push(span),
        }
    }
    out
}

/// Whether `span` overlaps any of the sorted, non-overlapping `spans`.
fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.end <= span.start);
    spans[i..]
        .iter()
        .take_while(|s| s.start < span.end)
        .any(|s| s.overlaps(span))
}

/// Single-word synonyms of an institution's word: WordNet senses, Moby (both listing each
/// other) and substitutions mined from spun text.
fn synonyms_of(lexicon: &Lexicon, word: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let single = |s: &str| !s.contains([' ', '-', '_']);
    for sense in lexicon.wordnet().senses(word) {
        out.extend(
            sense
                .lemmas
                .iter()
                .map(|l| l.to_lowercase())
                .filter(|l| single(l)),
        );
    }
    let moby = lexicon.moby();
    out.extend(
        moby.synonyms(word)
            .filter(|s| single(s) && moby.lists(s, word))
            .map(str::to_lowercase),
    );
    out.extend(
        lexicon
            .spins()
            .of(word)
            .iter()
            .map(|(s, _)| s.to_lowercase())
            .filter(|s| single(s)),
    );
    out.remove(word);
    out
}

#[cfg(test)]
mod tests;
