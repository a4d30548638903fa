//! Detectors. Each file is one rule with its tests beneath it.

pub mod derived;
pub mod doubled;
pub mod variants;
