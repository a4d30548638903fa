//! termlint: checks machine-translated and machine-paraphrased text against a domain glossary.
//!
//! Data flows through separate stages once: a [`glossary::Glossary`] is loaded and validated,
//! compiled into a [`checker::Checker`] that produces [`finding::Finding`]s for a
//! [`source::SourceText`]; [`fix`] applies their edits, [`write`](mod@write) writes results back safely,
//! [`report`] renders them, and [`eval`] measures detection quality on annotated texts.
//! The library never prints; the `termlint` binary owns the terminal.
//!
//! ```
//! use termlint::{checker::{Checker, CheckOptions}, glossary::Glossary};
//!
//! let glossary = Glossary::parse("g.tsv", "term\tvariants\tkind\nBiden\tByton\tname\n").unwrap();
//! let checker = Checker::new(glossary, CheckOptions::default());
//! let findings = checker.check("during the Byton administration");
//! assert_eq!(findings[0].suggestions, ["Biden"]);
//! assert_eq!((findings[0].span.start, findings[0].span.end), (11, 16));
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod arbitrate;
pub mod baseline;
pub mod bitext;
pub mod casing;
pub mod checker;
pub mod context;
pub mod cues;
pub mod derive;
pub mod diff;
pub mod document;
pub mod eval;
pub mod finding;
pub mod fix;
pub mod glossary;
pub mod inflect;
pub mod lexicon;
pub mod markup;
pub mod matcher;
pub mod nearmiss;
pub mod normalize;
pub mod reinforce;
pub mod report;
pub mod rules;
mod segment_xml;
pub mod site;
pub mod source;
pub mod source_aware;
pub mod span;
pub mod suppress;
pub mod tmx;
pub mod words;
pub mod write;
pub mod xliff;
