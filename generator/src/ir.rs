//! The program IR: a small JavaScript syntax tree shaped for closures.
//!
//! Functions are blocks with their own scope ([`Function`]), every declaration names its
//! [`BindingKind`], reads are [`Expr::Ident`], writes are [`Expr::Assign`] / [`Expr::Update`] on a
//! [`Target`], closures are created by [`Expr::Function`] and [`Stmt::Function`] and called by
//! [`Expr::Call`]; what a program shows goes through [`Stmt::Print`]. Destructuring [`Pattern`]s bind
//! or assign several names at once, with defaults evaluated in between. The tree is plain owned data,
//! so a reducer can edit it in place: remove a statement from any statement list
//! ([`Program::for_each_body_mut`]), replace an expression by a constant
//! ([`Program::for_each_expr_mut`]), or inline a function body. [`Function::captures`] lists the
//! outer bindings a function closes over.
//!
//! The IR says nothing about types or termination: those are the generator's business. Printing goes
//! through [`crate::print`].

use std::collections::BTreeSet;

/// An identifier. Generated programs use a tiny pool of names so that shadowing is frequent.
pub use crate::name::Name;

/// The text of a string literal or template part: borrowed from the generator's fixed strings
/// (no allocation for most literals), owned when built at run time (`eval` code, reducers).
pub type Text = std::borrow::Cow<'static, str>;

/// A whole classic script.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Whether the script starts with a `"use strict"` directive.
    pub strict: bool,
    pub body: Vec<Stmt>,
}

/// What kind of binding a declaration creates (ECMA-262 distinguishes them for hoisting, TDZ and
/// mutability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BindingKind {
    Var,
    Let,
    Const,
    Param,
    /// A function declaration (hoisted with its value; block-scoped in blocks, plus Annex B in sloppy code).
    Function,
    /// The immutable self binding of a named function expression.
    FunctionName,
    Catch,
    /// A class declaration's outer binding, or a class's inner (immutable) name binding.
    Class,
}

/// `var`, `let` or `const`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeclKind {
    Var,
    Let,
    Const,
}

impl DeclKind {
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Var => "var",
            DeclKind::Let => "let",
            DeclKind::Const => "const",
        }
    }

    pub fn binding_kind(self) -> BindingKind {
        match self {
            DeclKind::Var => BindingKind::Var,
            DeclKind::Let => BindingKind::Let,
            DeclKind::Const => BindingKind::Const,
        }
    }
}

/// One `name = init` of a declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Declarator {
    pub name: Name,
    pub init: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// A comment line, used to label what a group of statements exercises.
    Comment(String),
    Decl(DeclKind, Vec<Declarator>),
    /// A function declaration ([`FunctionKind::Declaration`]).
    Function(Function),
    Expr(Expr),
    /// `print(e);`, the observation every generated program is judged by (a statement of its own:
    /// it is the most common one, and needs no callee or argument list).
    Print(Expr),
    Return(Option<Expr>),
    If(Expr, Vec<Stmt>, Option<Vec<Stmt>>),
    Block(Vec<Stmt>),
    /// A `for` loop (the head's expressions are boxed: loops are rare, and this keeps every
    /// statement small).
    For {
        init: Option<ForInit>,
        test: Option<Box<Expr>>,
        update: Option<Box<Expr>>,
        body: Vec<Stmt>,
    },
    ForIn {
        decl: Option<DeclKind>,
        name: Name,
        object: Expr,
        body: Vec<Stmt>,
    },
    ForOf {
        /// `for await`, in async functions: over an async iterable, awaiting each step.
        is_await: bool,
        decl: Option<DeclKind>,
        /// The name or destructuring pattern each element is bound to.
        target: Pattern,
        iterable: Expr,
        body: Vec<Stmt>,
    },
    While(Expr, Vec<Stmt>),
    DoWhile(Vec<Stmt>, Expr),
    Try {
        block: Vec<Stmt>,
        handler: Option<Catch>,
        finalizer: Option<Vec<Stmt>>,
    },
    Throw(Expr),
    Break(Option<Name>),
    Continue(Option<Name>),
    /// `switch`: all its cases share one block scope (a case wanting its own wraps its body in a
    /// [`Stmt::Block`]).
    Switch(Expr, Vec<Case>),
    Labeled(Name, Box<Stmt>),
    /// A class declaration (its name is `Some`).
    Class(Class),
    /// `with (object) { body }` (sloppy code only).
    With(Expr, Vec<Stmt>),
    /// A declaration destructuring its initialiser: `let { a, b: [c = 1] } = init;`.
    Destructure(DeclKind, Pattern, Expr),
}

/// A destructuring pattern (ES2015): in declarations, parameters, `for` and `for-of` heads, catch
/// parameters, and as the target of an assignment.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    Name(Name),
    /// `{ key: target = default, ... }`
    Object(Vec<PatternPart>),
    /// `[target = default, ...]`
    Array(Vec<PatternPart>),
}

/// One element of a [`Pattern`]: it binds `target` to the property `key` of the value (of an
/// object pattern; array patterns take elements in order and ignore `key`), or to `default` when
/// that is `undefined`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    pub key: Name,
    pub target: Pattern,
    pub default: Option<Expr>,
}

impl PatternPart {
    /// A part binding the name `name` (read from property `key` in an object pattern).
    pub fn name(key: Name, name: Name, default: Option<Expr>) -> PatternPart {
        PatternPart { key, target: Pattern::Name(name), default }
    }
}

impl Pattern {
    /// An object pattern of `parts` if `object`, else an array pattern of them.
    pub fn of(object: bool, parts: Vec<PatternPart>) -> Pattern {
        if object {
            Pattern::Object(parts)
        } else {
            Pattern::Array(parts)
        }
    }

    /// The names the pattern binds, in source order.
    pub fn names(&self) -> Vec<Name> {
        let mut out = Vec::new();
        self.each_name(&mut |n| out.push(n));
        out
    }

    fn each_name(&self, f: &mut dyn FnMut(Name)) {
        match self {
            Pattern::Name(n) => f(*n),
            Pattern::Object(parts) | Pattern::Array(parts) => parts.iter().for_each(|p| p.target.each_name(f)),
        }
    }

    /// The default expressions, in source order.
    fn defaults_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        if let Pattern::Object(parts) | Pattern::Array(parts) = self {
            for p in parts {
                p.target.defaults_mut(f);
                if let Some(d) = &mut p.default {
                    f(d);
                }
            }
        }
    }

    fn defaults(&self, f: &mut dyn FnMut(&Expr)) {
        if let Pattern::Object(parts) | Pattern::Array(parts) = self {
            for p in parts {
                p.target.defaults(f);
                if let Some(d) = &p.default {
                    f(d);
                }
            }
        }
    }
}

/// A class declaration or expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub name: Option<Name>,
    /// The `extends` clause.
    pub extends: Option<Box<Expr>>,
    pub members: Vec<ClassMember>,
}

/// One element of a class body. Keys may be [`PropKey::Private`] (`#name`).
#[derive(Debug, Clone, PartialEq)]
pub enum ClassMember {
    /// A method, getter or setter (the function's kind says which; a [`FunctionKind::Method`] keyed
    /// `constructor` is the constructor).
    Method { is_static: bool, key: PropKey, func: Function },
    /// A field with an optional initialiser.
    Field { is_static: bool, key: PropKey, value: Option<Expr> },
    /// `static { ... }`
    StaticBlock(Vec<Stmt>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ForInit {
    Decl(DeclKind, Vec<Declarator>),
    /// `for (let [i, j] = init; ...)`: a declaration destructuring its initialiser.
    Destructure(DeclKind, Box<Pattern>, Box<Expr>),
    Expr(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catch {
    /// The name or destructuring pattern the thrown value is bound to (`catch { ... }` without).
    pub param: Option<Pattern>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// `None` for `default:`.
    pub test: Option<Expr>,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    Declaration,
    Expression,
    Arrow,
    /// Method shorthand in an object literal (`m(a) { ... }`).
    Method,
    Getter,
    Setter,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: Name,
    pub default: Option<Expr>,
    /// A parameter that destructures its argument binds this pattern (and not `name`).
    pub pattern: Option<Pattern>,
}

impl Param {
    /// A plain parameter `name`, or `name = default`.
    pub fn new(name: Name, default: Option<Expr>) -> Param {
        Param { name, default, pattern: None }
    }

    /// The names the parameter binds.
    pub fn names(&self) -> Vec<Name> {
        match &self.pattern {
            Some(p) => p.names(),
            None => vec![self.name],
        }
    }
}

/// A function of any kind: its own scope for parameters and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub kind: FunctionKind,
    /// Declarations and named function expressions; the key for methods and accessors.
    pub name: Option<Name>,
    pub params: Vec<Param>,
    pub rest: Option<Name>,
    /// Whether the body starts with its own `"use strict"` directive (only legal with simple parameters).
    pub strict: bool,
    /// For arrows whose body is one `Return(Some(e))`: print `=> e` instead of a block.
    pub expression_body: bool,
    /// `function*` (never an arrow, method or accessor here).
    pub is_generator: bool,
    /// `async function` or `async` arrow.
    pub is_async: bool,
    pub body: Vec<Stmt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    Assign,
    Add,
    Sub,
    Mul,
    /// `??=`
    Nullish,
    /// `||=`
    Or,
    /// `&&=`
    And,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
    Typeof,
    Void,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Rem,
    Exp,
    Lt,
    Gt,
    Le,
    Ge,
    StrictEq,
    StrictNe,
    Eq,
    Ne,
    In,
    Instanceof,
    And,
    Or,
    Nullish,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Ident(Name),
    Member(Box<Expr>, Name),
    Index(Box<Expr>, Box<Expr>),
    /// The pattern of a destructuring assignment (`[a, b] = [b, a]`, with `=` only): it assigns
    /// the names it holds, declaring none.
    Pattern(Box<Pattern>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum PropKey {
    Name(Name),
    Computed(Expr),
    /// `#name`, in class bodies only.
    Private(Name),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Prop {
    /// `key: value`
    Init(PropKey, Expr),
    /// A method, getter or setter (the function's kind says which).
    Method(PropKey, Function),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(i64),
    Str(Text),
    Bool(bool),
    Null,
    Undefined,
    /// A read of a binding (or of a global such as `print`).
    Ident(Name),
    This,
    Assign(AssignOp, Target, Box<Expr>),
    Update {
        increment: bool,
        prefix: bool,
        target: Target,
    },
    Unary(UnaryOp, Box<Expr>),
    /// The operands share one allocation: binary expressions are the most common node.
    Binary(BinOp, Box<(Expr, Expr)>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    New(Box<Expr>, Vec<Expr>),
    /// `object.name`; a name starting with `#` is a private name (`object.#name`, inside its class).
    Member(Box<Expr>, Name),
    /// `object?.name`
    OptMember(Box<Expr>, Name),
    Index(Box<Expr>, Box<Expr>),
    Function(Box<Function>),
    Object(Vec<Prop>),
    Array(Vec<Expr>),
    /// A template literal: `quasis.len() == exprs.len() + 1`.
    Template(Vec<Text>, Vec<Expr>),
    /// A tagged template `tag\`...\``: the tag is called with the site's template object (one per
    /// site, shared by every evaluation) and the substitutions.
    TaggedTemplate(Box<Expr>, Vec<Text>, Vec<Expr>),
    Seq(Vec<Expr>),
    /// `super`, as the callee of a call (`super(...)`) or the object of a member access.
    Super,
    /// `new.target` (an arrow's is that of the function around it).
    NewTarget,
    /// `#name` on the left of `in` (a private brand check), without the `#`.
    PrivateName(Name),
    Class(Box<Class>),
    /// `yield` or `yield*`, in a generator body.
    Yield {
        delegate: bool,
        arg: Option<Box<Expr>>,
    },
    /// `await`, in an async function body.
    Await(Box<Expr>),
}

// ----- small constructors, used by the generator and handy for reducers and tests -------------------

pub fn ident(name: &str) -> Expr {
    Expr::Ident(Name::new(name))
}

pub fn num(n: i64) -> Expr {
    Expr::Num(n)
}

pub fn string(s: impl Into<Text>) -> Expr {
    Expr::Str(s.into())
}

pub fn call(callee: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(Box::new(callee), args)
}

pub fn member(object: Expr, name: &str) -> Expr {
    Expr::Member(Box::new(object), Name::new(name))
}

pub fn method_call(object: Expr, name: &str, args: Vec<Expr>) -> Expr {
    call(member(object, name), args)
}

pub fn index(object: Expr, i: Expr) -> Expr {
    Expr::Index(Box::new(object), Box::new(i))
}

pub fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    Expr::Binary(op, Box::new((l, r)))
}

pub fn unary(op: UnaryOp, e: Expr) -> Expr {
    Expr::Unary(op, Box::new(e))
}

pub fn assign(op: AssignOp, target: Target, value: Expr) -> Expr {
    Expr::Assign(op, target, Box::new(value))
}

pub fn assign_name(name: &str, value: Expr) -> Expr {
    assign(AssignOp::Assign, Target::Ident(Name::new(name)), value)
}

pub fn print(e: Expr) -> Stmt {
    Stmt::Print(e)
}

pub fn expr_stmt(e: Expr) -> Stmt {
    Stmt::Expr(e)
}

pub fn ret(e: Expr) -> Stmt {
    Stmt::Return(Some(e))
}

pub fn decl(kind: DeclKind, name: &str, init: Option<Expr>) -> Stmt {
    Stmt::Decl(kind, vec![Declarator { name: Name::new(name), init }])
}

pub fn func_expr(f: Function) -> Expr {
    Expr::Function(Box::new(f))
}

/// Wraps a statement list in `try { ... } catch (e) { print(e.name); }`-style handling; `handler` is the
/// catch body.
pub fn try_catch(block: Vec<Stmt>, param: &str, handler: Vec<Stmt>) -> Stmt {
    let param = Some(Pattern::Name(Name::new(param)));
    Stmt::Try { block, handler: Some(Catch { param, body: handler }), finalizer: None }
}

impl Function {
    /// A function with no parameters and an empty body.
    pub fn new(kind: FunctionKind, name: Option<&str>) -> Self {
        Function {
            kind,
            name: name.map(Name::new),
            params: Vec::new(),
            rest: None,
            strict: false,
            expression_body: false,
            is_generator: false,
            is_async: false,
            body: Vec::new(),
        }
    }

    /// Whether the parameter list is "simple" (no defaults, no rest): only then may the function have
    /// its own `"use strict"` and a mapped `arguments` object.
    pub fn has_simple_params(&self) -> bool {
        self.rest.is_none() && self.params.iter().all(|p| p.default.is_none() && p.pattern.is_none())
    }

    /// The names this function reads or writes that are not declared inside it (its parameters, body
    /// declarations, nested functions' own declarations): the bindings it closes over, plus globals.
    pub fn captures(&self) -> BTreeSet<Name> {
        let mut free = BTreeSet::new();
        let mut env = Vec::new();
        free_in_function(self, &mut env, &mut free);
        free
    }
}

// ----- free-variable analysis ----------------------------------------------------------------------

fn is_bound(env: &[BTreeSet<Name>], name: &str) -> bool {
    env.iter().any(|s| s.contains(name))
}

fn free_in_function(f: &Function, env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    let mut scope = BTreeSet::new();
    if let (FunctionKind::Expression, Some(n)) = (f.kind, &f.name) {
        scope.insert(*n);
    }
    if f.kind != FunctionKind::Arrow {
        scope.insert(Name::new("arguments"));
    }
    for p in &f.params {
        scope.extend(p.names());
    }
    if let Some(r) = &f.rest {
        scope.insert(*r);
    }
    collect_var_names(&f.body, &mut scope);
    collect_lexical_names(&f.body, &mut scope);
    env.push(scope);
    for p in &f.params {
        if let Some(pattern) = &p.pattern {
            pattern.defaults(&mut |d| free_in_expr(d, env, free));
        }
        if let Some(d) = &p.default {
            free_in_expr(d, env, free);
        }
    }
    free_in_stmts(&f.body, env, free);
    env.pop();
}

/// `var` names hoisted to the enclosing function from nested blocks.
fn collect_var_names(stmts: &[Stmt], out: &mut BTreeSet<Name>) {
    collect_hoisted_names(stmts, false, out);
}

/// `var` names of `stmts` and their nested blocks, and with `block_functions` the functions declared
/// there too (which Annex B hoists in sloppy code).
fn collect_hoisted_names(stmts: &[Stmt], block_functions: bool, out: &mut BTreeSet<Name>) {
    let recurse = |stmts: &[Stmt], out: &mut BTreeSet<Name>| collect_hoisted_names(stmts, block_functions, out);
    for s in stmts {
        match s {
            Stmt::Function(f) if block_functions => out.extend(f.name),
            Stmt::Decl(DeclKind::Var, ds) => out.extend(ds.iter().map(|d| d.name)),
            Stmt::Destructure(DeclKind::Var, pattern, _) => out.extend(pattern.names()),
            Stmt::If(_, a, b) => {
                recurse(a, out);
                if let Some(b) = b {
                    recurse(b, out);
                }
            }
            Stmt::Block(b) | Stmt::While(_, b) | Stmt::DoWhile(b, _) | Stmt::With(_, b) => recurse(b, out),
            Stmt::For { init, body, .. } => {
                match init {
                    Some(ForInit::Decl(DeclKind::Var, ds)) => out.extend(ds.iter().map(|d| d.name)),
                    Some(ForInit::Destructure(DeclKind::Var, p, _)) => out.extend(p.names()),
                    _ => {}
                }
                recurse(body, out);
            }
            Stmt::ForIn { decl, name, body, .. } => {
                if *decl == Some(DeclKind::Var) {
                    out.insert(*name);
                }
                recurse(body, out);
            }
            Stmt::ForOf { decl, target, body, .. } => {
                if *decl == Some(DeclKind::Var) {
                    out.extend(target.names());
                }
                recurse(body, out);
            }
            Stmt::Try { block, handler, finalizer } => {
                recurse(block, out);
                if let Some(h) = handler {
                    recurse(&h.body, out);
                }
                if let Some(f) = finalizer {
                    recurse(f, out);
                }
            }
            Stmt::Switch(_, cases) => cases.iter().for_each(|c| recurse(&c.body, out)),
            Stmt::Labeled(_, s) => recurse(std::slice::from_ref(s.as_ref()), out),
            _ => {}
        }
    }
}

/// Names declared directly in this statement list with block scope (and function declarations).
fn collect_lexical_names(stmts: &[Stmt], out: &mut BTreeSet<Name>) {
    for s in stmts {
        match s {
            Stmt::Decl(DeclKind::Let | DeclKind::Const, ds) => out.extend(ds.iter().map(|d| d.name)),
            Stmt::Destructure(DeclKind::Let | DeclKind::Const, pattern, _) => out.extend(pattern.names()),
            Stmt::Function(f) => out.extend(f.name),
            Stmt::Class(c) => out.extend(c.name),
            _ => {}
        }
    }
}

fn free_in_block(stmts: &[Stmt], env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    let mut scope = BTreeSet::new();
    collect_lexical_names(stmts, &mut scope);
    env.push(scope);
    free_in_stmts(stmts, env, free);
    env.pop();
}

fn free_in_stmts(stmts: &[Stmt], env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    for s in stmts {
        free_in_stmt(s, env, free);
    }
}

fn free_in_decls(ds: &[Declarator], env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    for d in ds {
        if let Some(e) = &d.init {
            free_in_expr(e, env, free);
        }
    }
}

fn free_in_stmt(s: &Stmt, env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    match s {
        Stmt::Comment(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
        Stmt::Decl(_, ds) => free_in_decls(ds, env, free),
        Stmt::Destructure(_, pattern, init) => {
            pattern.defaults(&mut |d| free_in_expr(d, env, free));
            free_in_expr(init, env, free);
        }
        Stmt::Function(f) => free_in_function(f, env, free),
        Stmt::Expr(e) | Stmt::Throw(e) => free_in_expr(e, env, free),
        Stmt::Print(e) => {
            let print = Name::new("print");
            if !is_bound(env, &print) {
                free.insert(print);
            }
            free_in_expr(e, env, free);
        }
        Stmt::Return(e) => {
            if let Some(e) = e {
                free_in_expr(e, env, free);
            }
        }
        Stmt::If(c, a, b) => {
            free_in_expr(c, env, free);
            free_in_block(a, env, free);
            if let Some(b) = b {
                free_in_block(b, env, free);
            }
        }
        Stmt::Block(b) => free_in_block(b, env, free),
        Stmt::For { init, test, update, body } => {
            let mut head = BTreeSet::new();
            match init {
                Some(ForInit::Decl(DeclKind::Let | DeclKind::Const, ds)) => head.extend(ds.iter().map(|d| d.name)),
                Some(ForInit::Destructure(DeclKind::Let | DeclKind::Const, p, _)) => head.extend(p.names()),
                _ => {}
            }
            env.push(head);
            match init {
                Some(ForInit::Decl(_, ds)) => free_in_decls(ds, env, free),
                Some(ForInit::Destructure(_, p, e)) => {
                    p.defaults(&mut |d| free_in_expr(d, env, free));
                    free_in_expr(e, env, free);
                }
                Some(ForInit::Expr(e)) => free_in_expr(e, env, free),
                None => {}
            }
            for e in [test, update].into_iter().flatten() {
                free_in_expr(e, env, free);
            }
            free_in_block(body, env, free);
            env.pop();
        }
        Stmt::ForIn { decl, name, object: e, body } => free_in_for(*decl, &Pattern::Name(*name), e, body, env, free),
        Stmt::ForOf { decl, target, iterable: e, body, .. } => free_in_for(*decl, target, e, body, env, free),
        Stmt::While(c, b) | Stmt::DoWhile(b, c) => {
            free_in_expr(c, env, free);
            free_in_block(b, env, free);
        }
        Stmt::Try { block, handler, finalizer } => {
            free_in_block(block, env, free);
            if let Some(h) = handler {
                env.push(h.param.iter().flat_map(Pattern::names).collect());
                if let Some(p) = &h.param {
                    p.defaults(&mut |d| free_in_expr(d, env, free));
                }
                free_in_block(&h.body, env, free);
                env.pop();
            }
            if let Some(f) = finalizer {
                free_in_block(f, env, free);
            }
        }
        Stmt::Switch(d, cases) => {
            free_in_expr(d, env, free);
            // One scope for every case: a closure in one case sees a `let` of another.
            let mut scope = BTreeSet::new();
            cases.iter().for_each(|c| collect_lexical_names(&c.body, &mut scope));
            env.push(scope);
            for c in cases {
                if let Some(t) = &c.test {
                    free_in_expr(t, env, free);
                }
                free_in_stmts(&c.body, env, free);
            }
            env.pop();
        }
        Stmt::Labeled(_, s) => free_in_stmt(s, env, free),
        Stmt::Class(c) => free_in_class(c, env, free),
        Stmt::With(o, b) => {
            free_in_expr(o, env, free);
            free_in_block(b, env, free);
        }
    }
}

/// A `for-in`/`for-of` loop binding `target` (new bindings per iteration with `let`/`const`).
fn free_in_for(
    decl: Option<DeclKind>,
    target: &Pattern,
    e: &Expr,
    body: &[Stmt],
    env: &mut Vec<BTreeSet<Name>>,
    free: &mut BTreeSet<Name>,
) {
    free_in_expr(e, env, free);
    let mut head = BTreeSet::new();
    if matches!(decl, Some(DeclKind::Let | DeclKind::Const)) {
        head.extend(target.names());
    } else {
        free.extend(target.names().into_iter().filter(|n| !is_bound(env, n)));
    }
    env.push(head);
    target.defaults(&mut |d| free_in_expr(d, env, free));
    free_in_block(body, env, free);
    env.pop();
}

fn free_in_class(c: &Class, env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    if let Some(e) = &c.extends {
        free_in_expr(e, env, free);
    }
    env.push(c.name.iter().cloned().collect());
    for m in &c.members {
        match m {
            ClassMember::Method { key, func, .. } => {
                if let PropKey::Computed(k) = key {
                    free_in_expr(k, env, free);
                }
                free_in_function(func, env, free);
            }
            ClassMember::Field { key, value, .. } => {
                if let PropKey::Computed(k) = key {
                    free_in_expr(k, env, free);
                }
                if let Some(v) = value {
                    free_in_expr(v, env, free);
                }
            }
            ClassMember::StaticBlock(b) => {
                let mut scope = BTreeSet::new();
                collect_var_names(b, &mut scope);
                env.push(scope);
                free_in_block(b, env, free);
                env.pop();
            }
        }
    }
    env.pop();
}

fn free_in_target(t: &Target, env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    match t {
        Target::Ident(n) => {
            if !is_bound(env, n) {
                free.insert(*n);
            }
        }
        Target::Member(o, _) => free_in_expr(o, env, free),
        Target::Index(o, i) => {
            free_in_expr(o, env, free);
            free_in_expr(i, env, free);
        }
        Target::Pattern(p) => {
            free.extend(p.names().into_iter().filter(|n| !is_bound(env, n)));
            p.defaults(&mut |d| free_in_expr(d, env, free));
        }
    }
}

fn free_in_expr(e: &Expr, env: &mut Vec<BTreeSet<Name>>, free: &mut BTreeSet<Name>) {
    match e {
        Expr::Num(_)
        | Expr::Str(_)
        | Expr::Bool(_)
        | Expr::Null
        | Expr::Undefined
        | Expr::This
        | Expr::Super
        | Expr::NewTarget
        | Expr::PrivateName(_) => {}
        Expr::Class(c) => free_in_class(c, env, free),
        Expr::Yield { arg, .. } => {
            if let Some(a) = arg {
                free_in_expr(a, env, free);
            }
        }
        Expr::Await(a) => free_in_expr(a, env, free),
        Expr::Ident(n) => {
            if !is_bound(env, n) {
                free.insert(*n);
            }
        }
        Expr::Assign(_, t, v) => {
            free_in_target(t, env, free);
            free_in_expr(v, env, free);
        }
        Expr::Update { target, .. } => free_in_target(target, env, free),
        Expr::Unary(_, a) | Expr::Member(a, _) | Expr::OptMember(a, _) => free_in_expr(a, env, free),
        Expr::Binary(_, operands) => {
            free_in_expr(&operands.0, env, free);
            free_in_expr(&operands.1, env, free);
        }
        Expr::Index(a, b) => {
            free_in_expr(a, env, free);
            free_in_expr(b, env, free);
        }
        Expr::Cond(a, b, c) => {
            for x in [a, b, c] {
                free_in_expr(x, env, free);
            }
        }
        Expr::Call(c, args) | Expr::New(c, args) | Expr::TaggedTemplate(c, _, args) => {
            free_in_expr(c, env, free);
            args.iter().for_each(|a| free_in_expr(a, env, free));
        }
        Expr::Function(f) => free_in_function(f, env, free),
        Expr::Object(props) => {
            for p in props {
                let (key, value) = match p {
                    Prop::Init(k, v) => (k, Some(v)),
                    Prop::Method(k, f) => {
                        free_in_function(f, env, free);
                        (k, None)
                    }
                };
                if let PropKey::Computed(k) = key {
                    free_in_expr(k, env, free);
                }
                if let Some(v) = value {
                    free_in_expr(v, env, free);
                }
            }
        }
        Expr::Array(xs) | Expr::Template(_, xs) | Expr::Seq(xs) => {
            xs.iter().for_each(|x| free_in_expr(x, env, free));
        }
    }
}

// ----- editing --------------------------------------------------------------------------------------

impl Program {
    /// Calls `f` on every statement list of the program (the top level, blocks, loop and function
    /// bodies, catch and case bodies), outermost first. Removing a statement from a list is the basic
    /// reduction step.
    pub fn for_each_body_mut(&mut self, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
        body_mut(&mut self.body, f);
    }

    /// Calls `f` on every expression, outermost first, before descending into it (so `f` may replace
    /// the expression, e.g. by a constant, and the walk continues inside the replacement).
    pub fn for_each_expr_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        let mut noop = |_: &mut Vec<Stmt>| {};
        walk_stmts_mut(&mut self.body, &mut noop, f);
    }

    /// Number of statements, counting nested ones (a function declaration counts as one plus its body).
    pub fn statement_count(&self) -> usize {
        let mut p = self.clone();
        let mut n = 0;
        p.for_each_body_mut(&mut |b| n += b.len());
        n
    }
}

impl Program {
    /// The top-level statements as the producers wrote them: each snippet starts at a
    /// `// [category] ...` comment and runs to the next one (statements before the first comment are
    /// a snippet of their own). Ranges of indices into `body`, in order, covering it.
    pub fn snippets(&self) -> Vec<std::ops::Range<usize>> {
        let starts_snippet = |s: &Stmt| matches!(s, Stmt::Comment(text) if text.starts_with('['));
        let mut starts: Vec<usize> =
            (0..self.body.len()).filter(|&i| i == 0 || starts_snippet(&self.body[i])).collect();
        starts.push(self.body.len());
        starts.windows(2).map(|w| w[0]..w[1]).filter(|r| !r.is_empty()).collect()
    }

    /// The program without the top-level statements `removed`, and without every later top-level
    /// statement that references a name one of the removed statements declared (and so on), so that
    /// what is left does not stop at a ReferenceError the removal made. Returns the program and how
    /// many statements it lost.
    pub fn without_top_level(&self, removed: std::ops::Range<usize>) -> (Program, usize) {
        let mut gone = BTreeSet::new();
        let mut body = Vec::with_capacity(self.body.len());
        let mut lost = 0;
        for (i, s) in self.body.iter().enumerate() {
            let stmt = std::slice::from_ref(s);
            if removed.contains(&i) || free_names(stmt).iter().any(|n| gone.contains(n)) {
                gone.extend(declared_names(stmt));
                lost += 1;
            } else {
                body.push(s.clone());
            }
        }
        (Program { strict: self.strict, body }, lost)
    }
}

/// The names a statement list declares in its scope: `var`s (hoisted out of blocks), `let`,
/// `const`, classes and functions, and, over-approximating Annex B, functions declared in its blocks.
pub fn declared_names(stmts: &[Stmt]) -> BTreeSet<Name> {
    let mut names = BTreeSet::new();
    collect_hoisted_names(stmts, true, &mut names);
    collect_lexical_names(stmts, &mut names);
    names
}

/// The names a statement list reads or writes without declaring them ([`declared_names`]).
pub fn free_names(stmts: &[Stmt]) -> BTreeSet<Name> {
    let mut free = BTreeSet::new();
    let mut env = vec![declared_names(stmts)];
    free_in_stmts(stmts, &mut env, &mut free);
    free
}

fn body_mut(stmts: &mut Vec<Stmt>, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
    let mut noop = |_: &mut Expr| {};
    walk_stmts_mut(stmts, f, &mut noop);
}

fn walk_stmts_mut(stmts: &mut Vec<Stmt>, fb: &mut dyn FnMut(&mut Vec<Stmt>), fe: &mut dyn FnMut(&mut Expr)) {
    fb(stmts);
    for s in stmts.iter_mut() {
        walk_stmt_mut(s, fb, fe);
    }
}

fn walk_function_mut(func: &mut Function, fb: &mut dyn FnMut(&mut Vec<Stmt>), fe: &mut dyn FnMut(&mut Expr)) {
    for p in &mut func.params {
        if let Some(pattern) = &mut p.pattern {
            pattern.defaults_mut(&mut |d| walk_expr_mut(d, fb, fe));
        }
        if let Some(d) = &mut p.default {
            walk_expr_mut(d, fb, fe);
        }
    }
    walk_stmts_mut(&mut func.body, fb, fe);
}

fn walk_stmt_mut(s: &mut Stmt, fb: &mut dyn FnMut(&mut Vec<Stmt>), fe: &mut dyn FnMut(&mut Expr)) {
    match s {
        Stmt::Comment(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
        Stmt::Decl(_, ds) => ds.iter_mut().filter_map(|d| d.init.as_mut()).for_each(|e| walk_expr_mut(e, fb, fe)),
        Stmt::Destructure(_, pattern, init) => {
            pattern.defaults_mut(&mut |d| walk_expr_mut(d, fb, fe));
            walk_expr_mut(init, fb, fe);
        }
        Stmt::Function(func) => walk_function_mut(func, fb, fe),
        Stmt::Expr(e) | Stmt::Print(e) | Stmt::Throw(e) | Stmt::Return(Some(e)) => walk_expr_mut(e, fb, fe),
        Stmt::Return(None) => {}
        Stmt::If(c, a, b) => {
            walk_expr_mut(c, fb, fe);
            walk_stmts_mut(a, fb, fe);
            if let Some(b) = b {
                walk_stmts_mut(b, fb, fe);
            }
        }
        Stmt::Block(b) => walk_stmts_mut(b, fb, fe),
        Stmt::For { init, test, update, body } => {
            match init {
                Some(ForInit::Decl(_, ds)) => {
                    ds.iter_mut().filter_map(|d| d.init.as_mut()).for_each(|e| walk_expr_mut(e, fb, fe))
                }
                Some(ForInit::Destructure(_, p, e)) => {
                    p.defaults_mut(&mut |d| walk_expr_mut(d, fb, fe));
                    walk_expr_mut(e, fb, fe);
                }
                Some(ForInit::Expr(e)) => walk_expr_mut(e, fb, fe),
                None => {}
            }
            if let Some(e) = test {
                walk_expr_mut(e, fb, fe);
            }
            if let Some(e) = update {
                walk_expr_mut(e, fb, fe);
            }
            walk_stmts_mut(body, fb, fe);
        }
        Stmt::ForIn { object: e, body, .. } => {
            walk_expr_mut(e, fb, fe);
            walk_stmts_mut(body, fb, fe);
        }
        Stmt::ForOf { target, iterable: e, body, .. } => {
            walk_expr_mut(e, fb, fe);
            target.defaults_mut(&mut |d| walk_expr_mut(d, fb, fe));
            walk_stmts_mut(body, fb, fe);
        }
        Stmt::While(c, b) | Stmt::DoWhile(b, c) => {
            walk_expr_mut(c, fb, fe);
            walk_stmts_mut(b, fb, fe);
        }
        Stmt::Try { block, handler, finalizer } => {
            walk_stmts_mut(block, fb, fe);
            if let Some(h) = handler {
                if let Some(p) = &mut h.param {
                    p.defaults_mut(&mut |d| walk_expr_mut(d, fb, fe));
                }
                walk_stmts_mut(&mut h.body, fb, fe);
            }
            if let Some(f) = finalizer {
                walk_stmts_mut(f, fb, fe);
            }
        }
        Stmt::Switch(d, cases) => {
            walk_expr_mut(d, fb, fe);
            for c in cases {
                if let Some(t) = &mut c.test {
                    walk_expr_mut(t, fb, fe);
                }
                walk_stmts_mut(&mut c.body, fb, fe);
            }
        }
        Stmt::Labeled(_, s) => walk_stmt_mut(s, fb, fe),
        Stmt::Class(c) => walk_class_mut(c, fb, fe),
        Stmt::With(o, b) => {
            walk_expr_mut(o, fb, fe);
            walk_stmts_mut(b, fb, fe);
        }
    }
}

fn walk_class_mut(c: &mut Class, fb: &mut dyn FnMut(&mut Vec<Stmt>), fe: &mut dyn FnMut(&mut Expr)) {
    if let Some(e) = &mut c.extends {
        walk_expr_mut(e, fb, fe);
    }
    for m in &mut c.members {
        match m {
            ClassMember::Method { key, func, .. } => {
                if let PropKey::Computed(k) = key {
                    walk_expr_mut(k, fb, fe);
                }
                walk_function_mut(func, fb, fe);
            }
            ClassMember::Field { key, value, .. } => {
                if let PropKey::Computed(k) = key {
                    walk_expr_mut(k, fb, fe);
                }
                if let Some(v) = value {
                    walk_expr_mut(v, fb, fe);
                }
            }
            ClassMember::StaticBlock(b) => walk_stmts_mut(b, fb, fe),
        }
    }
}

fn walk_target_mut(t: &mut Target, fb: &mut dyn FnMut(&mut Vec<Stmt>), fe: &mut dyn FnMut(&mut Expr)) {
    match t {
        Target::Ident(_) => {}
        Target::Pattern(p) => p.defaults_mut(&mut |d| walk_expr_mut(d, fb, fe)),
        Target::Member(o, _) => walk_expr_mut(o, fb, fe),
        Target::Index(o, i) => {
            walk_expr_mut(o, fb, fe);
            walk_expr_mut(i, fb, fe);
        }
    }
}

fn walk_expr_mut(e: &mut Expr, fb: &mut dyn FnMut(&mut Vec<Stmt>), fe: &mut dyn FnMut(&mut Expr)) {
    fe(e);
    match e {
        Expr::Num(_)
        | Expr::Str(_)
        | Expr::Bool(_)
        | Expr::Null
        | Expr::Undefined
        | Expr::Ident(_)
        | Expr::This
        | Expr::Super
        | Expr::NewTarget
        | Expr::PrivateName(_) => {}
        Expr::Class(c) => walk_class_mut(c, fb, fe),
        Expr::Yield { arg, .. } => {
            if let Some(a) = arg {
                walk_expr_mut(a, fb, fe);
            }
        }
        Expr::Await(a) => walk_expr_mut(a, fb, fe),
        Expr::Assign(_, t, v) => {
            walk_target_mut(t, fb, fe);
            walk_expr_mut(v, fb, fe);
        }
        Expr::Update { target, .. } => walk_target_mut(target, fb, fe),
        Expr::Unary(_, a) | Expr::Member(a, _) | Expr::OptMember(a, _) => walk_expr_mut(a, fb, fe),
        Expr::Binary(_, operands) => {
            walk_expr_mut(&mut operands.0, fb, fe);
            walk_expr_mut(&mut operands.1, fb, fe);
        }
        Expr::Index(a, b) => {
            walk_expr_mut(a, fb, fe);
            walk_expr_mut(b, fb, fe);
        }
        Expr::Cond(a, b, c) => {
            walk_expr_mut(a, fb, fe);
            walk_expr_mut(b, fb, fe);
            walk_expr_mut(c, fb, fe);
        }
        Expr::Call(c, args) | Expr::New(c, args) | Expr::TaggedTemplate(c, _, args) => {
            walk_expr_mut(c, fb, fe);
            args.iter_mut().for_each(|a| walk_expr_mut(a, fb, fe));
        }
        Expr::Function(func) => walk_function_mut(func, fb, fe),
        Expr::Object(props) => {
            for p in props {
                match p {
                    Prop::Init(k, v) => {
                        if let PropKey::Computed(k) = k {
                            walk_expr_mut(k, fb, fe);
                        }
                        walk_expr_mut(v, fb, fe);
                    }
                    Prop::Method(k, func) => {
                        if let PropKey::Computed(k) = k {
                            walk_expr_mut(k, fb, fe);
                        }
                        walk_function_mut(func, fb, fe);
                    }
                }
            }
        }
        Expr::Array(xs) | Expr::Template(_, xs) | Expr::Seq(xs) => xs.iter_mut().for_each(|x| walk_expr_mut(x, fb, fe)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_top_level_statements_takes_what_reads_their_names_along() {
        let mut block_function = Function::new(FunctionKind::Declaration, Some("c"));
        block_function.body = vec![ret(num(1))];
        let body = vec![
            Stmt::Comment("[a] one".into()),
            Stmt::Block(vec![Stmt::Function(block_function)]),
            decl(DeclKind::Let, "x", Some(num(2))),
            Stmt::Comment("[b] two".into()),
            print(call(ident("c"), vec![])),
            decl(DeclKind::Var, "y", Some(ident("x"))),
            print(ident("y")),
            print(num(3)),
        ];
        let program = Program { strict: false, body };
        assert_eq!(program.snippets(), [0..3, 3..8]);
        // The block's Annex B function `c`, `x` and then `y`, which `x` initialises, go too.
        let (rest, lost) = program.without_top_level(1..3);
        assert_eq!(lost, 5);
        assert_eq!(rest.to_string(), "// [a] one\n// [b] two\nprint(3);\n");
        assert_eq!(program.without_top_level(7..8).0.body.len(), 7);
    }

    #[test]
    fn captures_are_free_names_only() {
        // function f(a) { var b = a; return function () { return a + b + c; }; }
        let mut inner = Function::new(FunctionKind::Expression, None);
        inner.body = vec![ret(bin(BinOp::Add, bin(BinOp::Add, ident("a"), ident("b")), ident("c")))];
        let mut outer = Function::new(FunctionKind::Declaration, Some("f"));
        outer.params.push(Param::new("a".into(), None));
        outer.body = vec![decl(DeclKind::Var, "b", Some(ident("a"))), ret(func_expr(inner.clone()))];
        assert_eq!(inner.captures().into_iter().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(outer.captures().into_iter().collect::<Vec<_>>(), ["c"]);
    }

    #[test]
    fn patterns_bind_their_names_and_their_defaults_are_read() {
        // function f(a, { x = a, k: [y = b] } = {}) { let [z = c] = []; return x + y + z; }
        let part = |key: &str, target: Pattern, default: Option<Expr>| PatternPart { key: key.into(), target, default };
        let pattern = Pattern::Object(vec![
            part("x", Pattern::Name("x".into()), Some(ident("a"))),
            part("k", Pattern::Array(vec![part("y", Pattern::Name("y".into()), Some(ident("b")))]), None),
        ]);
        let mut f = Function::new(FunctionKind::Declaration, Some("f"));
        f.params.push(Param::new("a".into(), None));
        f.params.push(Param { name: "x".into(), default: Some(Expr::Object(vec![])), pattern: Some(pattern) });
        let inner = Pattern::Array(vec![part("z", Pattern::Name("z".into()), Some(ident("c")))]);
        f.body = vec![
            Stmt::Destructure(DeclKind::Let, inner, Expr::Array(vec![])),
            ret(bin(BinOp::Add, bin(BinOp::Add, ident("x"), ident("y")), ident("z"))),
        ];
        assert_eq!(f.params[1].names(), ["x", "y"]);
        assert_eq!(f.captures().into_iter().collect::<Vec<_>>(), ["b", "c"]);
        // The reducer's expression walk reaches every default and the initialiser.
        let mut p = Program { strict: false, body: vec![Stmt::Function(f)] };
        let mut idents = Vec::new();
        p.for_each_expr_mut(&mut |e| {
            if let Expr::Ident(n) = e {
                idents.push(n.to_string());
            }
        });
        assert_eq!(idents, ["a", "b", "c", "x", "y", "z"]);
        // A catch parameter's and a for-of head's patterns bind for their bodies only.
        let bound = |names: &[&str], default: &str| {
            let parts = names.iter().map(|n| PatternPart {
                key: (*n).into(),
                target: Pattern::Name((*n).into()),
                default: None,
            });
            let mut parts: Vec<PatternPart> = parts.collect();
            parts[0].default = Some(ident(default));
            Pattern::Array(parts)
        };
        let mut f = Function::new(FunctionKind::Declaration, Some("f"));
        let handler = Catch { param: Some(bound(&["e", "g"], "g")), body: vec![print(ident("e"))] };
        let each = Stmt::ForOf {
            is_await: false,
            decl: Some(DeclKind::Let),
            target: bound(&["k"], "d"),
            iterable: ident("xs"),
            body: vec![print(ident("k"))],
        };
        f.body = vec![Stmt::Try { block: vec![], handler: Some(handler), finalizer: None }, each, print(ident("k"))];
        assert_eq!(f.captures().into_iter().collect::<Vec<_>>(), ["d", "k", "print", "xs"]);
    }

    #[test]
    fn a_switch_is_one_scope_for_all_its_cases() {
        // function f() { switch (k) { case 0: let x = 1; default: g(() => x); } }: the arrow in the
        // second case closes over the first case's `x`, which is not free in `f`.
        let mut arrow = Function::new(FunctionKind::Arrow, None);
        arrow.body = vec![ret(ident("x"))];
        let cases = vec![
            Case { test: Some(num(0)), body: vec![decl(DeclKind::Let, "x", Some(num(1)))] },
            Case { test: None, body: vec![Stmt::Expr(call(ident("g"), vec![func_expr(arrow)]))] },
        ];
        let mut f = Function::new(FunctionKind::Declaration, Some("f"));
        f.body = vec![Stmt::Switch(ident("k"), cases)];
        assert_eq!(f.captures().into_iter().collect::<Vec<_>>(), ["g", "k"]);
    }

    #[test]
    fn a_print_statement_reads_the_global_print() {
        let mut f = Function::new(FunctionKind::Declaration, Some("f"));
        f.body = vec![print(ident("a"))];
        assert_eq!(f.captures().into_iter().collect::<Vec<_>>(), ["a", "print"]);
    }

    #[test]
    fn statement_count_includes_nested_bodies() {
        let mut f = Function::new(FunctionKind::Declaration, Some("f"));
        f.body = vec![print(num(1)), ret(num(2))];
        let p = Program { strict: false, body: vec![Stmt::Function(f), print(num(3))] };
        assert_eq!(p.statement_count(), 4);
    }
}
