//! Classes: the class-scope producer (class name bindings, field initialisers, static blocks,
//! `extends`/`super`, methods capturing outer variables) and the `#private` half of private-state.
//!
//! Class bodies are strict code, so every function generated in one is strict without a directive
//! of its own ([`FnSpec::class_code`]). Field initialisers and static blocks are generated as
//! function-like frames without `arguments` (an early error there). Code that runs while an
//! instance is being constructed (field initialisers, constructors, methods a base constructor
//! calls) gets no `this` type, so random code never calls a field that is not defined yet.

use std::rc::Rc;

use arbitrary::Result;

use super::cats::{field, fnty};
use super::ty::*;
use super::*;

fn data(name: &'static str) -> Field {
    Field { name, ty: Ty::Prim, writable: true, getter: false }
}

fn this_member(name: &str) -> Expr {
    member(Expr::This, name)
}

fn this_assign(name: &str, value: Expr) -> Stmt {
    expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(Expr::This), Name::new(name)), value))
}

fn new_expr(callee: Expr, args: Vec<Expr>) -> Expr {
    Expr::New(Box::new(callee), args)
}

fn key(name: &str) -> PropKey {
    PropKey::Name(Name::new(name))
}

fn private(name: &str) -> PropKey {
    PropKey::Private(Name::new(name))
}

/// `#name` as a member name.
fn hash_name(name: &str) -> Name {
    let mut text = [0u8; crate::name::NAME_CAPACITY + 1];
    text[0] = b'#';
    text[1..=name.len()].copy_from_slice(name.as_bytes());
    Name::new(std::str::from_utf8(&text[..=name.len()]).expect("an identifier after `#`"))
}

/// `object.#name`
fn private_member(object: Expr, name: &str) -> Expr {
    Expr::Member(Box::new(object), hash_name(name))
}

fn private_target(object: Expr, name: &str) -> Target {
    Target::Member(Box::new(object), hash_name(name))
}

impl<'a, 'b> Gen<'a, 'b> {
    /// A method, getter, setter or constructor of a class: strict, with `this` typed `this_obj` for
    /// the random code in it.
    #[allow(clippy::too_many_arguments)]
    fn class_method(
        &mut self,
        name: &str,
        is_static: bool,
        kind: FunctionKind,
        params: Vec<ParamSpec>,
        rank: u32,
        this_obj: Option<Rc<ObjTy>>,
        body: impl FnOnce(&mut Self, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<ClassMember> {
        let spec = FnSpec {
            class_code: true,
            strict: Strictness::Inherit,
            this_obj,
            ..FnSpec::new(kind, params, rank).own_scope()
        };
        let func = self.with_function(spec, body)?;
        Ok(ClassMember::Method { is_static, key: key(name), func })
    }

    /// Generates the code of a field initialiser or static block in a function-like frame of its own
    /// (strict, no `arguments`, `this` typed `this_obj` for random code, rank 0).
    fn class_element<T>(&mut self, this_obj: Option<Rc<ObjTy>>, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let spec = FnSpec {
            class_code: true,
            no_arguments: true,
            strict: Strictness::Inherit,
            this_obj,
            ..FnSpec::new(FunctionKind::Method, vec![], 0).own_scope()
        };
        let mut out = None;
        self.with_function(spec, |g, _| {
            out = Some(f(g)?);
            Ok(Vec::new())
        })?;
        Ok(out.expect("set by the closure"))
    }

    /// A method whose body is `return 1;` (for members whose key is what a producer exercises).
    fn constant_method(&mut self) -> Result<Function> {
        let spec = FnSpec {
            class_code: true,
            strict: Strictness::Inherit,
            ..FnSpec::new(FunctionKind::Method, vec![], 0).own_scope()
        };
        self.with_function(spec, |_, _| Ok(vec![ret(num(1))]))
    }

    /// An arrow (in class code) whose body is `body`'s expression.
    fn class_arrow(&mut self, rank: u32, body: impl FnOnce(&mut Self) -> Result<Expr>) -> Result<Expr> {
        let spec = FnSpec { strict: Strictness::Inherit, ..FnSpec::new(FunctionKind::Arrow, vec![], rank) };
        let mut f = self.with_function(spec, |g, _| Ok(vec![ret(body(g)?)]))?;
        f.expression_body = true;
        Ok(func_expr(f))
    }

    /// A class bound to a new name of type `ty`: a declaration `class C { ... }` (whose inner name is
    /// `C`) or `let|const|var C = class [Inner] { ... }`. `members` builds the heritage and the body
    /// with the inner name (if any) in scope but unreadable to random code. The outer name is readable
    /// afterwards.
    fn class_binding(
        &mut self,
        ty: Ty,
        members: impl FnOnce(&mut Self, Option<&str>) -> Result<(Option<Expr>, Vec<ClassMember>)>,
    ) -> Result<(Name, Stmt)> {
        let as_decl = self.chance(55)?;
        if as_decl {
            let name = self.new_binding(Role::Class, How::Lexical, BindingKind::Class, ty, false)?;
            let class = self.class_body(Some(name), members)?;
            self.set_readable(name, true);
            return Ok((name, Stmt::Class(class)));
        }
        let named = self.chance(60)?;
        let kind = self.decl_kind(true)?;
        let inner = if named { Some(self.class_inner_name()?) } else { None };
        self.declare_var(Role::Class, kind, ty, false, |g| {
            let class = g.class_body(inner, members)?;
            Ok(Expr::Class(Box::new(class)))
        })
    }

    /// A name for a class expression's inner binding that shadows nothing reserved.
    fn class_inner_name(&mut self) -> Result<Name> {
        let free: Vec<&str> =
            ["Inner", "Self", "K"].into_iter().filter(|n| !self.reserved.iter().any(|r| r == n)).collect();
        if free.is_empty() {
            return Ok(Name::new("Inner"));
        }
        Ok(Name::new(self.pick_from(&free)?))
    }

    /// The class scope (holding the inner name binding) around `members`.
    fn class_body(
        &mut self,
        inner: Option<Name>,
        members: impl FnOnce(&mut Self, Option<&str>) -> Result<(Option<Expr>, Vec<ClassMember>)>,
    ) -> Result<Class> {
        self.push_scope(ScopeKind::Block);
        if let Some(n) = &inner {
            self.declare(n, How::Lexical, BindingKind::Class, Ty::Prim, false, false);
        }
        let r = members(self, inner.as_deref());
        self.pop_scope();
        let (extends, members) = r?;
        Ok(Class { name: inner, extends: extends.map(Box::new), members })
    }

    /// `const o = new C(args)` with type `ty`, spending one call.
    fn construct(&mut self, class: &str, args: Vec<Expr>, ty: Rc<ObjTy>) -> Result<(Name, Stmt)> {
        let kind = self.decl_kind(true)?;
        self.declare_var(Role::Object, kind, Ty::Obj(ty), false, |g| {
            g.spend_call(1);
            let c = g.read(class);
            Ok(new_expr(c, args))
        })
    }

    /// `print(object.name(args))`, spending one call.
    fn print_method(&mut self, object: &str, name: &str, args: Vec<Expr>) -> Stmt {
        self.spend_call(1);
        let o = self.read(object);
        print(method_call(o, name, args))
    }

    // ----- class-scope ------------------------------------------------------------------------------

    pub(crate) fn cat_class_scope(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.feat.classes {
            return Ok(false);
        }
        match self.pick(5)? {
            0 => self.class_captures(out),
            1 => self.class_inner_name_binding(out),
            2 => self.class_extends(out),
            3 => self.class_factory(out),
            _ if self.feat.static_blocks => self.class_static_block(out),
            _ => self.class_captures(out),
        }
    }

    /// Methods and field initialisers capture an outer variable; initialisers run per instance.
    fn class_captures(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(2, 7) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::ClassScope,
            "methods and field initialisers capture an outer variable; initialisers run per instance",
        ));
        let kind = self.decl_kind(false)?;
        let (cap, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.push(d);
        let r = self.rank() - 1;
        let get_ty = fnty(0, Ty::Prim, 0);
        let m_ty = fnty(1, Ty::Prim, r);
        let who_ty = fnty(0, Ty::Prim, 0);
        let inst = Rc::new(ObjTy {
            fields: vec![data("v"), field("get", Ty::Func(get_ty.clone())), field("m", Ty::Method(m_ty.clone()))],
        });
        let stat = Rc::new(ObjTy { fields: vec![field("who", Ty::Method(who_ty))] });
        let use_fields = self.feat.class_fields && self.chance(60)?;
        let inst2 = inst.clone();
        let (c, s) = self.class_binding(Ty::Obj(stat), |g, inner| {
            let mut members = Vec::new();
            // `v` from the captured variable, `get` an arrow over `this`.
            let v_init = |g: &mut Self| -> Result<Expr> {
                let c = g.read(cap);
                let k = g.prim_leaf()?;
                Ok(bin(BinOp::Add, c, k))
            };
            let get_init = |g: &mut Self| -> Result<Expr> {
                g.class_arrow(0, |g| {
                    let e = g.capture_expr()?;
                    Ok(bin(BinOp::Add, this_member("v"), e))
                })
            };
            if use_fields {
                let v = g.class_element(None, v_init)?;
                members.push(ClassMember::Field { is_static: false, key: key("v"), value: Some(v) });
                let gv = g.class_element(None, get_init)?;
                members.push(ClassMember::Field { is_static: false, key: key("get"), value: Some(gv) });
            } else {
                members.push(g.class_method("constructor", false, FunctionKind::Method, vec![], 0, None, |g, _| {
                    let v = v_init(g)?;
                    let gv = get_init(g)?;
                    Ok(vec![this_assign("v", v), this_assign("get", gv)])
                })?);
            }
            members.push(g.class_method(
                "m",
                false,
                FunctionKind::Method,
                vec![ParamSpec::prim()],
                r,
                Some(inst2),
                |g, names| {
                    let mut body = g.gen_stmts(2, 40)?;
                    let t = g.target(cap);
                    let d = g.read(names[0]);
                    body.push(expr_stmt(assign(AssignOp::Add, t, d)));
                    let c = g.read(cap);
                    body.push(ret(bin(BinOp::Add, bin(BinOp::Mul, this_member("v"), num(2)), c)));
                    Ok(body)
                },
            )?);
            let inner = inner.map(str::to_string);
            members.push(g.class_method("who", true, FunctionKind::Method, vec![], 0, None, |g, _| {
                Ok(vec![ret(match &inner {
                    Some(n) => unary(UnaryOp::Typeof, g.read(n)),
                    None => string("anonymous"),
                })])
            })?);
            Ok((None, members))
        })?;
        out.push(s);
        let (o1, d) = self.construct(&c, vec![], inst.clone())?;
        out.push(d);
        out.push(self.print_method(&o1, "get", vec![]));
        let v = self.gen_prim(1)?;
        let t = self.target(cap);
        out.push(expr_stmt(assign(AssignOp::Assign, t, v)));
        let (o2, d) = self.construct(&c, vec![], inst)?;
        out.push(d);
        for o in [&o2, &o1] {
            let r = self.read(o);
            out.push(print(member(r, "v")));
        }
        let k = self.small_num()?;
        out.push(self.print_method(&o1, "m", vec![k]));
        let cr = self.read(cap);
        out.push(print(cr));
        out.push(self.print_method(&c, "who", vec![]));
        Ok(true)
    }

    /// The inner class-name binding: immutable inside the class, unaffected by rebinding the outer
    /// name, in its TDZ in `extends` and computed keys.
    fn class_inner_name_binding(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::ClassScope,
            "the class's own name inside it is immutable, survives rebinding the outer name, and is in its TDZ in extends and computed keys",
        ));
        let tag_ty = fnty(0, Ty::Prim, 0);
        let stat = Rc::new(ObjTy { fields: vec![field("tag", Ty::Method(tag_ty))] });
        // The outer binding is rebound below, so it is declared with `let` or as a declaration.
        let as_decl = self.chance(50)?;
        let members = |g: &mut Self, inner: &str| -> Result<Vec<ClassMember>> {
            let inner = Name::new(inner);
            let mut ms = Vec::new();
            ms.push(g.class_method("self", true, FunctionKind::Method, vec![], 0, None, |g, _| {
                Ok(vec![ret(g.read(inner))])
            })?);
            ms.push(g.class_method("tag", true, FunctionKind::Method, vec![], 0, None, |g, _| {
                let r = g.read(inner);
                Ok(vec![ret(unary(UnaryOp::Typeof, r))])
            })?);
            ms.push(g.class_method("rename", false, FunctionKind::Method, vec![], 0, None, |g, _| {
                let t = g.target(inner);
                let v = g.small_num()?;
                let handler = g.catch_clause(Ty::Error, |g, e| {
                    let r = g.read(e);
                    Ok(vec![ret(member(r, "name"))])
                })?;
                Ok(vec![
                    Stmt::Try {
                        block: vec![expr_stmt(assign(AssignOp::Assign, t, v))],
                        handler: Some(handler),
                        finalizer: None,
                    },
                    ret(string("assigned")),
                ])
            })?);
            Ok(ms)
        };
        let (c, s) = if as_decl {
            let name = self.new_binding(Role::Class, How::Lexical, BindingKind::Class, Ty::Obj(stat.clone()), true)?;
            let n2 = name;
            let class = self.class_body(Some(name), |g, _| Ok((None, members(g, &n2)?)))?;
            self.set_readable(name, true);
            (name, Stmt::Class(class))
        } else {
            let inner = self.class_inner_name()?;
            self.declare_var(Role::Class, DeclKind::Let, Ty::Obj(stat.clone()), true, |g| {
                let i2 = inner;
                let class = g.class_body(Some(inner), |g, _| Ok((None, members(g, &i2)?)))?;
                Ok(Expr::Class(Box::new(class)))
            })?
        };
        out.push(s);
        let kind = self.decl_kind(true)?;
        let (keep, d) = self.declare_var(Role::Object, kind, Ty::Obj(stat), false, |g| Ok(g.read(c)))?;
        out.push(d);
        self.spend_call(2);
        let cr = self.read(c);
        out.push(print(method_call(new_expr(cr, vec![]), "rename", vec![])));
        // Rebinding the outer name: the class still knows itself.
        if let Some(b) = self.binding_mut(c) {
            b.ty = Ty::Prim;
            b.writable = true;
        }
        let t = self.target(c);
        out.push(expr_stmt(assign(AssignOp::Assign, t, Expr::Null)));
        self.spend_call(2);
        let (k1, k2) = (self.read(keep), self.read(keep));
        out.push(print(bin(BinOp::StrictEq, method_call(k1, "self", vec![]), k2)));
        let k = self.read(keep);
        out.push(print(method_call(k, "tag", vec![])));
        // The TDZ of the class's own name while its heritage or a computed key is evaluated.
        let in_extends = self.chance(50)?;
        let b = self.with_block(|g| {
            let t = g.new_binding(Role::Class, How::Lexical, BindingKind::Class, Ty::Prim, false)?;
            let class = g.class_body(Some(t), |g, _| {
                let r = g.read(t);
                if in_extends {
                    return Ok((Some(r), vec![]));
                }
                let func = g.constant_method()?;
                Ok((None, vec![ClassMember::Method { is_static: false, key: PropKey::Computed(r), func }]))
            })?;
            Ok(vec![Stmt::Class(class)])
        })?;
        out.push(self.guarded(b)?);
        // A closure created in a computed key sees the inner binding once it is initialised.
        let peek_ty = fnty(0, Ty::Prim, 0);
        let (names, d) = self.declare_uninit(Role::Function, &[Ty::Func(peek_ty.clone())])?;
        out.push(d);
        let peek = names[0];
        let b = self.with_block(|g| {
            let t = g.new_binding(Role::Class, How::Lexical, BindingKind::Class, Ty::Prim, false)?;
            let class = g.class_body(Some(t), |g, _| {
                let arrow = g.class_arrow(0, |g| {
                    let r = g.read(t);
                    Ok(unary(UnaryOp::Typeof, r))
                })?;
                let pt = g.target(peek);
                let k = Expr::Seq(vec![assign(AssignOp::Assign, pt, arrow), string("k")]);
                let func = g.constant_method()?;
                Ok((None, vec![ClassMember::Method { is_static: false, key: PropKey::Computed(k), func }]))
            })?;
            Ok(vec![Stmt::Class(class)])
        })?;
        out.push(Stmt::Block(b));
        self.set_readable(peek, true);
        let c = self.call_named(&peek, vec![]);
        out.push(print(c));
        Ok(true)
    }

    /// `extends` and `super`: super calls, super property access from methods and from an arrow in
    /// the constructor, a base constructor calling an overridden method before the derived fields
    /// exist, static methods inherited with `this` as the subclass.
    fn class_extends(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(3, 6) {
            return Ok(false);
        }
        // The derived constructor may also make an arrow over `this` before `super()` (calling it
        // then throws) and call `super()` through an arrow, which initialises the constructor's `this`.
        let arrow_super = self.feat.arrows && self.feat.let_const && self.chance(40)?;
        out.push(self.tag(
            Category::ClassScope,
            if arrow_super {
                "extends and super: an arrow made before super() sees this once an arrow has called super()"
            } else {
                "extends and super: super calls and properties from methods and arrows, overrides seen during base construction"
            },
        ));
        let base_get = fnty(0, Ty::Prim, 0);
        let base_inst =
            Rc::new(ObjTy { fields: vec![data("v"), data("seen"), field("get", Ty::Method(base_get.clone()))] });
        let base_stat = Rc::new(ObjTy { fields: vec![] });
        let (base, s) = self.class_binding(Ty::Obj(base_stat.clone()), |g, _| {
            let mut ms = Vec::new();
            ms.push(g.class_method(
                "constructor",
                false,
                FunctionKind::Method,
                vec![ParamSpec::prim()],
                1,
                None,
                |g, n| {
                    let a = g.read(n[0]);
                    g.spend_call(1);
                    Ok(vec![this_assign("v", a), this_assign("seen", method_call(Expr::This, "kind", vec![]))])
                },
            )?);
            ms.push(g.class_method("kind", false, FunctionKind::Method, vec![], 0, None, |_, _| {
                Ok(vec![ret(string("base"))])
            })?);
            ms.push(g.class_method("get", false, FunctionKind::Method, vec![], 0, None, |g, _| {
                let e = g.capture_expr()?;
                Ok(vec![ret(bin(BinOp::Add, this_member("v"), e))])
            })?);
            ms.push(g.class_method("make", true, FunctionKind::Method, vec![ParamSpec::prim()], 2, None, |g, n| {
                let a = g.read(n[0]);
                Ok(vec![ret(new_expr(Expr::This, vec![a]))])
            })?);
            Ok((None, ms))
        })?;
        out.push(s);
        let up_ty = fnty(0, Ty::Prim, 1);
        let der_get = fnty(0, Ty::Prim, 1);
        let der_inst = Rc::new(ObjTy {
            fields: vec![
                data("v"),
                data("seen"),
                data("w"),
                field("get", Ty::Method(der_get)),
                field("up", Ty::Func(up_ty)),
            ],
        });
        let use_fields = self.feat.class_fields && self.chance(60)?;
        let (der, s) = self.class_binding(Ty::Obj(base_stat), |g, _| {
            let heritage = g.read(base);
            let mut ms = Vec::new();
            if use_fields {
                // An instance field's home object is the prototype: super.kind() there is the
                // base class's prototype method, not a static one (15.7.14).
                let from_super = g.can_call(1) && g.chance(30)?;
                let w = g.class_element(None, |g| {
                    let p = g.gen_prim(1)?;
                    if !from_super {
                        return Ok(p);
                    }
                    g.spend_call(1);
                    Ok(bin(BinOp::Add, method_call(Expr::Super, "kind", vec![]), p))
                })?;
                ms.push(ClassMember::Field { is_static: false, key: key("w"), value: Some(w) });
            }
            ms.push(g.class_method(
                "constructor",
                false,
                FunctionKind::Method,
                vec![ParamSpec::prim()],
                2,
                None,
                |g, n| {
                    let mut body = Vec::new();
                    let peek = if arrow_super {
                        let ty = Ty::Func(fnty(0, Ty::Prim, 0));
                        let (peek, d) = g.declare_var(Role::Function, DeclKind::Const, ty, false, |g| {
                            g.class_arrow(0, |_| Ok(this_member("v")))
                        })?;
                        // Only called here: before `super()` it throws.
                        g.set_readable(peek, false);
                        body.push(d);
                        let c = g.call_named(&peek, vec![]);
                        body.push(g.guarded(vec![print(c)])?);
                        Some(peek)
                    } else {
                        None
                    };
                    let a = g.read(n[0]);
                    let super_call = call(Expr::Super, vec![bin(BinOp::Mul, a, num(2))]);
                    if arrow_super {
                        let by_arrow = g.class_arrow(0, |_| Ok(super_call))?;
                        g.spend_call(1);
                        body.push(expr_stmt(call(by_arrow, vec![])));
                    } else {
                        body.push(expr_stmt(super_call));
                    }
                    if let Some(peek) = peek {
                        let c = g.call_named(&peek, vec![]);
                        body.push(print(c));
                    }
                    if !use_fields {
                        body.push(this_assign("w", g.gen_prim(1)?));
                    }
                    let up = g.class_arrow(1, |_| {
                        Ok(bin(BinOp::Add, method_call(Expr::Super, "get", vec![]), this_member("w")))
                    })?;
                    body.push(this_assign("up", up));
                    Ok(body)
                },
            )?);
            ms.push(g.class_method("kind", false, FunctionKind::Method, vec![], 0, None, |_, _| {
                Ok(vec![ret(unary(UnaryOp::Typeof, this_member("w")))])
            })?);
            ms.push(g.class_method("get", false, FunctionKind::Method, vec![], 1, None, |g, _| {
                let k = g.small_num()?;
                Ok(vec![ret(bin(BinOp::Add, method_call(Expr::Super, "get", vec![]), k))])
            })?);
            Ok((Some(heritage), ms))
        })?;
        out.push(s);
        let a = self.small_num()?;
        let (d, st) = self.construct(&der, vec![a], der_inst)?;
        out.push(st);
        let dr = self.read(d);
        out.push(print(member(dr, "seen")));
        out.push(self.print_method(&d, "get", vec![]));
        out.push(self.print_method(&d, "up", vec![]));
        let (dr, br) = (self.read(d), self.read(base));
        out.push(print(bin(BinOp::Instanceof, dr, br)));
        let a = self.small_num()?;
        let (b, st) = self.construct(&base, vec![a], base_inst)?;
        out.push(st);
        let br = self.read(b);
        out.push(print(member(br, "seen")));
        // A static method inherited by the subclass: `new this` builds a subclass instance.
        self.spend_call(2);
        let dr = self.read(der);
        let a = self.small_num()?;
        out.push(print(method_call(method_call(dr, "make", vec![a]), "get", vec![])));
        Ok(true)
    }

    /// A function returning a class expression: each call makes a fresh class closing over that
    /// call's parameter.
    fn class_factory(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 7) {
            return Ok(false);
        }
        out.push(
            self.tag(Category::ClassScope, "each call of a factory makes a fresh class closing over its parameter"),
        );
        let of_ty = fnty(0, Ty::Prim, 0);
        let get_ty = fnty(0, Ty::Prim, 0);
        let stat = Rc::new(ObjTy { fields: vec![field("of", Ty::Method(of_ty))] });
        let inst = Rc::new(ObjTy { fields: vec![data("v"), field("get", Ty::Method(get_ty))] });
        let mk_ty = fnty(1, Ty::Prim, 0);
        let use_fields = self.feat.class_fields && self.chance(50)?;
        let (mk, s) = self.function_decl(Role::Function, mk_ty, |g, _, names| {
            let a = names[0];
            let class = g.class_body(None, |g, _| {
                let mut ms = Vec::new();
                if use_fields {
                    let v = g.class_element(None, |g| {
                        let r = g.read(a);
                        let k = g.small_num()?;
                        Ok(bin(BinOp::Mul, r, k))
                    })?;
                    ms.push(ClassMember::Field { is_static: false, key: key("v"), value: Some(v) });
                    let s = g.class_element(None, |g| g.capture_expr())?;
                    ms.push(ClassMember::Field { is_static: true, key: key("s"), value: Some(s) });
                } else {
                    ms.push(g.class_method("constructor", false, FunctionKind::Method, vec![], 0, None, |g, _| {
                        let r = g.read(a);
                        let k = g.small_num()?;
                        Ok(vec![this_assign("v", bin(BinOp::Mul, r, k))])
                    })?);
                }
                ms.push(g.class_method("get", false, FunctionKind::Method, vec![], 0, None, |g, _| {
                    let r = g.read(a);
                    Ok(vec![ret(bin(BinOp::Add, this_member("v"), r))])
                })?);
                ms.push(g.class_method("of", true, FunctionKind::Method, vec![], 0, None, |g, _| {
                    let r = g.read(a);
                    Ok(vec![ret(r)])
                })?);
                Ok((None, ms))
            })?;
            Ok(vec![ret(Expr::Class(Box::new(class)))])
        })?;
        // It returns a class, not a primitive: only this producer calls it.
        self.set_readable(mk, false);
        out.push(s);
        let mut classes = Vec::new();
        for _ in 0..2 {
            let kind = self.decl_kind(true)?;
            let (c, d) = self.declare_var(Role::Class, kind, Ty::Obj(stat.clone()), false, |g| {
                let a = g.small_num()?;
                Ok(g.call_named(&mk, vec![a]))
            })?;
            out.push(d);
            classes.push(c);
        }
        for c in classes.clone() {
            let (o, d) = self.construct(&c, vec![], inst.clone())?;
            out.push(d);
            out.push(self.print_method(&o, "get", vec![]));
        }
        let (a, b) = (self.read(classes[0]), self.read(classes[1]));
        out.push(print(bin(BinOp::StrictEq, a, b)));
        self.spend_call(2);
        let (a, b) = (self.read(classes[0]), self.read(classes[1]));
        out.push(print(bin(BinOp::Add, method_call(a, "of", vec![]), method_call(b, "of", vec![]))));
        Ok(true)
    }

    /// A static block: `this` is the class, its `let`s are its own, and a closure created in it
    /// escapes and keeps seeing them and the class's static field.
    fn class_static_block(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(0, 3) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::ClassScope,
            "a static block's closure escapes with the block's locals and the class's static field",
        ));
        let peek_ty = fnty(0, Ty::Prim, 0);
        let (names, d) = self.declare_uninit(Role::Function, &[Ty::Func(peek_ty.clone())])?;
        out.push(d);
        let peek = names[0];
        let stat = Rc::new(ObjTy { fields: vec![data("n")] });
        let stat2 = stat.clone();
        let (c, s) = self.class_binding(Ty::Obj(stat), |g, inner| {
            let mut ms = Vec::new();
            let n = g.class_element(None, |g| g.gen_prim(1))?;
            ms.push(ClassMember::Field { is_static: true, key: key("n"), value: Some(n) });
            let inner = inner.map(str::to_string);
            let block = g.class_element(Some(stat2), |g| {
                let mut b = Vec::new();
                let kind = g.decl_kind(false)?;
                let (local, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| {
                    let k = g.prim_leaf()?;
                    Ok(bin(BinOp::Add, this_member("n"), k))
                })?;
                b.push(d);
                let arrow = g.class_arrow(0, |g| {
                    let l = g.read(local);
                    let cls = match &inner {
                        Some(n) => member(g.read(n), "n"),
                        None => num(0),
                    };
                    Ok(bin(BinOp::Add, l, cls))
                })?;
                let t = g.target(peek);
                b.push(expr_stmt(assign(AssignOp::Assign, t, arrow)));
                b.extend(g.gen_stmts(2, 50)?);
                let t = g.target(local);
                b.push(expr_stmt(assign(AssignOp::Add, t, num(1))));
                Ok(b)
            })?;
            ms.push(ClassMember::StaticBlock(block));
            Ok((None, ms))
        })?;
        out.push(s);
        self.set_readable(peek, true);
        let p = self.call_named(&peek, vec![]);
        out.push(print(p));
        let cr = self.read(c);
        let v = self.small_num()?;
        out.push(expr_stmt(assign(AssignOp::Add, Target::Member(Box::new(cr), "n".into()), v)));
        let p = self.call_named(&peek, vec![]);
        out.push(print(p));
        Ok(true)
    }

    // ----- private-state: #private class members ---------------------------------------------------

    /// A class with `#private` fields, methods, accessors and static members: closures over `this`
    /// reach them, other objects fail the brand check, `#x in o` tells them apart.
    pub(crate) fn private_class(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.feat.private_members || !self.fits_here(2, 10) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::PrivateState,
            "a class's private fields, methods, accessors and static members, reached through closures over this",
        ));
        let inc_ty = fnty(0, Ty::Prim, 1);
        let peek_ty = fnty(0, Ty::Prim, 0);
        let inst = Rc::new(ObjTy {
            fields: vec![field("inc", Ty::Method(inc_ty.clone())), field("peek", Ty::Method(peek_ty))],
        });
        let made_ty = fnty(0, Ty::Prim, 0);
        let stat = Rc::new(ObjTy { fields: vec![field("made", Ty::Method(made_ty))] });
        let (c, s) = self.class_binding(Ty::Obj(stat), |g, inner| {
            // The static private is reached through the class's name, or `this` in static methods.
            let cls = |g: &mut Self| match inner {
                Some(n) => g.read(n),
                None => Expr::This,
            };
            let mut ms = Vec::new();
            let count = g.class_element(None, |g| g.gen_prim(1))?;
            ms.push(ClassMember::Field { is_static: false, key: private("count"), value: Some(count) });
            ms.push(ClassMember::Field { is_static: false, key: private("step"), value: None });
            ms.push(ClassMember::Field { is_static: true, key: private("made"), value: Some(num(0)) });
            let ctor_made = inner.is_some();
            ms.push(g.class_method(
                "constructor",
                false,
                FunctionKind::Method,
                vec![ParamSpec::prim()],
                0,
                None,
                |g, n| {
                    let s = g.read(n[0]);
                    let mut b = vec![expr_stmt(assign(AssignOp::Assign, private_target(Expr::This, "step"), s))];
                    if ctor_made {
                        let c = cls(g);
                        b.push(expr_stmt(Expr::Update {
                            increment: true,
                            prefix: false,
                            target: private_target(c, "made"),
                        }));
                    }
                    Ok(b)
                },
            )?);
            let mut bump = g.class_method("bump", false, FunctionKind::Method, vec![], 0, None, |_, _| {
                Ok(vec![
                    expr_stmt(assign(
                        AssignOp::Add,
                        private_target(Expr::This, "count"),
                        private_member(Expr::This, "step"),
                    )),
                    ret(private_member(Expr::This, "count")),
                ])
            })?;
            if let ClassMember::Method { key, .. } = &mut bump {
                *key = private("bump");
            }
            ms.push(bump);
            let mut twice = g.class_method("twice", false, FunctionKind::Getter, vec![], 0, None, |_, _| {
                Ok(vec![ret(bin(BinOp::Mul, private_member(Expr::This, "count"), num(2)))])
            })?;
            if let ClassMember::Method { key, .. } = &mut twice {
                *key = private("twice");
            }
            ms.push(twice);
            ms.push(g.class_method("inc", false, FunctionKind::Method, vec![], 1, None, |_, _| {
                Ok(vec![ret(method_call(Expr::This, "#bump", vec![]))])
            })?);
            ms.push(g.class_method("makeInc", false, FunctionKind::Method, vec![], 1, None, |g, _| {
                let a = g.class_arrow(1, |_| Ok(method_call(Expr::This, "#bump", vec![])))?;
                Ok(vec![ret(a)])
            })?);
            ms.push(g.class_method("peek", false, FunctionKind::Method, vec![], 0, None, |_, _| {
                Ok(vec![ret(private_member(Expr::This, "twice"))])
            })?);
            ms.push(g.class_method("has", true, FunctionKind::Method, vec![ParamSpec::prim()], 0, None, |g, n| {
                let o = g.read(n[0]);
                Ok(vec![ret(bin(BinOp::In, Expr::PrivateName("count".into()), o))])
            })?);
            ms.push(g.class_method("made", true, FunctionKind::Method, vec![], 0, None, |_, _| {
                Ok(vec![ret(private_member(Expr::This, "made"))])
            })?);
            Ok((None, ms))
        })?;
        out.push(s);
        let mut objs = Vec::new();
        for _ in 0..2 {
            let a = self.small_num()?;
            let (o, d) = self.construct(&c, vec![a], inst.clone())?;
            out.push(d);
            objs.push(o);
        }
        let kind = self.decl_kind(true)?;
        let (inc, d) = self.declare_var(Role::Function, kind, Ty::Func(inc_ty), false, |g| {
            g.spend_call(1);
            let o = g.read(objs[0]);
            Ok(method_call(o, "makeInc", vec![]))
        })?;
        out.push(d);
        let c1 = self.call_named(&inc, vec![]);
        out.push(expr_stmt(c1));
        let c1 = self.call_named(&inc, vec![]);
        out.push(print(c1));
        out.push(self.print_method(&objs[0], "peek", vec![]));
        out.push(self.print_method(&objs[1], "inc", vec![]));
        let o = self.read(objs[0]);
        out.push(self.print_method(&c, "has", vec![o]));
        out.push(self.print_method(&c, "has", vec![Expr::Object(vec![])]));
        out.push(self.print_method(&c, "made", vec![]));
        let o = self.read(objs[0]);
        out.push(print(unary(UnaryOp::Typeof, member(o, "count"))));
        // A private method's brand check: another object as `this` throws TypeError.
        self.spend_call(1);
        let cr = self.read(c);
        let bad = method_call(member(member(cr, "prototype"), "inc"), "call", vec![Expr::Object(vec![])]);
        out.push(self.guarded(vec![expr_stmt(bad)])?);
        Ok(true)
    }
}
