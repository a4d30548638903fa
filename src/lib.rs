//! termlint: checks machine-translated and machine-paraphrased text against a domain glossary.
//!
//! Data flows through separate stages once: a [`Glossary`] is loaded and validated
//! ([`glossary`]), compiled with a [`Lexicon`] into a [`Checker`] ([`checker`]) whose [`Rule`]s
//! ([`rules`], with renderings from [`derive`], reading a [`check`] document) produce [`Finding`]s for a text read by
//! [`text`]; [`fix`] applies their edits and writes results back safely, [`report`] renders
//! them, and [`eval`] measures detection quality on annotated texts. With the text a
//! translation or paraphrase came from, [`source_aware`] compares the two.
//! The library never prints; the `termlint` binary owns the terminal.
//!
//! ```
//! use termlint::{CheckOptions, Checker, Glossary};
//!
//! let glossary = Glossary::parse("g.tsv", "term\tvariants\tkind\nBiden\tByton\tname\n").unwrap();
//! let checker = Checker::new(glossary, CheckOptions::default());
//! let findings = checker.check("during the Byton administration");
//! assert_eq!(findings[0].suggestions, ["Biden"]);
//! assert_eq!((findings[0].span.start, findings[0].span.end), (11, 16));
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod bitext;
pub mod check;
pub mod checker;
pub mod derive;
pub mod eval;
pub mod fix;
pub mod glossary;
pub mod lexicon;
pub mod nearmiss;
pub mod report;
pub mod rules;
pub mod source_aware;
pub mod text;

pub use check::finding::{Finding, Fix};
pub use checker::{CheckOptions, Checker};
pub use glossary::Glossary;
pub use lexicon::Lexicon;
pub use rules::Rule;
pub use text::source::SourceText;
