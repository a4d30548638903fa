//! The detection stage: a [`Checker`] prepares each text once as a [`document::Document`],
//! finds every glossary form in it ([`matcher`]), lets the rules judge each [`site`], then
//! [`reinforce`]s and [`arbitrate`]s their findings and drops suppressed ones.

pub mod arbitrate;
pub mod checker;
pub mod context;
pub mod cues;
pub mod document;
pub mod finding;
pub mod matcher;
pub mod reinforce;
pub mod site;
pub mod suppress;

pub use checker::{CheckOptions, Checker};
pub use finding::{Finding, Fix};
