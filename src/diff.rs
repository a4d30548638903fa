//! Unified diffs of proposed changes, in the form `git apply` and `patch -p1` accept.

use similar::TextDiff;

/// A unified diff turning `old` into `new` for the file at `path` (relative, `/`-separated),
/// with `a/` and `b/` prefixes; empty when nothing changes.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.trim_start_matches("./");
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_git_headers() {
        let diff = unified("./t.txt", "a\nByton b\nc\n", "a\nBiden b\nc\n");
        assert_eq!(
            diff,
            "--- a/t.txt\n+++ b/t.txt\n@@ -1,3 +1,3 @@\n a\n-Byton b\n+Biden b\n c\n"
        );
        assert_eq!(unified("t", "same", "same"), "");
    }
}
