//! Behaviour of near-miss detection on small glossaries.

use super::*;

fn glossary(rows: &str) -> Glossary {
    Glossary::parse("g.tsv", &format!("term\tkind\n{rows}")).unwrap()
}

/// (flagged text, top suggestion) for each finding.
fn flagged(rows: &str, text: &str) -> Vec<(String, String)> {
    found_by(&NearMissIndex::new(&glossary(rows), lexicon()), text)
}

/// (flagged text, top suggestion) for each finding of `index` in `text`.
fn found_by(index: &NearMissIndex, text: &str) -> Vec<(String, String)> {
    index
        .find(text, &[])
        .into_iter()
        .map(|f| {
            (
                text[f.span.start..f.span.end].to_string(),
                f.suggestions[0].clone(),
            )
        })
        .collect()
}

fn lexicon() -> Arc<Lexicon> {
    Arc::clone(crate::lexicon::tests::embedded())
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

const SEED: &str = "Biden\tname\nTrump\tname\nXi Jinping\tname\nfentanyl\tchem\n4-piperidone\tchem\n1-boc-4-piperidone\tchem\nMinistry of Public Security\torg\nNational Narcotics Control Commission\torg\nChinese Embassy\torg\n";

#[test]
fn fixes_byton_for_biden_with_its_evidence() {
    let index = NearMissIndex::new(&glossary(SEED), lexicon());
    let text = "negotiations during the Byton administration failed";
    let findings = index.find(text, &[]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(&text[f.span.start..f.span.end], "Byton");
    assert_eq!(f.suggestions, ["Biden"]);
    assert_eq!(f.rule, rule::NEAR_MISS);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.applicability(), Some(Applicability::Unsafe));
    assert!(f.message.contains("Double Metaphone PTN"), "{}", f.message);
    assert!(
        f.message.contains("followed by 'administration'"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("capitalised mid-sentence"),
        "{}",
        f.message
    );
    assert!(f.confidence > 0.6 && f.confidence <= 1.0);
}

#[test]
fn fixes_rearranged_chemical_names() {
    assert_eq!(
        flagged(
            SEED,
            "China proposed to schedule two precursor chemicals: 4-dipiperone and 1-boc-4-dipiperone."
        ),
        [
            pair("4-dipiperone", "4-piperidone"),
            pair("1-boc-4-dipiperone", "1-boc-4-piperidone")
        ]
    );
}

#[test]
fn fixes_institutions_with_a_synonym_swapped_in() {
    assert_eq!(
        flagged(
            SEED,
            "Tsang raised questions to the Chinese Ministry of Public Safety, which"
        ),
        [pair(
            "Ministry of Public Safety",
            "Ministry of Public Security"
        )]
    );
}

#[test]
fn fixes_a_garbled_word_of_a_multi_word_name() {
    assert_eq!(
        flagged(SEED, "a meeting with Xi Jingping in Beijing"),
        [pair("Xi Jingping", "Xi Jinping")]
    );
    assert_eq!(
        flagged("Donald Trump\tname\n", "they met Donald Tramp there"),
        [pair("Donald Tramp", "Donald Trump")]
    );
}

#[test]
fn fixes_doubled_letters_and_shouted_names() {
    assert_eq!(
        flagged("Rubio\tname\n", "Secretary Rubbio said"),
        [pair("Rubbio", "Rubio")]
    );
    assert_eq!(
        flagged(SEED, "THE BYTON ADMINISTRATION"),
        [pair("BYTON", "BIDEN")]
    );
}

#[test]
fn does_not_flag_ordinary_words_or_known_names() {
    // "bidding" is an English word; "Baden" a real name; "Beaton" too.
    assert!(
        flagged(
            SEED,
            "the bidding war; Baden and Beaton met. Bidden, he came"
        )
        .is_empty()
    );
    // Correct terms and other entries' terms.
    assert!(flagged(SEED, "Biden and Trump met; the Chinese Embassy said so.").is_empty());
    // "Yang" is one letter off "Wang", but a name of its own.
    assert!(flagged("Wang Wentao\tname\n", "Yang said so").is_empty());
    // Lowercase text is not a garbled name.
    assert!(flagged(SEED, "the byton administration").is_empty());
}

#[test]
fn does_not_flag_other_entries_terms_as_near_misses() {
    // Both are glossary terms; neither is a garble of the other.
    let rows = "Biden\tname\nBaiden\tname\n";
    assert!(flagged(rows, "Baiden and Biden administration").is_empty());
    // A word of another entry's name is no garble either: "Tsang" alone, not "Tseng".
    let rows = "Tseng\tname\nTsang Wai-Hung\tname\n";
    assert!(flagged(rows, "Chairman Tsang raised questions").is_empty());
}

#[test]
fn does_not_flag_inside_occupied_spans() {
    let index = NearMissIndex::new(&glossary(SEED), lexicon());
    let text = "the Byton administration";
    assert!(index.find(text, &[Span::new(4, 9)]).is_empty());
    assert_eq!(index.find(text, &[Span::new(0, 3)]).len(), 1);
    let overlapping = [Span::new(10, 24), Span::new(0, 3), Span::new(2, 7)];
    assert!(index.find(text, &overlapping).is_empty());
}

#[test]
fn does_not_flag_real_institutions_beside_the_entry() {
    let rows = "National Security Council\torg\nDrug Enforcement Administration\torg\n";
    assert!(
        flagged(
            rows,
            "the UN Security Council met; the Food and Drug Administration too."
        )
        .is_empty()
    );
    assert!(flagged(rows, "a national security council of elders").is_empty());
}

#[test]
fn capital_at_a_sentence_start_is_weaker_evidence() {
    let index = NearMissIndex::new(&glossary(SEED), lexicon());
    let mid = index.find("talks with Byton administration", &[]);
    let start = index.find("Byton administration talks", &[]);
    assert!(start[0].confidence < mid[0].confidence);
}

#[test]
fn does_not_flag_acronyms_among_ordinary_words() {
    let rows = "Abus\tname\nIsiac\tname\n";
    assert!(flagged(rows, "they build ABMs and use ASCII text").is_empty());
    assert!(flagged(rows, "SCET = TRM + ABUZ.").is_empty());
}

#[test]
fn fixes_the_seed_article_with_the_bare_glossary() {
    // The name, chem and org rows of corpus/glossaries/seed-bare.tsv, plus two terms.
    let rows = "term\tkind\nprecursor\tterm\ncommission\tterm\nBiden\tname\nTrump\tname\n\
        Xi Jinping\tname\nLiu Pengyu\tname\nfentanyl\tchem\n4-piperidone\tchem\n\
        1-boc-4-piperidone\tchem\n4-anilinopiperidine\tchem\nMinistry of Public Security\torg\n\
        National Narcotics Control Commission\torg\nCommission on Narcotic Drugs\torg\n\
        Drug Enforcement Administration\torg\nNational Security Council\torg\n\
        Chinese Embassy\torg\n";
    let glossary = Glossary::parse("seed-bare.tsv", rows).unwrap();
    let text =
        crate::text::normalize::Normalized::new(include_str!("../../corpus/seed/article.txt")).text;
    let found = found_by(&NearMissIndex::new(&glossary, lexicon()), &text);
    assert_eq!(
        found,
        [
            pair("Byton", "Biden"),
            pair("4-dipiperone", "4-piperidone"),
            pair("1-boc-4-dipiperone", "1-boc-4-piperidone"),
            pair("Ministry of Public Safety", "Ministry of Public Security"),
        ]
    );
}

#[test]
fn does_not_flag_a_related_word_of_the_same_family() {
    let glossary =
        Glossary::parse("g.tsv", "term\tkind\nMinistry of Public Security\torg\n").unwrap();
    let index = NearMissIndex::new(&glossary, lexicon());
    let text = "Minister of Public Security Wang Xiaohong met officials.";
    assert!(index.find(text, &[]).is_empty());
}

#[test]
fn does_not_flag_a_word_of_somebody_elses_name() {
    let glossary =
        Glossary::parse("g.tsv", "term\tkind\nJanet Yellen\tname\nBiden\tname\n").unwrap();
    let index = NearMissIndex::new(&glossary, lexicon());
    let text = "Former President Hu Jintao spoke.";
    assert!(index.find(text, &[]).is_empty());
}

#[test]
fn fixes_a_garbled_name_after_a_title() {
    let glossary = Glossary::parse("g.tsv", "term\tkind\nJoe Biden\tname\n").unwrap();
    let index = NearMissIndex::new(&glossary, lexicon());
    let text = "It was President Byton who said so.";
    let found = index.find(text, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].suggestions[0], "Biden");
}

#[test]
fn a_shorter_or_longer_domain_term_is_not_a_garble_of_one() {
    let rows = "deep reinforcement learning\tterm\nrenewable energy use\tterm\n";
    // "deep learning" is a term of its own; "into" is the next word, not a garbled "use".
    let text = "We apply deep learning to renewable energy into the grid.";
    assert!(flagged(rows, text).is_empty());
    // A garbled word of the term still is one.
    assert_eq!(
        flagged(rows, "We apply deep reinforcement leaning here."),
        [pair(
            "deep reinforcement leaning",
            "deep reinforcement learning"
        )]
    );
}

#[test]
fn does_not_flag_a_swapped_word_inside_a_longer_name() {
    let rows = "Foreign Ministry\torg\n";
    let text = "under section 481(e) of the Foreign Assistance Act of 1961, as amended";
    assert!(flagged(rows, text).is_empty(), "{:?}", flagged(rows, text));
    // The same swap ending the name is still reported.
    assert_eq!(
        flagged(
            rows,
            "a spokesman for the Foreign Assistance said on Monday"
        ),
        [pair("Foreign Assistance", "Foreign Ministry")]
    );
}

#[test]
fn a_garbled_accepted_form_is_corrected_to_that_form() {
    let g = Glossary::parse(
        "g.tsv",
        "term\tkind\taccepted\n4-piperidone\tchem\t1-boc-4-piperidone\n\
         Department of Homeland Security\torg\tHomeland Security\n",
    )
    .unwrap();
    let index = NearMissIndex::new(&g, lexicon());
    let text = "China proposed to control 1-boc-4-dipiperone, said the Homeland Safety office.";
    let found = found_by(&index, text);
    assert_eq!(
        found,
        [
            pair("1-boc-4-dipiperone", "1-boc-4-piperidone"),
            pair("Homeland Safety", "Homeland Security"),
        ]
    );
    // The accepted form itself is a correct word, never a near miss of another entry.
    let text = "the Homeland Security office";
    assert!(index.find(text, &[]).is_empty());
}

#[test]
fn a_plural_of_a_term_word_is_no_garble() {
    // "workstreams" is one letter off the "workstream" of two terms, and its plural.
    let rows = "workstream on research\tterm\nworkstream on bridging the data gap\tterm\n";
    assert_eq!(
        flagged(
            rows,
            "The HKMA joined the two new workstreams of the network."
        ),
        []
    );
    // A garble of the word still is one.
    assert_eq!(
        flagged(rows, "The HKMA joined the workstraem on research."),
        [pair("workstraem on research", "workstream on research")]
    );
}
