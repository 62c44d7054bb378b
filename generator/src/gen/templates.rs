//! Tagged templates (private-state): a tag keeps a count per site, found by the identity of the
//! template object it receives (in an array, so that hosts without `Map` run it too). There is
//! one template object per site and realm (13.2.8.4 GetTemplateObject), so the closures made from
//! one function's code share their site's count however many times the function runs, while a
//! second site with the same text counts on its own; a method tag gets its object as `this`.

use std::rc::Rc;

use arbitrary::Result;

use super::cats::{fnty, prop};
use super::ty::*;
use super::*;

impl Gen<'_, '_> {
    pub(crate) fn tagged_template_sites(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        // Two made closures called three times, each call also calling the tag, then the second
        // site and the method tag.
        const CALLS: u32 = 12;
        if !self.fits_here(2, CALLS) {
            return Ok(false);
        }
        self.spend_call(CALLS);
        out.push(self.tag(
            Category::PrivateState,
            "a tag keeps per-site state keyed by its template object, which every closure of one site shares",
        ));
        // The arrays and the tag are used only here: the model does not know their shapes.
        let plain = Ty::Obj(Rc::new(ObjTy { fields: vec![] }));
        let mut arrays = Vec::new();
        for _ in 0..2 {
            let kind = self.decl_kind(true)?;
            let (a, d) = self.declare_var(Role::Array, kind, plain.clone(), false, |_| Ok(Expr::Array(vec![])))?;
            self.set_readable(a, false);
            out.push(d);
            arrays.push(a);
        }
        let (sites, counts) = (arrays[0], arrays[1]);
        let (tag, d) = self.function_decl(Role::Function, fnty(2, Ty::Prim, 0), |g, _, names| {
            let (strings, value) = (names[0], names[1]);
            // let i = sites.indexOf(strings); if (i < 0) i = sites.push(strings) - 1;
            let kind = g.decl_kind(false)?;
            let (i, d) = g.declare_var(Role::Counter, kind, Ty::Prim, true, |g| {
                Ok(method_call(g.read(sites), "indexOf", vec![g.read(strings)]))
            })?;
            let pushed = bin(BinOp::Sub, method_call(g.read(sites), "push", vec![g.read(strings)]), num(1));
            let fresh = Stmt::If(
                bin(BinOp::Lt, g.read(i), num(0)),
                vec![expr_stmt(assign(AssignOp::Assign, g.target(i), pushed))],
                None,
            );
            // counts[i] = (counts[i] || 0) + 1;
            let slot = |g: &mut Self| Expr::Index(Box::new(g.read(counts)), Box::new(g.read(i)));
            let next = bin(BinOp::Add, bin(BinOp::Or, slot(g), num(0)), num(1));
            let count = Target::Index(Box::new(g.read(counts)), Box::new(g.read(i)));
            let bump = expr_stmt(assign(AssignOp::Assign, count, next));
            let raw = method_call(member(g.read(strings), "raw"), "join", vec![string("|")]);
            let text = [string(":"), g.read(value), string(":"), slot(g)]
                .into_iter()
                .fold(raw, |acc, part| bin(BinOp::Add, acc, part));
            Ok(vec![d, fresh, bump, ret(text)])
        })?;
        out.push(d);
        let before: Text = self.pick_from(&expr::STRINGS)?.into();
        let after: Text = self.pick_from(&["", "-", " ", ":"])?.into();
        let site = |tag: Expr, value: Expr| {
            Expr::TaggedTemplate(Box::new(tag), vec![before.clone(), after.clone()], vec![value])
        };
        let made_ty = fnty(0, Ty::Prim, 1);
        let (make, d) = self.function_decl(Role::Function, fnty(1, Ty::Func(made_ty.clone()), 1), |g, _, names| {
            let k = names[0];
            let made = g.closure(vec![], 1, |g, _| Ok(vec![ret(site(g.read(tag), g.read(k)))]))?;
            Ok(vec![ret(made)])
        })?;
        out.push(d);
        let mut made = Vec::new();
        for _ in 0..2 {
            let kind = self.decl_kind(true)?;
            let arg = self.small_num()?;
            let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(made_ty.clone()), false, |g| {
                Ok(g.call_named(&make, vec![arg]))
            })?;
            out.push(d);
            made.push(f);
        }
        for f in [made[0], made[1], made[0]] {
            let c = self.call_named(&f, vec![]);
            out.push(print(c));
        }
        // Another site with the same text: an entry of its own.
        let value = self.small_num()?;
        out.push(print(site(self.read(tag), value)));
        out.push(print(member(self.read(sites), "length")));
        if self.feat.method_shorthand && self.chance(50)? {
            let method = self.with_function(
                FnSpec::new(FunctionKind::Method, vec![ParamSpec::prim(), ParamSpec::prim()], 0).own_scope(),
                |g, names| {
                    let first = Expr::Index(Box::new(g.read(names[0])), Box::new(num(0)));
                    Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Add, member(Expr::This, "v"), first), g.read(names[1])))])
                },
            )?;
            let object =
                Expr::Object(vec![prop("v", self.small_num()?), Prop::Method(PropKey::Name("t".into()), method)]);
            let value = self.small_num()?;
            out.push(print(site(member(object, "t"), value)));
        }
        // Called only with template objects.
        self.set_readable(tag, false);
        Ok(true)
    }
}
