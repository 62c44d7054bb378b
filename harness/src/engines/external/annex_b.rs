//! Whether a program relies on Annex B's block-level function semantics (B.3.2, B.3.3): in sloppy
//! code, a function declared in a block, a `switch` case or an `if` branch also gets a `var` binding
//! in the enclosing function. Annex B is normative only for web browsers, and some hosts leave it
//! out (engine262, njs): there such a function is bound in its block alone. Programs that declare
//! one are unsupported on those hosts rather than reported as their bugs.

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrowFunctionBody, ArrowFunctionExpression, BlockStatement, Class, Directive, Function, IfStatement,
    LabeledStatement, Program, Statement, StringLiteral, SwitchCase,
};
use oxc_ast_visit::{walk, Visit};
use oxc_semantic::ScopeFlags;
use oxc_span::SourceType;

/// True when `source` (a classic script) declares a function in a block, case or `if` branch of
/// sloppy code, or in the code of a string literal that could be evaluated as such. Errs towards
/// true: a string's code counts as sloppy unless it has its own directive, even where a strict
/// caller's direct eval would make it strict.
pub fn uses_block_functions(source: &str) -> bool {
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, SourceType::script()).parse();
    if parsed.panicked {
        return false;
    }
    let mut scan = Scan { strict: false, found: false };
    scan.visit_program(&parsed.program);
    scan.found
}

struct Scan {
    /// Whether the code being visited is known to be strict.
    strict: bool,
    found: bool,
}

fn has_use_strict(directives: &[Directive]) -> bool {
    directives.iter().any(|directive| directive.directive == "use strict")
}

fn is_function_declaration(statement: &Statement) -> bool {
    matches!(statement, Statement::FunctionDeclaration(_))
}

impl Scan {
    /// Visits with `strict` set for the duration of `visit`.
    fn with_strict(&mut self, strict: bool, visit: impl FnOnce(&mut Self)) {
        let outer = self.strict;
        self.strict = self.strict || strict;
        visit(self);
        self.strict = outer;
    }
}

impl<'a> Visit<'a> for Scan {
    fn visit_program(&mut self, it: &Program<'a>) {
        self.with_strict(has_use_strict(&it.directives), |scan| walk::walk_program(scan, it));
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let strict = it.body.as_ref().is_some_and(|body| has_use_strict(&body.directives));
        self.with_strict(strict, |scan| walk::walk_function(scan, it, flags));
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let strict = matches!(&it.body, ArrowFunctionBody::FunctionBody(body) if has_use_strict(&body.directives));
        self.with_strict(strict, |scan| walk::walk_arrow_function_expression(scan, it));
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        self.with_strict(true, |scan| walk::walk_class(scan, it));
    }

    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        self.found |= !self.strict && it.body.iter().any(is_function_declaration);
        walk::walk_block_statement(self, it);
    }

    fn visit_switch_case(&mut self, it: &SwitchCase<'a>) {
        self.found |= !self.strict && it.consequent.iter().any(is_function_declaration);
        walk::walk_switch_case(self, it);
    }

    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        let branch_is_function =
            is_function_declaration(&it.consequent) || it.alternate.as_ref().is_some_and(is_function_declaration);
        self.found |= !self.strict && branch_is_function;
        walk::walk_if_statement(self, it);
    }

    fn visit_labeled_statement(&mut self, it: &LabeledStatement<'a>) {
        // A labelled function declaration is Annex B syntax too (B.3.1).
        self.found |= is_function_declaration(&it.body);
        walk::walk_labeled_statement(self, it);
    }

    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        // Code for eval or the Function constructor.
        self.found |= it.value.contains("function") && uses_block_functions(&it.value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sloppy_block_functions_are_found() {
        assert!(uses_block_functions("{ function f() {} } print(typeof f);"));
        assert!(uses_block_functions("function g() { if (x) { function f() {} } }"));
        assert!(uses_block_functions("switch (1) { case 1: function f() {} }"));
        assert!(uses_block_functions("if (true) function f() {}"));
        assert!(uses_block_functions("l: function f() {}"));
        assert!(uses_block_functions("eval('{ function f() {} }');"));
        // Code in strings counts as sloppy, whoever evaluates it.
        assert!(uses_block_functions("'use strict'; eval('{ function f() {} }');"));
    }

    #[test]
    fn other_functions_are_not() {
        assert!(!uses_block_functions("function f() { function g() {} } var h = function () { return 1 };"));
        assert!(!uses_block_functions("{ let f = function () {}; var g = () => { return 1 }; }"));
        assert!(!uses_block_functions("'use strict'; { function f() {} }"));
        assert!(!uses_block_functions("function g() { 'use strict'; { function f() {} } }"));
        assert!(!uses_block_functions("function g() { 'use strict'; return () => { { function f() {} } } }"));
        assert!(!uses_block_functions("class C { m() { { function f() {} } } }"));
        assert!(!uses_block_functions("print('a function in a string')"));
    }
}
