//! Remove statements: ddmin-style chunks of consecutive statements from every statement list
//! (script, blocks, function bodies, `case` clauses, static blocks), then single statements.

use oxc_ast::ast::Statement;
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use super::edit::{with_program, Edit};
use super::Pass;

/// Removes `chunk` consecutive statements at a time. The driver runs it with halving chunk sizes,
/// from half the longest list down to 1, as ddmin does.
///
/// Candidates go list by list in source order (outer lists first) and, within a list, from the
/// last chunk to the first: uses tend to follow definitions, so a use goes before the definition it
/// keeps alive is tried.
#[derive(Debug, Clone, Copy)]
pub struct RemoveStatements {
    /// Statements removed per candidate; at least 1.
    pub chunk: usize,
}

impl RemoveStatements {
    /// The length of the longest statement list in `source` (0 if it does not parse).
    pub fn longest_list(source: &str) -> usize {
        with_program(source, |program| statement_lists(program).iter().map(Vec::len).max().unwrap_or(0)).unwrap_or(0)
    }
}

impl Pass for RemoveStatements {
    fn name(&self) -> &'static str {
        "remove-statements"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        let chunk = self.chunk.max(1);
        let lists = with_program(source, statement_lists).unwrap_or_default();
        let mut edits = Vec::new();
        for list in lists.iter().filter(|list| list.len() >= chunk) {
            let starts: Vec<usize> = (0..list.len()).step_by(chunk).collect();
            for &start in starts.iter().rev() {
                let end = (start + chunk).min(list.len());
                edits.push(Edit::delete_lines(source, list[start].start as usize, list[end - 1].end as usize));
            }
        }
        edits
    }
}

/// The spans of the statements of every statement list, lists in source order (outer first).
pub fn statement_lists(program: &oxc_ast::ast::Program<'_>) -> Vec<Vec<Span>> {
    let mut collector = Lists::default();
    collector.visit_program(program);
    collector.lists
}

#[derive(Default)]
struct Lists {
    lists: Vec<Vec<Span>>,
}

impl<'a> Visit<'a> for Lists {
    fn visit_statements(&mut self, statements: &oxc_allocator::Vec<'a, Statement<'a>>) {
        let spans: Vec<Span> = statements.iter().map(GetSpan::span).collect();
        if !spans.is_empty() {
            self.lists.push(spans);
        }
        walk::walk_statements(self, statements);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn lists_are_found_at_every_depth_but_not_in_expression_arrows() {
        let source = "a(); function f() { b(); c(); } switch (x) { case 1: d(); } g(y => y); { e(); }";
        let lists = with_program(source, statement_lists).expect("parses");
        let lengths: Vec<usize> = lists.iter().map(Vec::len).collect();
        assert_eq!(lengths, [5, 2, 1, 1]);
    }

    #[test]
    fn chunks_go_from_the_last_to_the_first() {
        let source = "a();\nb();\nc();\n";
        assert_eq!(apply_all(&RemoveStatements { chunk: 2 }, source), ["a();\nb();\n", "c();\n"]);
        assert_eq!(apply_all(&RemoveStatements { chunk: 1 }, source), ["a();\nb();\n", "a();\nc();\n", "b();\nc();\n"]);
        assert_eq!(RemoveStatements::longest_list(source), 3);
    }

    #[test]
    fn nested_statements_are_candidates_too() {
        let source = "function f() { a(); b(); }";
        let results = apply_all(&RemoveStatements { chunk: 1 }, source);
        assert!(results.contains(&"function f() { a();  }".to_owned()), "{results:?}");
        assert!(results.contains(&String::new()), "{results:?}");
    }
}
