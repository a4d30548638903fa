//! Finding glossary terms and their source-language forms in segments.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::glossary::{Glossary, Kind};
use crate::lexicon::Lexicon;
use crate::text::span::Span;
use crate::text::words::{is_hangul, is_unspaced_char, is_whole_word_in_mixed_text};

/// An automaton over some forms of every entry, each form filed under its entry.
pub struct FormIndex {
    automaton: Option<AhoCorasick>,
    entries: Vec<usize>,
    /// Where each form may match: as a whole word, as a substring (scripts written without
    /// spaces), or at a word's start (Korean, whose particles join the noun before them).
    bounds: Vec<Bounds>,
    /// The longest form's length in bytes.
    longest: usize,
    /// Forms that match only as written, capitals and all: a name's words ("Trump", not the
    /// card game's "trump").
    exact: Vec<Option<String>>,
    /// Forms that name their entry only inside a sentence: an organisation's head noun.
    mid_sentence: Vec<bool>,
}

impl FormIndex {
    /// The correct target forms of every entry: its term, its accepted forms ("HKMA" for
    /// "Hong Kong Monetary Authority": the glossary says they are right too), and their
    /// inflections.
    pub fn terms(glossary: &Glossary) -> FormIndex {
        FormIndex::new(correct_forms(glossary), Vec::new(), Vec::new())
    }

    /// Every form by which a same-language text names an entry: the terms, accepted forms and their
    /// inflections, as [`FormIndex::terms`], and also each entry's lemma and head-less form
    /// ("precursors" names "precursor chemical"), and the words of a person's name, as written
    /// ("Biden" names "Joe Biden"). An original names its terms in whatever form its writer
    /// chose, not in the glossary's.
    pub fn named(glossary: &Glossary, lexicon: &Lexicon) -> FormIndex {
        let mut forms: Vec<(usize, String)> = correct_forms(glossary).collect();
        // Not a name's: "State" of "State Department" (or its "States") does not name it.
        let named_entity = |i: usize| {
            let entry = &glossary.entries[i];
            matches!(entry.kind, Kind::Name | Kind::Org)
                || entry.term.starts_with(char::is_uppercase)
        };
        for (i, form) in crate::derive::other_forms(lexicon, glossary) {
            if !named_entity(i) {
                forms.extend(inflected(i, &form));
            }
        }
        let names = glossary.entries.iter().enumerate();
        let names = names.filter(|(_, e)| e.kind == Kind::Name && e.term.contains(' '));
        // A common word names nothing alone ("Criminal" of "Criminal Code Act 1995"), unless
        // it is a person's name too ("Rice").
        let names_alone = |w: &str| {
            name_word(w)
                && (!lexicon.words().contains(&w.to_lowercase()) || lexicon.names().contains(w))
        };
        let words: Vec<(usize, String)> = names
            .flat_map(|(i, e)| e.term.split(' ').map(move |w| (i, w.to_string())))
            .filter(|(_, w)| names_alone(w))
            .collect();
        FormIndex::new(forms.into_iter(), words, org_heads(glossary).collect())
    }

    /// The source-language forms of every entry that lists some, with the endings a
    /// declined language puts on them ([`declined`]).
    pub fn sources(glossary: &Glossary) -> FormIndex {
        FormIndex::new(
            glossary.entries.iter().enumerate().flat_map(|(i, e)| {
                e.source
                    .iter()
                    .flat_map(|s| declined(s))
                    .map(move |s| (i, s))
            }),
            Vec::new(),
            Vec::new(),
        )
    }

    /// An index of `forms`, matched in any case, and `exact` forms, matched as written.
    /// Each form is also looked for as typeset ([`typeset`]: "People’s", "Hong\u{a0}Kong").
    /// `heads` are matched as written too, but not where they open a sentence, whose capital
    /// says nothing ("Laboratory tests at the ..." names no "... Control Laboratory").
    fn new(
        forms: impl Iterator<Item = (usize, String)>,
        exact: Vec<(usize, String)>,
        heads: Vec<(usize, String)>,
    ) -> FormIndex {
        let any_case = forms.map(|form| (form, false, false));
        let as_written = exact.into_iter().map(|form| (form, true, false));
        let heads = heads.into_iter().map(|form| (form, true, true));
        let (mut entries, mut all, mut exact) = (Vec::new(), Vec::new(), Vec::new());
        let mut mid_sentence = Vec::new();
        for ((entry, form), is_exact, is_head) in any_case.chain(as_written).chain(heads) {
            for variant in typeset(&form) {
                entries.push(entry);
                exact.push(is_exact.then(|| variant.clone()));
                mid_sentence.push(is_head);
                all.push(variant);
            }
        }
        let forms = all;
        let bounds = forms.iter().map(|f| Bounds::of(f)).collect();
        let longest = forms.iter().map(String::len).max().unwrap_or(0);
        let automaton = (!forms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&forms)
                .expect("glossary forms build an automaton")
        });
        FormIndex {
            automaton,
            entries,
            bounds,
            longest,
            exact,
            mid_sentence,
        }
    }

    /// Occurrences `(span, entry)` in `text[within]`, spans absolute, sorted by position.
    /// Overlapping ones are all kept: "Hong Kong" is named inside "Hong Kong Monetary
    /// Authority" too, and the target must render both.
    pub fn find(&self, text: &str, within: Span) -> Vec<(Span, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let part = Spaced::new(&text[within.start..within.end]);
        // (span, entry, matched as written: a name's word or an organisation's head)
        let matches: Vec<(Span, usize, bool)> = automaton
            .find_overlapping_iter(part.text())
            .filter_map(|m| {
                let pattern = m.pattern().as_usize();
                let span = Span::new(
                    within.start + part.original(m.start()),
                    within.start + part.original_end(m.end()),
                );
                let exact = self.exact[pattern].as_ref();
                let as_written = exact.is_none_or(|form| text[span.start..span.end] == *form);
                let before =
                    text[within.start..span.start].trim_end_matches([' ', '"', '“', '\'', '‘']);
                let opens = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
                let placed = !(self.mid_sentence[pattern] && opens);
                (as_written && placed && self.bounds[pattern].hold(text, span)).then_some((
                    span,
                    self.entries[pattern],
                    exact.is_some(),
                ))
            })
            .collect();
        // A name's word inside another entry's longer name is that name's ("Department" of
        // "Department of Homeland Security" names no "Commerce Department"). The names around
        // a word start at most the longest form before it.
        let mut by_start = matches;
        by_start.sort_unstable_by_key(|(s, _, _)| s.start);
        let inside_another = |span: Span, entry: usize| {
            let from = by_start.partition_point(|(s, _, _)| s.start + self.longest < span.start);
            by_start[from..]
                .iter()
                .take_while(|(s, _, _)| s.start <= span.start)
                .any(|&(other, e, _)| {
                    e != entry && other.len() > span.len() && span.end <= other.end
                })
        };
        let mut found: Vec<(Span, usize)> = by_start
            .iter()
            .filter(|&&(span, entry, exact)| !exact || !inside_another(span, entry))
            .map(|&(span, entry, _)| (span, entry))
            .collect();
        found.sort_unstable_by_key(|(s, e)| (s.start, std::cmp::Reverse(s.end), *e));
        // Inflected forms of one entry overlap ("fund", "funds"): one occurrence each.
        found.dedup_by(|b, a| a.1 == b.1 && a.0.overlaps(b.0));
        found
    }
}

/// `form` as typed and as typeset: its apostrophes straight or curly (’), its hyphens as the
/// ASCII, the Unicode or the non-breaking hyphen or an en dash ("Mainland–Hong Kong"), its spaces plain or non-breaking; each kind
/// throughout the form (a text is typeset one way), so a glossary written with a keyboard
/// finds "People’s Republic of China" and "Hong\u{a0}Kong", and a typeset glossary the typed
/// text (the monolingual check folds these in its normaliser).
fn typeset(form: &str) -> Vec<String> {
    let mut variants = vec![form.to_string()];
    for class in [
        &['\'', '\u{2019}'][..],
        &['-', '\u{2010}', '\u{2011}', '\u{2013}'][..],
        &[' ', '\u{a0}'][..],
    ] {
        let mut more = Vec::new();
        for variant in variants.iter().filter(|v| v.contains(class)) {
            for &to in class {
                let respelled: String = variant
                    .chars()
                    .map(|c| if class.contains(&c) { to } else { c })
                    .collect();
                if respelled != *variant {
                    more.push(respelled);
                }
            }
        }
        variants.extend(more);
    }
    variants.sort_unstable();
    variants.dedup();
    variants
}

/// `(entry, form)` for every entry's term and accepted forms, each with its inflections.
fn correct_forms(glossary: &Glossary) -> impl Iterator<Item = (usize, String)> + '_ {
    let entries = glossary.entries.iter().enumerate();
    entries.flat_map(|(i, e)| {
        let forms = std::iter::once(&e.term).chain(&e.accepted);
        forms.flat_map(move |form| inflected(i, form))
    })
}

/// Heads of names of bodies that have branches, one name for each ("Regional Office of ...").
const BRANCHES: &[&str] = &[
    "agency",
    "authority",
    "board",
    "branch",
    "bureau",
    "center",
    "centre",
    "commission",
    "committee",
    "council",
    "court",
    "department",
    "directorate",
    "division",
    "institute",
    "laboratory",
    "office",
    "station",
    "unit",
];

/// `(entry, form)` for the term and each of its inflections.
fn inflected(entry: usize, term: &str) -> impl Iterator<Item = (usize, String)> + use<> {
    use crate::text::inflect::{Inflection, apply_to_head, plural_on_head};
    let mut forms: Vec<String> = crate::text::inflect::forms(term)
        .into_iter()
        .map(|(_, form)| form)
        .collect();
    // A term with a phrase after its head ("certificate of competency") is plural on its
    // head: "certificates of competency"; so is the name of an office there are several of
    // ("Regional Offices of Food and Drug Safety"), not a document's title ("Guidelines on
    // Authorization of Virtual Banks" is another title).
    let (_, head, phrase) = crate::text::inflect::head_word(term);
    let office = !phrase.is_empty() && BRANCHES.contains(&head.to_lowercase().as_str());
    if plural_on_head(term) || office {
        forms.push(apply_to_head(Inflection::S, term));
    }
    forms.into_iter().map(move |form| (entry, form))
}

/// A word of a person's name that names the person alone: capitalised, three letters or more
/// ("Biden", "Liu"; not an initial, not "de").
/// `(entry, head)` for every organisation named in more than one word: the head noun of
/// its name, as written ("Coalition" of "Global Coalition to Address Synthetic Drug
/// Threats", "Committee" of "Exchange Fund Advisory Committee"), by which a text names it
/// again after the first mention ("Core Coalition countries"). Not of its accepted forms:
/// "Security" of "Homeland Security" is as often another name's word.
fn org_heads(glossary: &Glossary) -> impl Iterator<Item = (usize, String)> + '_ {
    let orgs = glossary.entries.iter().enumerate();
    let orgs = orgs.filter(|(_, e)| e.kind == Kind::Org);
    orgs.filter_map(|(i, e)| Some((i, head_word(&e.term)?.to_string())))
}

/// The head noun of a name of several words: the last word before its first lower-case
/// word ("Commission" of "Commission on Narcotic Drugs"), or its last word.
fn head_word(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let lower = words
        .iter()
        .position(|w| w.chars().next().is_some_and(char::is_lowercase));
    let head = match lower {
        Some(0) => return None,
        Some(at) => words[at - 1],
        None => words[words.len() - 1],
    };
    name_word(head).then_some(head)
}

fn name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// A text with each run of spaces made one, and where each byte of it stands in the text:
/// markup masked to blanks ("Exchange</g> Fund") does not part a term's words.
struct Spaced<'t> {
    text: std::borrow::Cow<'t, str>,
    /// The text's offset of each byte (empty: the same offsets).
    offsets: Vec<usize>,
}

impl<'t> Spaced<'t> {
    fn new(text: &'t str) -> Spaced<'t> {
        if !text.contains("  ") {
            return Spaced {
                text: std::borrow::Cow::Borrowed(text),
                offsets: Vec::new(),
            };
        }
        let (mut spaced, mut offsets) = (String::with_capacity(text.len()), Vec::new());
        for (at, c) in text.char_indices() {
            if c == ' ' && spaced.ends_with(' ') {
                continue;
            }
            spaced.push(c);
            offsets.extend((0..c.len_utf8()).map(|i| at + i));
        }
        offsets.push(text.len());
        Spaced {
            text: std::borrow::Cow::Owned(spaced),
            offsets,
        }
    }

    fn text(&self) -> &str {
        &self.text
    }

    /// The text's offset of byte `at` (a match's start).
    fn original(&self, at: usize) -> usize {
        self.offsets.get(at).copied().unwrap_or(at)
    }

    /// The text's offset of the end of a match ending before byte `at`.
    fn original_end(&self, at: usize) -> usize {
        match at {
            0 => 0,
            at if !self.offsets.is_empty() => self.offsets[at - 1] + 1,
            at => at,
        }
    }
}

/// A source form and the forms a declined language (German, the Romance languages' plurals)
/// gives it in running text: its last word with a case or plural ending ("Rückstände",
/// "Referenzlaboratorien" aside, "Wirkstoffen", "Mittels"), and, in a form of several words,
/// its first word with one ("des Bundesministeriums für Ernährung", "akuten Referenzdosis").
/// Only words in lower-case letters after a capital or none: an abbreviation ("PSM") takes
/// no ending, and forms in scripts without spaces or in Hangul are matched otherwise.
fn declined(form: &str) -> Vec<String> {
    let mut forms = vec![form.to_string()];
    if Bounds::of(form) != Bounds::Word {
        return forms;
    }
    let words: Vec<&str> = form.split(' ').collect();
    let declinable = |w: &str| {
        w.chars().count() >= 3
            && w.chars().skip(1).all(char::is_lowercase)
            && w.chars().all(char::is_alphabetic)
    };
    let last = words.len() - 1;
    if declinable(words[last]) {
        for ending in ["s", "es", "n", "en", "e"] {
            let mut declined = words.clone();
            let word = format!("{}{ending}", words[last]);
            declined[last] = &word;
            forms.push(declined.join(" "));
        }
    }
    if last > 0 && declinable(words[0]) {
        let adjective = words[0].ends_with('e');
        let endings: &[&str] = if adjective {
            &["n", "r", "s", "m"]
        } else {
            &["s", "es", "n", "en", "er", "em"]
        };
        for ending in endings {
            let mut declined = words.clone();
            let word = format!("{}{ending}", words[0]);
            declined[0] = &word;
            forms.push(declined.join(" "));
        }
    }
    forms
}

/// Where a form may match in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bounds {
    /// A whole word (or words): "bank" is not in "embankment".
    Word,
    /// Anywhere: Chinese, Japanese and Thai are written without spaces.
    Substring,
    /// Starting a word, whatever follows: a Korean noun takes its particles and endings
    /// with it ("주택도시기금을" is 주택도시기금 and the object particle 을).
    WordStart,
}

impl Bounds {
    fn of(form: &str) -> Bounds {
        if unspaced_script(form) {
            Bounds::Substring
        } else if form.chars().any(is_hangul) {
            Bounds::WordStart
        } else {
            Bounds::Word
        }
    }

    fn hold(self, text: &str, span: Span) -> bool {
        match self {
            Bounds::Substring => true,
            Bounds::Word => is_whole_word_in_mixed_text(text, span),
            Bounds::WordStart => !text[..span.start].ends_with(|c: char| c.is_alphanumeric()),
        }
    }
}

/// Chinese, Japanese and Thai are written without spaces between words: a form in them is
/// found as a plain substring.
pub(super) fn unspaced_script(form: &str) -> bool {
    form.chars().any(is_unspaced_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_phrase_after_its_head_is_plural_on_its_head() {
        let g =
            Glossary::parse("g.tsv", "term\nRegional Office of Food and Drug Safety\n").unwrap();
        let text = "the six Regional Offices of Food and Drug Safety inspected";
        let found = FormIndex::terms(&g).find(text, Span::new(0, text.len()));
        let words: Vec<&str> = found.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(words, ["Regional Offices of Food and Drug Safety"]);
    }

    #[test]
    fn a_declined_source_form_is_the_form() {
        // German puts case and plural endings on a name's first word and on a noun.
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\n\
             Federal Ministry of Food and Agriculture\tBundesministerium für Ernährung und Landwirtschaft\n\
             acute reference dose\takute Referenzdosis\n\
             plant protection product\tPflanzenschutzmittel|PSM\n",
        )
        .unwrap();
        let text = "Im Auftrag des Bundesministeriums für Ernährung und Landwirtschaft wurde \
                    die Überschreitung der akuten Referenzdosis bei Pflanzenschutzmitteln und \
                    PSMs geprüft.";
        let found = FormIndex::sources(&g).find(text, Span::new(0, text.len()));
        let words: Vec<&str> = found.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(
            words,
            [
                "Bundesministeriums für Ernährung und Landwirtschaft",
                "akuten Referenzdosis",
                "Pflanzenschutzmitteln"
            ]
        );
    }

    #[test]
    fn chinese_forms_match_inside_runs_and_spaced_ones_as_words() {
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\nExchange Fund\t外匯基金\nbank\tBank\n",
        )
        .unwrap();
        let index = FormIndex::sources(&g);
        let text = "外匯基金的投資 Bankers Bank";
        let found = index.find(text, Span::new(0, text.len()));
        let words: Vec<(&str, usize)> = found
            .iter()
            .map(|(s, e)| (&text[s.start..s.end], *e))
            .collect();
        assert_eq!(words, [("外匯基金", 0), ("Bank", 1)]);
        let g =
            Glossary::parse("g.tsv", "term\nHong Kong\nHong Kong Monetary Authority\n").unwrap();
        let text = "the Hong Kong Monetary Authority";
        let found = FormIndex::terms(&g).find(text, Span::new(0, text.len()));
        assert_eq!(found, [(Span::new(4, 32), 1), (Span::new(4, 13), 0)]);
    }

    #[test]
    fn korean_forms_match_at_a_words_start_with_their_particles() {
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\nHousing and Urban Fund\t주택도시기금\nnew town\t신도시\n",
        )
        .unwrap();
        let index = FormIndex::sources(&g);
        // The object particle 을 and the topic particle 은 join the noun; 신도시 inside
        // another word (a "재신도시" made up for the test) is no occurrence.
        let text = "주택도시기금을 늘리고 신도시은 재신도시";
        let found = index.find(text, Span::new(0, text.len()));
        let words: Vec<&str> = found.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(words, ["주택도시기금", "신도시"]);
    }

    #[test]
    fn a_latin_source_form_is_a_word_where_chinese_characters_border_it() {
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\ncontinuous emission monitoring system\t在线监测系统|CEMS\n",
        )
        .unwrap();
        let index = FormIndex::sources(&g);
        let text = "CEMS数据应当真实，安装CEMS。CEMSX 与 XCEMS 和 CEMSé 不是";
        let found: Vec<usize> = index
            .find(text, Span::new(0, text.len()))
            .iter()
            .map(|(s, _)| s.start)
            .collect();
        let installed = text.find("安装").unwrap() + "安装".len();
        assert_eq!(found, [0, installed]);
    }

    #[test]
    fn a_typed_form_finds_its_typeset_spelling() {
        let g = Glossary::parse(
            "g.tsv",
            "term\taccepted\nPeople's Republic of China\tPRC\nanti-money laundering\t\n",
        )
        .unwrap();
        let index = FormIndex::terms(&g);
        for text in [
            "the People\u{2019}s Republic of China",
            "the People\u{2019}s\u{a0}Republic\u{a0}of\u{a0}China",
            "anti\u{2011}money laundering rules",
            "anti-money\u{a0}laundering rules",
            "anti\u{2013}money laundering rules",
        ] {
            let found = index.find(text, Span::new(0, text.len()));
            let words: Vec<&str> = found.iter().map(|(s, _)| &text[s.start..s.end]).collect();
            assert_eq!(words.len(), 1, "{text:?}: {words:?}");
            assert!(
                text.ends_with(words[0]) || words[0].starts_with("anti"),
                "{words:?}"
            );
        }
        // A typeset glossary finds the typed text.
        let g = Glossary::parse("g.tsv", "term\nPeople\u{2019}s Bank of China\n").unwrap();
        let text = "the People's Bank of China";
        assert_eq!(
            FormIndex::terms(&g)
                .find(text, Span::new(0, text.len()))
                .len(),
            1
        );
        // Not a different word: "Peoples" is no typesetting of "People's".
        let text = "the Peoples Republic of China";
        assert!(index.find(text, Span::new(0, text.len())).is_empty());
    }
}
