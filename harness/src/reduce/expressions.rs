//! Simplify expressions: replace an expression by one of its operands, or by the constant `0`;
//! replace a variable read or a non-numeric literal by `0`.

use oxc_ast::ast::{DoWhileStatement, Expression, ForStatement, WhileStatement};
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use super::edit::{text, with_program, Edit};
use super::Pass;

/// For every expression that is not already atomic (a number, `this`), outermost first: replace
/// an identifier or another literal by `0`, any other expression by each of its direct subexpressions (`a + b` by `a` and `b`, `f(x)` by `f`
/// and `x`, `c ? a : b` by `c`, `a` and `b`), then by `0`. Function, arrow and class expressions
/// are only replaced by `0`: pulling a piece out of a body would rarely be valid. Loop tests only
/// become `0` and `for` updates stay as they are, since other changes there mostly loop forever.
#[derive(Debug, Clone, Copy)]
pub struct SimplifyExpressions;

impl Pass for SimplifyExpressions {
    fn name(&self) -> &'static str {
        "simplify-expressions"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        with_program(source, |program| {
            let mut collector = Candidates { source, edits: Vec::new(), loop_control: Vec::new() };
            collector.visit_program(program);
            collector.edits
        })
        .unwrap_or_default()
    }
}

struct Candidates<'s> {
    source: &'s str,
    edits: Vec<Edit>,
    /// Spans of loop tests and `for` updates (see [`Candidates::loop_control`]).
    loop_control: Vec<(Span, LoopPart)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LoopPart {
    Test,
    Update,
}

impl Candidates<'_> {
    /// Loop tests only become `0` (no iterations) and `for` updates are left alone: any other
    /// change there mostly makes an endless loop, and each endless candidate costs a full fuel
    /// budget on an engine before it is rejected. Their subexpressions are simplified as usual.
    fn loop_control(&self, span: Span) -> Option<LoopPart> {
        self.loop_control.iter().find(|(control, _)| *control == span).map(|(_, part)| *part)
    }

    /// True when `span` lies inside a loop test or `for` update.
    fn in_loop_control(&self, span: Span) -> bool {
        self.loop_control.iter().any(|(control, _)| control.start <= span.start && span.end <= control.end)
    }
}

impl<'a> Visit<'a> for Candidates<'_> {
    fn visit_while_statement(&mut self, it: &WhileStatement<'a>) {
        self.loop_control.push((it.test.span(), LoopPart::Test));
        walk::walk_while_statement(self, it);
    }

    fn visit_do_while_statement(&mut self, it: &DoWhileStatement<'a>) {
        self.loop_control.push((it.test.span(), LoopPart::Test));
        walk::walk_do_while_statement(self, it);
    }

    fn visit_for_statement(&mut self, it: &ForStatement<'a>) {
        self.loop_control.extend(it.test.iter().map(|test| (test.span(), LoopPart::Test)));
        self.loop_control.extend(it.update.iter().map(|update| (update.span(), LoopPart::Update)));
        walk::walk_for_statement(self, it);
    }

    fn visit_expression(&mut self, expression: &Expression<'a>) {
        let span = expression.span();
        let replacements: Vec<&str> = match self.loop_control(span) {
            Some(LoopPart::Test) => vec!["0"],
            Some(LoopPart::Update) => Vec::new(),
            // A variable read becomes `0`, so that what a bug needs does not depend on where the
            // generator happened to get a value from (`let a = b` with `b` from elsewhere).
            // Not inside loop tests and updates, though: `i < n` becoming `0 < n` loops forever.
            // Literals of other kinds become `0` too, so that programs differing only in which
            // constant the generator picked reduce to the same shape.
            None if is_replaceable_atom(expression) => {
                if self.in_loop_control(span) {
                    Vec::new()
                } else {
                    vec!["0"]
                }
            }
            None if is_atomic(expression) => Vec::new(),
            None => {
                let opaque = matches!(
                    expression,
                    Expression::FunctionExpression(_)
                        | Expression::ArrowFunctionExpression(_)
                        | Expression::ClassExpression(_)
                );
                let mut children = Children::default();
                if !opaque {
                    walk::walk_expression(&mut children, expression);
                }
                children.spans.iter().map(|child| text(self.source, *child)).chain(["0"]).collect()
            }
        };
        let own = text(self.source, span);
        let mut offered: Vec<&str> = Vec::new();
        for replacement in replacements {
            if replacement != own && !offered.contains(&replacement) {
                offered.push(replacement);
                self.edits.push(Edit::replace(span, replacement));
            }
        }
        walk::walk_expression(self, expression);
    }
}

/// A variable read (`undefined` included) or a literal other than a number.
fn is_replaceable_atom(expression: &Expression<'_>) -> bool {
    matches!(
        expression,
        Expression::Identifier(_)
            | Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_)
            | Expression::StringLiteral(_)
            | Expression::BigIntLiteral(_)
    )
}

fn is_atomic(expression: &Expression<'_>) -> bool {
    matches!(
        expression,
        Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_)
            | Expression::NumericLiteral(_)
            | Expression::BigIntLiteral(_)
            | Expression::RegExpLiteral(_)
            | Expression::StringLiteral(_)
            | Expression::Identifier(_)
            | Expression::ThisExpression(_)
            | Expression::Super(_)
    )
}

/// The spans of the outermost expressions below the one walked.
#[derive(Default)]
struct Children {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for Children {
    fn visit_expression(&mut self, expression: &Expression<'a>) {
        self.spans.push(expression.span());
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    #[test]
    fn operands_then_zero_outermost_first() {
        assert_eq!(
            apply_all(&SimplifyExpressions, "print(a + b * c);"),
            [
                "print;",
                "a + b * c;",
                "0;",
                "0(a + b * c);",
                "print(a);",
                "print(b * c);",
                "print(0);",
                "print(0 + b * c);",
                "print(a + b);",
                "print(a + c);",
                "print(a + 0);",
                "print(a + 0 * c);",
                "print(a + b * 0);",
            ]
        );
    }

    #[test]
    fn loop_tests_only_become_zero_and_updates_stay() {
        assert_eq!(
            apply_all(&SimplifyExpressions, "for (i = 0; i < n; i++) f();"),
            [
                "for (0; i < n; i++) f();",
                "for (i = 0; 0; i++) f();",
                "for (i = 0; i < n; i++) f;",
                "for (i = 0; i < n; i++) 0;",
                "for (i = 0; i < n; i++) 0();"
            ]
        );
        let results = apply_all(&SimplifyExpressions, "while (a.length) g(a.shift());");
        assert_eq!(results[0], "while (0) g(a.shift());");
        assert!(!results.iter().any(|result| result.starts_with("while (a)")), "{results:?}");
        assert_eq!(apply_all(&SimplifyExpressions, "while (x) g();")[0], "while (0) g();");
    }

    #[test]
    fn literals_are_left_alone_variables_and_functions_only_become_zero() {
        assert_eq!(apply_all(&SimplifyExpressions, "x = 1;"), ["1;", "0;"]);
        assert_eq!(
            apply_all(&SimplifyExpressions, "let a = b, c = undefined, d = 'x', e = 0;"),
            [
                "let a = 0, c = undefined, d = 'x', e = 0;",
                "let a = b, c = 0, d = 'x', e = 0;",
                "let a = b, c = undefined, d = 0, e = 0;",
            ]
        );
        let results = apply_all(&SimplifyExpressions, "f(function () { return g(1); });");
        assert!(results.contains(&"f(0);".to_owned()), "{results:?}");
        assert!(!results.contains(&"f(g(1));".to_owned()), "{results:?}");
    }
}
