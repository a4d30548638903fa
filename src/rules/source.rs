//! The registry's entries of the source-aware rules: `--select` and `--ignore` act on them
//! like on the others; they run only with a source (`--source`, `--bitext`), and their
//! checks live in [`crate::source_aware`].

use super::{RuleMeta, Stage};
use crate::check::finding::rule;

/// A term the source names is missing from its target segment.
pub const MISSING_TERM_META: RuleMeta = RuleMeta {
    id: rule::MISSING_TERM,
    default: true,
    stage: Stage::Source,
    summary: "the source names a term its target segment lacks (with --source or --bitext)",
};
/// See [`MISSING_TERM_META`].
pub const CHANGED_TERM_META: RuleMeta = RuleMeta {
    id: rule::CHANGED_TERM,
    default: true,
    stage: Stage::Source,
    summary: "a paraphrase replaced a term of its same-language original",
};
/// See [`MISSING_TERM_META`]. A rewriter swaps words for words, and never respells a name:
/// a word turned into no word the dictionary knows is a garble, glossary or not.
pub const RESPELLED_WORD_META: RuleMeta = RuleMeta {
    id: rule::RESPELLED_WORD,
    default: true,
    stage: Stage::Source,
    summary: "a paraphrase respelled a word of its same-language original into no known word",
};
/// See [`MISSING_TERM_META`]; also on with `--consistency`. Off by default: a translation
/// may say "it", "the Authority" or a synonym the second time (WMT25's reference translations
/// would give about 6 findings per 100 paragraphs).
pub const INCONSISTENT_TERM_META: RuleMeta = RuleMeta {
    id: rule::INCONSISTENT_TERM,
    default: false,
    stage: Stage::Source,
    summary: "a term the target has less often than the source, rendered otherwise once (or --consistency)",
};
/// See [`MISSING_TERM_META`]; also on with `--all-changes`.
pub const CHANGED_WORD_META: RuleMeta = RuleMeta {
    id: rule::CHANGED_WORD,
    default: false,
    stage: Stage::Source,
    summary: "any other content word a paraphrase replaced, as info (or --all-changes)",
};
