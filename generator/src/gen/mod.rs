//! The generator: turns bytes from `arbitrary::Unstructured` into a [`Program`], top-down.
//!
//! It keeps a model of the scope chain at the point being generated (every binding with its kind, its
//! static type, whether it may be read or written yet), of the function being generated (strictness,
//! rank, remaining call budget, loop trip multiplier, what `this` and `arguments` are), and of the
//! remaining size budget. Every choice consults that model, which is what makes programs valid,
//! deterministic and terminating by construction:
//!
//! - names are only declared where JavaScript allows it, and never where an earlier reference would
//!   silently change meaning (hoisting, TDZ) unless a category producer wants exactly that;
//! - reads pick initialised bindings; calls pick functions of lower rank; writes respect types, `const`
//!   and loop counters;
//! - loop trip counts are literals and counters are never written; recursion only goes through a
//!   depth argument that decreases towards a literal bound.

mod cats;
mod classes;
mod dynamic;
mod expr;
mod flow;
mod iterators;
mod lifetime;
mod patterns;
mod stmt;
mod switch;
mod templates;
pub(crate) mod ty;

use crate::name::{AsName, NameSet, PoolBits, POOL};
use std::rc::Rc;

use arbitrary::{Result, Unstructured};

use crate::category::{Category, CategorySet};
use crate::config::{Config, Features};
use crate::ir::*;
use stmt::Each;
use ty::*;

/// The identifier pool: tiny on purpose, so that shadowing and capture collisions are frequent.
pub(crate) const VALUE_NAMES: [&str; 5] = ["a", "b", "c", "x", "y"];
pub(crate) const FN_NAMES: [&str; 3] = ["f", "g", "h"];

/// What a new name is for; it only biases the choice of name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Value,
    Function,
    Object,
    Array,
    Counter,
    Depth,
    Catch,
    Class,
}

impl Role {
    const ALL: [Role; 8] =
        [Role::Value, Role::Function, Role::Object, Role::Array, Role::Counter, Role::Depth, Role::Catch, Role::Class];

    fn preferred(self) -> &'static [&'static str] {
        match self {
            Role::Value => &VALUE_NAMES,
            Role::Function => &FN_NAMES,
            Role::Object => &["o", "p"],
            Role::Array => &["fs", "arr"],
            Role::Counter => &["i", "j", "k"],
            Role::Depth => &["n", "m"],
            Role::Catch => &["e", "err"],
            Role::Class => &["C", "D", "K"],
        }
    }

    /// Every pool name, the preferred ones first, and how many are preferred.
    fn candidates(self) -> (&'static [Name], usize) {
        /// The role's preferred names followed by the pool names it does not prefer.
        fn ordered(preferred: &[&str]) -> Vec<Name> {
            let rest = VALUE_NAMES.iter().chain(FN_NAMES.iter()).filter(|n| !preferred.contains(n));
            preferred.iter().chain(rest).map(|n| Name::new(n)).collect()
        }
        static TABLE: std::sync::OnceLock<Vec<Vec<Name>>> = std::sync::OnceLock::new();
        let table = TABLE.get_or_init(|| Role::ALL.iter().map(|r| ordered(r.preferred())).collect());
        (&table[self as usize], self.preferred().len())
    }

    fn fallback(self) -> &'static str {
        match self {
            Role::Value => "v",
            Role::Function => "fn",
            Role::Object => "o",
            Role::Array => "fs",
            Role::Counter => "i",
            Role::Depth => "n",
            Role::Catch => "e",
            Role::Class => "Cls",
        }
    }
}

/// How a name is being declared, which decides the scope it lands in and the early errors to avoid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    Var,
    /// `let`, `const` (and later `class`) in the current scope.
    Lexical,
    /// A function declaration directly in a function body or the script.
    FnTop,
    /// A function declaration in a block: lexical, plus an Annex B `var` in sloppy code.
    BlockFn,
    Param,
    Catch,
}

/// (scope index, binding index, captured from an enclosing function) of a visible binding.
pub(crate) type BindingRef = (usize, usize, bool);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    /// The script or a function's parameters and body.
    Function,
    Block,
    /// A catch clause: its parameter and its body share this scope.
    Catch,
    /// The self binding of a named function expression.
    FnName,
    /// The object environment of a `with` statement: its bindings are the object's properties.
    With,
}

#[derive(Debug, Clone)]
pub(crate) struct Binding {
    pub name: Name,
    pub kind: BindingKind,
    pub ty: Ty,
    /// Generated code may assign it (false for `const`, counters, depth arguments, functions).
    pub writable: bool,
    /// Generated code may read it (false while in its TDZ, for Annex B bindings, and for recursive
    /// functions, which are only called by their producer).
    pub readable: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    pub frame: usize,
    /// Only grown through [`Scope::add`], which keeps `pooled` in step.
    pub bindings: Vec<Binding>,
    /// The pool names among `bindings`.
    pooled: PoolBits,
    /// Names of `var`s declared in nested blocks that hoist through this scope.
    pub var_through: NameSet,
    /// Names resolved through this scope to an outer binding (or to a global): declaring one of them
    /// here later would change what the earlier reference means.
    pub looked_through: NameSet,
}

impl Scope {
    fn new(kind: ScopeKind, frame: usize) -> Scope {
        Scope {
            kind,
            frame,
            bindings: Vec::new(),
            pooled: PoolBits::default(),
            var_through: NameSet::default(),
            looked_through: NameSet::default(),
        }
    }

    pub fn add(&mut self, b: Binding) {
        self.pooled.add(b.name);
        self.bindings.push(b);
    }

    /// The index of the binding of `name` in this scope.
    pub fn position(&self, name: Name) -> Option<usize> {
        if !self.pooled.contains_or(name, || true) {
            return None;
        }
        self.bindings.iter().position(|b| b.name == name)
    }

    pub fn declares(&self, name: Name) -> bool {
        self.pooled.contains_or(name, || self.bindings.iter().any(|b| b.name == name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ArgsInfo {
    /// `arguments` resolves to an arguments object (in a non-arrow function, or an arrow inside one).
    pub available: bool,
    /// Every parameter is a primitive, so every `arguments[i]` is one too.
    pub all_prim: bool,
}

/// The function (or script) being generated.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub strict: bool,
    pub rank: u32,
    pub calls_left: u32,
    /// Product of the trip counts of the loops (of this frame) around the current point.
    pub loop_mult: u32,
    pub var_scope: usize,
    pub this_obj: Option<Rc<ObjTy>>,
    pub args: ArgsInfo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// Own `"use strict"` with the configured probability (when the parameters are simple).
    Random,
    /// No directive of its own (the function is strict only if its context is).
    Inherit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DefaultSpec {
    None,
    /// A primitive expression (which may read earlier parameters).
    Prim,
    /// An arrow or function returning an expression over the earlier parameters.
    Closure,
}

#[derive(Debug, Clone)]
pub(crate) struct ParamSpec {
    pub name: Option<Name>,
    pub ty: Ty,
    pub default: DefaultSpec,
    /// Never written by generated code (depth arguments).
    pub protected: bool,
}

impl ParamSpec {
    pub fn prim() -> ParamSpec {
        ParamSpec { name: None, ty: Ty::Prim, default: DefaultSpec::None, protected: false }
    }

    pub fn of(ty: Ty) -> ParamSpec {
        ParamSpec { name: None, ty, default: DefaultSpec::None, protected: false }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct FnSpec {
    pub kind: FunctionKind,
    /// The declared name (declarations), the self binding (named function expressions) or the key
    /// (methods, accessors).
    pub name: Option<Name>,
    pub params: Vec<ParamSpec>,
    pub rest: bool,
    pub rank: u32,
    pub strict: Strictness,
    pub this_obj: Option<Rc<ObjTy>>,
    /// Whether an arrow may stand in for it (not when it uses its own `this` or `arguments`).
    pub arrow_ok: bool,
    /// `function*`.
    pub generator: bool,
    /// `async`.
    pub is_async: bool,
    /// Part of a class body: strict without a directive of its own.
    pub class_code: bool,
    /// `arguments` may not be used (class field initialisers and static blocks, and arrows in them).
    pub no_arguments: bool,
}

impl FnSpec {
    pub fn new(kind: FunctionKind, params: Vec<ParamSpec>, rank: u32) -> FnSpec {
        FnSpec {
            kind,
            name: None,
            params,
            rest: false,
            rank,
            strict: Strictness::Random,
            this_obj: None,
            arrow_ok: true,
            generator: false,
            is_async: false,
            class_code: false,
            no_arguments: false,
        }
    }

    /// A spec for a function that uses its own `this` or `arguments`: never an arrow.
    pub fn own_scope(self) -> FnSpec {
        FnSpec { arrow_ok: false, ..self }
    }
}

pub(crate) struct Gen<'a, 'b> {
    pub u: &'a mut Unstructured<'b>,
    pub cfg: &'a Config,
    pub feat: Features,
    pub scopes: Vec<Scope>,
    /// Popped scopes, emptied, whose buffers the next pushed scopes reuse.
    spare_scopes: Vec<Scope>,
    pub frames: Vec<Frame>,
    pub stmts_left: i64,
    pub funcs_left: i64,
    pub depth: u32,
    pub cats: CategorySet,
    pub labels: u32,
    /// The name the function being declared by [`Gen::function_decl_spec`] is bound to, for bodies
    /// that call themselves.
    pub decl_name: Name,
    /// Names a category producer declared itself and reads by name later, possibly from nested
    /// functions: no new declaration may shadow them until the producer is done.
    pub reserved: Vec<Name>,
    /// Nesting of producers, and of plain generation inside the innermost producer.
    pub in_producer: u32,
    pub plain_depth: u32,
    epoch: u64,
    /// Advanced only when the scope chain, the frames or a binding list changes (what the visible
    /// list depends on), not when a binding's readability or type does.
    layout_epoch: u64,
    /// (epoch, frame rank, primitive-returning callees, primitive fields) for [`Gen::gen_prim`].
    pub prim_counts: std::cell::Cell<(u64, u32, usize, usize)>,
    /// (epoch, readable primitive bindings, of which captured, writable primitive bindings) for
    /// [`Gen::prim_leaf`] and [`Gen::gen_prim`].
    pub binding_counts: std::cell::Cell<(u64, usize, usize, usize)>,
    /// The last number given to a numbered fallback name.
    numbered: u32,
    /// Lifetime patterns produced so far (numbering their bindings and probes).
    pub lifetimes: u32,
    visible_cache: std::cell::RefCell<Option<(u64, Rc<Vec<BindingRef>>)>>,
    /// A buffer for [`Gen::visible_indices`].
    inner_names: std::cell::Cell<Vec<Name>>,
    /// [`stmt::stmt_weights`] of the config.
    stmt_weights: [[u32; stmt::STMT_KINDS]; 2],
}

/// Generates a program and the set of categories its producers exercised.
pub(crate) fn generate(u: &mut Unstructured, cfg: &Config) -> Result<(Program, CategorySet)> {
    let mut g = Gen {
        feat: cfg.features(),
        cfg,
        scopes: Vec::new(),
        spare_scopes: Vec::new(),
        frames: Vec::new(),
        stmts_left: i64::from(cfg.max_statements),
        funcs_left: i64::from(cfg.max_functions),
        depth: 0,
        cats: CategorySet::default(),
        labels: 0,
        decl_name: Name::default(),
        reserved: Vec::new(),
        in_producer: 0,
        plain_depth: 0,
        epoch: 0,
        layout_epoch: 0,
        prim_counts: std::cell::Cell::new((u64::MAX, 0, 0, 0)),
        binding_counts: std::cell::Cell::new((u64::MAX, 0, 0, 0)),
        numbered: 0,
        lifetimes: 0,
        visible_cache: std::cell::RefCell::new(None),
        inner_names: std::cell::Cell::new(Vec::new()),
        stmt_weights: stmt::stmt_weights(cfg),
        u,
    };
    let strict = g.feat.program_directive && (!g.feat.sloppy || g.chance(cfg.strict_program_percent)?);
    g.frames.push(Frame {
        strict,
        rank: cfg.max_call_rank + 1,
        calls_left: cfg.max_top_level_calls,
        loop_mult: 1,
        var_scope: 0,
        this_obj: None,
        args: ArgsInfo { available: false, all_prim: false },
    });
    g.scopes.push(Scope::new(ScopeKind::Function, 0));
    // The top level goes on until the input or the statement budget runs out.
    let body = g.gen_stmts(u32::MAX, 100)?;
    let mut program = Program { strict, body };
    if !g.feat.function_elements {
        wrap_function_elements(&mut program);
    }
    Ok((program, g.cats))
}

/// Writes every function or class expression that is an element of an array literal as `(0, f)`:
/// the same value (an element is never named after its index), in a shape that engines which
/// mishandle function elements run correctly.
fn wrap_function_elements(program: &mut Program) {
    program.for_each_expr_mut(&mut |e| {
        if let Expr::Array(elements) = e {
            for element in elements.iter_mut().filter(|x| matches!(x, Expr::Function(_) | Expr::Class(_))) {
                let f = std::mem::replace(element, Expr::Null);
                *element = Expr::Seq(vec![num(0), f]);
            }
        }
    });
}

impl<'a, 'b> Gen<'a, 'b> {
    // ----- choices --------------------------------------------------------------------------------

    /// True with probability `percent`/100; false when the input is exhausted.
    pub fn chance(&mut self, percent: u32) -> Result<bool> {
        if percent == 0 || self.u.is_empty() {
            return Ok(false);
        }
        Ok(self.u.int_in_range(0..=99u32)? >= 100 - percent.min(100))
    }

    /// Whether to go on adding items to a list: false once the input is exhausted; otherwise true
    /// with probability `percent`/100 (always, without drawing, at 100).
    pub fn more(&mut self, percent: u32) -> Result<bool> {
        if percent >= 100 {
            return Ok(!self.u.is_empty());
        }
        self.chance(percent)
    }

    /// An index below `n` (0 when `n <= 1` or the input is exhausted).
    pub fn pick(&mut self, n: usize) -> Result<usize> {
        if n <= 1 {
            return Ok(0);
        }
        self.u.int_in_range(0..=n - 1)
    }

    pub fn int(&mut self, lo: i64, hi: i64) -> Result<i64> {
        self.u.int_in_range(lo..=hi)
    }

    /// An index chosen with the given weights (the first option with a weight when the input is
    /// exhausted, so list the simplest option first).
    pub fn weighted(&mut self, weights: &[u32]) -> Result<usize> {
        let total = weights.iter().fold(0u32, |sum, w| sum.saturating_add(*w));
        if total == 0 {
            return Ok(0);
        }
        let mut r = self.u.int_in_range(0..=total - 1)?;
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return Ok(i);
            }
            r -= w;
        }
        Ok(weights.len() - 1)
    }

    pub fn pick_from<T: Clone>(&mut self, xs: &[T]) -> Result<T> {
        let i = self.pick(xs.len())?;
        Ok(xs[i].clone())
    }

    /// A small non-negative integer literal.
    pub fn small_num(&mut self) -> Result<Expr> {
        Ok(num(self.int(0, 9)?))
    }

    // ----- frames and scopes ----------------------------------------------------------------------

    pub fn frame(&self) -> &Frame {
        self.frames.last().expect("the script frame is always present")
    }

    pub fn frame_mut(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the script frame is always present")
    }

    pub fn strict(&self) -> bool {
        self.frame().strict
    }

    pub fn rank(&self) -> u32 {
        self.frame().rank
    }

    /// Whether the current point is directly in the script or a function body (not in a block).
    pub fn at_var_scope(&self) -> bool {
        self.scopes.len() - 1 == self.frame().var_scope
    }

    pub fn push_scope(&mut self, kind: ScopeKind) {
        // An empty scope changes nothing visible (frames changes are touched in `with_function`).
        let frame = self.frames.len() - 1;
        let scope = match self.spare_scopes.pop() {
            Some(mut spare) => {
                spare.kind = kind;
                spare.frame = frame;
                spare
            }
            None => Scope::new(kind, frame),
        };
        self.scopes.push(scope);
        self.depth += 1;
    }

    /// Leaves a scope. A `var` declared in a block that may not have run (an `if` branch, a `try`
    /// block that threw, a loop) is only known to hold its type inside that block: afterwards, unless
    /// it is a primitive (where `undefined` is fine), generated code stops reading it.
    pub fn pop_scope(&mut self) {
        if self.scopes.last().is_some_and(|s| !s.bindings.is_empty() || !s.var_through.is_empty()) {
            self.touch();
        }
        if let Some(mut s) = self.scopes.pop() {
            if matches!(s.kind, ScopeKind::Block | ScopeKind::Catch) {
                let vs = self.frame().var_scope;
                for n in s.var_through.iter() {
                    if let Some(b) = self.scopes[vs].bindings.iter_mut().find(|b| b.name == n) {
                        if b.kind == BindingKind::Var && !b.ty.is_prim() {
                            b.readable = false;
                        }
                    }
                }
            }
            s.bindings.clear();
            s.pooled.clear();
            s.var_through.clear();
            s.looked_through.clear();
            self.spare_scopes.push(s);
        }
        self.depth -= 1;
    }

    /// Runs `f` in a new block scope.
    pub fn with_block<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.push_scope(ScopeKind::Block);
        let r = f(self);
        self.pop_scope();
        r
    }

    /// Runs `f` as the body of a loop executing `trips` times.
    pub fn with_loop<T>(&mut self, trips: u32, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let saved = self.frame().loop_mult;
        self.frame_mut().loop_mult = saved.saturating_mul(trips.max(1));
        let r = f(self);
        self.frame_mut().loop_mult = saved;
        r
    }

    /// Whether `n` more levels of nesting fit under the depth limit.
    pub fn room(&self, n: u32) -> bool {
        self.depth + n <= self.cfg.max_depth
    }

    /// Whether the size budget still has room for roughly `stmts` statements and `funcs` functions.
    pub fn budget(&self, stmts: i64, funcs: i64) -> bool {
        self.stmts_left >= stmts && self.funcs_left >= funcs
    }

    pub fn spend(&mut self, stmts: i64) {
        self.stmts_left -= stmts;
    }

    // ----- calls ----------------------------------------------------------------------------------

    /// Whether the current function may execute `times` more calls per run (loops multiply).
    pub fn can_call(&self, times: u32) -> bool {
        let f = self.frame();
        f.loop_mult.saturating_mul(times) <= f.calls_left
    }

    pub fn spend_call(&mut self, times: u32) {
        let f = self.frame_mut();
        f.calls_left = f.calls_left.saturating_sub(f.loop_mult.saturating_mul(times));
    }

    /// Whether a function of rank `r` may be called here, `times` times, within the budget.
    pub fn callable(&self, r: u32, times: u32) -> bool {
        r < self.rank() && self.can_call(times)
    }

    // ----- bindings -------------------------------------------------------------------------------

    /// The nearest binding of `name`: (scope index, binding index).
    pub fn lookup(&self, name: impl AsName) -> Option<(usize, usize)> {
        let name = name.as_name();
        for (si, s) in self.scopes.iter().enumerate().rev() {
            if let Some(bi) = s.position(name) {
                return Some((si, bi));
            }
        }
        None
    }

    pub fn binding(&self, name: impl AsName) -> Option<&Binding> {
        self.lookup(name).map(|(s, b)| &self.scopes[s].bindings[b])
    }

    pub fn binding_mut(&mut self, name: impl AsName) -> Option<&mut Binding> {
        // The caller may change readability or type: cached counts are stale (not the visible list).
        self.epoch += 1;
        self.lookup(name).map(|(s, b)| &mut self.scopes[s].bindings[b])
    }

    /// Records that `name` is referenced here: every scope it is resolved through remembers it.
    pub fn note_lookup(&mut self, name: impl AsName) {
        let name = name.as_name();
        let def = self.lookup(name).map(|(s, _)| s + 1).unwrap_or(0);
        for s in &mut self.scopes[def..] {
            s.looked_through.insert(name);
        }
    }

    /// A reference to `name` (recorded with [`Gen::note_lookup`]).
    pub fn read(&mut self, name: impl AsName) -> Expr {
        let name = name.as_name();
        self.note_lookup(name);
        Expr::Ident(name)
    }

    /// An assignment target naming `name` (recorded like a read).
    pub fn target(&mut self, name: impl AsName) -> Target {
        let name = name.as_name();
        self.note_lookup(name);
        Target::Ident(name)
    }

    /// The visible bindings (nearest of each name, innermost first) satisfying `pred`, with whether
    /// each belongs to an enclosing function (a capture).
    pub fn visible(&self, pred: impl Fn(&Binding) -> bool) -> Vec<(Name, Ty, bool)> {
        let all = self.visible_indices();
        let mut out = Vec::new();
        for &(si, bi, captured) in all.iter() {
            let b = &self.scopes[si].bindings[bi];
            if pred(b) {
                out.push((b.name, b.ty.clone(), captured));
            }
        }
        out
    }

    /// The names of the visible bindings satisfying `pred` (captured ones only if `captured`), in
    /// [`Gen::visible`]'s order.
    pub fn visible_names(&self, captured: bool, pred: impl Fn(&Binding) -> bool) -> Vec<Name> {
        let all = self.visible_indices();
        all.iter().filter(|r| (!captured || r.2) && pred(self.at(**r))).map(|r| self.at(*r).name).collect()
    }

    /// How many visible bindings satisfy `pred` (the `k` of [`Gen::nth_visible`] is below it).
    pub fn count_visible(&self, pred: impl Fn(&Binding) -> bool) -> usize {
        self.visible_indices().iter().filter(|r| pred(self.at(**r))).count()
    }

    /// The name of the `k`th binding satisfying `pred` (captured ones only if `captured`).
    pub fn nth_visible(&self, captured: bool, k: usize, pred: impl Fn(&Binding) -> bool) -> Name {
        let all = self.visible_indices();
        let found = all.iter().filter(|r| (!captured || r.2) && pred(self.at(**r))).nth(k);
        found.map(|r| self.at(*r).name).unwrap_or_default()
    }

    /// The binding a [`BindingRef`] points to.
    pub fn at(&self, r: BindingRef) -> &Binding {
        &self.scopes[r.0].bindings[r.1]
    }

    /// (scope, binding, captured) of every visible binding, innermost first; cached until the scope
    /// chain or a binding list changes (see [`Gen::touch`]), as most choices consult it.
    pub fn visible_indices(&self) -> Rc<Vec<BindingRef>> {
        let mut cache = self.visible_cache.borrow_mut();
        if let Some((layout, v)) = &*cache {
            if *layout == self.layout_epoch {
                return v.clone();
            }
        }
        // Refill the stale list in place unless a caller still holds it.
        let mut list = cache.take().map(|(_, v)| v).unwrap_or_default();
        if Rc::get_mut(&mut list).is_none() {
            list = Rc::default();
        }
        let out = Rc::get_mut(&mut list).expect("the list is not shared");
        out.clear();
        let cur = self.frames.len() - 1;
        // Names are unique within a scope; a binding is hidden by one of an inner scope, whose names
        // `inner` collects on the way out.
        let mut inner = self.inner_names.take();
        inner.clear();
        let mut inner_pooled = PoolBits::default();
        for (si, s) in self.scopes.iter().enumerate().rev() {
            for (bi, b) in s.bindings.iter().enumerate().rev() {
                if !inner_pooled.contains_or(b.name, || inner.contains(&b.name)) {
                    out.push((si, bi, s.frame != cur));
                }
            }
            if si > 0 {
                for b in &s.bindings {
                    inner_pooled.add(b.name);
                    inner.push(b.name);
                }
            }
        }
        self.inner_names.set(inner);
        *cache = Some((self.layout_epoch, list.clone()));
        list
    }

    /// The epoch of the scope model (layout and binding attributes), for caches.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Records a change of the scope chain, the frames or a binding list.
    pub fn touch(&mut self) {
        self.epoch += 1;
        self.layout_epoch += 1;
    }

    /// Whether `name` can be declared here in the way `how` without an early error and without changing
    /// the meaning of an earlier reference.
    pub fn can_declare(&self, name: impl AsName, how: How) -> bool {
        let name = name.as_name();
        if name == "arguments" || name == "eval" {
            return false;
        }
        let cur = self.scopes.len() - 1;
        let vs = self.frame().var_scope;
        let s = &self.scopes[cur];
        let free_here =
            |s: &Scope| !s.declares(name) && !s.var_through.contains(name) && !s.looked_through.contains(name);
        match how {
            How::Param | How::Catch => !s.declares(name),
            How::Lexical => free_here(s),
            How::FnTop => cur == vs && free_here(s),
            How::Var => {
                (vs..=cur).all(|i| !self.scopes[i].declares(name)) && !self.scopes[vs].looked_through.contains(name)
            }
            How::BlockFn => {
                if cur == vs || !self.feat.block_functions || !free_here(s) {
                    return false;
                }
                if self.strict() {
                    return true;
                }
                // Annex B: the function also gets a `var` binding in the function scope; make sure
                // that neither conflicts with anything nor changes an earlier reference.
                (vs..cur).all(|i| !self.scopes[i].declares(name)) && !self.scopes[vs].looked_through.contains(name)
            }
        }
    }

    /// The pool names that [`Gen::can_declare`] refuses here for `how`, all at once (the same rules,
    /// on the scopes' pool bits), for [`Gen::fresh_name`], which asks about every pool name.
    fn undeclarable_pool_names(&self, how: How) -> PoolBits {
        let cur = self.scopes.len() - 1;
        let vs = self.frame().var_scope;
        let s = &self.scopes[cur];
        let taken_here = s.pooled.union(s.var_through.pooled()).union(s.looked_through.pooled());
        // Declared in one of the scopes `range`, or referenced through the function scope.
        let var_conflicts = |range: std::ops::Range<usize>| {
            self.scopes[range].iter().fold(self.scopes[vs].looked_through.pooled(), |bits, s| bits.union(s.pooled))
        };
        match how {
            How::Param | How::Catch => s.pooled,
            How::Lexical => taken_here,
            How::FnTop if cur == vs => taken_here,
            How::FnTop => PoolBits::all(),
            How::Var => var_conflicts(vs..cur + 1),
            How::BlockFn if cur == vs || !self.feat.block_functions => PoolBits::all(),
            How::BlockFn if self.strict() => taken_here,
            How::BlockFn => taken_here.union(var_conflicts(vs..cur)),
        }
    }

    /// Declares `name` (already checked with [`Gen::can_declare`]).
    pub fn declare(&mut self, name: impl AsName, how: How, kind: BindingKind, ty: Ty, writable: bool, readable: bool) {
        let name = name.as_name();
        self.touch();
        let cur = self.scopes.len() - 1;
        let vs = self.frame().var_scope;
        if self.in_producer > 0 && self.plain_depth == 0 {
            self.reserved.push(name);
        }
        let b = Binding { name, kind, ty, writable, readable };
        match how {
            How::Var => {
                for i in vs + 1..=cur {
                    self.scopes[i].var_through.insert(name);
                }
                self.scopes[vs].add(b);
            }
            How::BlockFn => {
                if !self.strict() {
                    for i in vs + 1..cur {
                        self.scopes[i].var_through.insert(name);
                    }
                    self.scopes[cur].var_through.insert(name);
                    self.scopes[vs].add(Binding {
                        name,
                        kind: BindingKind::Var,
                        ty: Ty::Prim,
                        writable: false,
                        readable: false,
                    });
                }
                self.scopes[cur].add(b);
            }
            How::Lexical | How::FnTop | How::Param | How::Catch => self.scopes[cur].add(b),
        }
    }

    pub fn set_readable(&mut self, name: impl AsName, readable: bool) {
        let Some((si, bi)) = self.lookup(name) else { return };
        let counts_were_current = self.binding_counts.get().0 == self.epoch;
        let prims_were_current = self.prim_counts.get().0 == self.epoch;
        self.epoch += 1;
        let captured = self.scopes[si].frame != self.frames.len() - 1;
        let b = &mut self.scopes[si].bindings[bi];
        let changed = b.readable != readable;
        b.readable = readable;
        // The binding found is the visible one of its name, so a primitive one changes the cached
        // counts of `gen_prim` by one (and the callee and field counts not at all): carry them over
        // instead of recounting.
        if !b.ty.is_prim() {
            return;
        }
        if counts_were_current {
            let (_, prims, captures, writable) = self.binding_counts.get();
            let step = |n: usize, applies: bool| match changed && applies {
                false => n,
                true if readable => n + 1,
                true => n - 1,
            };
            let counts = (self.epoch, step(prims, true), step(captures, captured), step(writable, b.writable));
            self.binding_counts.set(counts);
        }
        if prims_were_current {
            let (_, rank, callees, fields) = self.prim_counts.get();
            self.prim_counts.set((self.epoch, rank, callees, fields));
        }
    }

    /// A name for a new binding that can be declared here with `how`: usually from the pool (often
    /// shadowing an outer binding), otherwise a numbered fallback.
    pub fn fresh_name(&mut self, role: Role, how: How) -> Result<Name> {
        // The role's names first, then the rest of the pool.
        let (candidates, n_preferred) = role.candidates();
        // Indices into `candidates` of the names that can be declared here.
        let mut ok = [0u8; POOL.len()];
        let (mut n_ok, mut ok_preferred) = (0, 0);
        let undeclarable = self.undeclarable_pool_names(how);
        for (i, &n) in candidates.iter().enumerate() {
            let free = !undeclarable.contains_or(n, || !self.can_declare(n, how));
            debug_assert_eq!(free, self.can_declare(n, how), "pool bits and can_declare disagree on {n} ({how:?})");
            if free && !self.reserved.contains(&n) {
                ok[n_ok] = i as u8;
                n_ok += 1;
                if i < n_preferred {
                    ok_preferred += 1;
                }
            }
        }
        let from_preferred = ok_preferred > 0 && (n_ok == ok_preferred || !self.chance(25)?);
        let choices = if from_preferred { &ok[..ok_preferred] } else { &ok[..n_ok] };
        if !choices.is_empty() {
            let i = self.pick(choices.len())?;
            return Ok(candidates[usize::from(choices[i])]);
        }
        // Numbered names are unique in the program, so the first is almost always free.
        let base = role.fallback();
        for _ in 0..10_000 {
            self.numbered += 1;
            let candidate = Name::numbered(base, self.numbered);
            if self.can_declare(candidate, how) && !self.reserved.contains(&candidate) {
                return Ok(candidate);
            }
        }
        // Only reachable if `how` is impossible here; callers check that first.
        Err(arbitrary::Error::IncorrectFormat)
    }

    /// Declares a fresh name and returns it; not readable until [`Gen::set_readable`].
    pub fn new_binding(&mut self, role: Role, how: How, kind: BindingKind, ty: Ty, writable: bool) -> Result<Name> {
        let name = self.fresh_name(role, how)?;
        self.declare(name, how, kind, ty, writable, false);
        Ok(name)
    }

    /// `var`, `let` or `const` for a new variable: `let`/`const` only when the profile has them.
    pub fn decl_kind(&mut self, allow_const: bool) -> Result<DeclKind> {
        if !self.feat.let_const {
            return Ok(DeclKind::Var);
        }
        Ok(match self.weighted(&[4, 4, if allow_const { 3 } else { 0 }])? {
            0 => DeclKind::Var,
            1 => DeclKind::Let,
            _ => DeclKind::Const,
        })
    }

    /// Declares a variable with the given kind and type, generating its initialiser with `init` while
    /// the name is in scope but unreadable (as in JavaScript, where the initialiser already sees the
    /// new binding). Returns the name and the declaration statement.
    pub fn declare_var(
        &mut self,
        role: Role,
        kind: DeclKind,
        ty: Ty,
        writable: bool,
        init: impl FnOnce(&mut Self) -> Result<Expr>,
    ) -> Result<(Name, Stmt)> {
        let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
        let writable = writable && kind != DeclKind::Const;
        let name = self.new_binding(role, how, kind.binding_kind(), ty, writable)?;
        let e = init(self)?;
        self.set_readable(name, true);
        Ok((name, decl(kind, &name, Some(e))))
    }

    // ----- functions ------------------------------------------------------------------------------

    /// Builds a function: pushes its frame and scope, declares its parameters (generating defaults in
    /// order, each seeing only the earlier parameters), then runs `body` with the parameter names.
    pub fn with_function(
        &mut self,
        spec: FnSpec,
        body: impl FnOnce(&mut Self, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<Function> {
        self.funcs_left -= 1;
        let parent = self.frame().clone();
        let simple = !spec.rest && spec.params.iter().all(|p| p.default == DefaultSpec::None);
        let arrow = spec.kind == FunctionKind::Arrow;
        let own_strict = simple && !spec.class_code && spec.strict == Strictness::Random && {
            let p = self.cfg.strict_function_percent;
            self.chance(p)?
        };
        let strict = parent.strict || own_strict || spec.class_code;
        let all_prim = spec.params.iter().all(|p| p.ty.is_prim());
        let frame = Frame {
            strict,
            rank: spec.rank,
            calls_left: self.cfg.max_calls_per_function,
            loop_mult: 1,
            var_scope: 0,
            this_obj: if arrow { parent.this_obj.clone() } else { spec.this_obj.clone() },
            args: if spec.no_arguments {
                ArgsInfo { available: false, all_prim: false }
            } else if arrow {
                parent.args
            } else {
                ArgsInfo { available: true, all_prim }
            },
        };
        self.frames.push(frame);
        self.touch();
        let self_name = match (spec.kind, &spec.name) {
            (FunctionKind::Expression, Some(n)) => {
                self.push_scope(ScopeKind::FnName);
                let ty = Ty::func(spec.params.iter().map(|p| p.ty.clone()).collect(), Ty::Prim, spec.rank);
                self.declare(n, How::Param, BindingKind::FunctionName, ty, false, false);
                true
            }
            _ => false,
        };
        self.push_scope(ScopeKind::Function);
        let vs = self.scopes.len() - 1;
        self.frame_mut().var_scope = vs;

        let result = (|| {
            let mut names = Vec::new();
            for p in &spec.params {
                let name = match &p.name {
                    Some(n) => *n,
                    None => self.fresh_name(if p.protected { Role::Depth } else { Role::Value }, How::Param)?,
                };
                let writable = !p.protected;
                self.declare(name, How::Param, BindingKind::Param, p.ty.clone(), writable, false);
                names.push(name);
            }
            let rest = if spec.rest {
                let name = self.fresh_name(Role::Array, How::Param)?;
                self.declare(name, How::Param, BindingKind::Param, Ty::arr(Ty::Prim, 0), false, false);
                Some(name)
            } else {
                None
            };
            let mut params = Vec::new();
            for (p, name) in spec.params.iter().zip(&names) {
                let default = match p.default {
                    DefaultSpec::None => None,
                    DefaultSpec::Prim => Some(self.gen_prim(2)?),
                    DefaultSpec::Closure => Some(self.closure_over_params(&names[..params.len()])?),
                };
                self.set_readable(name, true);
                params.push(Param::new(*name, default));
            }
            if let Some(r) = &rest {
                self.set_readable(r, true);
            }
            let stmts = body(self, &names)?;
            Ok(Function {
                kind: spec.kind,
                name: spec.name,
                params,
                rest,
                strict: own_strict && !parent.strict,
                expression_body: false,
                is_generator: spec.generator,
                is_async: spec.is_async,
                body: stmts,
            })
        })();
        self.pop_scope();
        if self_name {
            self.pop_scope();
        }
        self.frames.pop();
        self.touch();
        result
    }

    /// A closure (arrow when possible) returning an expression over `params`, for default values.
    fn closure_over_params(&mut self, params: &[Name]) -> Result<Expr> {
        let kind = if self.feat.arrows { FunctionKind::Arrow } else { FunctionKind::Expression };
        let params = params.to_vec();
        let spec = FnSpec { strict: Strictness::Inherit, ..FnSpec::new(kind, vec![], 0) };
        let mut f = self.with_function(spec, |g, _| {
            let mut e = g.gen_prim(1)?;
            let prims: Vec<&Name> = params.iter().filter(|p| g.binding(p).is_some_and(|b| b.ty.is_prim())).collect();
            let mut used = 0;
            for (i, p) in prims.iter().enumerate() {
                if (used == 0 && i + 1 == prims.len()) || g.chance(60)? {
                    let r = g.read(p);
                    e = bin(BinOp::Add, r, e);
                    used += 1;
                }
            }
            Ok(vec![ret(e)])
        })?;
        f.expression_body = kind == FunctionKind::Arrow;
        Ok(func_expr(f))
    }

    /// A statement list ending in `return` of a value of type `ret`, with up to `max` other statements.
    pub fn gen_body(&mut self, ret_ty: &Ty, max: u32) -> Result<Vec<Stmt>> {
        let mut body = self.gen_stmts(max, 55)?;
        let e = self.gen_value(ret_ty, self.cfg.max_expr_depth)?;
        body.push(ret(e));
        Ok(body)
    }

    /// A name for a named function expression that shadows none of the reserved names.
    pub fn nfe_name(&mut self) -> Result<Name> {
        let free: Vec<&str> = FN_NAMES.iter().copied().filter(|n| !self.reserved.iter().any(|r| r == n)).collect();
        if !free.is_empty() {
            return Ok(Name::new(self.pick_from(&free)?));
        }
        Ok((1..).map(|k| Name::numbered("fn", k)).find(|n| !self.reserved.contains(n)).unwrap_or_default())
    }

    /// Runs `f` as plain generation: its declarations are not reserved for the enclosing producer.
    pub fn plain_gen<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.plain_depth += 1;
        let r = f(self);
        self.plain_depth -= 1;
        r
    }

    /// Marks a category as produced and returns the comment that labels its statements.
    pub fn tag(&mut self, c: Category, what: &str) -> Stmt {
        self.cats.insert(c);
        // Built by hand: `format!` costs several times the allocation, 70 times per program.
        let name = c.name();
        let mut text = String::with_capacity(name.len() + what.len() + 3);
        text.push('[');
        text.push_str(name);
        text.push_str("] ");
        text.push_str(what);
        Stmt::Comment(text)
    }

    pub fn new_label(&mut self, base: &str) -> Name {
        self.labels += 1;
        Name::numbered(base, self.labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_a_role_prefers_is_a_pool_name() {
        // The scope model answers questions about pool names from bits; a preferred name outside
        // the pool would still be right, only searched for.
        for role in Role::ALL {
            for text in role.preferred() {
                assert!(crate::name::POOL.contains(text), "{text} of {role:?}");
            }
        }
        for text in VALUE_NAMES.iter().chain(FN_NAMES.iter()) {
            assert!(crate::name::POOL.contains(text), "{text}");
        }
    }
}
