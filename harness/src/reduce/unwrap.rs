//! Unwrap compound statements: replace a block, `if`, loop, `try`, `switch`, label, `with` or an
//! immediately invoked function by (part of) its body.

use oxc_ast::ast::{ArrowFunctionBody, Expression, Statement};
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use super::edit::{text, with_program, Edit};
use super::Pass;

/// Replaces a compound statement by the statements it contains:
///
/// | statement | candidates |
/// |---|---|
/// | `{ S }` | `S` |
/// | `if (c) S else T` | `S`; `T`; `if (c) S` |
/// | `while`/`do`/`for`/`for-in`/`for-of`, `L: S`, `with (o) S` | the body `S` |
/// | `try { B } catch { C } finally { F }` | `B`; `B F`; `C`; without `finally`; without `catch` |
/// | `switch (x) { case ...: S ... }` | each case's `S` |
/// | `(function () { S })();`, `(() => { S })();` | `S` |
/// | `function f() { S }` | `S` (worth it when `f` is called once, or only hoisting matters) |
#[derive(Debug, Clone, Copy)]
pub struct Unwrap;

impl Pass for Unwrap {
    fn name(&self) -> &'static str {
        "unwrap"
    }

    fn candidates(&self, source: &str) -> Vec<Edit> {
        with_program(source, |program| {
            let mut collector = Candidates { source, edits: Vec::new() };
            collector.visit_program(program);
            collector.edits
        })
        .unwrap_or_default()
    }
}

struct Candidates<'s> {
    source: &'s str,
    edits: Vec<Edit>,
}

impl Candidates<'_> {
    /// The text a statement contributes when its parent is unwrapped: a block's inner statements,
    /// any other statement as written.
    fn body(&self, statement: &Statement<'_>) -> String {
        match statement {
            Statement::BlockStatement(block) => self.inner(&block.body),
            other => text(self.source, other.span()).to_owned(),
        }
    }

    /// The text from the first to the last statement of a list; empty when there is none.
    fn inner(&self, statements: &[Statement<'_>]) -> String {
        match (statements.first(), statements.last()) {
            (Some(first), Some(last)) => {
                self.source.get(first.span().start as usize..last.span().end as usize).unwrap_or("").to_owned()
            }
            _ => String::new(),
        }
    }

    fn replace(&mut self, span: Span, text: String) {
        self.edits.push(Edit::replace(span, text));
    }
}

impl<'a> Visit<'a> for Candidates<'_> {
    fn visit_statement(&mut self, statement: &Statement<'a>) {
        let span = statement.span();
        match statement {
            Statement::BlockStatement(block) => {
                let inner = self.inner(&block.body);
                self.replace(span, inner);
            }
            Statement::IfStatement(it) => {
                let consequent = self.body(&it.consequent);
                self.replace(span, consequent);
                if let Some(alternate) = &it.alternate {
                    let alternate_text = self.body(alternate);
                    self.replace(span, alternate_text);
                    let (from, to) = (it.consequent.span().end as usize, alternate.span().end as usize);
                    self.edits.push(Edit::replace_range(from, to, ""));
                }
            }
            Statement::WhileStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::DoWhileStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::ForStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::ForInStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::ForOfStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::LabeledStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::WithStatement(it) => {
                let body = self.body(&it.body);
                self.replace(span, body);
            }
            Statement::TryStatement(it) => {
                let block = self.inner(&it.block.body);
                self.replace(span, block.clone());
                if let Some(finalizer) = &it.finalizer {
                    let finally = self.inner(&finalizer.body);
                    self.replace(span, format!("{block}\n{finally}"));
                }
                if let Some(handler) = &it.handler {
                    let catch = self.inner(&handler.body.body);
                    self.replace(span, catch);
                }
                if let (Some(handler), Some(finalizer)) = (&it.handler, &it.finalizer) {
                    let (from, to) = (handler.span.end as usize, finalizer.span.end as usize);
                    self.edits.push(Edit::replace_range(from, to, ""));
                    let (from, to) = (it.block.span.end as usize, handler.span.end as usize);
                    self.edits.push(Edit::replace_range(from, to, ""));
                }
            }
            Statement::SwitchStatement(it) => {
                for case in &it.cases {
                    let consequent = self.inner(&case.consequent);
                    self.replace(span, consequent);
                }
            }
            Statement::FunctionDeclaration(function) => {
                if let Some(body) = &function.body {
                    let inner = self.inner(&body.statements);
                    self.replace(span, inner);
                }
            }
            Statement::ExpressionStatement(it) => {
                if let Some(body) = iife_body(&it.expression) {
                    let inner = self.inner(body);
                    self.replace(span, inner);
                }
            }
            _ => {}
        }
        walk::walk_statement(self, statement);
    }
}

/// The statements of a function called at once with no arguments: `(function () { S })()`,
/// `(() => { S })()`, `(function () { S }())`.
fn iife_body<'b, 'a>(expression: &'b Expression<'a>) -> Option<&'b [Statement<'a>]> {
    let call = match expression.without_parentheses() {
        Expression::CallExpression(call) if call.arguments.is_empty() => call,
        _ => return None,
    };
    match call.callee.without_parentheses() {
        Expression::FunctionExpression(function)
            if function.params.items.is_empty() && function.params.rest.is_none() =>
        {
            function.body.as_ref().map(|body| body.statements.as_slice())
        }
        Expression::ArrowFunctionExpression(arrow) if arrow.params.items.is_empty() && arrow.params.rest.is_none() => {
            match &arrow.body {
                ArrowFunctionBody::FunctionBody(body) => Some(body.statements.as_slice()),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::apply_all;
    use super::*;

    fn candidates(source: &str) -> Vec<String> {
        apply_all(&Unwrap, source)
    }

    #[test]
    fn blocks_ifs_and_loops_give_their_bodies() {
        assert!(candidates("{ a(); b(); }").contains(&"a(); b();".to_owned()));
        let ifs = candidates("if (x) { a(); } else b();");
        for expected in ["a();", "b();", "if (x) { a(); }"] {
            assert!(ifs.contains(&expected.to_owned()), "{ifs:?}");
        }
        assert!(candidates("for (var i = 0; i < 3; i++) { f(i); }").contains(&"f(i);".to_owned()));
        assert!(candidates("while (x) f();").contains(&"f();".to_owned()));
        assert!(candidates("out: for (;;) { break out; }").contains(&"for (;;) { break out; }".to_owned()));
    }

    #[test]
    fn try_statements_give_each_part_and_drop_clauses() {
        let results = candidates("try { a(); } catch (e) { b(); } finally { c(); }");
        for expected in
            ["a();", "a();\nc();", "b();", "try { a(); } catch (e) { b(); }", "try { a(); } finally { c(); }"]
        {
            assert!(results.contains(&expected.to_owned()), "{expected:?} not in {results:?}");
        }
    }

    #[test]
    fn immediately_invoked_functions_and_switches_are_inlined() {
        assert!(candidates("(function () { var x = 1; f(x); })();").contains(&"var x = 1; f(x);".to_owned()));
        assert!(candidates("(() => { g(); })();").contains(&"g();".to_owned()));
        assert!(candidates("(function (a) { g(a); })(1);").is_empty());
        assert_eq!(candidates("function f(a) { g(a); }"), ["g(a);"]);
        let switch = candidates("switch (x) { case 1: a(); break; default: b(); }");
        assert!(switch.contains(&"a(); break;".to_owned()), "{switch:?}");
        assert!(switch.contains(&"b();".to_owned()), "{switch:?}");
    }
}
