//! Byte ranges into the original text: the one coordinate system of termlint.

use serde::Serialize;

/// A half-open byte range `start..end` into the original bytes of a text.
///
/// Line and column numbers are derived from a span only when a report is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Builds a span; `start <= end` is an invariant every other module relies on.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} is after its end {end}");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_needs_a_shared_byte() {
        assert!(Span::new(0, 5).overlaps(Span::new(4, 6)));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
        assert_eq!(Span::new(2, 3).cover(Span::new(7, 9)), Span::new(2, 9));
    }

    #[test]
    #[should_panic(expected = "after its end")]
    fn rejects_reversed_ranges() {
        Span::new(3, 2);
    }
}
