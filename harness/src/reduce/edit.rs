//! Text edits over source spans, the one kind of candidate every pass produces, and the parsing
//! helpers passes share.
//!
//! Passes never print a syntax tree: they find nodes with `oxc` and cut or replace the nodes' source
//! spans, so comments, layout and everything they do not touch survive as written.

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_span::{SourceType, Span};

/// One candidate: replacements of non-overlapping byte ranges of the current source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    start: usize,
    end: usize,
    text: String,
}

impl Edit {
    /// Replaces `span` by `text`.
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit { changes: vec![Change { start: span.start as usize, end: span.end as usize, text: text.into() }] }
    }

    /// Replaces the bytes `start..end` by `text`.
    pub fn replace_range(start: usize, end: usize, text: impl Into<String>) -> Edit {
        Edit { changes: vec![Change { start, end, text: text.into() }] }
    }

    /// Deletes `start..end`, taking the whole lines with it when nothing but whitespace shares them,
    /// so that removing statements does not leave blank lines behind.
    pub fn delete_lines(source: &str, start: usize, end: usize) -> Edit {
        let (start, end) = widen_to_lines(source, start, end);
        Edit::replace_range(start, end, "")
    }

    /// An edit without changes (applying it gives the source back).
    pub fn empty() -> Edit {
        Edit { changes: Vec::new() }
    }

    /// Both edits at once.
    pub fn and(mut self, other: Edit) -> Edit {
        self.changes.extend(other.changes);
        self
    }

    /// The edited source, or `None` when the changes overlap or do not fall on character
    /// boundaries of `source`.
    pub fn apply(&self, source: &str) -> Option<String> {
        let mut changes: Vec<&Change> = self.changes.iter().collect();
        changes.sort_by_key(|change| (change.start, change.end));
        let mut out = String::with_capacity(source.len());
        let mut at = 0;
        for change in changes {
            if change.start < at || change.end < change.start {
                return None;
            }
            out.push_str(source.get(at..change.start)?);
            out.push_str(&change.text);
            at = change.end;
        }
        out.push_str(source.get(at..)?);
        Some(out)
    }
}

/// `start..end` widened to whole lines (newline included) when only whitespace precedes `start` on
/// its line and only whitespace follows `end` on its line; unchanged otherwise.
fn widen_to_lines(source: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = source.as_bytes();
    let line_start = bytes[..start].iter().rposition(|b| *b == b'\n').map_or(0, |at| at + 1);
    let line_end = bytes[end..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |at| end + at + 1);
    let blank = |range: &[u8]| range.iter().all(u8::is_ascii_whitespace);
    if blank(&bytes[line_start..start]) && blank(&bytes[end..line_end]) {
        (line_start, line_end)
    } else {
        (start, end)
    }
}

/// Deletes item `index` of a comma-separated list whose items have the given spans, with one of the
/// commas around it: `f(a, b, c)` loses `, b` for index 1, `a, ` for index 0, `a` when alone.
pub fn delete_list_item(items: &[Span], index: usize) -> Edit {
    let item = items[index];
    if index > 0 {
        Edit::replace_range(items[index - 1].end as usize, item.end as usize, "")
    } else if let Some(next) = items.get(1) {
        Edit::replace_range(item.start as usize, next.start as usize, "")
    } else {
        Edit::replace(item, "")
    }
}

/// Runs `f` on the syntax tree of `source` parsed as a classic script, or returns `None` when the
/// parser reports an error.
pub fn with_program<R>(source: &str, f: impl FnOnce(&Program<'_>) -> R) -> Option<R> {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, SourceType::script()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return None;
    }
    Some(f(&parsed.program))
}

/// True when `source` is a valid script: no parse errors and no early errors (redeclarations,
/// strict-mode restrictions), as the reference interpreter checks before running.
pub fn is_valid_script(source: &str) -> bool {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, SourceType::script()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return false;
    }
    let semantic = oxc_semantic::SemanticBuilder::new().with_check_syntax_error(true).build(&parsed.program);
    !semantic.diagnostics.has_errors()
}

/// The source text of `span`.
pub fn text(source: &str, span: Span) -> &str {
    source.get(span.start as usize..span.end as usize).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_reject_overlaps() {
        let edit = Edit::replace(Span::new(4, 5), "X").and(Edit::replace(Span::new(0, 1), "Y"));
        assert_eq!(edit.apply("abcdef").as_deref(), Some("YbcdXf"));
        let overlapping = Edit::replace(Span::new(0, 3), "").and(Edit::replace(Span::new(2, 4), ""));
        assert_eq!(overlapping.apply("abcdef"), None);
        assert_eq!(Edit::replace(Span::new(0, 9), "").apply("abc"), None);
        assert_eq!(Edit::empty().apply("abc").as_deref(), Some("abc"));
    }

    #[test]
    fn statements_alone_on_their_lines_take_the_lines_with_them() {
        let source = "a();\n  b();\nc();\n";
        assert_eq!(Edit::delete_lines(source, 7, 11).apply(source).as_deref(), Some("a();\nc();\n"));
        let shared = "a(); b();\n";
        assert_eq!(Edit::delete_lines(shared, 5, 9).apply(shared).as_deref(), Some("a(); \n"));
        let last = "a();\nb();";
        assert_eq!(Edit::delete_lines(last, 5, 9).apply(last).as_deref(), Some("a();\n"));
    }

    #[test]
    fn list_items_go_with_one_comma() {
        let source = "f(a, b, c)";
        let items = [Span::new(2, 3), Span::new(5, 6), Span::new(8, 9)];
        let delete = |index| delete_list_item(&items, index).apply(source).expect("applies");
        assert_eq!(delete(0), "f(b, c)");
        assert_eq!(delete(1), "f(a, c)");
        assert_eq!(delete(2), "f(a, b)");
        assert_eq!(delete_list_item(&[Span::new(2, 3)], 0).apply("f(a)").as_deref(), Some("f()"));
    }

    #[test]
    fn validity_includes_early_errors() {
        assert!(is_valid_script("let a = 1; print(a)"));
        assert!(!is_valid_script("let a = ;"));
        assert!(!is_valid_script("let a = 1; let a = 2;"));
        assert!(with_program("print(", |_| ()).is_none());
    }
}
