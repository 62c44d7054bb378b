//! Reduce the code inside `eval` strings: the other passes see a string literal as one atom, so the
//! program of `eval("var b = x + p.v")` would otherwise keep `x + p.v` however little it matters.

use oxc_ast::ast::{Argument, CallExpression, Expression, StringLiteral};
use oxc_ast_visit::{walk, Visit};
use oxc_span::Span;

use super::edit::{with_program, Edit};
use super::{arguments, elements, expressions, statements, unwrap, Pass};

/// For every string literal that is the code of a direct or indirect `eval` call and parses as a
/// script (a `Function(...)` body would not: it may `return`): the candidates
/// of the statement, unwrap, element, argument and expression passes on that code, each written
/// back as a double-quoted literal.
#[derive(Debug, Clone, Copy)]
pub struct ReduceEvalCode;

impl Pass for ReduceEvalCode {
    fn name(&self) -> &'static str {
        "reduce-eval-code"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        let literals = with_program(source, |program| {
            let mut finder = CodeStrings::default();
            finder.visit_program(program);
            finder.literals
        })
        .unwrap_or_default();
        let inner: [&dyn Pass; 5] = [
            &statements::RemoveStatements { chunk: 1 },
            &unwrap::Unwrap,
            &elements::RemoveElements,
            &arguments::RemoveArguments,
            &expressions::SimplifyExpressions,
        ];
        let mut edits = Vec::new();
        for (span, code) in literals {
            for pass in inner {
                for edit in pass.candidates(&code) {
                    // Whitespace around the code means nothing; removed statements leave some.
                    if let Some(reduced) = edit.apply(&code).filter(|reduced| reduced.trim() != code) {
                        edits.push(Edit::replace(span, quote(reduced.trim())));
                    }
                }
            }
        }
        edits
    }
}

/// `code` as a JavaScript string literal in double quotes.
fn quote(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 2);
    out.push('"');
    for c in code.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The spans and values of string literals that are `eval` code.
#[derive(Default)]
struct CodeStrings {
    literals: Vec<(Span, String)>,
}

impl CodeStrings {
    fn note(&mut self, argument: Option<&Argument<'_>>) {
        if let Some(Argument::StringLiteral(literal)) = argument {
            let StringLiteral { span, value, .. } = &**literal;
            self.literals.push((*span, value.to_string()));
        }
    }
}

/// `eval`, `(0, eval)`, `globalThis.eval`: a callee that names the global `eval`.
fn is_eval(callee: &Expression<'_>) -> bool {
    match callee.get_inner_expression() {
        Expression::Identifier(id) => id.name == "eval",
        Expression::SequenceExpression(seq) => seq.expressions.last().is_some_and(is_eval),
        Expression::StaticMemberExpression(member) => member.property.name == "eval",
        _ => false,
    }
}

impl<'a> Visit<'a> for CodeStrings {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if is_eval(&call.callee) {
            self.note(call.arguments.first());
        }
        walk::walk_call_expression(self, call);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reductions(source: &str) -> Vec<String> {
        ReduceEvalCode.candidates(source).iter().filter_map(|edit| edit.apply(source)).collect()
    }

    #[test]
    fn eval_code_is_reduced_like_a_program() {
        let found = reductions(r#"function a(x) { eval("var b = x + 8; print(b)"); }"#);
        assert!(found.contains(&r#"function a(x) { eval("var b = x + 8;"); }"#.to_owned()), "{found:?}");
        assert!(found.contains(&r#"function a(x) { eval("var b = x; print(b)"); }"#.to_owned()), "{found:?}");
        assert!(found.contains(&r#"function a(x) { eval("var b = 0; print(b)"); }"#.to_owned()), "{found:?}");
        let indirect = reductions(r#"(0, eval)("var c = 1 + 2")"#);
        assert!(indirect.contains(&r#"(0, eval)("var c = 1")"#.to_owned()), "{indirect:?}");
    }

    #[test]
    fn other_strings_and_unparsable_code_are_left_alone() {
        assert!(reductions(r#"print("var b = x + 8")"#).is_empty());
        assert!(reductions(r#"eval("var = ;")"#).is_empty());
        assert!(reductions("eval(code)").is_empty());
        assert!(reductions(r#"new Function("a", "return a + 1")"#).is_empty());
    }

    #[test]
    fn written_back_code_is_quoted() {
        assert_eq!(quote("print(\"a\\n\")\n"), r#""print(\"a\\n\")\n""#);
        let found = reductions(r#"eval('print("x"); print(1 + 2)')"#);
        assert!(found.contains(&r#"eval("print(\"x\");")"#.to_owned()), "{found:?}");
    }
}
