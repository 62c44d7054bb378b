//! Compiles an `oxc` syntax tree into [`FunctionCode`].
//!
//! Static semantics (VarDeclaredNames, LexicallyScopedDeclarations, Annex B eligibility, strictness,
//! NamedEvaluation names) are decided here; runtime semantics live in [`crate::vm`]. Anything outside
//! the implemented subset is refused with [`CompileError::Unsupported`], never approximated.
//!
//! `finally` blocks are compiled inline at every exit from their `try` (normal completion, throw,
//! `break`, `continue`, `return`), so the machine needs no completion-record registers.

use std::cell::RefCell;
use std::rc::Rc;

use oxc_ast::ast::*;
use oxc_syntax::operator::{AssignmentOperator, BinaryOperator, LogicalOperator, UnaryOperator, UpdateOperator};
use rustc_hash::FxHashMap as HashMap;

use crate::bytecode::{BlockScope, CodeKind, FunctionCode, Label, Op, ParamInfo};
use crate::conversions::number_to_string;
use crate::value::Name;

mod classes;
mod patterns;

pub(crate) use classes::private_binding;

use patterns::{bound_names, BindMode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileError {
    Unsupported(String),
}

type CResult<T> = Result<T, CompileError>;

fn unsupported<T>(feature: &str) -> CResult<T> {
    Err(CompileError::Unsupported(feature.to_string()))
}

fn name(s: &str) -> Name {
    Rc::from(s)
}

/// Compiles a script (16.1 Scripts).
pub fn compile_script(program: &Program<'_>) -> CResult<FunctionCode> {
    let strict = program.has_use_strict_directive();
    let mut c = FnCompiler::new(name(""), CodeKind::Script, strict, program.source_text);
    c.in_with = program.source_text.contains("eval");
    c.declare_top_level(&program.body)?;
    c.statements(&program.body)?;
    c.emit(Op::Undefined);
    c.emit(Op::Return);
    Ok(c.finish())
}

/// Compiles eval code (19.2.1.1 PerformEval): a script whose result is its completion value.
pub fn compile_eval(program: &Program<'_>, strict: bool) -> CResult<FunctionCode> {
    let mut c = FnCompiler::new(name(""), CodeKind::Script, strict, program.source_text);
    c.track_completion = true;
    c.in_with = program.source_text.contains("eval");
    c.declare_top_level(&program.body)?;
    // Directives are expression statements too: their strings are completion values.
    for d in &program.directives {
        c.emit(Op::String(name(&d.expression.value)));
        c.emit(Op::SetCompletion);
    }
    c.statements(&program.body)?;
    c.emit(Op::GetCompletion);
    c.emit(Op::Return);
    Ok(c.finish())
}

/// Compiles eval code that was parsed as the body of a wrapper class's constructor (so that
/// new.target, super and private names parse); the body is compiled exactly like eval code.
pub fn compile_eval_in_constructor(program: &Program<'_>, strict_caller: bool) -> CResult<FunctionCode> {
    let Some(Statement::ClassDeclaration(class)) = program.body.first() else {
        return unsupported("eval wrapper shape");
    };
    let Some(ClassElement::MethodDefinition(ctor)) = class
        .body
        .body
        .iter()
        .find(|e| matches!(e, ClassElement::MethodDefinition(m) if m.kind == MethodDefinitionKind::Constructor))
    else {
        return unsupported("eval wrapper shape");
    };
    let Some(body) = &ctor.value.body else { return unsupported("eval wrapper shape") };
    let strict = strict_caller || body.has_use_strict_directive();
    let mut c = FnCompiler::new(name(""), CodeKind::Script, strict, program.source_text);
    c.track_completion = true;
    c.in_with = true;
    c.declare_top_level(&body.statements)?;
    for d in &body.directives {
        c.emit(Op::String(name(&d.expression.value)));
        c.emit(Op::SetCompletion);
    }
    c.statements(&body.statements)?;
    c.emit(Op::GetCompletion);
    c.emit(Op::Return);
    Ok(c.finish())
}

/// The kind of a `for-in`/`for-of` loop (14.7.5's iterationKind and iteratorKind).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Iteration {
    In,
    Of,
    AwaitOf,
}

/// Something a `break`, `continue` or `return` has to undo or run on its way out.
enum Control<'a> {
    /// A loop or a breakable statement (`switch`, labelled statement).
    Jumps { labels: Vec<Name>, is_loop: bool, is_switch: bool, breaks: Vec<usize>, continues: Vec<usize> },
    /// A lexical environment was entered.
    Block,
    /// An exception handler is installed.
    Handler,
    /// Leaving runs this `finally` block.
    Finally(&'a BlockStatement<'a>),
    /// A temporary value sits on the operand stack.
    StackValue,
    /// A `for-of` iterator sits on the operand stack: leaving closes it (7.4.11 IteratorClose, or
    /// 7.4.13 AsyncIteratorClose for `for await`).
    Iterator { is_async: bool },
}

type TemplateSites = Rc<RefCell<HashMap<u32, Rc<crate::template::TemplateSite>>>>;

struct FnCompiler<'a> {
    code: FunctionCode,
    controls: Vec<Control<'a>>,
    /// Lexically declared names of the enclosing scopes of this function, innermost last, for the
    /// B.3.2 "would not produce any Early Errors" test.
    lexical_scopes: Vec<Vec<Name>>,
    /// Labels waiting to be attached to the next loop.
    pending_labels: Vec<Name>,
    /// Short-circuit jumps of the optional chains being compiled, innermost last: (jump, number of
    /// values the landing pad must drop besides the nullish one).
    chains: Vec<Vec<(usize, usize)>>,
    /// The whole script's text, for Function.prototype.toString.
    source: &'a str,
    /// The tagged templates' sites compiled so far in this script, eval or Function body, by
    /// source position: code compiled twice (a `finally` block, once per way out) shares them.
    sites: TemplateSites,
    /// Inside a `with` body (here or in an enclosing function): identifier references must be
    /// resolved before right-hand sides run.
    in_with: bool,
    /// Eval code: expression statements record the completion value eval returns.
    track_completion: bool,
    /// Compiling parameter initializers (where a direct eval would need its own var scope).
    in_parameters: bool,
    /// The start of the `yield` being compiled as a whole statement, declaration initializer or
    /// returned value, with nothing of an unfinished expression on the stack below it.
    statement_yield: Option<u32>,
}

impl<'a> FnCompiler<'a> {
    fn new(fn_name: Name, kind: CodeKind, strict: bool, source: &'a str) -> Self {
        FnCompiler {
            code: FunctionCode {
                name: fn_name,
                kind,
                strict,
                self_binding: false,
                params: ParamInfo { simple: true, ..ParamInfo::default() },
                var_names: Vec::new(),
                functions: Vec::new(),
                lexical: Vec::new(),
                annex_b_functions: Vec::new(),
                uses_arguments: false,
                ops: Vec::new(),
                blocks: Vec::new(),
                children: Vec::new(),
                source_text: None,
                is_generator: false,
                is_async: false,
                class_constructor: None,
                field_initializer: false,
                eval_in_parameters: false,
                strict_ops: Vec::new(),
                classes: Vec::new(),
            },
            controls: Vec::new(),
            lexical_scopes: Vec::new(),
            pending_labels: Vec::new(),
            chains: Vec::new(),
            source,
            sites: TemplateSites::default(),
            in_with: false,
            track_completion: false,
            in_parameters: false,
            statement_yield: None,
        }
    }

    /// A compiler for a function nested in this one's source.
    fn nested(&self, fn_name: Name, kind: CodeKind, strict: bool) -> FnCompiler<'a> {
        let mut c = FnCompiler::new(fn_name, kind, strict, self.source);
        c.sites = Rc::clone(&self.sites);
        c
    }

    /// Notes that `e`, about to be compiled, is a `yield` with nothing below it on the stack.
    fn at_statement_level(&mut self, e: &Expression<'_>) {
        if let Expression::YieldExpression(y) = e.without_parentheses() {
            self.statement_yield = Some(y.span.start);
        }
    }

    /// A return() at a yield closes the enclosing loops' iterators and runs the enclosing finally
    /// blocks (`unwind`), which find their stack slots only when no part of an unfinished
    /// expression sits above them: such a yield nested in an expression is refused.
    fn check_yield_position(&self, start: u32) -> CResult<()> {
        let unwinds = self.controls.iter().any(|c| matches!(c, Control::Finally(_) | Control::Iterator { .. }));
        if unwinds && self.statement_yield != Some(start) {
            return unsupported("yield inside an expression, where a return() must close an iterator or run a finally");
        }
        Ok(())
    }

    fn finish(self) -> FunctionCode {
        self.code
    }

    fn emit(&mut self, op: Op) -> usize {
        self.code.ops.push(op);
        self.code.ops.len() - 1
    }

    fn here(&self) -> Label {
        self.code.ops.len()
    }

    fn patch(&mut self, at: usize, target: Label) {
        let op = &mut self.code.ops[at];
        match op.label_mut() {
            Some(t) => *t = target,
            None => panic!("patching a non-jump {op:?}"),
        }
    }

    fn patch_here(&mut self, at: usize) {
        let h = self.here();
        self.patch(at, h);
    }

    /// Whether code in `span` may call eval, which can add bindings at run time: then identifier
    /// references are resolved before right-hand sides, as inside `with`.
    fn may_eval(&self, span: oxc_span::Span) -> bool {
        self.mentions(span, "eval")
    }

    /// Whether the source text in `span` contains `word` (a conservative test: also in strings).
    fn mentions(&self, span: oxc_span::Span, word: &str) -> bool {
        self.source.get(span.start as usize..span.end as usize).is_some_and(|t| t.contains(word))
    }

    fn reference(&mut self, n: &str) -> CResult<Name> {
        if n == "arguments" && self.code.kind != CodeKind::Script {
            self.code.uses_arguments = true;
        }
        Ok(name(n))
    }

    // ----- Declarations -------------------------------------------------------------------------

    /// Collects the top-level declarations of a script or function body: VarDeclaredNames, the
    /// functions to initialize, and the LexicallyDeclaredNames (16.1.7, 10.2.11).
    fn declare_top_level(&mut self, body: &'a [Statement<'a>]) -> CResult<()> {
        let mut vars = Vec::new();
        for s in body {
            collect_var_names(s, &mut vars, true)?;
        }
        for s in body {
            match s {
                Statement::FunctionDeclaration(f) => {
                    let n = function_name(f)?;
                    let idx = self.child_function(f, n.clone(), CodeKind::Normal)?;
                    self.code.functions.retain(|(m, _)| *m != n);
                    self.code.functions.push((n, idx));
                }
                Statement::VariableDeclaration(d) if d.kind != VariableDeclarationKind::Var => {
                    for n in declaration_names(d)? {
                        self.code.lexical.push((n, d.kind == VariableDeclarationKind::Const));
                    }
                }
                Statement::ClassDeclaration(c) => self.code.lexical.push((class_declaration_name(c)?, false)),
                _ => {}
            }
        }
        for v in vars {
            if !self.code.var_names.contains(&v) {
                self.code.var_names.push(v);
            }
        }
        self.lexical_scopes.push(self.code.lexical.iter().map(|(n, _)| n.clone()).collect());
        Ok(())
    }

    /// Lexically scoped declarations of a block or case block (14.2.3 BlockDeclarationInstantiation).
    fn block_scope(&mut self, stmts: impl Iterator<Item = &'a Statement<'a>>) -> CResult<Option<usize>> {
        let mut scope = BlockScope::default();
        for s in stmts {
            match s {
                Statement::FunctionDeclaration(f) => {
                    // Generators and async functions are block-scoped in sloppy code too: B.3.2
                    // (see `function_declaration_statement`) applies to plain functions only.
                    let n = function_name(f)?;
                    let idx = self.child_function(f, n.clone(), CodeKind::Normal)?;
                    scope.functions.retain(|(m, _)| *m != n);
                    scope.functions.push((n, idx));
                }
                Statement::VariableDeclaration(d) if d.kind != VariableDeclarationKind::Var => {
                    for n in declaration_names(d)? {
                        scope.lexical.push((n, d.kind == VariableDeclarationKind::Const));
                    }
                }
                Statement::ClassDeclaration(c) => scope.lexical.push((class_declaration_name(c)?, false)),
                _ => {}
            }
        }
        if scope.lexical.is_empty() && scope.functions.is_empty() {
            return Ok(None);
        }
        self.code.blocks.push(scope);
        Ok(Some(self.code.blocks.len() - 1))
    }

    fn enter_scope(&mut self, scope: Option<usize>) {
        if let Some(idx) = scope {
            let names = self.code.blocks[idx]
                .lexical
                .iter()
                .map(|(n, _)| n.clone())
                .chain(self.code.blocks[idx].functions.iter().map(|(n, _)| n.clone()))
                .collect();
            self.lexical_scopes.push(names);
            self.emit(Op::EnterBlock(idx));
            self.controls.push(Control::Block);
        }
    }

    fn exit_scope(&mut self, scope: Option<usize>) {
        if scope.is_some() {
            self.lexical_scopes.pop();
            self.controls.pop();
            self.emit(Op::ExitBlock);
        }
    }

    /// A new scope with the given names, all `let`-like (for-loop heads, catch parameters).
    fn names_scope(&mut self, names: &[Name], is_const: bool) -> usize {
        self.code.blocks.push(BlockScope {
            lexical: names.iter().map(|n| (n.clone(), is_const)).collect(),
            functions: Vec::new(),
            simple_catch: false,
        });
        self.code.blocks.len() - 1
    }

    // ----- Functions ----------------------------------------------------------------------------

    fn child_function(&mut self, f: &'a Function<'a>, fn_name: Name, kind: CodeKind) -> CResult<usize> {
        let Some(body) = &f.body else { return unsupported("function without body") };
        let strict = self.code.strict || body.has_use_strict_directive();
        let mut c = self.nested(fn_name, kind, strict);
        c.in_with = self.in_with || self.may_eval(f.span);
        if kind == CodeKind::Normal {
            c.code.source_text = self.source.get(f.span.start as usize..f.span.end as usize).map(name);
        }
        c.code.self_binding = f.r#type == FunctionType::FunctionExpression && f.id.is_some();
        c.code.is_generator = f.generator;
        c.code.is_async = f.r#async;
        c.parameters(&f.params)?;
        c.declare_top_level(&body.statements)?;
        c.emit(Op::InstantiateVarsAndFunctions);
        if f.generator {
            // 27.5.3.1 GeneratorStart: parameters are bound at the call, the body waits for next().
            c.emit(Op::GeneratorStart);
        }
        c.statements(&body.statements)?;
        c.emit(Op::Undefined);
        c.emit(Op::Return);
        Ok(self.add_child(c.finish()))
    }

    fn arrow_function(&mut self, f: &'a ArrowFunctionExpression<'a>, fn_name: Name) -> CResult<usize> {
        let strict = self.code.strict || f.body.has_use_strict_directive();
        let mut c = self.nested(fn_name, CodeKind::Arrow, strict);
        c.code.is_async = f.r#async;
        c.in_with = self.in_with;
        c.code.source_text = self.source.get(f.span.start as usize..f.span.end as usize).map(name);
        c.parameters(&f.params)?;
        match &f.body {
            ArrowFunctionBody::FunctionBody(body) => {
                c.declare_top_level(&body.statements)?;
                c.emit(Op::InstantiateVarsAndFunctions);
                c.statements(&body.statements)?;
                c.emit(Op::Undefined);
                c.emit(Op::Return);
            }
            other => {
                let Some(e) = other.as_expression() else { return unsupported("arrow body shape") };
                c.declare_top_level(&[])?;
                c.emit(Op::InstantiateVarsAndFunctions);
                c.expression(e)?;
                c.emit(Op::Return);
            }
        }
        let uses_arguments = c.code.uses_arguments;
        let idx = self.add_child(c.finish());
        // Arrows have no `arguments` of their own: a reference inside one is the enclosing function's.
        if uses_arguments && self.code.kind != CodeKind::Script {
            self.code.uses_arguments = true;
        }
        Ok(idx)
    }

    fn add_child(&mut self, code: FunctionCode) -> usize {
        self.code.children.push(Rc::new(code));
        self.code.children.len() - 1
    }

    /// Records parameter facts and emits IteratorBindingInitialization of the formals (10.2.11
    /// steps 25-26): each parameter in order, defaults evaluated only for `undefined` arguments.
    fn parameters(&mut self, params: &'a FormalParameters<'a>) -> CResult<()> {
        let mut info = ParamInfo { simple: params.rest.is_none(), ..ParamInfo::default() };
        let mut length_done = false;
        for p in &params.items {
            let before = info.names.len();
            bound_names(&p.pattern, &mut info.names);
            if info.names[before..].iter().any(|n| info.names[..before].contains(n)) {
                info.has_duplicates = true;
            }
            let is_identifier = matches!(p.pattern, BindingPattern::BindingIdentifier(_));
            if !is_identifier {
                info.simple = false;
                info.has_expressions |= !matches!(p.pattern, BindingPattern::BindingIdentifier(_));
            }
            if p.initializer.is_some() || matches!(p.pattern, BindingPattern::AssignmentPattern(_)) {
                info.simple = false;
                info.has_expressions = true;
                length_done = true;
            } else if !length_done {
                info.length += 1;
            }
        }
        if let Some(rest) = &params.rest {
            bound_names(&rest.rest.argument, &mut info.names);
        }
        let mode = if info.has_duplicates { BindMode::Assign } else { BindMode::Initialize };
        self.code.params = info;
        self.in_parameters = true;
        for (i, p) in params.items.iter().enumerate() {
            self.emit(Op::GetArgument(i));
            if let Some(init) = &p.initializer {
                let skip = self.emit(Op::JumpIfNotUndefined(0));
                self.emit(Op::Pop);
                match &p.pattern {
                    BindingPattern::BindingIdentifier(id) => self.named_expression(init, &id.name)?,
                    _ => self.expression(init)?,
                }
                self.patch_here(skip);
            }
            self.bind_pattern(&p.pattern, mode)?;
        }
        if let Some(rest) = &params.rest {
            self.emit(Op::GetRestArguments(params.items.len()));
            self.bind_pattern(&rest.rest.argument, mode)?;
        }
        self.in_parameters = false;
        Ok(())
    }

    // ----- Statements ---------------------------------------------------------------------------

    fn statements(&mut self, stmts: &'a [Statement<'a>]) -> CResult<()> {
        for s in stmts {
            self.statement(s)?;
        }
        Ok(())
    }

    fn statement(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        let labels = std::mem::take(&mut self.pending_labels);
        if self.track_completion {
            // These statements complete with UpdateEmpty(result, undefined): their value is
            // undefined unless their body produces one.
            match s {
                Statement::IfStatement(_)
                | Statement::WhileStatement(_)
                | Statement::DoWhileStatement(_)
                | Statement::ForStatement(_)
                | Statement::ForInStatement(_)
                | Statement::ForOfStatement(_)
                | Statement::SwitchStatement(_)
                | Statement::WithStatement(_) => {
                    self.emit(Op::ClearCompletion);
                }
                Statement::TryStatement(t) => {
                    if t.finalizer.is_some() {
                        return unsupported("completion value of try/finally in eval code");
                    }
                    self.emit(Op::ClearCompletion);
                }
                _ => {}
            }
        }
        match s {
            Statement::BlockStatement(b) => {
                self.labelled_block(labels, |c| c.block(&b.body))?;
            }
            Statement::EmptyStatement(_) | Statement::DebuggerStatement(_) => {}
            Statement::ExpressionStatement(e) => {
                self.at_statement_level(&e.expression);
                self.expression(&e.expression)?;
                self.emit(if self.track_completion { Op::SetCompletion } else { Op::Pop });
            }
            Statement::VariableDeclaration(d) => self.variable_declaration(d)?,
            Statement::FunctionDeclaration(f) => self.function_declaration_statement(f)?,
            Statement::ClassDeclaration(c) => {
                let n = class_declaration_name(c)?;
                self.class_definition(c, n.clone())?;
                self.emit(Op::InitializeBinding(n));
            }
            Statement::IfStatement(i) => {
                self.labelled_block(labels, |c| {
                    c.expression(&i.test)?;
                    let else_jump = c.emit(Op::JumpIfFalse(0));
                    c.substatement(&i.consequent)?;
                    if let Some(alt) = &i.alternate {
                        let end = c.emit(Op::Jump(0));
                        c.patch_here(else_jump);
                        c.substatement(alt)?;
                        c.patch_here(end);
                    } else {
                        c.patch_here(else_jump);
                    }
                    Ok(())
                })?;
            }
            Statement::ReturnStatement(r) => {
                match &r.argument {
                    Some(e) => {
                        self.at_statement_level(e);
                        self.expression(e)?;
                        if self.code.is_async && self.code.is_generator {
                            // 15.6.2 (ReturnStatement in an async generator): Await(exprValue).
                            self.emit(Op::Await);
                            self.emit(Op::AfterAwait);
                        }
                    }
                    None => {
                        self.emit(Op::Undefined);
                    }
                }
                self.return_top()?;
            }
            Statement::ThrowStatement(t) => {
                self.expression(&t.argument)?;
                self.emit(Op::Throw);
            }
            Statement::WhileStatement(w) => self.while_loop(labels, w)?,
            Statement::DoWhileStatement(d) => self.do_while_loop(labels, d)?,
            Statement::ForStatement(f) => self.for_loop(labels, f)?,
            Statement::ForInStatement(f) => self.for_in_of(labels, &f.left, &f.right, &f.body, Iteration::In)?,
            Statement::ForOfStatement(f) => {
                let iteration = if f.r#await { Iteration::AwaitOf } else { Iteration::Of };
                self.for_in_of(labels, &f.left, &f.right, &f.body, iteration)?
            }
            Statement::BreakStatement(b) => self.jump_out(b.label.as_ref().map(|l| name(&l.name)), false)?,
            Statement::ContinueStatement(b) => self.jump_out(b.label.as_ref().map(|l| name(&l.name)), true)?,
            Statement::LabeledStatement(l) => {
                let mut labels = labels;
                labels.push(name(&l.label.name));
                match &l.body {
                    Statement::ForStatement(_)
                    | Statement::ForInStatement(_)
                    | Statement::ForOfStatement(_)
                    | Statement::WhileStatement(_)
                    | Statement::DoWhileStatement(_)
                    | Statement::LabeledStatement(_) => {
                        self.pending_labels = labels;
                        self.statement(&l.body)?;
                    }
                    Statement::FunctionDeclaration(_) => return unsupported("labelled function declaration"),
                    body => self.labelled_block(labels, |c| c.statement(body))?,
                }
            }
            Statement::SwitchStatement(sw) => self.switch(labels, sw)?,
            Statement::TryStatement(t) => self.labelled_block(labels, |c| c.try_statement(t))?,
            Statement::WithStatement(w) => {
                // 14.11.2: the body runs in an object Environment Record over the value.
                self.labelled_block(labels, |c| {
                    c.expression(&w.object)?;
                    c.emit(Op::EnterWith);
                    c.lexical_scopes.push(Vec::new());
                    c.controls.push(Control::Block);
                    let outer_with = std::mem::replace(&mut c.in_with, true);
                    c.substatement(&w.body)?;
                    c.in_with = outer_with;
                    c.controls.pop();
                    c.lexical_scopes.pop();
                    c.emit(Op::ExitBlock);
                    Ok(())
                })?;
            }
            _ => return unsupported("module or TypeScript syntax"),
        }
        Ok(())
    }

    /// The body of `if`, loops and labels: a function declaration there is treated as if it were in
    /// a block of its own (B.3.3 FunctionDeclarations in IfStatement Statement Clauses).
    fn substatement(&mut self, s: &'a Statement<'a>) -> CResult<()> {
        if let Statement::FunctionDeclaration(_) = s {
            return self.block(std::slice::from_ref(s));
        }
        self.statement(s)
    }

    /// Runs `body` inside a breakable region when labels name it.
    fn labelled_block(&mut self, labels: Vec<Name>, body: impl FnOnce(&mut Self) -> CResult<()>) -> CResult<()> {
        if labels.is_empty() {
            return body(self);
        }
        self.controls.push(Control::Jumps {
            labels,
            is_loop: false,
            is_switch: false,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        body(self)?;
        let Some(Control::Jumps { breaks, .. }) = self.controls.pop() else { unreachable!() };
        for b in breaks {
            self.patch_here(b);
        }
        Ok(())
    }

    /// 14.2.2 Block: Evaluation.
    fn block(&mut self, body: &'a [Statement<'a>]) -> CResult<()> {
        let scope = self.block_scope(body.iter())?;
        self.enter_scope(scope);
        self.statements(body)?;
        self.exit_scope(scope);
        Ok(())
    }

    fn function_declaration_statement(&mut self, f: &'a Function<'a>) -> CResult<()> {
        // Instantiated by the enclosing declaration instantiation; in a block, B.3.2 may copy it to
        // a var binding when the declaration is evaluated.
        let n = function_name(f)?;
        let in_block = self.lexical_scopes.len() > 1;
        if !in_block || self.code.strict || f.generator || f.r#async {
            return Ok(());
        }
        if self.annex_b_applies(&n)? {
            if !self.code.annex_b_functions.contains(&n) {
                self.code.annex_b_functions.push(n.clone());
            }
            self.emit(Op::AnnexBCopyToVar(n));
        }
        Ok(())
    }

    /// B.3.2.1 step 29.a: would replacing `function F` by `var F` produce an early error?
    fn annex_b_applies(&self, n: &Name) -> CResult<bool> {
        if self.code.params.names.contains(n) {
            return Ok(false);
        }
        // A block function named `arguments` creates no var binding (step 29.a.ii) but is still
        // copied to the function's variable environment when evaluated, overwriting the arguments
        // object, as a `var arguments` beside it would be. Where that environment holds no
        // arguments binding (arrows, separate parameter scopes) the copy creates one: refused.
        if &**n == "arguments"
            && self.code.kind != CodeKind::Script
            && (self.code.kind == CodeKind::Arrow || self.code.params.has_expressions)
        {
            return unsupported("a block function named arguments in an arrow or beside parameter expressions");
        }
        let (own, outer) = self.lexical_scopes.split_last().expect("in a block");
        if own.iter().filter(|m| *m == n).count() > 1 {
            return unsupported("duplicate function declarations in one block");
        }
        Ok(!outer.iter().any(|scope| scope.contains(n)))
    }

    fn variable_declaration(&mut self, d: &'a VariableDeclaration<'a>) -> CResult<()> {
        match d.kind {
            VariableDeclarationKind::Var | VariableDeclarationKind::Let | VariableDeclarationKind::Const => {}
            _ => return unsupported("using declaration"),
        }
        for decl in &d.declarations {
            let BindingPattern::BindingIdentifier(id) = &decl.id else {
                // Destructuring: evaluate the initializer, then bind the pattern.
                let Some(init) = &decl.init else {
                    return unsupported("destructuring declaration without initializer");
                };
                self.at_statement_level(init);
                self.expression(init)?;
                let mode = if d.kind == VariableDeclarationKind::Var { BindMode::Assign } else { BindMode::Initialize };
                self.bind_pattern(&decl.id, mode)?;
                continue;
            };
            match (&decl.init, d.kind) {
                (Some(init), VariableDeclarationKind::Var) => {
                    let r = self.reference(&id.name)?;
                    if self.in_with {
                        self.emit(Op::ResolveReference(r.clone()));
                        self.named_expression(init, &id.name)?;
                        self.emit(Op::SetResolvedName(r));
                    } else {
                        self.at_statement_level(init);
                        self.named_expression(init, &id.name)?;
                        self.emit(Op::SetName(r));
                    }
                    self.emit(Op::Pop);
                }
                (None, VariableDeclarationKind::Var) => {}
                (init, _) => {
                    match init {
                        Some(e) => {
                            self.at_statement_level(e);
                            self.named_expression(e, &id.name)?
                        }
                        None => {
                            self.emit(Op::Undefined);
                        }
                    }
                    self.emit(Op::InitializeBinding(name(&id.name)));
                }
            }
        }
        Ok(())
    }

    fn return_top(&mut self) -> CResult<()> {
        if self.code.kind == CodeKind::Script {
            return unsupported("return outside function");
        }
        if self.controls.iter().any(|c| matches!(c, Control::Finally(_) | Control::Iterator { .. })) {
            self.unwind(0, true)?;
        }
        self.emit(Op::Return);
        Ok(())
    }

    /// `yield*` in an async generator (14.4.14), the operand on the stack: rounds of a call of the
    /// inner iterator, an await of its result and a yield of its value, until it is done.
    fn async_delegate(&mut self) -> CResult<()> {
        self.emit(Op::AsyncIterStart);
        self.emit(Op::Undefined);
        self.emit(Op::Number(f64::from(crate::vm::ResumeMode::Next.number())));
        let round = self.here();
        let call = self.emit(Op::AsyncDelegateCall { no_throw: 0, ret: 0 });
        self.emit(Op::Await);
        self.emit(Op::AfterAwait);
        let result = self.emit(Op::AsyncDelegateResult { done: 0, ret: 0 });
        self.emit(Op::Yield);
        let resumed = self.emit(Op::AsyncDelegateResumed { next_round: round, unwrap: 0 });
        let unwrap = self.here();
        self.emit(Op::Pop);
        self.emit(Op::AwaitReceived);
        self.emit(Op::AfterAwaitReceived);
        self.emit(Op::Jump(round));
        // No `throw` method: AsyncIteratorClose for a normal completion, then a TypeError.
        let no_throw = self.here();
        let close = self.emit(Op::AsyncIterReturn { skip: 0, quietly: false });
        self.emit(Op::Await);
        self.emit(Op::AfterAwait);
        self.emit(Op::AsyncIterReturned);
        self.patch_here(close);
        self.emit(Op::DelegateWithoutThrow);
        // A return: the received value is awaited when the inner iterator has no `return` (step
        // 7.c.iii), not when its `return()` says done (7.c.viii, since ES2023), then returned.
        let ret_awaited = self.here();
        self.emit(Op::Await);
        self.emit(Op::AfterAwait);
        let (ret, done) = self.delegate_exits()?;
        if let Op::AsyncDelegateCall { no_throw: n, ret: r } = &mut self.code.ops[call] {
            (*n, *r) = (no_throw, ret_awaited);
        }
        if let Op::AsyncDelegateResult { done: d, ret: r } = &mut self.code.ops[result] {
            (*d, *r) = (done, ret);
        }
        if let Op::AsyncDelegateResumed { unwrap: u, .. } = &mut self.code.ops[resumed] {
            *u = unwrap;
        }
        Ok(())
    }

    /// The two ways out of `yield*`, from stack `iterator value`: the generator returns the value
    /// (`ret`, reached by a jump), or it is the expression's value (`done`, where code continues).
    fn delegate_exits(&mut self) -> CResult<(Label, Label)> {
        let ret = self.here();
        self.emit(Op::Swap);
        self.emit(Op::Pop);
        self.return_top()?;
        let done = self.here();
        self.emit(Op::Swap);
        self.emit(Op::Pop);
        Ok((ret, done))
    }

    /// Emits what leaving every control above `down_to` requires, innermost first: exit blocks,
    /// remove handlers, drop temporaries, run `finally` blocks (each compiled with the controls
    /// that enclose it, so a `break` inside it resolves correctly).
    fn unwind(&mut self, down_to: usize, value_on_top: bool) -> CResult<()> {
        let mut i = self.controls.len();
        while i > down_to {
            i -= 1;
            match &self.controls[i] {
                Control::Block => {
                    self.emit(Op::ExitBlock);
                }
                Control::Handler => {
                    self.emit(Op::PopHandler);
                }
                Control::StackValue => {
                    if value_on_top {
                        self.emit(Op::Swap);
                    }
                    self.emit(Op::Pop);
                }
                Control::Iterator { is_async } => {
                    let is_async = *is_async;
                    if value_on_top {
                        self.emit(Op::Swap);
                    }
                    if is_async {
                        self.async_iterator_close();
                    } else {
                        self.emit(Op::IteratorClose);
                    }
                    self.emit(Op::Pop);
                }
                Control::Finally(f) => {
                    let f = *f;
                    let above = self.controls.split_off(i);
                    let saved_scopes = self.lexical_scopes.clone();
                    let blocks = self.controls.iter().filter(|c| matches!(c, Control::Block)).count();
                    self.lexical_scopes.truncate(blocks + 1);
                    // A pending return value sits on the stack while the finally block runs: a
                    // break, continue or return there must drop it (14.15.3, the finally's
                    // completion replaces the return).
                    if value_on_top {
                        self.controls.push(Control::StackValue);
                    }
                    self.block(&f.body)?;
                    if value_on_top {
                        self.controls.pop();
                    }
                    self.lexical_scopes = saved_scopes;
                    self.controls.extend(above);
                }
                Control::Jumps { .. } => {}
            }
        }
        Ok(())
    }

    /// `break` and `continue` (14.8, 14.9), with or without a label.
    fn jump_out(&mut self, label: Option<Name>, is_continue: bool) -> CResult<()> {
        let target = self.controls.iter().rposition(|c| match c {
            Control::Jumps { labels, is_loop, is_switch, .. } => match &label {
                Some(l) => labels.contains(l) && (!is_continue || *is_loop),
                None => *is_loop || (*is_switch && !is_continue),
            },
            _ => false,
        });
        let Some(t) = target else { return unsupported("break or continue target not found") };
        self.unwind(t + 1, false)?;
        let j = self.emit(Op::Jump(0));
        match &mut self.controls[t] {
            Control::Jumps { breaks, continues, .. } => {
                if is_continue {
                    continues.push(j)
                } else {
                    breaks.push(j)
                }
            }
            _ => unreachable!(),
        }
        Ok(())
    }

    fn push_loop(&mut self, labels: Vec<Name>) {
        self.controls.push(Control::Jumps {
            labels,
            is_loop: true,
            is_switch: false,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
    }

    /// Pops the innermost loop control and returns its pending break and continue jumps.
    fn pop_loop(&mut self) -> (Vec<usize>, Vec<usize>) {
        match self.controls.pop() {
            Some(Control::Jumps { breaks, continues, .. }) => (breaks, continues),
            _ => unreachable!("loop control expected"),
        }
    }

    fn while_loop(&mut self, labels: Vec<Name>, w: &'a WhileStatement<'a>) -> CResult<()> {
        let top = self.here();
        self.expression(&w.test)?;
        let exit = self.emit(Op::JumpIfFalse(0));
        self.push_loop(labels);
        self.substatement(&w.body)?;
        let (breaks, continues) = self.pop_loop();
        continues.into_iter().for_each(|c| self.patch(c, top));
        self.emit(Op::Jump(top));
        self.patch_here(exit);
        breaks.into_iter().for_each(|b| self.patch_here(b));
        Ok(())
    }

    fn do_while_loop(&mut self, labels: Vec<Name>, w: &'a DoWhileStatement<'a>) -> CResult<()> {
        let top = self.here();
        self.push_loop(labels);
        self.substatement(&w.body)?;
        let (breaks, continues) = self.pop_loop();
        continues.into_iter().for_each(|c| self.patch_here(c));
        self.expression(&w.test)?;
        self.emit(Op::JumpIfTrue(top));
        breaks.into_iter().for_each(|b| self.patch_here(b));
        Ok(())
    }

    /// 14.7.4.2 ForLoopEvaluation and 14.7.4.3 ForBodyEvaluation.
    fn for_loop(&mut self, labels: Vec<Name>, f: &'a ForStatement<'a>) -> CResult<()> {
        let mut scope = None;
        let mut per_iteration: Vec<Name> = Vec::new();
        match &f.init {
            Some(ForStatementInit::VariableDeclaration(d)) if d.kind != VariableDeclarationKind::Var => {
                let names = declaration_names(d)?;
                let is_const = d.kind == VariableDeclarationKind::Const;
                let idx = self.names_scope(&names, is_const);
                scope = Some(idx);
                self.enter_scope(scope);
                self.variable_declaration(d)?;
                if !is_const {
                    per_iteration = names;
                }
            }
            Some(ForStatementInit::VariableDeclaration(d)) => self.variable_declaration(d)?,
            Some(init) => {
                let Some(e) = init.as_expression() else { return unsupported("for-loop initializer") };
                self.expression(e)?;
                self.emit(Op::Pop);
            }
            None => {}
        }
        let per_iteration: Rc<[Name]> = per_iteration.into();
        if !per_iteration.is_empty() {
            self.emit(Op::CreatePerIterationEnvironment(per_iteration.clone()));
        }
        let top = self.here();
        let exit = match &f.test {
            Some(t) => {
                self.expression(t)?;
                Some(self.emit(Op::JumpIfFalse(0)))
            }
            None => None,
        };
        self.push_loop(labels);
        self.substatement(&f.body)?;
        let (breaks, continues) = self.pop_loop();
        continues.into_iter().for_each(|c| self.patch_here(c));
        if !per_iteration.is_empty() {
            self.emit(Op::CreatePerIterationEnvironment(per_iteration));
        }
        if let Some(u) = &f.update {
            self.expression(u)?;
            self.emit(Op::Pop);
        }
        self.emit(Op::Jump(top));
        if let Some(e) = exit {
            self.patch_here(e);
        }
        breaks.into_iter().for_each(|b| self.patch_here(b));
        self.exit_scope(scope);
        Ok(())
    }

    /// 14.7.5.5 ForIn/OfHeadEvaluation and 14.7.5.7 ForIn/OfBodyEvaluation.
    fn for_in_of(
        &mut self,
        labels: Vec<Name>,
        left: &'a ForStatementLeft<'a>,
        right: &'a Expression<'a>,
        body: &'a Statement<'a>,
        iteration: Iteration,
    ) -> CResult<()> {
        let is_in = iteration == Iteration::In;
        let is_async = iteration == Iteration::AwaitOf;
        // The bindings declared by the head, and whether they are lexical (Some(is_const)).
        let declared = match left {
            ForStatementLeft::VariableDeclaration(d) => {
                if d.declarations.len() != 1 || d.declarations[0].init.is_some() {
                    return unsupported("for-in/of head with initializer");
                }
                let names = declaration_names(d)?;
                match d.kind {
                    VariableDeclarationKind::Var => Some((names, None, &d.declarations[0].id)),
                    VariableDeclarationKind::Let => Some((names, Some(false), &d.declarations[0].id)),
                    VariableDeclarationKind::Const => Some((names, Some(true), &d.declarations[0].id)),
                    _ => return unsupported("using declaration"),
                }
            }
            _ => None,
        };
        match &declared {
            Some((names, Some(is_const), _)) => {
                // TDZ for the head's bindings while the right-hand side is evaluated.
                let tdz = self.names_scope(names, *is_const);
                self.enter_scope(Some(tdz));
                self.expression(right)?;
                self.exit_scope(Some(tdz));
            }
            _ => self.expression(right)?,
        }
        self.emit(match iteration {
            Iteration::In => Op::ForInStart,
            Iteration::Of => Op::ForOfStart,
            Iteration::AwaitOf => Op::AsyncIterStart,
        });
        self.controls.push(if is_in { Control::StackValue } else { Control::Iterator { is_async } });
        let top = self.here();
        self.push_loop(labels);
        // for-of closes its iterator when binding or the body throws (14.7.5.7 steps h-k); the
        // handler is installed while only the iterator is on the stack. An abrupt step (`next`
        // throwing, for `for await` also its result rejecting) marks the iterator done, so the
        // handler does not close it.
        let close_on_throw = (!is_in).then(|| {
            self.controls.push(Control::Handler);
            self.emit(Op::PushHandler(0))
        });
        let next = if is_async {
            // 14.7.5.7 steps 6.a-d: call `next`, await its result, then look at it.
            self.emit(Op::AsyncIterNext);
            self.emit(Op::Await);
            self.emit(Op::AfterAwait);
            self.emit(Op::AsyncIterResult(0))
        } else {
            self.emit(Op::IterNext(0))
        };
        let mut scope = None;
        match (&declared, left) {
            (Some((names, Some(is_const), pattern)), _) => {
                let idx = self.names_scope(names, *is_const);
                scope = Some(idx);
                self.enter_scope(scope);
                self.bind_pattern(pattern, BindMode::Initialize)?;
            }
            (Some((_, None, pattern)), _) => self.bind_pattern(pattern, BindMode::Assign)?,
            (None, target) => {
                let Some(t) = target.as_assignment_target() else { return unsupported("for-in/of target") };
                self.assign_to_target_value_on_top(t)?;
            }
        }
        self.substatement(body)?;
        self.exit_scope(scope);
        if close_on_throw.is_some() {
            self.controls.pop();
            self.emit(Op::PopHandler);
        }
        let (breaks, continues) = self.pop_loop();
        continues.into_iter().for_each(|c| self.patch_here(c));
        self.emit(Op::Jump(top));
        let mut ends = Vec::new();
        if let Some(handler) = close_on_throw {
            // Exhausted: IterNext popped the iterator; the handler is still installed.
            self.patch_here(next);
            self.emit(Op::PopHandler);
            ends.push(self.emit(Op::Jump(0)));
            self.patch_here(handler);
            self.close_and_rethrow(is_async);
        }
        breaks.into_iter().for_each(|b| self.patch_here(b));
        if is_async {
            self.async_iterator_close();
        } else if !is_in {
            self.emit(Op::IteratorClose);
        }
        self.emit(Op::Pop);
        if is_in {
            self.patch_here(next);
        }
        ends.into_iter().for_each(|e| self.patch_here(e));
        self.controls.pop();
        Ok(())
    }

    /// An exception handler's code for a throw completion leaving an iterator's user (stack:
    /// iterator, exception): close the iterator, dropping whatever goes wrong there, and throw the
    /// exception again. For `for await` (7.4.13 AsyncIteratorClose), `return` is still called and
    /// its result awaited.
    fn close_and_rethrow(&mut self, is_async: bool) {
        self.emit(Op::Swap);
        if is_async {
            let skip = self.emit(Op::AsyncIterReturn { skip: 0, quietly: true });
            self.emit(Op::AwaitQuietly);
            self.emit(Op::AfterAwaitQuietly);
            self.emit(Op::Pop);
            self.patch_here(skip);
        } else {
            self.emit(Op::IteratorCloseQuietly);
        }
        self.emit(Op::Pop);
        self.emit(Op::Throw);
    }

    /// 7.4.13 AsyncIteratorClose for a normal completion of the `for await` iterator on top (kept):
    /// call `return`, await its result, which must be an object.
    fn async_iterator_close(&mut self) {
        let skip = self.emit(Op::AsyncIterReturn { skip: 0, quietly: false });
        self.emit(Op::Await);
        self.emit(Op::AfterAwait);
        self.emit(Op::AsyncIterReturned);
        self.patch_here(skip);
    }

    /// 14.12.4 CaseBlockEvaluation: all clauses share one block scope.
    fn switch(&mut self, labels: Vec<Name>, sw: &'a SwitchStatement<'a>) -> CResult<()> {
        self.expression(&sw.discriminant)?;
        let scope = self.block_scope(sw.cases.iter().flat_map(|c| c.consequent.iter()))?;
        self.enter_scope(scope);
        let mut tests = Vec::new();
        for case in &sw.cases {
            if let Some(t) = &case.test {
                self.emit(Op::Dup);
                self.expression(t)?;
                self.emit(Op::Binary(BinaryOperator::StrictEquality));
                tests.push(Some(self.emit(Op::JumpIfTrue(0))));
            } else {
                tests.push(None);
            }
        }
        self.emit(Op::Pop);
        let no_match = self.emit(Op::Jump(0));
        let mut entries = Vec::new();
        for t in &tests {
            match t {
                Some(t) => {
                    self.patch_here(*t);
                    self.emit(Op::Pop);
                    entries.push(Some(self.emit(Op::Jump(0))));
                }
                None => entries.push(None),
            }
        }
        self.controls.push(Control::Jumps {
            labels,
            is_loop: false,
            is_switch: true,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        let mut has_default = false;
        for (case, entry) in sw.cases.iter().zip(entries) {
            match entry {
                Some(e) => self.patch_here(e),
                None => {
                    has_default = true;
                    self.patch_here(no_match);
                }
            }
            self.statements(&case.consequent)?;
        }
        if !has_default {
            self.patch_here(no_match);
        }
        let Some(Control::Jumps { breaks, .. }) = self.controls.pop() else { unreachable!() };
        breaks.into_iter().for_each(|b| self.patch_here(b));
        self.exit_scope(scope);
        Ok(())
    }

    /// 14.15.3 TryStatement: Evaluation.
    fn try_statement(&mut self, t: &'a TryStatement<'a>) -> CResult<()> {
        if let Some(f) = &t.finalizer {
            self.controls.push(Control::Finally(f));
        }
        let handler = self.emit(Op::PushHandler(0));
        self.controls.push(Control::Handler);
        self.block(&t.block.body)?;
        self.controls.pop();
        self.emit(Op::PopHandler);
        let mut to_finally = vec![self.emit(Op::Jump(0))];
        self.patch_here(handler);
        if self.track_completion && t.handler.is_some() {
            // 14.15.3: a caught throw completes with the catch block's value, not the try block's.
            self.emit(Op::ClearCompletion);
        }
        if let Some(h) = &t.handler {
            let rethrow = t.finalizer.as_ref().map(|_| {
                self.controls.push(Control::Handler);
                self.emit(Op::PushHandler(0))
            });
            match &h.param {
                Some(p) => {
                    let mut names = Vec::new();
                    bound_names(&p.pattern, &mut names);
                    let idx = self.names_scope(&names, false);
                    self.enter_scope(Some(idx));
                    if let BindingPattern::BindingIdentifier(_) = p.pattern {
                        // B.3.4: a var (or hoisted function) may redeclare a simple catch parameter.
                        self.lexical_scopes.last_mut().expect("scope entered").clear();
                        self.code.blocks[idx].simple_catch = true;
                    }
                    self.bind_pattern(&p.pattern, BindMode::Initialize)?;
                    self.block(&h.body.body)?;
                    self.exit_scope(Some(idx));
                }
                None => {
                    self.emit(Op::Pop);
                    self.block(&h.body.body)?;
                }
            }
            if let Some(r) = rethrow {
                self.controls.pop();
                self.emit(Op::PopHandler);
                to_finally.push(self.emit(Op::Jump(0)));
                self.patch_here(r);
            } else {
                to_finally.push(self.emit(Op::Jump(0)));
            }
        }
        if let Some(f) = &t.finalizer {
            // Throw completion: run the finally block with the exception saved, then rethrow.
            self.controls.pop();
            self.controls.push(Control::StackValue);
            self.block(&f.body)?;
            self.controls.pop();
            self.emit(Op::Throw);
        }
        to_finally.into_iter().for_each(|j| self.patch_here(j));
        if let Some(f) = &t.finalizer {
            self.block(&f.body)?;
        }
        Ok(())
    }

    // ----- Expressions --------------------------------------------------------------------------

    /// NamedEvaluation (8.4.5) when `e` is an anonymous function definition, Evaluation otherwise.
    fn named_expression(&mut self, e: &'a Expression<'a>, n: &str) -> CResult<()> {
        match e.without_parentheses() {
            Expression::FunctionExpression(f) if f.id.is_none() => {
                let idx = self.child_function(f, name(n), CodeKind::Normal)?;
                self.emit(Op::MakeClosure(idx));
                Ok(())
            }
            Expression::ArrowFunctionExpression(a) => {
                let idx = self.arrow_function(a, name(n))?;
                self.emit(Op::MakeClosure(idx));
                Ok(())
            }
            Expression::ClassExpression(c) if c.id.is_none() => self.class_definition(c, name(n)),
            _ => self.expression(e),
        }
    }

    /// `(x) = function () {}` does not name the function: NamedEvaluation applies only when the
    /// target is a plain identifier.
    fn named_expression_unless_parenthesized(
        &mut self,
        e: &'a Expression<'a>,
        n: &str,
        parenthesized: bool,
    ) -> CResult<()> {
        if parenthesized {
            self.expression(e)
        } else {
            self.named_expression(e, n)
        }
    }

    fn expression(&mut self, e: &'a Expression<'a>) -> CResult<()> {
        match e {
            Expression::BooleanLiteral(b) => {
                self.emit(Op::Bool(b.value));
            }
            Expression::NullLiteral(_) => {
                self.emit(Op::Null);
            }
            Expression::NumericLiteral(n) => {
                self.emit(Op::Number(n.value));
            }
            Expression::StringLiteral(s) => {
                if s.lone_surrogates {
                    return unsupported("lone surrogate in string");
                }
                self.emit(Op::String(name(&s.value)));
            }
            Expression::TemplateLiteral(t) => self.template(t)?,
            Expression::Identifier(id) => {
                let r = self.reference(&id.name)?;
                self.emit(Op::GetName(r));
            }
            Expression::ThisExpression(_) => {
                self.emit(Op::This);
            }
            Expression::NewTarget(_) => {
                self.emit(Op::NewTarget);
            }
            Expression::ParenthesizedExpression(p) => self.expression(&p.expression)?,
            Expression::SequenceExpression(s) => {
                for (i, x) in s.expressions.iter().enumerate() {
                    if i > 0 {
                        self.emit(Op::Pop);
                    }
                    self.expression(x)?;
                }
            }
            Expression::ArrayExpression(a) => {
                self.emit(Op::NewArray(0));
                for el in &a.elements {
                    match el {
                        ArrayExpressionElement::SpreadElement(sp) => {
                            self.expression(&sp.argument)?;
                            self.emit(Op::SpreadIntoArray);
                        }
                        ArrayExpressionElement::Elision(_) => {
                            self.emit(Op::ArrayHole);
                        }
                        other => {
                            let Some(x) = other.as_expression() else { return unsupported("array element") };
                            self.expression(x)?;
                            self.emit(Op::ArrayPush);
                        }
                    }
                }
            }
            Expression::ObjectExpression(o) => self.object_literal(o)?,
            Expression::FunctionExpression(f) => {
                let n = f.id.as_ref().map(|id| name(&id.name)).unwrap_or_else(|| name(""));
                let idx = self.child_function(f, n, CodeKind::Normal)?;
                self.emit(Op::MakeClosure(idx));
            }
            Expression::ArrowFunctionExpression(a) => {
                let idx = self.arrow_function(a, name(""))?;
                self.emit(Op::MakeClosure(idx));
            }
            Expression::StaticMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                self.emit(Op::SuperGet(name(&m.property.name)));
            }
            Expression::ComputedMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                // GetThisBinding comes before the key expression (13.3.7.1).
                self.emit(Op::This);
                self.emit(Op::Pop);
                self.expression(&m.expression)?;
                self.emit(Op::SuperGetElement);
            }
            Expression::StaticMemberExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::GetProperty(name(&m.property.name)));
            }
            Expression::ComputedMemberExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.expression(&m.expression)?;
                self.emit(Op::GetElement);
            }
            Expression::PrivateFieldExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::GetPrivate(private_binding(&m.field)));
            }
            Expression::PrivateInExpression(p) => {
                self.expression(&p.right)?;
                self.emit(Op::PrivateIn(private_binding(&p.left)));
            }
            Expression::CallExpression(c) => self.call(c)?,
            Expression::NewExpression(n) => {
                self.expression(&n.callee)?;
                if self.arguments(&n.arguments)? {
                    self.emit(Op::NewSpread);
                } else {
                    self.emit(Op::New(n.arguments.len()));
                }
            }
            Expression::UnaryExpression(u) => self.unary(u)?,
            Expression::UpdateExpression(u) => self.update(u)?,
            Expression::BinaryExpression(b) => {
                self.expression(&b.left)?;
                self.expression(&b.right)?;
                self.emit(Op::Binary(b.operator));
            }
            Expression::LogicalExpression(l) => {
                self.expression(&l.left)?;
                let j = self.emit(match l.operator {
                    LogicalOperator::And => Op::JumpIfFalseKeep(0),
                    LogicalOperator::Or => Op::JumpIfTrueKeep(0),
                    LogicalOperator::Coalesce => Op::JumpIfNotNullishKeep(0),
                });
                self.expression(&l.right)?;
                self.patch_here(j);
            }
            Expression::ConditionalExpression(c) => {
                self.expression(&c.test)?;
                let else_jump = self.emit(Op::JumpIfFalse(0));
                self.expression(&c.consequent)?;
                let end = self.emit(Op::Jump(0));
                self.patch_here(else_jump);
                self.expression(&c.alternate)?;
                self.patch_here(end);
            }
            Expression::AssignmentExpression(a) => self.assignment(a)?,
            Expression::ChainExpression(c) => self.optional_chain(c)?,
            Expression::ClassExpression(c) => {
                let n = c.id.as_ref().map(|id| name(&id.name)).unwrap_or_else(|| name(""));
                self.class_definition(c, n)?;
            }
            Expression::RegExpLiteral(_) => return unsupported("regular expression"),
            Expression::BigIntLiteral(_) => return unsupported("bigint"),
            Expression::TaggedTemplateExpression(t) => self.tagged_template(t)?,
            Expression::Super(_) => return unsupported("super"),
            Expression::AwaitExpression(a) => {
                self.expression(&a.argument)?;
                self.emit(Op::Await);
                self.emit(Op::AfterAwait);
            }
            Expression::YieldExpression(y) if y.delegate && self.code.is_async => {
                self.check_yield_position(y.span.start)?;
                let Some(a) = &y.argument else { return unsupported("yield* without operand") };
                self.expression(a)?;
                self.async_delegate()?;
            }
            Expression::YieldExpression(y) if y.delegate => {
                self.check_yield_position(y.span.start)?;
                let Some(a) = &y.argument else { return unsupported("yield* without operand") };
                self.expression(a)?;
                self.emit(Op::ForOfStart);
                self.emit(Op::Undefined);
                let step = self.emit(Op::YieldDelegate { done: 0, ret: 0 });
                let (ret, done) = self.delegate_exits()?;
                if let Op::YieldDelegate { done: d, ret: r } = &mut self.code.ops[step] {
                    *d = done;
                    *r = ret;
                }
            }
            Expression::YieldExpression(y) => {
                self.check_yield_position(y.span.start)?;
                match &y.argument {
                    Some(a) => self.expression(a)?,
                    None => {
                        self.emit(Op::Undefined);
                    }
                }
                if self.code.is_async {
                    // 27.6.3.8: an async generator yields the awaited operand.
                    self.emit(Op::Await);
                    self.emit(Op::AfterAwait);
                }
                // 27.5.3.7 Yield; a return() resumes at the out-of-line return path below.
                self.emit(Op::Yield);
                let resumed = self.emit(Op::AfterYield(0));
                let skip = self.emit(Op::Jump(0));
                self.patch_here(resumed);
                if self.code.is_async {
                    // 27.6.3.7 AsyncGeneratorUnwrapYieldResumption: a return request's value is
                    // awaited (a rejection throws at the yield) before the generator returns.
                    self.emit(Op::Await);
                    self.emit(Op::AfterAwait);
                }
                self.return_top()?;
                self.patch_here(skip);
            }

            _ => return unsupported("expression kind"),
        }
        Ok(())
    }

    /// 13.3.9 Optional Chains: any `?.` whose base is null or undefined makes the whole chain
    /// `undefined`.
    fn optional_chain(&mut self, c: &'a ChainExpression<'a>) -> CResult<()> {
        self.chains.push(Vec::new());
        match &c.expression {
            ChainElement::CallExpression(call) => self.call(call)?,
            ChainElement::StaticMemberExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::GetProperty(name(&m.property.name)));
            }
            ChainElement::ComputedMemberExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.expression(&m.expression)?;
                self.emit(Op::GetElement);
            }
            ChainElement::PrivateFieldExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::GetPrivate(private_binding(&m.field)));
            }
            _ => return unsupported("optional chain element"),
        }
        self.close_chain(1);
        Ok(())
    }

    /// Ends the innermost optional chain: each `?.` that short-circuits jumps here, drops what it
    /// left on the stack and leaves `results` undefineds instead.
    fn close_chain(&mut self, results: usize) {
        let exits = self.chains.pop().unwrap_or_default();
        let mut ends = vec![self.emit(Op::Jump(0))];
        for (jump, extra) in exits {
            self.patch_here(jump);
            for _ in 0..=extra {
                self.emit(Op::Pop);
            }
            for _ in 0..results {
                self.emit(Op::Undefined);
            }
            ends.push(self.emit(Op::Jump(0)));
        }
        ends.into_iter().for_each(|e| self.patch_here(e));
    }

    /// The callee of `(a?.b)()`: a parenthesized chain still evaluates to a reference (13.3.9.1),
    /// so the call's this is the object its last member was read from. Leaves `callee this`, both
    /// undefined when the chain short-circuits.
    fn chain_callee(&mut self, c: &'a ChainExpression<'a>) -> CResult<()> {
        self.chains.push(Vec::new());
        match &c.expression {
            ChainElement::StaticMemberExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::Dup);
                self.emit(Op::GetProperty(name(&m.property.name)));
            }
            ChainElement::ComputedMemberExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::Dup);
                self.expression(&m.expression)?;
                self.emit(Op::GetElement);
            }
            ChainElement::PrivateFieldExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::Dup);
                self.emit(Op::GetPrivate(private_binding(&m.field)));
            }
            _ => return unsupported("optional chain element"),
        }
        self.emit(Op::Swap);
        self.close_chain(2);
        Ok(())
    }

    /// At a `?.`: leave the chain when the value on top is null or undefined.
    fn optional_check(&mut self, optional: bool, extra: usize) -> CResult<()> {
        if !optional {
            return Ok(());
        }
        let jump = self.emit(Op::JumpIfNullish(0));
        match self.chains.last_mut() {
            Some(chain) => chain.push((jump, extra)),
            None => return unsupported("optional access outside a chain"),
        }
        Ok(())
    }

    /// 13.3.11 Tagged Templates: the tag is called as a call's callee is (its this from a
    /// property reference), with the site's template object and then the substitutions' values.
    fn tagged_template(&mut self, t: &'a TaggedTemplateExpression<'a>) -> CResult<()> {
        self.callee_and_this(t.tag.without_parentheses(), false)?;
        let mut cooked = Vec::with_capacity(t.quasi.quasis.len());
        let mut raw = Vec::with_capacity(t.quasi.quasis.len());
        for q in &t.quasi.quasis {
            if q.lone_surrogates {
                return unsupported("lone surrogate in template");
            }
            cooked.push(q.value.cooked.as_deref().map(name));
            // 13.2.8.3 TRV: a line terminator sequence in the source is a line feed.
            raw.push(name(&q.value.raw.replace("\r\n", "\n").replace('\r', "\n")));
        }
        let site = Rc::clone(
            self.sites
                .borrow_mut()
                .entry(t.quasi.span.start)
                .or_insert_with(|| Rc::new(crate::template::TemplateSite { cooked, raw })),
        );
        self.emit(Op::TemplateObject(site));
        for e in &t.quasi.expressions {
            self.expression(e)?;
        }
        self.emit(Op::Call(1 + t.quasi.expressions.len()));
        Ok(())
    }

    fn template(&mut self, t: &'a TemplateLiteral<'a>) -> CResult<()> {
        let quasi = |q: &TemplateElement<'_>| -> CResult<Name> {
            if q.lone_surrogates {
                return unsupported("lone surrogate in template");
            }
            match &q.value.cooked {
                Some(c) => Ok(name(c)),
                None => unsupported("invalid escape in template"),
            }
        };
        self.emit(Op::String(quasi(&t.quasis[0])?));
        for (i, e) in t.expressions.iter().enumerate() {
            self.expression(e)?;
            self.emit(Op::ToString);
            self.emit(Op::Binary(BinaryOperator::Addition));
            self.emit(Op::String(quasi(&t.quasis[i + 1])?));
            self.emit(Op::Binary(BinaryOperator::Addition));
        }
        Ok(())
    }

    /// Pushes the arguments; with a spread among them, pushes one array of all of them instead and
    /// returns true (ArgumentListEvaluation, 13.3.8.1).
    fn arguments(&mut self, args: &'a [Argument<'a>]) -> CResult<bool> {
        let spread = args.iter().any(|a| matches!(a, Argument::SpreadElement(_)));
        if spread {
            self.emit(Op::NewArray(0));
        }
        for a in args {
            match a {
                Argument::SpreadElement(sp) => {
                    self.expression(&sp.argument)?;
                    self.emit(Op::SpreadIntoArray);
                }
                other => {
                    let Some(x) = other.as_expression() else { return unsupported("argument") };
                    self.expression(x)?;
                    if spread {
                        self.emit(Op::ArrayPush);
                    }
                }
            }
        }
        Ok(spread)
    }

    /// 13.3.6.1 Function Calls: the `this` value comes from a property reference.
    fn call(&mut self, c: &'a CallExpression<'a>) -> CResult<()> {
        match c.callee.without_parentheses() {
            Expression::Super(_) => {
                // 13.3.7.1 SuperCall.
                self.emit(Op::SuperConstructor);
                if self.arguments(&c.arguments)? {
                    self.emit(Op::SuperCallSpread);
                } else {
                    self.emit(Op::SuperCall(c.arguments.len()));
                }
                return Ok(());
            }
            Expression::Identifier(id) if id.name == "eval" && !c.optional => {
                // 13.3.6.1 step 6: a direct eval, decided at run time by the callee's identity.
                if self.in_parameters {
                    // 10.2.11 step 20: parameters then need an environment of their own.
                    self.code.eval_in_parameters = true;
                }
                if self.code.kind != CodeKind::Script {
                    self.code.uses_arguments = true;
                }
                let r = self.reference(&id.name)?;
                self.emit(Op::GetNameAndThis(r));
                if c.arguments.iter().any(|a| matches!(a, Argument::SpreadElement(_))) {
                    return unsupported("direct eval with spread arguments");
                }
                self.arguments(&c.arguments)?;
                self.emit(Op::CallEval(c.arguments.len()));
                return Ok(());
            }
            callee => self.callee_and_this(callee, c.optional)?,
        }
        if self.arguments(&c.arguments)? {
            self.emit(Op::CallSpread);
        } else {
            self.emit(Op::Call(c.arguments.len()));
        }
        Ok(())
    }

    /// Pushes `function this` for a call of `callee` (13.3.6.1 EvaluateCall): the this value is
    /// the base of a property reference, the object of a `with` binding, or undefined; `optional`
    /// for `callee?.()`, whose chain ends when the function is null or undefined.
    fn callee_and_this(&mut self, callee: &'a Expression<'a>, optional: bool) -> CResult<()> {
        match callee {
            Expression::StaticMemberExpression(m) if !matches!(m.object, Expression::Super(_)) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::Dup);
                self.emit(Op::GetProperty(name(&m.property.name)));
                self.optional_check(optional, 1)?;
                self.emit(Op::Swap);
            }
            Expression::ComputedMemberExpression(m) if !matches!(m.object, Expression::Super(_)) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::Dup);
                self.expression(&m.expression)?;
                self.emit(Op::GetElement);
                self.optional_check(optional, 1)?;
                self.emit(Op::Swap);
            }
            Expression::StaticMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                self.emit(Op::SuperGet(name(&m.property.name)));
                self.optional_check(optional, 0)?;
                self.emit(Op::This);
            }
            Expression::ComputedMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                // GetThisBinding comes before the key expression (13.3.7.1).
                self.emit(Op::This);
                self.emit(Op::Pop);
                self.expression(&m.expression)?;
                self.emit(Op::SuperGetElement);
                self.optional_check(optional, 0)?;
                self.emit(Op::This);
            }
            Expression::PrivateFieldExpression(m) => {
                self.expression(&m.object)?;
                self.optional_check(m.optional, 0)?;
                self.emit(Op::Dup);
                self.emit(Op::GetPrivate(private_binding(&m.field)));
                self.optional_check(optional, 1)?;
                self.emit(Op::Swap);
            }
            Expression::Identifier(id) => {
                // 13.3.6.1 step: the this value of a call through a `with` binding is its object.
                let r = self.reference(&id.name)?;
                self.emit(Op::GetNameAndThis(r));
                if optional {
                    self.emit(Op::Swap);
                    self.optional_check(true, 1)?;
                    self.emit(Op::Swap);
                }
            }
            Expression::ChainExpression(chain) if !matches!(chain.expression, ChainElement::CallExpression(_)) => {
                if optional {
                    return unsupported("an optional call of a parenthesized optional chain");
                }
                self.chain_callee(chain)?;
            }
            callee => {
                self.expression(callee)?;
                self.optional_check(optional, 0)?;
                self.emit(Op::Undefined);
            }
        }
        Ok(())
    }

    fn unary(&mut self, u: &'a UnaryExpression<'a>) -> CResult<()> {
        match u.operator {
            UnaryOperator::Typeof => {
                if let Expression::Identifier(id) = u.argument.without_parentheses() {
                    let r = self.reference(&id.name)?;
                    self.emit(Op::TypeofName(r));
                } else {
                    self.expression(&u.argument)?;
                    self.emit(Op::Typeof);
                }
            }
            UnaryOperator::Delete => match u.argument.without_parentheses() {
                Expression::Identifier(id) => {
                    let r = self.reference(&id.name)?;
                    self.emit(Op::DeleteName(r));
                }
                Expression::StaticMemberExpression(m) if !m.optional => {
                    self.expression(&m.object)?;
                    self.emit(Op::DeleteProperty(name(&m.property.name)));
                }
                Expression::ComputedMemberExpression(m) if !m.optional => {
                    self.expression(&m.object)?;
                    self.expression(&m.expression)?;
                    self.emit(Op::DeleteElement);
                }
                Expression::ChainExpression(_) => return unsupported("optional chaining"),
                other => {
                    self.expression(other)?;
                    self.emit(Op::Pop);
                    self.emit(Op::Bool(true));
                }
            },
            UnaryOperator::Void => {
                self.expression(&u.argument)?;
                self.emit(Op::Pop);
                self.emit(Op::Undefined);
            }
            op => {
                self.expression(&u.argument)?;
                self.emit(match op {
                    UnaryOperator::LogicalNot => Op::Not,
                    UnaryOperator::UnaryNegation => Op::Negate,
                    UnaryOperator::UnaryPlus => Op::Plus,
                    UnaryOperator::BitwiseNot => Op::BitNot,
                    _ => unreachable!(),
                });
            }
        }
        Ok(())
    }

    /// 13.4 Update Expressions.
    fn update(&mut self, u: &'a UpdateExpression<'a>) -> CResult<()> {
        let step = if u.operator == UpdateOperator::Increment { Op::Increment } else { Op::Decrement };
        match &u.argument {
            SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => {
                let r = self.reference(&id.name)?;
                let (get, set) = if self.in_with {
                    self.emit(Op::ResolveReference(r.clone()));
                    (Op::GetReferenceValue(r.clone()), Op::SetResolvedName(r))
                } else {
                    (Op::GetName(r.clone()), Op::SetName(r))
                };
                self.emit(get);
                self.emit(Op::ToNumeric);
                if u.prefix {
                    self.emit(step);
                    self.emit(set);
                } else {
                    self.emit(Op::Dup);
                    self.emit(step);
                    self.emit(set);
                    self.emit(Op::Pop);
                }
            }
            SimpleAssignmentTarget::StaticMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                return unsupported("update of a super property");
            }
            SimpleAssignmentTarget::PrivateFieldExpression(m) => {
                let n = private_binding(&m.field);
                self.expression(&m.object)?;
                self.emit(Op::Dup);
                self.emit(Op::GetPrivate(n.clone()));
                self.emit(Op::ToNumeric);
                if u.prefix {
                    self.emit(step);
                    self.emit(Op::SetPrivate(n));
                } else {
                    self.emit(Op::Dup);
                    self.emit(Op::RotRight3);
                    self.emit(step);
                    self.emit(Op::SetPrivate(n));
                    self.emit(Op::Pop);
                }
            }
            SimpleAssignmentTarget::StaticMemberExpression(m) if !m.optional => {
                let p = name(&m.property.name);
                self.expression(&m.object)?;
                self.emit(Op::Dup);
                self.emit(Op::GetProperty(p.clone()));
                self.emit(Op::ToNumeric);
                if u.prefix {
                    self.emit(step);
                    self.emit(Op::SetProperty(p));
                } else {
                    self.emit(Op::Dup);
                    self.emit(Op::RotRight3);
                    self.emit(step);
                    self.emit(Op::SetProperty(p));
                    self.emit(Op::Pop);
                }
            }
            SimpleAssignmentTarget::ComputedMemberExpression(m) if !m.optional => {
                self.expression(&m.object)?;
                self.expression(&m.expression)?;
                self.emit(Op::ToPropertyKey);
                self.emit(Op::Dup2);
                self.emit(Op::GetElement);
                self.emit(Op::ToNumeric);
                if u.prefix {
                    self.emit(step);
                    self.emit(Op::SetElement);
                } else {
                    self.emit(Op::Dup);
                    self.emit(Op::RotRight4);
                    self.emit(step);
                    self.emit(Op::SetElement);
                    self.emit(Op::Pop);
                }
            }
            _ => return unsupported("update target"),
        }
        Ok(())
    }

    /// Simple, compound or logical assignment through `get`/`set` ops that take one base value
    /// (already on the stack): `obj.p` and `obj.#p`.
    fn single_base_assignment(
        &mut self,
        get: Op,
        set: Op,
        logical: Option<Op>,
        binary: Option<BinaryOperator>,
        right: &'a Expression<'a>,
    ) -> CResult<()> {
        if let Some(jump) = logical {
            self.emit(Op::Dup);
            self.emit(get);
            let j = self.emit(jump);
            self.expression(right)?;
            self.emit(set);
            let end = self.emit(Op::Jump(0));
            self.patch_here(j);
            self.emit(Op::Swap);
            self.emit(Op::Pop);
            self.patch_here(end);
        } else if let Some(op) = binary {
            self.emit(Op::Dup);
            self.emit(get);
            self.expression(right)?;
            self.emit(Op::Binary(op));
            self.emit(set);
        } else {
            self.expression(right)?;
            self.emit(set);
        }
        Ok(())
    }

    /// 13.15.2 Assignment Operators: Evaluation (simple, compound and logical).
    fn assignment(&mut self, a: &'a AssignmentExpression<'a>) -> CResult<()> {
        let logical = match a.operator {
            AssignmentOperator::LogicalAnd => Some(Op::JumpIfFalseKeep(0)),
            AssignmentOperator::LogicalOr => Some(Op::JumpIfTrueKeep(0)),
            AssignmentOperator::LogicalNullish => Some(Op::JumpIfNotNullishKeep(0)),
            _ => None,
        };
        let binary = compound_operator(a.operator);
        match &a.left {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let r = self.reference(&id.name)?;
                let parenthesized = a.span.start != id.span.start;
                let early = self.in_with || self.code.strict;
                if let Some(jump) = logical {
                    if self.in_with {
                        self.emit(Op::ResolveReference(r.clone()));
                        self.emit(Op::GetReferenceValue(r.clone()));
                        let j = self.emit(jump);
                        self.named_expression_unless_parenthesized(&a.right, &id.name, parenthesized)?;
                        self.emit(Op::SetResolvedName(r));
                        let end = self.emit(Op::Jump(0));
                        self.patch_here(j);
                        self.emit(Op::DropReference);
                        self.patch_here(end);
                    } else {
                        self.emit(Op::GetName(r.clone()));
                        let j = self.emit(jump);
                        self.named_expression_unless_parenthesized(&a.right, &id.name, parenthesized)?;
                        self.emit(Op::SetName(r));
                        self.patch_here(j);
                    }
                } else if let Some(op) = binary {
                    if self.in_with {
                        self.emit(Op::ResolveReference(r.clone()));
                        self.emit(Op::GetReferenceValue(r.clone()));
                        self.expression(&a.right)?;
                        self.emit(Op::Binary(op));
                        self.emit(Op::SetResolvedName(r));
                    } else {
                        self.emit(Op::GetName(r.clone()));
                        self.expression(&a.right)?;
                        self.emit(Op::Binary(op));
                        self.emit(Op::SetName(r));
                    }
                } else if early {
                    self.emit(Op::ResolveReference(r.clone()));
                    self.named_expression_unless_parenthesized(&a.right, &id.name, parenthesized)?;
                    self.emit(Op::SetResolvedName(r));
                } else {
                    self.named_expression_unless_parenthesized(&a.right, &id.name, parenthesized)?;
                    self.emit(Op::SetName(r));
                }
            }
            AssignmentTarget::StaticMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                if logical.is_some() {
                    return unsupported("logical assignment to super property");
                }
                let p = name(&m.property.name);
                self.emit(Op::SuperBase);
                if let Some(op) = binary {
                    self.emit(Op::Dup);
                    self.emit(Op::SuperGetFrom(p.clone()));
                    self.expression(&a.right)?;
                    self.emit(Op::Binary(op));
                } else {
                    self.expression(&a.right)?;
                }
                self.emit(Op::SuperSet(p));
            }
            AssignmentTarget::ComputedMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                if logical.is_some() || binary.is_some() {
                    return unsupported("compound assignment to computed super property");
                }
                // `this` is checked before the key expression runs, the base read after it.
                self.emit(Op::This);
                self.emit(Op::Pop);
                self.expression(&m.expression)?;
                self.emit(Op::SuperBase);
                self.expression(&a.right)?;
                self.emit(Op::SuperSetElement);
            }
            AssignmentTarget::PrivateFieldExpression(m) => {
                let n = private_binding(&m.field);
                self.expression(&m.object)?;
                self.single_base_assignment(Op::GetPrivate(n.clone()), Op::SetPrivate(n), logical, binary, &a.right)?;
            }
            AssignmentTarget::StaticMemberExpression(m) if !m.optional => {
                let p = name(&m.property.name);
                self.expression(&m.object)?;
                self.single_base_assignment(Op::GetProperty(p.clone()), Op::SetProperty(p), logical, binary, &a.right)?;
            }
            AssignmentTarget::ComputedMemberExpression(m) if !m.optional => {
                self.expression(&m.object)?;
                self.expression(&m.expression)?;
                if let Some(jump) = logical {
                    self.emit(Op::ToPropertyKey);
                    self.emit(Op::Dup2);
                    self.emit(Op::GetElement);
                    let j = self.emit(jump);
                    self.expression(&a.right)?;
                    self.emit(Op::SetElement);
                    let end = self.emit(Op::Jump(0));
                    self.patch_here(j);
                    self.emit(Op::RotRight3);
                    self.emit(Op::Pop);
                    self.emit(Op::Pop);
                    self.patch_here(end);
                } else if let Some(op) = binary {
                    self.emit(Op::ToPropertyKey);
                    self.emit(Op::Dup2);
                    self.emit(Op::GetElement);
                    self.expression(&a.right)?;
                    self.emit(Op::Binary(op));
                    self.emit(Op::SetElement);
                } else {
                    self.expression(&a.right)?;
                    self.emit(Op::SetElement);
                }
            }
            AssignmentTarget::ArrayAssignmentTarget(_) | AssignmentTarget::ObjectAssignmentTarget(_) => {
                if logical.is_some() || binary.is_some() {
                    return unsupported("compound destructuring assignment");
                }
                // 13.15.5 DestructuringAssignmentEvaluation; the expression's value is the right side.
                self.expression(&a.right)?;
                self.emit(Op::Dup);
                self.assign_to_target_value_on_top(&a.left)?;
            }
            _ => return unsupported("assignment target"),
        }
        Ok(())
    }

    /// 13.2.5 Object Initializer.
    fn object_literal(&mut self, o: &'a ObjectExpression<'a>) -> CResult<()> {
        self.emit(Op::NewObject);
        for p in &o.properties {
            let p = match p {
                ObjectPropertyKind::ObjectProperty(p) => p,
                ObjectPropertyKind::SpreadProperty(sp) => {
                    self.expression(&sp.argument)?;
                    self.emit(Op::CopyDataProperties);
                    continue;
                }
            };
            let key = if p.computed {
                let Some(k) = p.key.as_expression() else { return unsupported("property key") };
                self.expression(k)?;
                self.emit(Op::ToPropertyKey);
                None
            } else {
                Some(static_key(&p.key)?)
            };
            match p.kind {
                PropertyKind::Init => {
                    if p.method {
                        let Expression::FunctionExpression(f) = &p.value else { return unsupported("method") };
                        let n = key.clone().unwrap_or_else(|| name(""));
                        let idx = self.child_function(f, n, CodeKind::Method)?;
                        self.emit(Op::MakeClosure(idx));
                        self.emit(Op::SetHomeObject(if key.is_some() { 1 } else { 2 }));
                    } else if key.as_deref() == Some("__proto__") && !p.shorthand {
                        // The prototype setter form: the value is not named after the key.
                        self.expression(&p.value)?;
                        self.emit(Op::SetLiteralPrototype);
                        continue;
                    } else if let Some(k) = &key {
                        self.named_expression(&p.value, k)?;
                    } else {
                        // NamedEvaluation names a class before its static elements run (15.7.14
                        // step 18), but a computed key is only known once the class is defined.
                        if let Expression::ClassExpression(c) = p.value.without_parentheses() {
                            if c.id.is_none()
                                && c.body
                                    .body
                                    .iter()
                                    .any(|e| e.r#static() || matches!(e, oxc_ast::ast::ClassElement::StaticBlock(_)))
                            {
                                return unsupported("an anonymous class with static elements under a computed key");
                            }
                        }
                        self.expression(&p.value)?;
                    }
                    match key {
                        Some(k) => self.emit(Op::DefineField(k)),
                        None => self.emit(Op::DefineComputedField(
                            p.method || p.value.without_parentheses().is_anonymous_function_definition(),
                        )),
                    };
                }
                PropertyKind::Get | PropertyKind::Set => {
                    let is_get = p.kind == PropertyKind::Get;
                    let Expression::FunctionExpression(f) = &p.value else { return unsupported("accessor") };
                    let prefix = if is_get { "get " } else { "set " };
                    let n = key.as_ref().map(|k| name(&format!("{prefix}{k}"))).unwrap_or_else(|| name(""));
                    let idx = self.child_function(f, n, CodeKind::Method)?;
                    self.emit(Op::MakeClosure(idx));
                    self.emit(Op::SetHomeObject(if key.is_some() { 1 } else { 2 }));
                    match key {
                        Some(k) => self.emit(Op::DefineAccessor(k, is_get)),
                        None => self.emit(Op::DefineComputedAccessor(is_get)),
                    };
                }
            }
        }
        Ok(())
    }
}

fn compound_operator(op: AssignmentOperator) -> Option<BinaryOperator> {
    use AssignmentOperator as A;
    use BinaryOperator as B;
    Some(match op {
        A::Addition => B::Addition,
        A::Subtraction => B::Subtraction,
        A::Multiplication => B::Multiplication,
        A::Division => B::Division,
        A::Remainder => B::Remainder,
        A::Exponential => B::Exponential,
        A::ShiftLeft => B::ShiftLeft,
        A::ShiftRight => B::ShiftRight,
        A::ShiftRightZeroFill => B::ShiftRightZeroFill,
        A::BitwiseOR => B::BitwiseOR,
        A::BitwiseXOR => B::BitwiseXOR,
        A::BitwiseAnd => B::BitwiseAnd,
        _ => return None,
    })
}

/// The property name of a non-computed key (13.2.5.4 PropertyName: Evaluation for literal names).
fn static_key(k: &PropertyKey<'_>) -> CResult<Name> {
    match k {
        PropertyKey::StaticIdentifier(id) => Ok(name(&id.name)),
        PropertyKey::StringLiteral(s) if !s.lone_surrogates => Ok(name(&s.value)),
        PropertyKey::NumericLiteral(n) => Ok(name(&number_to_string(n.value))),
        PropertyKey::PrivateIdentifier(_) => unsupported("private names"),
        _ => unsupported("property key"),
    }
}

fn class_declaration_name(c: &Class<'_>) -> CResult<Name> {
    match &c.id {
        Some(id) => Ok(name(&id.name)),
        None => unsupported("anonymous class declaration"),
    }
}

fn function_name(f: &Function<'_>) -> CResult<Name> {
    match &f.id {
        Some(id) => Ok(name(&id.name)),
        None => Ok(name("default")),
    }
}

fn declaration_names(d: &VariableDeclaration<'_>) -> CResult<Vec<Name>> {
    let mut out = Vec::new();
    for decl in &d.declarations {
        bound_names(&decl.id, &mut out);
    }
    Ok(out)
}

/// VarDeclaredNames of a statement (8.2.6), plus function declarations when `top` (TopLevelVarDeclaredNames).
fn collect_var_names(s: &Statement<'_>, out: &mut Vec<Name>, top: bool) -> CResult<()> {
    match s {
        Statement::VariableDeclaration(d) if d.kind == VariableDeclarationKind::Var => {
            out.extend(declaration_names(d)?);
        }
        Statement::FunctionDeclaration(f) if top => out.push(function_name(f)?),
        Statement::BlockStatement(b) => {
            for s in &b.body {
                collect_var_names(s, out, false)?;
            }
        }
        Statement::IfStatement(i) => {
            collect_var_names(&i.consequent, out, false)?;
            if let Some(a) = &i.alternate {
                collect_var_names(a, out, false)?;
            }
        }
        Statement::WhileStatement(w) => collect_var_names(&w.body, out, false)?,
        Statement::DoWhileStatement(w) => collect_var_names(&w.body, out, false)?,
        Statement::ForStatement(f) => {
            if let Some(ForStatementInit::VariableDeclaration(d)) = &f.init {
                if d.kind == VariableDeclarationKind::Var {
                    out.extend(declaration_names(d)?);
                }
            }
            collect_var_names(&f.body, out, false)?;
        }
        Statement::ForInStatement(f) => {
            if let ForStatementLeft::VariableDeclaration(d) = &f.left {
                if d.kind == VariableDeclarationKind::Var {
                    out.extend(declaration_names(d)?);
                }
            }
            collect_var_names(&f.body, out, false)?;
        }
        Statement::ForOfStatement(f) => {
            if let ForStatementLeft::VariableDeclaration(d) = &f.left {
                if d.kind == VariableDeclarationKind::Var {
                    out.extend(declaration_names(d)?);
                }
            }
            collect_var_names(&f.body, out, false)?;
        }
        Statement::LabeledStatement(l) => collect_var_names(&l.body, out, top)?,
        Statement::SwitchStatement(sw) => {
            for case in &sw.cases {
                for s in &case.consequent {
                    collect_var_names(s, out, false)?;
                }
            }
        }
        Statement::TryStatement(t) => {
            for s in &t.block.body {
                collect_var_names(s, out, false)?;
            }
            if let Some(h) = &t.handler {
                for s in &h.body.body {
                    collect_var_names(s, out, false)?;
                }
            }
            if let Some(f) = &t.finalizer {
                for s in &f.body {
                    collect_var_names(s, out, false)?;
                }
            }
        }
        Statement::WithStatement(w) => collect_var_names(&w.body, out, false)?,
        _ => {}
    }
    Ok(())
}
