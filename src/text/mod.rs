//! The text stage: reading bytes into checked text, normalising it with a map back to the
//! original offsets, masking markup, splitting words, and the word-level helpers (case,
//! inflection) every later stage shares.

pub mod casing;
pub mod cluster;
pub mod inflect;
pub mod markup;
pub mod normalize;
pub mod source;
pub mod span;
pub mod words;
