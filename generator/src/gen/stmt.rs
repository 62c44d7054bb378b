//! Statement generation: plain statements and the dispatch to category producers.

use std::rc::Rc;

use arbitrary::Result;

use super::ty::*;
use super::*;

/// The plain statement kinds, in the order of their weights in [`Gen::gen_stmt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plain {
    Print,
    Decl,
    Assign,
    Call,
    FnDecl,
    If,
    Loop,
    Block,
    Try,
    Switch,
}

const PLAIN: [(Plain, u32); 10] = [
    (Plain::Print, 30),
    (Plain::Decl, 20),
    (Plain::Assign, 14),
    (Plain::Call, 12),
    (Plain::FnDecl, 8),
    (Plain::If, 6),
    (Plain::Loop, 5),
    (Plain::Block, 2),
    (Plain::Try, 2),
    (Plain::Switch, 1),
];

/// What a [`Gen::for_each_loop`] walks: keys, values, or the values of an async iterable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Each {
    In,
    Of,
    AwaitOf,
}

/// Plain statement kinds followed by category producers: what [`Gen::gen_stmt`] chooses from.
pub(crate) const STMT_KINDS: usize = PLAIN.len() + Category::COUNT;

/// The weights of [`STMT_KINDS`] at the top level (`[0]`) and nested in a function or block (`[1]`),
/// computed once per program from the config.
pub(crate) fn stmt_weights(cfg: &Config) -> [[u32; STMT_KINDS]; 2] {
    let mut weights = [[0; STMT_KINDS]; 2];
    let plain_total: u32 = PLAIN.iter().map(|p| p.1).sum();
    for nested in [false, true] {
        let row = &mut weights[usize::from(nested)];
        // Plain kinds share `plain_weight` in proportion to their own weights, but a rare kind
        // (`switch`) is not rounded down to nothing. (Scaling every weight up instead would make the
        // total need two bytes of input per choice, whose modulo bias favours the first kinds.)
        for (i, (_, w)) in PLAIN.iter().enumerate() {
            row[i] = (w * cfg.plain_weight / plain_total.max(1)).max(u32::from(cfg.plain_weight > 0));
        }
        for (i, c) in Category::ALL.into_iter().enumerate() {
            let w = cfg.effective_weight(c);
            // Producers nest less often than they appear at the top level.
            row[PLAIN.len() + i] = if nested { w / 3 } else { w };
        }
    }
    weights
}

impl<'a, 'b> Gen<'a, 'b> {
    /// Up to `max` statements; each further one is added with probability `percent` while input and
    /// budget last.
    pub fn gen_stmts(&mut self, max: u32, percent: u32) -> Result<Vec<Stmt>> {
        self.plain_gen(|g| {
            let mut out = Vec::new();
            let mut n = 0;
            while n < max && g.stmts_left > 0 && g.more(percent)? {
                g.gen_stmt(&mut out)?;
                n += 1;
            }
            Ok(out)
        })
    }

    /// One plain statement or one category producer's statements, appended to `out`.
    pub fn gen_stmt(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        let nested = self.frames.len() > 1 || self.depth > 1;
        let mut weights = self.stmt_weights[usize::from(nested)];
        if !(self.room(3) && self.budget(6, 2)) {
            weights[PLAIN.len()..].fill(0);
        }
        let i = self.weighted(&weights)?;
        if i >= PLAIN.len() {
            let c = Category::ALL[i - PLAIN.len()];
            let before = out.len();
            if self.produce(c, out)? {
                return Ok(());
            }
            out.truncate(before);
            return self.plain(Plain::Print, out);
        }
        self.plain(PLAIN[i].0, out)
    }

    fn plain(&mut self, kind: Plain, out: &mut Vec<Stmt>) -> Result<()> {
        self.spend(1);
        let d = self.cfg.max_expr_depth;
        let compound = self.room(1) && self.stmts_left > 2;
        match kind {
            Plain::Print => {
                let e = self.gen_prim(d)?;
                out.push(print(e));
            }
            Plain::Decl => {
                let s = self.plain_decl()?;
                out.push(s);
            }
            Plain::Assign => match self.plain_assign()? {
                Some(s) => out.push(s),
                None => {
                    let e = self.gen_prim(d)?;
                    out.push(print(e));
                }
            },
            Plain::Call => {
                let count = self.callee_count(None, 1);
                if count == 0 {
                    let e = self.gen_prim(d)?;
                    out.push(print(e));
                } else {
                    let k = self.pick(count)?;
                    let c = self.nth_callee(None, 1, k).expect("k is below the callee count");
                    let e = self.gen_call(&c, d)?;
                    if c.fnty().ret.is_prim() && self.chance(60)? {
                        out.push(print(e));
                    } else {
                        out.push(expr_stmt(e));
                    }
                }
            }
            Plain::FnDecl if self.room(2) && self.funcs_left > 0 => {
                let max = self.cfg.max_call_rank.min(self.rank().saturating_sub(1));
                let ft = self.random_fnty(max, true)?;
                let s = self.function_decl(Role::Function, ft, |g, ft, _| g.gen_body(&ft.ret, 4))?;
                out.push(s.1);
            }
            Plain::If if compound => {
                let c = self.gen_prim(d)?;
                let a = self.with_block(|g| g.gen_stmts(3, 60))?;
                let b = if self.chance(40)? { Some(self.with_block(|g| g.gen_stmts(2, 60))?) } else { None };
                out.push(Stmt::If(c, a, b));
            }
            Plain::Loop if compound => {
                let s = self.plain_loop()?;
                out.push(s);
            }
            Plain::Block if compound => {
                let b = self.with_block(|g| g.gen_stmts(3, 60))?;
                out.push(Stmt::Block(b));
            }
            Plain::Try if compound => {
                let block = self.with_block(|g| g.gen_stmts(2, 60))?;
                let handler = if self.chance(70)? {
                    Some(self.catch_clause(Ty::Error, |g, _| g.gen_stmts(2, 50))?)
                } else {
                    None
                };
                let finalizer = if handler.is_none() || self.chance(30)? {
                    Some(self.with_block(|g| g.gen_stmts(2, 60))?)
                } else {
                    None
                };
                out.push(Stmt::Try { block, handler, finalizer });
            }
            Plain::Switch if compound => {
                let disc = self.gen_prim(1)?;
                let mut cases = Vec::new();
                for k in 0..self.int(1, 3)? {
                    let test = if k == 0 && self.chance(30)? { None } else { Some(self.prim_leaf()?) };
                    // Each case's statements get a block of their own: the cases share the switch's
                    // scope, where a declaration of one case is in its TDZ in the others.
                    let mut body = vec![Stmt::Block(self.with_block(|g| g.gen_stmts(2, 60))?)];
                    if self.chance(70)? {
                        body.push(Stmt::Break(None));
                    }
                    cases.push(Case { test, body });
                }
                out.push(Stmt::Switch(disc, cases));
            }
            _ => {
                let e = self.gen_prim(d)?;
                out.push(print(e));
            }
        }
        Ok(())
    }

    /// `var`/`let`/`const` of a primitive, function, object or array.
    fn plain_decl(&mut self) -> Result<Stmt> {
        let d = self.cfg.max_expr_depth;
        let kind = self.decl_kind(true)?;
        let ty = match self.weighted(&[70, 18, 7, 5])? {
            0 => Ty::Prim,
            1 => {
                let max = self.cfg.max_call_rank.min(self.rank().saturating_sub(1));
                Ty::Func(self.random_fnty(max, true)?)
            }
            2 => Ty::Obj(self.random_objty()?),
            _ => {
                let elem = if self.chance(50)? {
                    Ty::Prim
                } else {
                    Ty::func(vec![], Ty::Prim, self.cfg.max_call_rank.min(self.rank().saturating_sub(1)))
                };
                Ty::arr(elem, self.int(1, 3)? as u32)
            }
        };
        let role = match ty {
            Ty::Func(_) => Role::Function,
            Ty::Obj(_) => Role::Object,
            Ty::Arr(_) => Role::Array,
            _ => Role::Value,
        };
        let writable = matches!(ty, Ty::Prim | Ty::Func(_));
        let t = ty.clone();
        let (_, s) = self.declare_var(role, kind, ty, writable, |g| g.gen_value(&t, d))?;
        Ok(s)
    }

    /// An assignment to a writable binding or field, if there is one.
    fn plain_assign(&mut self) -> Result<Option<Stmt>> {
        let d = self.cfg.max_expr_depth;
        let is_var = |b: &Binding| b.readable && b.writable && matches!(b.ty, Ty::Prim | Ty::Func(_));
        let vars = self.count_visible(is_var);
        let fields = self.writable_field_count();
        match self.weighted(&[if vars == 0 { 0 } else { 4 }, if fields == 0 { 0 } else { 1 }])? {
            _ if vars == 0 && fields == 0 => Ok(None),
            0 => {
                let k = self.pick(vars)?;
                let name = self.nth_visible(false, k, is_var);
                let ty = self.binding(name).expect("a visible binding").ty.clone();
                let v = self.gen_value(&ty, d)?;
                let t = self.target(name);
                if !ty.is_prim() {
                    return Ok(Some(expr_stmt(assign(AssignOp::Assign, t, v))));
                }
                let f = self.feat;
                let ops = [
                    (AssignOp::Assign, 5),
                    (AssignOp::Add, 4),
                    (AssignOp::Sub, 1),
                    (AssignOp::Mul, 1),
                    (AssignOp::Nullish, if f.logical_assignment { 1 } else { 0 }),
                    (AssignOp::Or, if f.logical_assignment { 1 } else { 0 }),
                    (AssignOp::And, if f.logical_assignment { 1 } else { 0 }),
                ];
                let i = self.weighted(&ops.map(|o| o.1))?;
                if self.chance(20)? {
                    let increment = self.chance(70)?;
                    let prefix = self.chance(50)?;
                    return Ok(Some(expr_stmt(Expr::Update { increment, prefix, target: t })));
                }
                Ok(Some(expr_stmt(assign(ops[i].0, t, v))))
            }
            _ => {
                let k = self.pick(fields)?;
                let (obj, field, ty) = self.nth_writable_field(k);
                let v = self.gen_value(&ty, d)?;
                let o = match obj {
                    Some(n) => self.read(n),
                    None => Expr::This,
                };
                let op = if ty.is_prim() && self.chance(40)? { AssignOp::Add } else { AssignOp::Assign };
                Ok(Some(expr_stmt(assign(op, Target::Member(Box::new(o), Name::new(field)), v))))
            }
        }
    }

    /// Calls `f` on each writable field of a readable object binding (`Some(object)`), then of
    /// `this`'s known type (`None`), until it returns true.
    fn walk_writable_fields(&self, f: &mut dyn FnMut(Option<Name>, &'static str, &Ty) -> bool) {
        for &r in self.visible_indices().iter() {
            let b = self.at(r);
            if let (true, Ty::Obj(o)) = (b.readable, &b.ty) {
                for fl in o.fields.iter().filter(|fl| fl.writable) {
                    if f(Some(b.name), fl.name, &fl.ty) {
                        return;
                    }
                }
            }
        }
        if let Some(o) = &self.frame().this_obj {
            for fl in o.fields.iter().filter(|fl| fl.writable) {
                if f(None, fl.name, &fl.ty) {
                    return;
                }
            }
        }
    }

    fn writable_field_count(&self) -> usize {
        let mut n = 0;
        self.walk_writable_fields(&mut |_, _, _| {
            n += 1;
            false
        });
        n
    }

    /// The `k`th writable field (`k` below [`Gen::writable_field_count`]) and its type.
    fn nth_writable_field(&self, k: usize) -> (Option<Name>, &'static str, Ty) {
        let mut i = 0;
        let mut found = (None, "", Ty::Prim);
        self.walk_writable_fields(&mut |o, f, ty| {
            if i == k {
                found = (o, f, ty.clone());
                return true;
            }
            i += 1;
            false
        });
        found
    }

    /// A bounded loop: `for` with a `let`/`var` counter, `for-of` over a literal array or string, `for-in`
    /// over a literal object, or `while`/`do-while` counting up first thing in the body.
    fn plain_loop(&mut self) -> Result<Stmt> {
        let trips = self.int(1, i64::from(self.cfg.max_loop_trips))? as u32;
        let f = self.feat;
        match self.weighted(&[5, if f.for_of { 2 } else { 0 }, 1, 2])? {
            0 => self.counted_for(trips, |g, _| g.gen_stmts(3, 60)),
            1 => {
                let kind = self.decl_kind(true)?;
                let iterable = |g: &mut Self| {
                    if g.chance(30)? {
                        return Ok(Expr::Str("abcdefghij".chars().cycle().take(trips as usize).collect()));
                    }
                    let mut xs = Vec::new();
                    for _ in 0..trips {
                        xs.push(g.prim_leaf()?);
                    }
                    Ok(Expr::Array(xs))
                };
                self.for_each_loop(Each::Of, kind, iterable, trips, |g, _| g.gen_stmts(3, 60))
            }
            2 => {
                // Without a standard enumeration order, one key (see `Features::ordered_keys`).
                let trips = if f.ordered_keys { trips } else { 1 };
                let mut props = Vec::new();
                for k in 0..trips {
                    props.push(Prop::Init(PropKey::Name(Name::numbered("p", k)), self.small_num()?));
                }
                let kind = self.decl_kind(true)?;
                self.for_each_loop(Each::In, kind, |_| Ok(Expr::Object(props)), trips, |g, _| g.gen_stmts(3, 60))
            }
            _ => self.while_loop(trips, |g, _| g.gen_stmts(3, 60)),
        }
    }

    /// `for (let|var i = 0; i < trips; i++) { body }`; the counter is never written by the body.
    pub fn counted_for(&mut self, trips: u32, body: impl FnOnce(&mut Self, &str) -> Result<Vec<Stmt>>) -> Result<Stmt> {
        let kind = if self.feat.let_const && self.chance(60)? { DeclKind::Let } else { DeclKind::Var };
        self.push_scope(ScopeKind::Block);
        let r = (|| {
            let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
            let i = self.new_binding(Role::Counter, how, kind.binding_kind(), Ty::Prim, false)?;
            self.set_readable(i, true);
            let test = bin(BinOp::Lt, self.read(i), num(i64::from(trips)));
            let update = Expr::Update { increment: true, prefix: false, target: self.target(i) };
            let b = self.with_loop(trips, |g| g.with_block(|g| body(g, &i)))?;
            Ok(Stmt::For {
                init: Some(ForInit::Decl(kind, vec![Declarator { name: i, init: Some(num(0)) }])),
                test: Some(Box::new(test)),
                update: Some(Box::new(update)),
                body: b,
            })
        })();
        self.pop_scope();
        r
    }

    /// `for (kind x of|in object) { body }` over a literal with `trips` elements or keys, or `for
    /// await (kind x of object)` over an async iterable of `trips` values.
    pub fn for_each_loop(
        &mut self,
        each: Each,
        kind: DeclKind,
        object: impl FnOnce(&mut Self) -> Result<Expr>,
        trips: u32,
        body: impl FnOnce(&mut Self, &str) -> Result<Vec<Stmt>>,
    ) -> Result<Stmt> {
        self.push_scope(ScopeKind::Block);
        let r = (|| {
            let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
            let x = self.new_binding(Role::Value, how, kind.binding_kind(), Ty::Prim, false)?;
            // The head's expression is evaluated with the loop variable in its TDZ.
            let object = object(self)?;
            self.set_readable(x, true);
            let b = self.with_loop(trips, |g| g.with_block(|g| body(g, &x)))?;
            Ok(match each {
                Each::In => Stmt::ForIn { decl: Some(kind), name: x, object, body: b },
                Each::Of | Each::AwaitOf => Stmt::ForOf {
                    is_await: each == Each::AwaitOf,
                    decl: Some(kind),
                    target: Pattern::Name(x),
                    iterable: object,
                    body: b,
                },
            })
        })();
        self.pop_scope();
        r
    }

    /// A counter declaration followed by `while (w < trips) { w++; body }` or the `do-while` form,
    /// wrapped in a block so the counter stays local.
    pub fn while_loop(&mut self, trips: u32, body: impl FnOnce(&mut Self, &str) -> Result<Vec<Stmt>>) -> Result<Stmt> {
        let do_while = self.chance(40)?;
        self.with_block(|g| {
            let kind = g.decl_kind(false)?;
            let (w, d) = g.declare_var(Role::Counter, kind, Ty::Prim, false, |_| Ok(num(0)))?;
            let b = g.with_loop(trips, |g| {
                g.with_block(|g| {
                    // Referenced first, so the body cannot shadow the counter it bumps.
                    let bump = expr_stmt(Expr::Update { increment: true, prefix: false, target: g.target(w) });
                    let mut b = body(g, &w)?;
                    b.insert(0, bump);
                    Ok(b)
                })
            })?;
            let test = bin(BinOp::Lt, g.read(w), num(i64::from(trips)));
            let l = if do_while { Stmt::DoWhile(b, test) } else { Stmt::While(test, b) };
            Ok(Stmt::Block(vec![d, l]))
        })
    }

    /// A catch clause binding a fresh (often shadowing) name of type `ty`, with a body from `body`.
    pub fn catch_clause(&mut self, ty: Ty, body: impl FnOnce(&mut Self, &str) -> Result<Vec<Stmt>>) -> Result<Catch> {
        self.push_scope(ScopeKind::Catch);
        let r = (|| {
            let e = self.fresh_name(Role::Catch, How::Catch)?;
            self.declare(e, How::Catch, BindingKind::Catch, ty, false, true);
            let stmts = body(self, &e)?;
            Ok(Catch { param: Some(Pattern::Name(e)), body: stmts })
        })();
        self.pop_scope();
        r
    }

    /// A catch clause that prints the caught error's name (never its message), as
    /// `e.name` or (where function names are standard) `e.constructor.name`.
    pub fn catch_print_name(&mut self) -> Result<Catch> {
        let ctor = self.feat.function_names && self.chance(30)?;
        self.catch_clause(Ty::Error, |g, e| {
            let r = g.read(e);
            let name = if ctor { member(member(r, "constructor"), "name") } else { member(r, "name") };
            Ok(vec![print(name)])
        })
    }

    /// A function declaration of signature `ft` named from `role`, in the form the current position
    /// allows: a declaration in a function body, script or (when allowed) block, otherwise a `var`/`let`
    /// bound function expression. The name is readable after the body is generated.
    pub fn function_decl(
        &mut self,
        role: Role,
        ft: Rc<FnTy>,
        body: impl FnOnce(&mut Self, &Rc<FnTy>, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<(Name, Stmt)> {
        let spec = FnSpec::new(
            FunctionKind::Declaration,
            ft.params.iter().map(|p| ParamSpec::of(p.clone())).collect(),
            ft.rank,
        );
        self.function_decl_spec(role, spec, ft.ret.clone(), body)
    }

    /// Whether a function declaration can stand here: always directly in a function body or the
    /// script, in blocks only when the profile has block-level functions.
    pub fn can_declare_function_here(&self) -> bool {
        self.at_var_scope() || self.feat.block_functions
    }

    /// A function declaration named from `role`, if one can stand here (see
    /// [`Gen::can_declare_function_here`]). The name is readable after the body is generated when
    /// `readable` is set.
    pub fn function_declaration(
        &mut self,
        role: Role,
        mut spec: FnSpec,
        ret_ty: Ty,
        readable: bool,
        body: impl FnOnce(&mut Self, &Rc<FnTy>, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<Option<(Name, Stmt)>> {
        if !self.can_declare_function_here() {
            return Ok(None);
        }
        let ft =
            Rc::new(FnTy { params: spec.params.iter().map(|p| p.ty.clone()).collect(), ret: ret_ty, rank: spec.rank });
        let how = if self.at_var_scope() { How::FnTop } else { How::BlockFn };
        let name = self.fresh_name(role, how)?;
        self.declare(name, how, BindingKind::Function, Ty::Func(ft.clone()), false, false);
        spec.kind = FunctionKind::Declaration;
        spec.name = Some(name);
        self.decl_name = name;
        let f = self.with_function(spec, |g, names| body(g, &ft, names))?;
        self.set_readable(name, readable);
        Ok(Some((name, Stmt::Function(f))))
    }

    /// [`Gen::function_decl`] with a full [`FnSpec`] (its kind and name are set here).
    pub fn function_decl_spec(
        &mut self,
        role: Role,
        mut spec: FnSpec,
        ret_ty: Ty,
        body: impl FnOnce(&mut Self, &Rc<FnTy>, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<(Name, Stmt)> {
        // Generator and async declarations directly in blocks are left out (no Annex B for them, and
        // the reference interpreter refuses them).
        let plain = !spec.generator && !spec.is_async;
        let use_decl = self.at_var_scope() || (plain && self.chance(70)?);
        if use_decl && (self.at_var_scope() || plain) && self.can_declare_function_here() {
            // `body` is moved into the closure only on this path.
            return match self.function_declaration(role, spec, ret_ty, true, body)? {
                Some(r) => Ok(r),
                None => unreachable!("checked by can_declare_function_here"),
            };
        }
        // A variable holding a function expression (or arrow).
        let ft =
            Rc::new(FnTy { params: spec.params.iter().map(|p| p.ty.clone()).collect(), ret: ret_ty, rank: spec.rank });
        let ty = Ty::Func(ft.clone());
        let kind = self.decl_kind(true)?;
        let arrow = spec.arrow_ok && spec.this_obj.is_none() && self.feat.arrows && self.chance(30)?;
        spec.kind = if arrow { FunctionKind::Arrow } else { FunctionKind::Expression };
        spec.name = None;
        let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
        let name = self.new_binding(role, how, kind.binding_kind(), ty, false)?;
        self.decl_name = name;
        let mut f = self.with_function(spec, |g, names| body(g, &ft, names))?;
        f.expression_body = arrow && f.body.len() == 1;
        self.set_readable(name, true);
        Ok((name, decl(kind, &name, Some(func_expr(f)))))
    }
}
