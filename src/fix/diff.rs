//! Unified diffs of proposed changes, in the form `git apply` and `patch -p1` accept.

use similar::TextDiff;

/// A unified diff turning `old` into `new` for the file at `path` (relative, `/`-separated,
/// the bytes of the file name as they are on disk), with `a/` and `b/` prefixes; empty when
/// nothing changes. A name that is not UTF-8 (or holds a quote, backslash or control
/// character) is written quoted as git writes it (`"a/caf\351.txt"`), which `git apply` and
/// GNU `patch` read back to the same bytes; replacing such bytes with U+FFFD would name a
/// file that does not exist.
pub fn unified(path: &[u8], old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.strip_prefix(b"./").unwrap_or(path);
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&header("a/", path), &header("b/", path))
        .to_string()
}

/// `prefix` and the path, quoted when the path needs it.
fn header(prefix: &str, path: &[u8]) -> String {
    let plain = std::str::from_utf8(path)
        .ok()
        .filter(|s| !s.chars().any(|c| c.is_control() || c == '"' || c == '\\'));
    match plain {
        Some(path) => format!("{prefix}{path}"),
        None => quote(&[prefix.as_bytes(), path].concat()),
    }
}

/// C-style quoting as git does it (`quote_c_style`): `"`, `\` and the usual control
/// characters escaped by letter, every other byte outside printable ASCII in octal.
fn quote(bytes: &[u8]) -> String {
    let mut out = String::from('"');
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\x07' => out.push_str("\\a"),
            b'\x08' => out.push_str("\\b"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\x0b' => out.push_str("\\v"),
            b'\x0c' => out.push_str("\\f"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_git_headers() {
        let diff = unified(b"./t.txt", "a\nByton b\nc\n", "a\nBiden b\nc\n");
        assert_eq!(
            diff,
            "--- a/t.txt\n+++ b/t.txt\n@@ -1,3 +1,3 @@\n a\n-Byton b\n+Biden b\n c\n"
        );
        assert_eq!(unified(b"t", "same", "same"), "");
    }

    #[test]
    fn names_that_are_not_utf8_keep_their_bytes_quoted_as_git_does() {
        let diff = unified(b"d/caf\xe9 \"1\".txt", "Byton\n", "Biden\n");
        assert!(
            diff.starts_with(
                "--- \"a/d/caf\\351 \\\"1\\\".txt\"\n+++ \"b/d/caf\\351 \\\"1\\\".txt\"\n"
            ),
            "{diff}"
        );
        // UTF-8 names are written as they are, as before.
        assert!(unified("café.txt".as_bytes(), "a\n", "b\n").starts_with("--- a/café.txt\n"));
    }
}
