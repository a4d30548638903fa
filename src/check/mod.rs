//! What detection is made of: the [`document::Document`] a text is prepared as once, the
//! [`matcher`] that finds every glossary form in it, the [`site`] of each hit with its
//! [`cues`] and [`context`], the [`finding::Finding`]s rules produce, and the passes after
//! the rules ([`reinforce`], [`arbitrate`], [`suppress`]). The rules (`crate::rules`) read
//! these; [`crate::checker::Checker`] runs them all in order.

pub mod arbitrate;
pub mod context;
pub mod cues;
pub mod document;
pub mod finding;
pub mod matcher;
pub mod reinforce;
pub mod site;
pub mod suppress;

pub use finding::{Finding, Fix};
