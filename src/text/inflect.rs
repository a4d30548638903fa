//! English inflection of glossary forms, so a listed base form also finds its inflections and
//! the correction is inflected the same way ("pioneers" -> "precursors", "arranged" ->
//! "scheduled"). Multi-word forms inflect their last word, the head of most English noun
//! phrases ([`head_word`] finds the head of one with a prepositional phrase after it).

use crate::text::casing::copy_case;

/// Which inflection a form carries relative to its base form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inflection {
    Base,
    /// Plural noun or third-person verb: both add -s/-es/-ies.
    S,
    Possessive,
    PluralPossessive,
    Past,
    Gerund,
    /// The singular of a plural form: "rogue buyers" also finds "rogue buyer".
    Singular,
}

impl Inflection {
    pub const ALL: [Inflection; 7] = [
        Inflection::Base,
        Inflection::S,
        Inflection::Possessive,
        Inflection::PluralPossessive,
        Inflection::Past,
        Inflection::Gerund,
        Inflection::Singular,
    ];

    /// Applies this inflection to the last word of `phrase`. (Strings are joined with
    /// `concat`, not `format!`: building a large glossary's index inflects millions.)
    pub fn apply(self, phrase: &str) -> String {
        if self == Inflection::Base {
            return phrase.to_string();
        }
        let split = phrase.rfind([' ', '-']).map_or(0, |i| i + 1);
        let (head, word) = phrase.split_at(split);
        if !word.chars().any(char::is_alphabetic) {
            // Numbers, codes and chemical locants are not inflected.
            return match self {
                Inflection::Base => phrase.to_string(),
                _ => [head, word, self.suffix_for_code()].concat(),
            };
        }
        [head, &self.apply_word(word)].concat()
    }

    fn suffix_for_code(self) -> &'static str {
        match self {
            Inflection::Base => "",
            Inflection::S => "s",
            Inflection::Possessive => "'s",
            Inflection::PluralPossessive => "s'",
            Inflection::Past => "ed",
            Inflection::Gerund => "ing",
            Inflection::Singular => "",
        }
    }

    fn apply_word(self, word: &str) -> String {
        let lower = word.to_lowercase();
        let upper = word.len() > 1 && word.chars().all(|c| !c.is_lowercase());
        let suffixed = match self {
            Inflection::Base => return word.to_string(),
            Inflection::S => plural(word, &lower),
            Inflection::Possessive => [word, "'s"].concat(),
            Inflection::PluralPossessive => {
                let p = plural(word, &lower);
                if p.ends_with('s') {
                    [&p, "'"].concat()
                } else {
                    [&p, "'s"].concat()
                }
            }
            Inflection::Past => past(word, &lower),
            Inflection::Gerund => gerund(word, &lower),
            Inflection::Singular => singular(word, &lower),
        };
        if upper {
            suffixed.to_uppercase()
        } else {
            suffixed
        }
    }
}

/// Prepositions that open a phrase after a noun phrase's head ("certificate of competency").
const POSTMODIFIERS: [&str; 6] = [" of ", " to ", " for ", " in ", " on ", " with "];
/// Of a run of a text, only these say a head and its phrase: "zones in building" may be a
/// head and the clause after it.
const RUN_POSTMODIFIERS: [&str; 3] = [" of ", " to ", " for "];

/// Whether `term` is a lower-case noun phrase with a phrase after its head ("certificate of
/// competency"): it is plural on its head. A name or title ("Protection of Personal Digital
/// Keys") keeps to its last word.
pub fn plural_on_head(term: &str) -> bool {
    !term.contains(char::is_uppercase) && !head_word(term).2.is_empty()
}

/// [`Inflection::apply`] to the head word of `phrase` ([`head_word`]): "certificates of
/// competency". The monolingual rules mirror a text's inflection word for word and keep to
/// the last word; a translation's plural of a term is on its head.
pub fn apply_to_head(inflection: Inflection, phrase: &str) -> String {
    let (before, word, after) = head_word(phrase);
    [before, &inflection.apply(word), after].concat()
}

/// `phrase` as (what comes before its head, the head, what follows): the head is the last
/// word, or the last word before a prepositional phrase that follows it ("certificate" of
/// "certificate of competency"), where the words before it are a plain noun phrase.
pub fn head_word(phrase: &str) -> (&str, &str, &str) {
    head_before(phrase, &POSTMODIFIERS)
}

/// [`head_word`], with the head's phrase opened by one of `postmodifiers`.
fn head_before<'p>(phrase: &'p str, postmodifiers: &[&str]) -> (&'p str, &'p str, &'p str) {
    // Only after a plain noun phrase: "with respect to ESG governance" is no head and phrase.
    let cut = postmodifiers
        .iter()
        .filter_map(|p| phrase.find(p))
        .min()
        .filter(|&at| {
            at > 0
                && phrase[..at]
                    .split(' ')
                    .all(|w| !crate::text::words::is_function_word(&w.to_lowercase()))
        });
    match cut {
        Some(at) => {
            let start = phrase[..at].rfind([' ', '-']).map_or(0, |i| i + 1);
            (&phrase[..start], &phrase[start..at], &phrase[at..])
        }
        None => ("", phrase, ""),
    }
}

/// Whether a word looks like a regular plural ("tariffs", not "press" or "status").
/// Nouns whose plural is the word itself: invariant plurals ("corps", "series") and mass
/// nouns ("equipment", "care"), which a translation's plural must not inflect ("volunteer
/// fire corpses").
const INVARIANT: [&str; 37] = [
    "aircraft",
    "assistance",
    "barracks",
    "care",
    "chassis",
    "compliance",
    "corps",
    "crossroads",
    "deer",
    "education",
    "enforcement",
    "equipment",
    "evidence",
    "feedback",
    "guidance",
    "headquarters",
    "health",
    "information",
    "infrastructure",
    "knowledge",
    "legislation",
    "livestock",
    "machinery",
    "management",
    "means",
    "personnel",
    "prevention",
    "protection",
    "research",
    "safety",
    "series",
    "sheep",
    "software",
    "species",
    "supervision",
    "training",
    "welfare",
];

fn is_invariant(lower: &str) -> bool {
    INVARIANT.binary_search(&lower).is_ok()
}

/// Whether two lower-case words are a noun's singular and its regular plural, either way
/// round ("map" and "maps", "policy" and "policies").
pub fn singular_and_plural(a: &str, b: &str) -> bool {
    // Most pairs asked are no such thing: told at once (the locator asks millions).
    if !(1..=2).contains(&a.len().abs_diff(b.len())) || a.as_bytes().first() != b.as_bytes().first()
    {
        return false;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if short.len() < 2 {
        return false;
    }
    match long.strip_prefix(short) {
        Some(ending) => ending == "s" || ending == "es",
        None => short
            .strip_suffix('y')
            .is_some_and(|stem| long.strip_suffix("ies") == Some(stem)),
    }
}

fn is_plural(lower: &str) -> bool {
    !is_invariant(lower)
        && lower.len() > 3
        && lower.ends_with('s')
        && !["ss", "us", "is", "ics", "news"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// All inflected forms of `phrase` with their inflection, first occurrence of a form wins.
/// Plural phrases get their singular instead of further plurals.
pub fn forms(phrase: &str) -> Vec<(Inflection, String)> {
    forms_of(phrase, |_| true)
}

/// [`forms`] with the inflections `keep` accepts only, the others never built (a large
/// glossary's index inflects hundreds of thousands of candidates, nouns among them).
pub fn forms_of(phrase: &str, keep: impl Fn(Inflection) -> bool) -> Vec<(Inflection, String)> {
    let head = phrase
        .rsplit([' ', '-'])
        .next()
        .unwrap_or(phrase)
        .to_lowercase();
    let plural = is_plural(&head);
    let mut out: Vec<(Inflection, String)> = Vec::with_capacity(7);
    for inflection in Inflection::ALL {
        // Possessives need no forms of their own: "Byton's" is "Byton" at a word boundary,
        // and the "'s" stays where it is when "Byton" is replaced.
        let wanted = match inflection {
            Inflection::Singular => plural,
            Inflection::S | Inflection::Past | Inflection::Gerund => !plural,
            Inflection::Possessive | Inflection::PluralPossessive => false,
            Inflection::Base => true,
        };
        if !wanted || !keep(inflection) {
            continue;
        }
        let form = inflection.apply(phrase);
        if !out.iter().any(|(_, f)| f.eq_ignore_ascii_case(&form)) {
            out.push((inflection, form));
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn plural(word: &str, lower: &str) -> String {
    let stem_len = word.len() - 1;
    if is_invariant(lower) {
        word.to_string()
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        [word, "es"].concat()
    } else if ends_consonant_y(lower) {
        [&word[..stem_len], "ies"].concat()
    } else {
        [word, "s"].concat()
    }
}

fn singular(word: &str, lower: &str) -> String {
    if !is_plural(lower) {
        return word.to_string();
    }
    let cut = |n: usize| word[..word.len() - n].to_string();
    if lower.ends_with("ies") {
        [&word[..word.len() - 3], "y"].concat()
    } else if ["sses", "ches", "shes", "xes", "zes"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        cut(2)
    } else {
        cut(1)
    }
}

fn past(word: &str, lower: &str) -> String {
    if lower.ends_with('e') {
        [word, "d"].concat()
    } else if ends_consonant_y(lower) {
        [&word[..word.len() - 1], "ied"].concat()
    } else if doubles_final_consonant(lower) {
        [word, &word[word.len() - 1..], "ed"].concat()
    } else {
        [word, "ed"].concat()
    }
}

fn gerund(word: &str, lower: &str) -> String {
    if lower.ends_with("ie") {
        [&word[..word.len() - 2], "ying"].concat()
    } else if lower.ends_with('e') && !["ee", "ye", "oe"].iter().any(|e| lower.ends_with(e)) {
        [&word[..word.len() - 1], "ing"].concat()
    } else if doubles_final_consonant(lower) {
        [word, &word[word.len() - 1..], "ing"].concat()
    } else {
        [word, "ing"].concat()
    }
}

fn ends_consonant_y(lower: &str) -> bool {
    let mut rev = lower.chars().rev();
    rev.next() == Some('y')
        && rev
            .next()
            .is_some_and(|c| c.is_alphabetic() && !is_vowel(c))
}

/// One-syllable consonant-vowel-consonant words double their last letter ("ban" -> "banned").
fn doubles_final_consonant(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    if n < 3 || !chars.iter().all(char::is_ascii_alphabetic) {
        return false;
    }
    let (a, b, c) = (chars[n - 3], chars[n - 2], chars[n - 1]);
    let vowel_groups = chars
        .windows(2)
        .filter(|w| !is_vowel(w[0]) && is_vowel(w[1]))
        .count()
        + usize::from(is_vowel(chars[0]));
    vowel_groups == 1 && !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !"wxy".contains(c)
}

/// The term, cased and inflected like the words it replaces: a term written with capitals
/// (a name) keeps them; a plural run gets a plural term.
pub fn render(term: &str, matched: &str) -> String {
    // An abbreviation ("CEMS") or untranslated text says nothing of the term's case or
    // number.
    let abbreviation = matched.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !matched.chars().any(char::is_lowercase)
        && !matched.contains(char::is_whitespace);
    if abbreviation
        || !matched.chars().any(char::is_uppercase) && !matched.chars().any(char::is_lowercase)
    {
        return term.to_string();
    }
    // The number of the words replaced: of their last word, or where the term is plural on
    // its head, of theirs ("certificates of competency" for "certificate of competency";
    // "competency certificates" says nothing of it).
    let on_head = plural_on_head(term);
    // Words replaced that have a head of their own say its number, whatever the term's
    // form ("safety of school buses" is singular, "certificates of competency" plural).
    let replaced_head = match head_before(matched, &RUN_POSTMODIFIERS) {
        (_, word, after) if !after.is_empty() => Some(word),
        _ => None,
    };
    let (number_of, term_head) = if on_head {
        (replaced_head.unwrap_or(""), head_word(term).1)
    } else {
        (replaced_head.unwrap_or(matched), term)
    };
    let last = number_of.rsplit([' ', '-']).next().unwrap_or(number_of);
    let term_last = term_head.rsplit([' ', '-']).next().unwrap_or(term_head);
    let plural = |w: &str| {
        let w = w.to_lowercase();
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
    };
    // A name is plural only where its own head is ("Mutual Recognition Arrangements"): the
    // words of another name are plural in their own idiom ("the Import and Export
    // Regulations" for "Import and Export Ordinance").
    let name = term.split(' ').any(|w| w.starts_with(char::is_uppercase));
    let own_head = !name || {
        let (last, term_last) = (last.to_lowercase(), term_last.to_lowercase());
        singular_and_plural(&last, &term_last)
    };
    let inflected = if own_head
        && plural(last)
        && !plural(term_last)
        && term_last.chars().any(char::is_lowercase)
    {
        if on_head {
            apply_to_head(Inflection::S, term)
        } else {
            Inflection::S.apply(term)
        }
    } else {
        term.to_string()
    };
    // A term with capitals keeps the glossary's case, but for a sentence's first capital
    // ("Energy consumption per unit of GDP"); one in lower case takes the text's.
    if term.chars().any(char::is_uppercase) {
        // The text's first word capitalised, not in capitals ("OTC"), the next not (no
        // name); the term's first word in lower case throughout ("eTradeConnect" is a name).
        let mut words = matched.split(' ');
        let first = words.next().unwrap_or("");
        let opens_sentence = first.starts_with(char::is_uppercase)
            && first.chars().skip(1).any(char::is_lowercase)
            && !words
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
            && term
                .split(' ')
                .next()
                .is_some_and(|w| !w.chars().any(char::is_uppercase));
        if opens_sentence {
            copy_case(first, &inflected)
        } else {
            inflected
        }
    } else {
        copy_case(matched, &inflected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_builds_the_same_forms_as_forms_then_a_filter() {
        let nouns = |i: Inflection| !matches!(i, Inflection::Past | Inflection::Gerund);
        for phrase in [
            "pioneer",
            "tariffs",
            "policy",
            "Tax",
            "bosom peril",
            "self-ruling",
            "NGO",
            "ban",
            "arrange",
            "news",
            "3-MMC",
            "status",
        ] {
            let mut filtered = forms(phrase);
            filtered.retain(|(i, _)| nouns(*i));
            assert_eq!(forms_of(phrase, nouns), filtered, "{phrase}");
            assert_eq!(forms_of(phrase, |_| true), forms(phrase), "{phrase}");
        }
    }

    #[test]
    fn nouns_and_verbs() {
        assert_eq!(Inflection::S.apply("pioneer"), "pioneers");
        assert_eq!(Inflection::S.apply("policy"), "policies");
        assert_eq!(Inflection::S.apply("tax"), "taxes");
        assert_eq!(Inflection::Past.apply("arrange"), "arranged");
        assert_eq!(Inflection::Past.apply("schedule"), "scheduled");
        assert_eq!(Inflection::Past.apply("ban"), "banned");
        assert_eq!(Inflection::Past.apply("deliver"), "delivered");
        assert_eq!(Inflection::Gerund.apply("arrange"), "arranging");
        assert_eq!(Inflection::Gerund.apply("plan"), "planning");
        assert_eq!(Inflection::Possessive.apply("Biden"), "Biden's");
        assert_eq!(Inflection::PluralPossessive.apply("buyer"), "buyers'");
    }

    #[test]
    fn multi_word_forms_inflect_their_head() {
        assert_eq!(Inflection::S.apply("rogue buyer"), "rogue buyers");
        assert_eq!(
            Inflection::S.apply("precursor chemical"),
            "precursor chemicals"
        );
        assert_eq!(Inflection::S.apply("4-piperidone"), "4-piperidones");
        assert_eq!(Inflection::S.apply("DEA"), "DEAS");
    }

    #[test]
    fn invariant_and_mass_nouns_keep_their_form() {
        assert_eq!(
            Inflection::S.apply("volunteer fire corps"),
            "volunteer fire corps"
        );
        assert_eq!(Inflection::S.apply("long-term care"), "long-term care");
        assert_eq!(Inflection::Singular.apply("time series"), "time series");
        assert_eq!(
            Inflection::S.apply("consumer education"),
            "consumer education"
        );
        assert_eq!(Inflection::S.apply("core"), "cores");
    }

    #[test]
    fn a_plural_and_its_singular_are_known_however_short() {
        assert!(singular_and_plural("map", "maps"));
        assert!(singular_and_plural("taxes", "tax"));
        assert!(singular_and_plural("policy", "policies"));
        assert!(!singular_and_plural("map", "mapping"));
        assert!(!singular_and_plural("a", "as"));
    }

    #[test]
    fn plural_phrases_find_their_singular() {
        assert_eq!(Inflection::Singular.apply("rogue buyers"), "rogue buyer");
        assert_eq!(Inflection::Singular.apply("policies"), "policy");
        assert_eq!(Inflection::Singular.apply("taxes"), "tax");
        assert_eq!(Inflection::Singular.apply("press"), "press");
        let all: Vec<String> = forms("baseline tariffs")
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(all, ["baseline tariffs", "baseline tariff"]);
    }

    #[test]
    fn forms_are_unique() {
        let all = forms("press");
        assert_eq!(all.len(), 4);
        assert!(
            all.iter()
                .any(|(i, f)| *i == Inflection::S && f == "presses")
        );
    }

    #[test]
    fn plural_runs_get_a_plural_term() {
        assert_eq!(
            render("authorized institution", "licensed institutions"),
            "authorized institutions"
        );
        assert_eq!(render("Exchange Fund", "exchange funds"), "Exchange Funds");
        assert_eq!(
            render(
                "energy consumption per unit of GDP",
                "Energy consumption per GDP unit"
            ),
            "Energy consumption per unit of GDP"
        );
        // The head before "in" is the term's number ("persons", already plural).
        assert_eq!(
            render("persons in extreme poverty", "extremely poor persons"),
            "persons in extreme poverty"
        );
        // A name's number is its own head's, not another name's idiom.
        assert_eq!(
            render(
                "Intellectual Property Investigation Bureau",
                "property investigators"
            ),
            "Intellectual Property Investigation Bureau"
        );
        // Words with a head of their own take its number; a mass noun takes none.
        assert_eq!(
            render("school bus safety", "safety of school buses"),
            "school bus safety"
        );
        assert_eq!(
            render("drowning prevention", "drowning deaths"),
            "drowning prevention"
        );
        assert_eq!(
            render("competency certificate", "certificates of competency"),
            "competency certificates"
        );
    }
}
