//! Suppressions: places where a writer has said a finding is wanted as written.
//!
//! - `termlint: disable-next-line [RULE...]` covers the line after the comment;
//! - `termlint: disable [RULE...]` covers everything up to `termlint: enable` (or the end);
//! - `[sic]` right after a word or phrase covers the finding that ends there.
//!
//! In Markdown and HTML the directives live in comments (`<!-- termlint: disable -->`); in
//! plain text on a line of their own, possibly after `#`, `//`, `--`, `;` or `%`. RULE is a
//! rule id (`glossary.near-miss`) or its prefix before a dot (`glossary`); none means all.

use crate::check::finding::Finding;
use crate::text::markup::Markup;
use crate::text::span::Span;

const MARKER: &str = "termlint:";
const SIC: &str = "[sic]";

/// A stretch of text where (some) findings are not reported.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    span: Span,
    /// Empty: every rule.
    rules: Vec<String>,
}

/// The suppressions of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// Directives whose command is not one of the three (a typo would otherwise silently
    /// suppress nothing): the spans of their comments or lines.
    pub unknown: Vec<Span>,
}

impl Suppressions {
    /// Finds the directives of `text`: in `comments` (whole `<!-- ... -->` spans) for
    /// Markdown and HTML, on marker lines for plain text.
    pub fn find(text: &str, markup: Markup, comments: &[Span]) -> Suppressions {
        let mut commands: Vec<(Span, &str)> = Vec::new();
        match markup {
            Markup::Plain => {
                if !text.contains(MARKER) {
                    return Suppressions::default();
                }
                let mut start = 0;
                for line in text.split_inclusive('\n') {
                    let body = line
                        .trim()
                        .trim_start_matches(['#', '/', '-', ';', '%'])
                        .trim_start();
                    if let Some(command) = body.strip_prefix(MARKER) {
                        commands.push((Span::new(start, start + line.len()), command));
                    }
                    start += line.len();
                }
            }
            Markup::Markdown | Markup::Html => {
                for &span in comments {
                    let body = text[span.start..span.end]
                        .trim_start_matches("<!--")
                        .trim_end_matches("-->")
                        .trim();
                    if let Some(command) = body.strip_prefix(MARKER) {
                        commands.push((span, command));
                    }
                }
            }
        }
        let mut directives = Vec::new();
        let mut unknown = Vec::new();
        let mut open: Vec<(usize, Vec<String>)> = Vec::new();
        for (span, command) in commands {
            let mut words = command
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty());
            let verb = words.next().unwrap_or("");
            let rules: Vec<String> = words.map(str::to_string).collect();
            match verb {
                "disable-next-line" => {
                    let next = line_end(text, span.end.saturating_sub(1).max(span.start));
                    directives.push(Directive {
                        span: Span::new(next, line_end(text, next)),
                        rules,
                    });
                }
                "disable" => open.push((span.end, rules)),
                "enable" => {
                    for (start, rules) in open.drain(..) {
                        directives.push(Directive {
                            span: Span::new(start, span.start.max(start)),
                            rules,
                        });
                    }
                }
                _ => unknown.push(span),
            }
        }
        for (start, rules) in open {
            directives.push(Directive {
                span: Span::new(start, text.len()),
                rules,
            });
        }
        Suppressions {
            directives,
            unknown,
        }
    }

    /// Whether `finding` in `text` is suppressed.
    pub fn covers(&self, text: &str, finding: &Finding) -> bool {
        followed_by_sic(text, finding.span.end)
            || self.directives.iter().any(|d| {
                d.span.start <= finding.span.start
                    && finding.span.end <= d.span.end
                    && (d.rules.is_empty() || d.rules.iter().any(|r| names(r, finding.rule)))
            })
    }

    /// The findings not suppressed, and how many were.
    pub fn filter(&self, text: &str, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
        let before = findings.len();
        let kept: Vec<Finding> = findings
            .into_iter()
            .filter(|f| !self.covers(text, f))
            .collect();
        let suppressed = before - kept.len();
        (kept, suppressed)
    }
}

/// The offset just past the newline ending the line holding byte `at` (or the text's end).
fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// Whether `rule` is named by `name`: the same id, or a prefix of it before a dot.
fn names(name: &str, rule: &str) -> bool {
    rule == name
        || rule
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Whether `[sic]` follows offset `end` on the same line, after spaces and closing quotes.
fn followed_by_sic(text: &str, end: usize) -> bool {
    text.get(end..).is_some_and(|rest| {
        rest.trim_start_matches([' ', '\t', '"', '\'', '’', '”', '*', '_'])
            .starts_with(SIC)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Severity;

    fn finding(text: &str, word: &str, rule: &'static str) -> Finding {
        let start = text.find(word).unwrap();
        Finding {
            rule,
            span: Span::new(start, start + word.len()),
            kind: None,
            severity: Severity::Error,
            confidence: 1.0,
            message: String::new(),
            suggestions: Vec::new(),
            fix: None,
            entry: None,
            evidence: Vec::new(),
        }
    }

    fn suppressed(text: &str, markup: Markup, word: &str, rule: &'static str) -> bool {
        let layout = crate::text::markup::layout(text, markup);
        Suppressions::find(text, markup, &layout.comments).covers(text, &finding(text, word, rule))
    }

    const NEAR: &str = "glossary.near-miss";

    #[test]
    fn a_marker_line_in_plain_text_suppresses_the_next_line_only() {
        let text = "a\n# termlint: disable-next-line\nthe Byton era\nthe Kyton era\n";
        assert!(suppressed(text, Markup::Plain, "Byton", NEAR));
        assert!(!suppressed(text, Markup::Plain, "Kyton", NEAR));
        let text = "// termlint: disable-next-line\nthe Byton era\n";
        assert!(suppressed(text, Markup::Plain, "Byton", NEAR));
    }

    #[test]
    fn disable_lasts_until_enable() {
        let text = "<!-- termlint: disable -->\nByton\n\nKyton\n<!-- termlint: enable -->\nZyton\n";
        assert!(suppressed(text, Markup::Markdown, "Byton", NEAR));
        assert!(suppressed(text, Markup::Markdown, "Kyton", NEAR));
        assert!(!suppressed(text, Markup::Markdown, "Zyton", NEAR));
        let text = "<p>a</p><!-- termlint: disable glossary --><p>Byton</p>";
        assert!(suppressed(text, Markup::Html, "Byton", NEAR));
    }

    #[test]
    fn rules_named_limit_what_is_suppressed() {
        let text = "<!-- termlint: disable-next-line prose.doubled-word -->\nByton Byton\n";
        assert!(!suppressed(text, Markup::Markdown, "Byton", NEAR));
        assert!(suppressed(
            text,
            Markup::Markdown,
            "Byton",
            "prose.doubled-word"
        ));
        let text = "<!-- termlint: disable-next-line glossary.variant, glossary -->\nByton\n";
        assert!(suppressed(text, Markup::Markdown, "Byton", NEAR));
        let text = "<!-- termlint: disable-next-line gloss -->\nByton\n";
        assert!(!suppressed(text, Markup::Markdown, "Byton", NEAR));
    }

    #[test]
    fn sic_suppresses_the_finding_just_before_it() {
        let text = "the Byton [sic] era and Kyton [ sic]";
        assert!(suppressed(text, Markup::Plain, "Byton", NEAR));
        assert!(!suppressed(text, Markup::Plain, "Kyton", NEAR));
        assert!(suppressed(
            "“the Byton” [sic]",
            Markup::Plain,
            "Byton",
            NEAR
        ));
        assert!(!suppressed("Byton\n[sic]", Markup::Plain, "Byton", NEAR));
    }

    #[test]
    fn an_unknown_command_is_reported_and_suppresses_nothing() {
        let text = "# termlint: disable-nextline\nthe Byton era\n";
        let found = Suppressions::find(text, Markup::Plain, &[]);
        assert_eq!(found.unknown, [Span::new(0, 29)]);
        assert!(!found.covers(text, &finding(text, "Byton", NEAR)));
    }

    #[test]
    fn a_directive_inside_code_is_no_directive() {
        let text = "```\n<!-- termlint: disable -->\n```\nByton\n";
        assert!(!suppressed(text, Markup::Markdown, "Byton", NEAR));
        // Plain text has no comments: the HTML form there is not a directive either.
        assert!(!suppressed(
            "<!-- termlint: disable-next-line -->\nByton\n",
            Markup::Plain,
            "Byton",
            NEAR
        ));
    }
}
