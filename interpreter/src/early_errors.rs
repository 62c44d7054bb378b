//! Early errors (redeclarations, strict-mode restrictions, ...) from oxc's semantic checker, with
//! the one kind it is known to get wrong refused instead of reported.
//!
//! oxc binds a sloppy block-level function declaration in the enclosing function as well (the
//! Annex B var), and then reports a later `let`, `const` or `class` of the same name at the
//! function's top level as a redeclaration. The spec creates that var only when it would cause no
//! early error (B.3.2.1 to B.3.2.3), so such programs are valid. A redeclaration between a block
//! function and a declaration outside its block is therefore answered `unsupported`, never
//! `SyntaxError`; one inside the block (a real early error) is still reported.

use oxc_ast::ast::{
    BlockStatement, CatchClause, Function, FunctionBody, IfStatement, Program, StaticBlock, SwitchStatement,
};
use oxc_ast_visit::{walk, Visit};
use oxc_span::Span;
use oxc_syntax::scope::ScopeFlags;

/// Why a parsed program does not run.
pub(crate) enum Rejection {
    /// An early error, with oxc's message.
    SyntaxError(String),
    /// An early error the checker may have got wrong.
    Unsupported(String),
}

/// The first early error of `program`, if any.
pub(crate) fn check(program: &Program<'_>) -> Result<(), Rejection> {
    let semantic = oxc_semantic::SemanticBuilder::new().with_check_syntax_error(true).build(program);
    let Some(error) = semantic.diagnostics.errors().next() else { return Ok(()) };
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
