//! The eval-with producer: sloppy direct `eval` reading, writing and declaring variables of the
//! calling function (seen by closures), strict eval's own variable scope, indirect eval at global
//! scope, functions made by `Function` (global code, and sloppy), and `with` object environments
//! captured by closures.
//!
//! Only in sloppy code, except for `Function`, whose functions are sloppy wherever they are made.
//! Eval code is constant text: expressions generated in the scope model at the eval's position and
//! printed with [`crate::print::print_expr`]. Names eval declares are either
//! fresh (`ev1`, `ev2`, ..., never used by anything else, so no global lexical binding can collide)
//! or shadow a primitive binding of an enclosing function with another primitive.

use std::rc::Rc;

use arbitrary::Result;

use super::cats::fnty;
use super::ty::*;
use super::*;
use crate::print::print_expr;

fn eval_call(code: String) -> Expr {
    call(ident("eval"), vec![Expr::Str(code.into())])
}

/// `(0, eval)(code)`
fn indirect_eval(code: String) -> Expr {
    call(Expr::Seq(vec![num(0), ident("eval")]), vec![Expr::Str(code.into())])
}

fn typeof_is_undefined(name: &str) -> Expr {
    bin(BinOp::StrictEq, unary(UnaryOp::Typeof, ident(name)), string("undefined"))
}

impl<'a, 'b> Gen<'a, 'b> {
    pub(crate) fn cat_eval_with(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.feat.eval_with {
            return Ok(false);
        }
        // `Function` makes global code, as indirect eval does (hosts without one lack both).
        let dynamic = if self.feat.indirect_eval { 2 } else { 0 };
        if self.strict() {
            // The one producer for strict code: what `Function` makes is sloppy all the same.
            return if dynamic > 0 { self.dynamic_function(out) } else { Ok(false) };
        }
        let patterns = if self.feat.destructuring { 2 } else { 0 };
        let parameters = if self.feat.default_params && self.feat.arrows { 2 } else { 0 };
        let class_keys = if self.feat.classes { 2 } else { 0 };
        match self.weighted(&[3, 3, 2, dynamic, 4, patterns, dynamic, parameters, class_keys, 2])? {
            0 => self.eval_declares(out),
            1 => self.eval_locals(out),
            2 => self.eval_strict(out),
            3 => self.eval_indirect(out),
            5 => self.pattern_in_with(out),
            6 => self.dynamic_function(out),
            7 => self.eval_in_parameters(out),
            8 => self.eval_in_class_key(out),
            9 => self.eval_var_in_catch(out),
            _ => self.with_closures(out),
        }
    }

    /// `{ function name() { return ...; } }` inside a with whose object has a property `name`: the
    /// block binding shadows the property only inside its own block.
    fn block_function_over_property(&mut self, name: Name) -> Result<Stmt> {
        self.push_scope(ScopeKind::Block);
        // Added directly: the with scope's property of this name is no declaration it clashes with.
        self.scopes.last_mut().expect("just pushed").add(Binding {
            name,
            kind: BindingKind::Function,
            ty: Ty::Func(fnty(0, Ty::Prim, 0)),
            writable: false,
            readable: false,
        });
        self.touch();
        let spec = FnSpec { name: Some(name), ..FnSpec::new(FunctionKind::Declaration, vec![], 0) };
        let f = self.with_function(spec, |g, _| Ok(vec![ret(g.gen_prim(1)?)]));
        self.pop_scope();
        Ok(Stmt::Block(vec![Stmt::Function(f?)]))
    }

    /// A fresh name for eval to declare.
    fn eval_name(&mut self) -> Name {
        self.labels += 1;
        Name::numbered("ev", self.labels)
    }

    /// A sloppy function (declaration or function expression) of `params` primitive parameters and
    /// rank `rank`, returning a primitive, with `body`.
    fn sloppy_function(
        &mut self,
        params: usize,
        rank: u32,
        body: impl FnOnce(&mut Self, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<(Name, Stmt, Rc<FnTy>)> {
        let ft = fnty(params, Ty::Prim, rank);
        let spec = FnSpec {
            strict: Strictness::Inherit,
            ..FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim(); params], rank).own_scope()
        };
        let (f, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| body(g, names))?;
        Ok((f, s, ft))
    }

    /// Declares a primitive `var` binding `name` in the current function's scope in the model, as
    /// eval just did at run time.
    fn declare_eval_var(&mut self, name: &str) {
        let vs = self.frame().var_scope;
        self.scopes[vs].add(Binding {
            name: Name::new(name),
            kind: BindingKind::Var,
            ty: Ty::Prim,
            writable: true,
            readable: true,
        });
        self.touch();
    }

    /// Sloppy direct eval declares a `var` in the calling function: a closure created before the
    /// eval, which resolved the name to an outer binding (or to nothing), now sees the new one.
    fn eval_declares(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(2, 2) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "sloppy direct eval declares a var in the calling function; an earlier closure now sees it",
        ));
        let mut outer_name = None;
        let (f, s, ft) = self.sloppy_function(1, self.rank() - 1, |g, names| {
            let mut body = g.gen_stmts(2, 40)?;
            // Shadow a primitive of an enclosing function (or the script), or use a fresh name.
            let cur = g.scopes.len() - 1;
            let candidates: Vec<Name> = g
                .visible(|b| b.readable && b.ty.is_prim())
                .into_iter()
                .filter(|(n, _, captured)| {
                    *captured
                        && !g.reserved.contains(n)
                        && g.scopes[g.frame().var_scope..=cur].iter().all(|s| s.bindings.iter().all(|b| &b.name != n))
                })
                .map(|v| v.0)
                .collect();
            // `var arguments` in the eval reuses the arguments object's binding (its initialiser
            // overwrites the object), which an arrow made before sees.
            let arguments = outer_name.is_none() && g.feat.arrows && g.chance(15)?;
            let q = if arguments {
                Name::new("arguments")
            } else if !candidates.is_empty() && g.chance(60)? {
                let q = g.pick_from(&candidates)?;
                outer_name = Some(q);
                q
            } else {
                g.eval_name()
            };
            let get_body = match &outer_name {
                Some(_) => ident(&q),
                None if arguments => unary(UnaryOp::Typeof, ident(&q)),
                None => Expr::Cond(Box::new(typeof_is_undefined(&q)), Box::new(string("none")), Box::new(ident(&q))),
            };
            g.note_lookup(q);
            // The closure below reads `q` by name: nothing may shadow it.
            g.reserved.push(q);
            let kind = g.decl_kind(true)?;
            let (get, d) = g.declare_var(Role::Function, kind, Ty::Func(fnty(0, Ty::Prim, 0)), false, |g| {
                if arguments {
                    // An arrow: a function expression would have an arguments object of its own.
                    let f =
                        g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |_, _| Ok(vec![ret(get_body)]))?;
                    return Ok(func_expr(Function { expression_body: true, ..f }));
                }
                g.closure(vec![], 0, |_, _| Ok(vec![ret(get_body)]))
            })?;
            body.push(d);
            let c = g.call_named(&get, vec![]);
            body.push(print(c));
            let a = g.read(names[0]);
            let e = g.gen_prim(1)?;
            let init = print_expr(&bin(BinOp::Add, a, e));
            body.push(expr_stmt(eval_call(format!("var {q} = {init}"))));
            g.declare_eval_var(&q);
            let c = g.call_named(&get, vec![]);
            body.push(print(c));
            if g.can_call(1) && g.chance(25)? {
                // Declaring it again in another eval finds the binding there and keeps its value
                // (19.2.1.3 step 17).
                body.push(expr_stmt(eval_call(format!("var {q}"))));
                let c = g.call_named(&get, vec![]);
                body.push(print(c));
            }
            // The eval'd var is an ordinary (deletable) binding of the function.
            let t = g.target(q);
            let v = g.small_num()?;
            body.push(expr_stmt(assign(AssignOp::Add, t, v)));
            let c = g.call_named(&get, vec![]);
            body.push(ret(c));
            Ok(body)
        })?;
        out.push(s);
        let c = self.call_gen(&f, &ft)?;
        out.push(print(c));
        if let Some(q) = outer_name {
            let r = self.read(q);
            out.push(print(r));
        }
        Ok(true)
    }

    /// Direct eval reads and writes the calling function's bindings (a closure sees the writes), and
    /// a closure created by eval code captures them too.
    fn eval_locals(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(2, 2) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "direct eval writes a local that a closure reads, and creates a closure over the locals",
        ));
        let (f, s, ft) = self.sloppy_function(1, self.rank() - 1, |g, names| {
            let p = names[0];
            let mut body = Vec::new();
            let kind = g.decl_kind(false)?;
            let (x, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
            body.push(d);
            let kind = g.decl_kind(true)?;
            let (get, d) = g.declare_var(Role::Function, kind, Ty::Func(fnty(0, Ty::Prim, 0)), false, |g| {
                g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&x)?)]))
            })?;
            body.push(d);
            body.extend(g.gen_stmts(1, 40)?);
            let (t, xr, pr) = (g.target(x), g.read(x), g.read(p));
            let write = assign(AssignOp::Assign, t, bin(BinOp::Add, xr, pr));
            body.push(expr_stmt(eval_call(print_expr(&write))));
            let c = g.call_named(&get, vec![]);
            body.push(print(c));
            // eval returns a closure created in the function's scope.
            let kind = g.decl_kind(true)?;
            let (h, d) = g.declare_var(Role::Function, kind, Ty::Func(fnty(0, Ty::Prim, 0)), false, |g| {
                let c = g.closure(vec![], 0, |g, _| {
                    let xr = g.read(x);
                    let e = g.capture_expr()?;
                    Ok(vec![ret(bin(BinOp::Mul, xr, e))])
                })?;
                Ok(eval_call(format!("({})", print_expr(&c))))
            })?;
            body.push(d);
            let t = g.target(x);
            body.push(expr_stmt(assign(AssignOp::Add, t, num(1))));
            let c = g.call_named(&h, vec![]);
            body.push(print(c));
            let c = g.call_named(&get, vec![]);
            body.push(ret(eval_call(print_expr(&bin(BinOp::Add, c, string("!"))))));
            Ok(body)
        })?;
        out.push(s);
        let c = self.call_gen(&f, &ft)?;
        out.push(print(c));
        Ok(true)
    }

    /// Strict eval code gets its own variable scope: its `var`s vanish with it.
    fn eval_strict(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 1) {
            return Ok(false);
        }
        out.push(self.tag(Category::EvalWith, "strict eval code declares its vars in a scope of its own"));
        let (f, s, ft) = self.sloppy_function(0, 0, |g, _| {
            let mut body = Vec::new();
            let (q, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, true, |g| g.gen_prim(1))?;
            body.push(d);
            let k = g.small_num()?;
            body.push(print(eval_call(format!("\"use strict\"; var {q} = {}; {q} * 2", print_expr(&k)))));
            let r = g.read(q);
            body.push(print(r));
            let fresh = g.eval_name();
            body.push(print(eval_call(format!("\"use strict\"; var {fresh} = 1; typeof {fresh}"))));
            body.push(print(unary(UnaryOp::Typeof, ident(&fresh))));
            // The same code without the directive declares in the function.
            body.push(print(eval_call(format!("var {fresh} = 2; typeof {fresh}"))));
            body.push(ret(unary(UnaryOp::Typeof, ident(&fresh))));
            Ok(body)
        })?;
        out.push(s);
        let c = self.call_gen(&f, &ft)?;
        out.push(print(c));
        Ok(true)
    }

    /// Indirect eval runs at global scope: it cannot see the caller's locals, and its `var`s become
    /// globals that closures read later.
    fn eval_indirect(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 2) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "indirect eval runs in the global scope: no access to locals, its vars become globals",
        ));
        let global = self.eval_name();
        let local = self.eval_name();
        let read_ty = fnty(0, Ty::Prim, 0);
        let g_name = global;
        let (f, s, _) = self.sloppy_function(0, 0, |g, _| {
            let mut body = vec![decl(DeclKind::Var, &local, Some(g.small_num()?))];
            body.push(print(indirect_eval(format!("typeof {local}"))));
            body.push(print(eval_call(format!("typeof {local}"))));
            let v = g.small_num()?;
            body.push(expr_stmt(indirect_eval(format!("var {g_name} = {}", print_expr(&v)))));
            Ok(body)
        })?;
        // It returns nothing useful: only this producer calls it.
        self.set_readable(f, false);
        out.push(s);
        out.push(print(unary(UnaryOp::Typeof, ident(&global))));
        self.spend_call(1);
        let fr = self.read(f);
        out.push(expr_stmt(call(fr, vec![])));
        let kind = self.decl_kind(true)?;
        let (r, d) = self.declare_var(Role::Function, kind, Ty::Func(read_ty), false, |g| {
            g.closure(vec![], 0, |_, _| Ok(vec![ret(ident(&global))]))
        })?;
        out.push(d);
        let c = self.call_named(&r, vec![]);
        out.push(print(c));
        out.push(print(unary(UnaryOp::Typeof, ident(&global))));
        Ok(true)
    }

    /// Sloppy direct eval in a parameter default declares its `var` in the function's own
    /// environment, around the parameters' (10.2.11 step 20): a later default's closure sees and
    /// writes it, a body `var` of the same name is another binding (starting `undefined`, since it
    /// names no parameter), and nothing leaks out of the function.
    fn eval_in_parameters(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 3) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "eval in a parameter default declares a var around the parameters: a later default's closure sees it, the body's var is another",
        ));
        let q = self.eval_name();
        let (k, m) = (self.small_num()?, self.small_num()?);
        let body_var = self.chance(50)?;
        // Three parameters: one passed, one defaulting to the eval, one to a closure over its var.
        let spec = FnSpec {
            strict: Strictness::Inherit,
            ..FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim(); 3], 0).own_scope()
        };
        let kind = self.decl_kind(true)?;
        let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(fnty(1, Ty::Prim, 0)), false, |g| {
            let mut passed = Name::default();
            let mut f = g.with_function(spec, |_, params| {
                let (evaluated, closure) = (params[1], params[2]);
                passed = params[0];
                let mut body = Vec::new();
                if body_var {
                    body.push(decl(DeclKind::Var, &q, Some(string("body"))));
                }
                for _ in 0..2 {
                    body.push(print(call(ident(&closure), vec![])));
                }
                let shown =
                    bin(BinOp::Add, bin(BinOp::Add, ident(&evaluated), string(":")), unary(UnaryOp::Typeof, ident(&q)));
                body.push(ret(bin(BinOp::Add, bin(BinOp::Add, shown, string(":")), ident(&passed))));
                Ok(body)
            })?;
            let code = format!("var {q} = {}; {q} * 2", print_expr(&k));
            f.params[1].default = Some(eval_call(code));
            let mut closure = Function::new(FunctionKind::Arrow, None);
            closure.body = vec![ret(assign(AssignOp::Add, Target::Ident(q), ident(&passed)))];
            closure.expression_body = true;
            f.params[2].default = Some(func_expr(closure));
            Ok(func_expr(f))
        })?;
        // Its last two parameters are not primitives to pass: only this producer calls it.
        self.set_readable(f, false);
        out.push(d);
        self.spend_call(3);
        out.push(print(call(self.read(f), vec![m])));
        out.push(print(unary(UnaryOp::Typeof, ident(&q))));
        Ok(true)
    }

    /// Adds the function declared by `s`, a call of it, and `typeof q` after the call, where the
    /// name an eval in the function declared must not be visible.
    fn call_then_typeof(&mut self, out: &mut Vec<Stmt>, s: Stmt, f: &str, ft: &Rc<FnTy>, q: &str) -> Result<bool> {
        out.push(s);
        let c = self.call_gen(f, ft)?;
        out.push(print(c));
        out.push(print(unary(UnaryOp::Typeof, ident(q))));
        Ok(true)
    }

    /// A direct eval in a class's computed key is strict code, like every part of a class, even in
    /// a sloppy function: its `var` stays in the eval's own scope, while it still reads and writes
    /// the function's locals, which the class's method then closes over.
    fn eval_in_class_key(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 2) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "eval in a class's computed key is strict code: its var stays in the eval, the function's local it writes is seen by the method",
        ));
        let q = self.eval_name();
        let (f, s, ft) = self.sloppy_function(0, 0, |g, _| {
            let (local, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, false, |g| g.small_num())?;
            let mut body = vec![d];
            let k = g.int(2, 5)?;
            // The key is the eval's completion value, `m`; the eval reads and writes `local`.
            let code = format!("var {q} = {local} * {k}; {local} = {q} + 1; \"m\"");
            let mut method = Function::new(FunctionKind::Method, None);
            method.body = vec![ret(g.read(local))];
            let class = Class {
                name: None,
                extends: None,
                members: vec![ClassMember::Method {
                    is_static: false,
                    key: PropKey::Computed(eval_call(code)),
                    func: method,
                }],
            };
            let object = Expr::New(Box::new(Expr::Class(Box::new(class))), vec![]);
            body.push(print(method_call(object, "m", vec![])));
            body.push(print(unary(UnaryOp::Typeof, ident(&q))));
            body.push(ret(g.read(local)));
            Ok(body)
        })?;
        self.call_then_typeof(out, s, &f, &ft, &q)
    }

    /// Annex B.3.4: a direct eval in a catch block declares a `var` named like the catch parameter.
    /// The var is created in the function (undefined after the catch), while the initialiser
    /// assigns the catch parameter, which a closure made in the block sees.
    fn eval_var_in_catch(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 3) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "eval in a catch block declares a var named like the catch parameter: the function gets the var, the parameter the value",
        ));
        // Fresh names for the parameter and the var, and for the closure: nothing else in the
        // program declares them.
        let (q, reader) = (self.eval_name(), self.eval_name());
        let arrows = self.feat.arrows;
        let (f, s, ft) = self.sloppy_function(1, 0, |g, names| {
            let (local, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, false, |g| g.small_num())?;
            let mut body = vec![d];
            let mut read = Function::new(if arrows { FunctionKind::Arrow } else { FunctionKind::Expression }, None);
            read.body = vec![ret(ident(&q))];
            read.expression_body = arrows;
            let k = g.int(2, 5)?;
            let handler = Catch {
                param: Some(Pattern::Name(q)),
                body: vec![
                    decl(DeclKind::Var, &reader, Some(func_expr(read))),
                    expr_stmt(eval_call(format!("var {q} = {reader}() * {k} + {local}"))),
                    print(bin(BinOp::Add, string("closure "), call(ident(&reader), vec![]))),
                    print(bin(BinOp::Add, string("param "), ident(&q))),
                ],
            };
            let thrown = g.read(names[0]);
            body.push(Stmt::Try { block: vec![Stmt::Throw(thrown)], handler: Some(handler), finalizer: None });
            body.push(print(bin(BinOp::Add, string("function var "), ident(&q))));
            body.push(ret(g.read(local)));
            Ok(body)
        })?;
        self.call_then_typeof(out, s, &f, &ft, &q)
    }

    /// A function made by `Function` (or `new Function`) is global code: its names resolve in the
    /// global scope, never in the function that made it, and it is sloppy unless its own body says
    /// otherwise, whatever the code around it (so its `arguments` is mapped and its `this` is the
    /// global object); a closure it returns keeps the locals of its call.
    fn dynamic_function(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 2) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "a function made by Function sees the global scope, not its maker's locals, and is sloppy code",
        ));
        // The maker's local, and later a global of the same name; then the maker's two functions.
        let (q, reader, counter) = (self.eval_name(), self.eval_name(), self.eval_name());
        let defaults = self.feat.default_params;
        let (f, s, _) = self.sloppy_function(0, 0, |g, _| {
            let mut body = vec![decl(DeclKind::Var, &q, Some(g.small_num()?))];
            let param = if defaults && g.chance(50)? { format!("n = typeof {q}") } else { "n".to_owned() };
            let make = g.dynamic(vec![param, format!("return typeof {q} + \":\" + n;")])?;
            body.push(decl(DeclKind::Var, &reader, Some(make)));
            let read_local = |args: Vec<Expr>| print(call(ident(&reader), args));
            body.push(read_local(vec![ident(&q)]));
            // A sloppy assignment to an undeclared name creates a global property.
            let v = g.int(10, 99)?;
            body.push(expr_stmt(call(g.dynamic(vec![format!("{q} = {v};")])?, vec![])));
            body.push(read_local(vec![ident(&q)]));
            if defaults {
                body.push(read_local(vec![]));
            }
            let make = g.dynamic(vec![
                "k".to_owned(),
                format!("var c = {q} + k; return function () {{ c += 1; return c; }};"),
            ])?;
            body.push(decl(DeclKind::Var, &counter, Some(call(make, vec![g.small_num()?]))));
            body.push(print(call(ident(&counter), vec![])));
            body.push(print(call(ident(&counter), vec![])));
            let sloppy = g.dynamic(vec!["a".to_owned(), "arguments[0] = 9; return a + typeof this;".to_owned()])?;
            body.push(print(call(sloppy, vec![g.small_num()?])));
            body.push(ret(ident(&q)));
            Ok(body)
        })?;
        // It returns its local: only this producer calls it.
        self.set_readable(f, false);
        out.push(s);
        out.push(print(unary(UnaryOp::Typeof, ident(&q))));
        self.spend_call(1);
        let fr = self.read(f);
        out.push(print(call(fr, vec![])));
        out.push(print(ident(&q)));
        Ok(true)
    }

    /// `Function(params..., body)` or `new Function(...)`, with the parameters and body as strings.
    fn dynamic(&mut self, parts: Vec<String>) -> Result<Expr> {
        let args = parts.into_iter().map(|p| Expr::Str(p.into())).collect();
        Ok(if self.chance(50)? { Expr::New(Box::new(ident("Function")), args) } else { call(ident("Function"), args) })
    }

    /// `with`: closures created in its body resolve names through the object first; later writes,
    /// additions and deletions of properties change what they see.
    fn with_closures(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 8) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::EvalWith,
            "closures created in with resolve through the object: property writes, additions and deletions show",
        ));
        let kind = self.decl_kind(false)?;
        let (k, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.push(d);
        let kind = self.decl_kind(false)?;
        let (l, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.push(d);
        let kind = self.decl_kind(true)?;
        let k2 = k;
        let (o, d) = self.declare_var(Role::Object, kind, Ty::Obj(Rc::new(ObjTy { fields: vec![] })), false, |g| {
            let getv = g.with_function(FnSpec::new(FunctionKind::Expression, vec![], 0).own_scope(), |_, _| {
                Ok(vec![ret(member(Expr::This, "v"))])
            })?;
            Ok(Expr::Object(vec![
                Prop::Init(PropKey::Name(k2), g.gen_prim(1)?),
                Prop::Init(PropKey::Name("v".into()), g.small_num()?),
                Prop::Init(PropKey::Name("getV".into()), func_expr(getv)),
            ]))
        })?;
        self.set_readable(o, false);
        out.push(d);
        let get_ty = fnty(0, Ty::Prim, 0);
        let (hs, d) = self.declare_uninit(Role::Function, &[Ty::Func(get_ty.clone()), Ty::Func(get_ty)])?;
        out.push(d);
        let (h1, h2) = (hs[0], hs[1]);
        // A sloppy block function named like one of the object's properties, declared in the
        // with: evaluating it copies it into the function's var (B.3.2.1), never into the object.
        let v_name = Name::new("v");
        let function_in_with = self.feat.block_functions
            && self.lookup(v_name).is_none()
            && self.can_declare(v_name, How::Var)
            && self.can_call(1)
            && self.chance(35)?;
        // The object environment: its properties are bindings for the code inside.
        self.push_scope(ScopeKind::With);
        for name in [k.as_str(), "v"] {
            let s = self.scopes.last_mut().expect("just pushed");
            s.add(Binding {
                name: Name::new(name),
                kind: BindingKind::Var,
                ty: Ty::Prim,
                writable: true,
                readable: true,
            });
        }
        self.touch();
        let body = self.with_block(|g| {
            let mut b = Vec::new();
            let c1 = g.closure(vec![], 0, |g, _| {
                let (kr, vr) = (g.read(k), g.read("v"));
                Ok(vec![ret(bin(BinOp::Add, kr, vr))])
            })?;
            let t = g.target(h1);
            b.push(expr_stmt(assign(AssignOp::Assign, t, c1)));
            let c2 = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.read(l))]))?;
            let t = g.target(h2);
            b.push(expr_stmt(assign(AssignOp::Assign, t, c2)));
            // A function found through the object is called with the object as `this`.
            g.spend_call(1);
            b.push(print(call(ident("getV"), vec![])));
            b.extend(g.gen_stmts(2, 50)?);
            let (t, kr) = (g.target(k), g.read(k));
            b.push(expr_stmt(assign(AssignOp::Assign, t, bin(BinOp::Add, kr, num(1)))));
            if function_in_with {
                b.push(g.block_function_over_property(v_name)?);
            }
            Ok(b)
        });
        self.pop_scope();
        let body = body?;
        let or = self.read(o);
        out.push(Stmt::With(or, body));
        if function_in_with {
            // The var the block function was copied into (not read by generated code: the model
            // types it as a primitive).
            self.declare(v_name, How::Var, BindingKind::Var, Ty::Prim, false, false);
            let or = self.read(o);
            out.push(print(unary(UnaryOp::Typeof, member(or, "v"))));
            self.spend_call(1);
            let r = self.read(v_name);
            out.push(print(call(r, vec![])));
        }
        self.set_readable(h1, true);
        self.set_readable(h2, true);
        let c = self.call_named(&h1, vec![]);
        out.push(print(c));
        let r = self.read(k);
        out.push(print(r));
        let (or, v) = (self.read(o), self.gen_prim(1)?);
        out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(or), k), v)));
        let c = self.call_named(&h1, vec![]);
        out.push(print(c));
        if self.feat.delete {
            let or = self.read(o);
            out.push(print(unary(UnaryOp::Delete, member(or, &k))));
            let c = self.call_named(&h1, vec![]);
            out.push(print(c));
            let c = self.call_named(&h2, vec![]);
            out.push(print(c));
        }
        let (or, v) = (self.read(o), self.small_num()?);
        out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(or), l), v)));
        let c = self.call_named(&h2, vec![]);
        out.push(print(c));
        Ok(true)
    }
}
