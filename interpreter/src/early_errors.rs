//! Syntax and early errors from oxc's parser and semantic checker, with what they are known to get
//! wrong corrected or refused instead of reported.
//!
//! - oxc binds a sloppy block-level function declaration in the enclosing function as well (the
//!   Annex B var), and then reports a later `let`, `const` or `class` of the same name at the
//!   function's top level as a redeclaration. The spec creates that var only when it would cause no
//!   early error (B.3.2.1 to B.3.2.3), so such programs are valid. A redeclaration between a block
//!   function and a declaration outside its block is therefore answered `unsupported`, never
//!   `SyntaxError`; one inside the block (a real early error) is still reported.
//! - oxc's parser rejects `let` as a label, which sloppy code allows (`let` is no reserved word,
//!   13.1.1, and `let :` starts no declaration): a parse error in a program with a `let` label is
//!   answered `unsupported`.
//! - oxc's parser rejects a call as an assignment target, which sloppy code may have since ES2026
//!   (Annex B, a ReferenceError at run time): refused.
//! - oxc's checker accepts `eval` and `arguments` as the target of a strict for-in or for-of head,
//!   which is no simple assignment target there (13.1.3, 14.7.5.1): reported here.

use oxc_ast::ast::{
    AssignmentTarget, BlockStatement, CatchClause, ForInStatement, ForOfStatement, ForStatementLeft, Function,
    FunctionBody, IfStatement, Program, StaticBlock, SwitchStatement,
};
use oxc_ast_visit::{walk, Visit};
use oxc_semantic::Scoping;
use oxc_span::Span;
use oxc_syntax::scope::{ScopeFlags, ScopeId};

/// Why a parsed program does not run.
pub(crate) enum Rejection {
    /// An early error, with oxc's message.
    SyntaxError(String),
    /// An early error the checker may have got wrong.
    Unsupported(String),
}

/// Parses `source` as a classic script, with its syntax and early errors.
pub(crate) fn parse<'a>(
    allocator: &'a oxc_allocator::Allocator,
    source: &'a str,
) -> Result<oxc_parser::ParserReturn<'a>, Rejection> {
    let parsed = oxc_parser::Parser::new(allocator, source, oxc_span::SourceType::script()).parse();
    if let Some(e) = parsed.diagnostics.errors().next() {
        let spans: Vec<Span> = e.labels.iter().map(|l| l.span()).collect();
        return Err(parse_error(source, e.to_string(), &spans));
    }
    if parsed.panicked {
        return Err(Rejection::SyntaxError("the parser gave up".into()));
    }
    check(&parsed.program)?;
    Ok(parsed)
}

/// What a parse error of `source` (with the spans it points at) means: a SyntaxError, unless the
/// parser may be the one at fault.
fn parse_error(source: &str, message: String, spans: &[Span]) -> Rejection {
    if has_let_label(source) {
        return Rejection::Unsupported("`let` as a label".into());
    }
    // Annex B (B.3.7, ES2026) makes a call as the target of `=`, a compound assignment, `++`/`--`
    // or a for-in/of head a run-time ReferenceError in sloppy code, after the call; oxc rejects it
    // while parsing. A target ending in `)` is refused, which also covers the strict and the
    // still-invalid cases (`new f() = 1`, `a?.b() = 1`): cautious, never wrong.
    let is_call =
        |span: &Span| source.get(span.start as usize..span.end as usize).is_some_and(|t| t.trim_end().ends_with(')'));
    if message == "Cannot assign to this expression" && spans.iter().any(is_call) {
        return Rejection::Unsupported("a call as an assignment target".into());
    }
    Rejection::SyntaxError(message)
}

/// Whether `source` has `let` followed by a colon, as a label would be (or a string or comment
/// that only looks like one: then the refusal is merely cautious).
fn has_let_label(source: &str) -> bool {
    source.match_indices("let").any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + 3..].trim_start();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            && after.starts_with(':')
            && !after.starts_with("::")
    })
}

/// The first early error of `program`, if any.
fn check(program: &Program<'_>) -> Result<(), Rejection> {
    let semantic = oxc_semantic::SemanticBuilder::new().with_check_syntax_error(true).build(program);
    let Some(error) = semantic.diagnostics.errors().next() else {
        let mut targets = StrictForTargets { scoping: semantic.semantic.scoping(), found: None };
        targets.visit_program(program);
        return match targets.found {
            Some(name) => Err(Rejection::SyntaxError(format!("'{name}' cannot be assigned in strict mode code"))),
            None => Ok(()),
        };
    };
    let message = error.to_string();
    if let (Some(name), [first, second]) = (redeclared_name(&message), error.labels.as_slice()) {
        let mut finder = BlockFunctions { blocks: vec![None], found: Vec::new() };
        finder.visit_program(program);
        let (first, second) = (first.span(), second.span());
        let outside = |inner: Span, outer: Span| inner.start < outer.start || inner.end > outer.end;
        let beside_block_function = finder.found.iter().any(|f| {
            f.name == name
                && ((f.id.contains_inclusive(first) && outside(second, f.block))
                    || (f.id.contains_inclusive(second) && outside(first, f.block)))
        });
        if beside_block_function {
            return Err(Rejection::Unsupported("a redeclaration of a block function's name (Annex B)".into()));
        }
    }
    Err(Rejection::SyntaxError(message))
}

/// The name in oxc's "Identifier `x` has already been declared".
fn redeclared_name(message: &str) -> Option<&str> {
    message.strip_prefix("Identifier `")?.strip_suffix("` has already been declared")
}

/// A function declaration nested in a block.
struct BlockFunction {
    name: String,
    /// Its name's span.
    id: Span,
    /// The block (braces, switch or if statement) it is declared in.
    block: Span,
}

/// Collects the function declarations nested in blocks (braces, switch cases, or an `if` clause),
/// as opposed to those directly in a function body, a static block or the script.
struct BlockFunctions {
    /// The block whose statement list is being visited (`None` for a function body, a static
    /// block or the script), innermost last.
    blocks: Vec<Option<Span>>,
    found: Vec<BlockFunction>,
}

impl BlockFunctions {
    fn within(&mut self, block: Option<Span>, visit: impl FnOnce(&mut Self)) {
        self.blocks.push(block);
        visit(self);
        self.blocks.pop();
    }
}

impl<'a> Visit<'a> for BlockFunctions {
    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        self.within(Some(it.span), |v| walk::walk_block_statement(v, it));
    }

    fn visit_switch_statement(&mut self, it: &SwitchStatement<'a>) {
        self.within(Some(it.span), |v| walk::walk_switch_statement(v, it));
    }

    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        // A function declaration as an if clause is treated as if in a block (B.3.3).
        self.within(Some(it.span), |v| walk::walk_if_statement(v, it));
    }

    fn visit_catch_clause(&mut self, it: &CatchClause<'a>) {
        // The catch parameter and the block's declarations clash (14.15.1): one block.
        if let Some(param) = &it.param {
            self.visit_catch_parameter(param);
        }
        self.within(Some(it.span), |v| walk::walk_block_statement(v, &it.body));
    }

    fn visit_function_body(&mut self, it: &FunctionBody<'a>) {
        self.within(None, |v| walk::walk_function_body(v, it));
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        self.within(None, |v| walk::walk_static_block(v, it));
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        if let (true, Some(id), Some(Some(block))) = (it.is_declaration(), &it.id, self.blocks.last()) {
            self.found.push(BlockFunction { name: id.name.to_string(), id: id.span, block: *block });
        }
        walk::walk_function(self, it, flags);
    }
}

/// Finds `eval` or `arguments` as the target of a for-in or for-of head in strict code.
struct StrictForTargets<'s> {
    scoping: &'s Scoping,
    found: Option<String>,
}

impl StrictForTargets<'_> {
    fn check(&mut self, left: &ForStatementLeft<'_>, scope: Option<ScopeId>) {
        let Some(AssignmentTarget::AssignmentTargetIdentifier(id)) = left.as_assignment_target() else { return };
        let strict = scope.is_some_and(|scope| self.scoping.scope_flags(scope).is_strict_mode());
        if strict && (id.name == "eval" || id.name == "arguments") && self.found.is_none() {
            self.found = Some(id.name.to_string());
        }
    }
}

impl<'a> Visit<'a> for StrictForTargets<'_> {
    fn visit_for_in_statement(&mut self, it: &ForInStatement<'a>) {
        self.check(&it.left, it.scope_id.get());
        walk::walk_for_in_statement(self, it);
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        self.check(&it.left, it.scope_id.get());
        walk::walk_for_of_statement(self, it);
    }
}
