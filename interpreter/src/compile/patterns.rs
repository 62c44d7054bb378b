//! Destructuring: BindingInitialization of binding patterns (8.6.2, 8.6.3) and
//! DestructuringAssignmentEvaluation of assignment patterns (13.15.5).
//!
//! Every routine here starts with the value to destructure on top of the operand stack and consumes it.
//! Array patterns use the same loop iterators as `for-of` (arrays, strings, arguments objects).

use oxc_ast::ast::*;

use super::{name, static_key, unsupported, CResult, Control, FnCompiler};
use crate::bytecode::Op;
use crate::value::Name;

/// How a bound name receives its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindMode {
    /// InitializeReferencedBinding in the running lexical environment (let, const, parameters,
    /// catch parameters).
    Initialize,
    /// PutValue(ResolveBinding(name)) (`var`, parameters with duplicate names).
    Assign,
}

/// BoundNames of a binding pattern (8.2.1), in source order.
pub fn bound_names(p: &BindingPattern<'_>, out: &mut Vec<Name>) {
    match p {
        BindingPattern::BindingIdentifier(id) => out.push(name(&id.name)),
        BindingPattern::AssignmentPattern(a) => bound_names(&a.left, out),
        BindingPattern::ObjectPattern(o) => {
            for prop in &o.properties {
                bound_names(&prop.value, out);
            }
            if let Some(rest) = &o.rest {
                bound_names(&rest.argument, out);
            }
        }
        BindingPattern::ArrayPattern(a) => {
            for el in a.elements.iter().flatten() {
                bound_names(el, out);
            }
            if let Some(rest) = &a.rest {
                bound_names(&rest.argument, out);
            }
        }
    }
}

impl<'a> FnCompiler<'a> {
    fn bind_name(&mut self, n: &str, mode: BindMode) -> CResult<()> {
        match mode {
            BindMode::Initialize => {
                self.emit(Op::InitializeBinding(name(n)));
            }
            BindMode::Assign => {
                let r = self.reference(n)?;
                self.emit(Op::SetName(r));
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    /// Replaces an `undefined` on top of the stack by the default value (named after `target` when
    /// that is a plain identifier, 8.4.5 NamedEvaluation).
    fn default_value(&mut self, init: &'a Expression<'a>, target: Option<&str>) -> CResult<()> {
        let skip = self.emit(Op::JumpIfNotUndefined(0));
        self.emit(Op::Pop);
        match target {
            Some(n) => self.named_expression(init, n)?,
            None => self.expression(init)?,
        }
        self.patch_here(skip);
        Ok(())
    }

    /// 8.6.2 BindingInitialization of a pattern.
    pub(super) fn bind_pattern(&mut self, p: &'a BindingPattern<'a>, mode: BindMode) -> CResult<()> {
        match p {
            BindingPattern::BindingIdentifier(id) => self.bind_name(&id.name, mode),
            BindingPattern::AssignmentPattern(a) => {
                let target = match &a.left {
                    BindingPattern::BindingIdentifier(id) => Some(id.name.as_str()),
                    _ => None,
                };
                self.default_value(&a.right, target)?;
                self.bind_pattern(&a.left, mode)
            }
            BindingPattern::ObjectPattern(o) => {
                self.emit(Op::RequireObjectCoercible);
                let mut keys = Vec::new();
                for prop in &o.properties {
                    self.emit(Op::Dup);
                    if prop.computed {
                        if o.rest.is_some() {
                            return unsupported("computed key with object rest");
                        }
                        let Some(k) = prop.key.as_expression() else { return unsupported("property key") };
                        self.expression(k)?;
                        self.emit(Op::GetElement);
                    } else {
                        let k = static_key(&prop.key)?;
                        self.emit(Op::GetProperty(k.clone()));
                        keys.push(k);
                    }
                    self.bind_pattern(&prop.value, mode)?;
                }
                match &o.rest {
                    Some(rest) => {
                        self.emit(Op::ObjectRest(keys.into()));
                        self.bind_pattern(&rest.argument, mode)
                    }
                    None => {
                        self.emit(Op::Pop);
                        Ok(())
                    }
                }
            }
            BindingPattern::ArrayPattern(a) => {
                self.emit(Op::ForOfStart);
                self.closing_iterator(a.span, |c| {
                    for el in &a.elements {
                        match el {
                            Some(p) => {
                                c.emit(Op::IteratorValueOrUndefined(0));
                                c.bind_pattern(p, mode)?
                            }
                            None => {
                                c.emit(Op::IteratorSkip);
                            }
                        }
                    }
                    if let Some(rest) = &a.rest {
                        c.emit(Op::IteratorRest(0));
                        c.bind_pattern(&rest.argument, mode)?;
                    }
                    Ok(())
                })
            }
        }
    }

    /// Evaluates what a target needs before its value is fetched (13.15.5.6 step 1: the
    /// DestructuringAssignmentTarget reference comes first). Returns how many values it pushed.
    fn prepare_target(&mut self, t: &'a AssignmentTarget<'a>) -> CResult<usize> {
        Ok(match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                if self.in_with || self.code.strict {
                    let r = self.reference(&id.name)?;
                    self.emit(Op::ResolveReference(r));
                }
                0
            }
            AssignmentTarget::StaticMemberExpression(m) if !m.optional => {
                self.expression(&m.object)?;
                1
            }
            AssignmentTarget::ComputedMemberExpression(m) if !m.optional => {
                self.expression(&m.object)?;
                self.expression(&m.expression)?;
                2
            }
            AssignmentTarget::PrivateFieldExpression(m) if !m.optional => {
                self.expression(&m.object)?;
                1
            }
            AssignmentTarget::ArrayAssignmentTarget(_) | AssignmentTarget::ObjectAssignmentTarget(_) => 0,
            _ => return unsupported("assignment target"),
        })
    }

    /// PutValue into a prepared target, consuming the value on top.
    fn put_target(&mut self, t: &'a AssignmentTarget<'a>) -> CResult<()> {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let r = self.reference(&id.name)?;
                if self.in_with || self.code.strict {
                    self.emit(Op::SetResolvedName(r));
                } else {
                    self.emit(Op::SetName(r));
                }
                self.emit(Op::Pop);
            }
            AssignmentTarget::StaticMemberExpression(m) => {
                self.emit(Op::SetProperty(name(&m.property.name)));
                self.emit(Op::Pop);
            }
            AssignmentTarget::ComputedMemberExpression(_) => {
                self.emit(Op::SetElement);
                self.emit(Op::Pop);
            }
            AssignmentTarget::PrivateFieldExpression(m) => {
                self.emit(Op::SetPrivate(super::private_binding(&m.field)));
                self.emit(Op::Pop);
            }
            AssignmentTarget::ArrayAssignmentTarget(_) | AssignmentTarget::ObjectAssignmentTarget(_) => {
                self.assign_to_target_value_on_top(t)?;
            }
            _ => return unsupported("assignment target"),
        }
        Ok(())
    }

    /// Assigns the value on top of the stack to a target (a reference or a pattern), consuming it.
    pub(super) fn assign_to_target_value_on_top(&mut self, t: &'a AssignmentTarget<'a>) -> CResult<()> {
        match t {
            AssignmentTarget::ObjectAssignmentTarget(o) => self.assign_object_pattern(o),
            AssignmentTarget::ArrayAssignmentTarget(a) => self.assign_array_pattern(a),
            _ => {
                // A plain reference: evaluated after the value (for-in/of heads evaluate the
                // reference per iteration, once the value is known).
                let pushed = self.prepare_target(t)?;
                // Stack: value, prepared... -> prepared..., value.
                match pushed {
                    0 => {}
                    1 => {
                        self.emit(Op::Swap);
                    }
                    _ => {
                        self.emit(Op::RotRight3);
                        self.emit(Op::RotRight3);
                    }
                }
                self.put_target(t)
            }
        }
    }

    fn target_with_default(
        &mut self,
        t: &'a AssignmentTargetMaybeDefault<'a>,
    ) -> CResult<(&'a AssignmentTarget<'a>, Option<&'a Expression<'a>>)> {
        match t {
            AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => Ok((&d.binding, Some(&d.init))),
            other => match other.as_assignment_target() {
                Some(t) => Ok((t, None)),
                None => unsupported("assignment target"),
            },
        }
    }

    /// The name a default's anonymous function gets from its target: only an unparenthesised
    /// identifier counts (IsIdentifierRef, 13.15.5.5-6); the parser drops the parentheses, so the
    /// source text says whether there were any.
    fn identifier_name(&self, t: &AssignmentTarget<'_>) -> Option<String> {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let before = self.source.get(..id.span.start as usize).unwrap_or("");
                (!before.trim_end().ends_with('(')).then(|| id.name.to_string())
            }
            _ => None,
        }
    }

    /// 13.15.5.2 ObjectAssignmentPattern.
    fn assign_object_pattern(&mut self, o: &'a ObjectAssignmentTarget<'a>) -> CResult<()> {
        self.emit(Op::RequireObjectCoercible);
        let mut keys = Vec::new();
        for prop in &o.properties {
            match prop {
                AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(p) => {
                    let n = name(&p.binding.name);
                    let r = self.reference(&n)?;
                    let early = self.in_with || self.code.strict;
                    if early {
                        self.emit(Op::ResolveReference(r.clone()));
                    }
                    self.emit(Op::Dup);
                    self.emit(Op::GetProperty(n.clone()));
                    if let Some(init) = &p.init {
                        self.default_value(init, Some(&n))?;
                    }
                    self.emit(if early { Op::SetResolvedName(r) } else { Op::SetName(r) });
                    self.emit(Op::Pop);
                    keys.push(n);
                }
                AssignmentTargetProperty::AssignmentTargetPropertyProperty(p) => {
                    let (target, init) = self.target_with_default(&p.binding)?;
                    if p.computed {
                        if o.rest.is_some() {
                            return unsupported("computed key with object rest");
                        }
                        let Some(k) = p.name.as_expression() else { return unsupported("property key") };
                        self.expression(k)?;
                        self.emit(Op::ToPropertyKey);
                        let pushed = self.prepare_target(target)?;
                        self.emit(Op::Pick(pushed + 1));
                        self.emit(Op::Pick(pushed + 1));
                        self.emit(Op::GetElement);
                        if let Some(init) = init {
                            let n = self.identifier_name(target);
                            self.default_value(init, n.as_deref())?;
                        }
                        self.put_target(target)?;
                        self.emit(Op::Pop);
                    } else {
                        let k = static_key(&p.name)?;
                        let pushed = self.prepare_target(target)?;
                        self.emit(Op::Pick(pushed));
                        self.emit(Op::GetProperty(k.clone()));
                        if let Some(init) = init {
                            let n = self.identifier_name(target);
                            self.default_value(init, n.as_deref())?;
                        }
                        self.put_target(target)?;
                        keys.push(k);
                    }
                }
            }
        }
        match &o.rest {
            Some(rest) => {
                let pushed = self.prepare_target(&rest.target)?;
                self.emit(Op::Pick(pushed));
                self.emit(Op::ObjectRest(keys.into()));
                self.put_target(&rest.target)?;
                self.emit(Op::Pop);
            }
            None => {
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    /// Compiles `elements`, which take values from the iterator that `ForOfStart` just pushed, then
    /// closes it: with IteratorClose after them, and quietly when they throw (8.6.2 for
    /// ArrayBindingPattern, 13.15.5.2 for ArrayAssignmentPattern: an abrupt completion closes the
    /// iterator unless a step of the iterator itself failed, which marks it done). A `yield` in
    /// the pattern could resume with a return completion, which would have to close it too; such
    /// patterns are refused.
    fn closing_iterator(
        &mut self,
        span: oxc_span::Span,
        elements: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<()> {
        if self.code.is_generator && self.mentions(span, "yield") {
            return unsupported("yield in an array destructuring pattern");
        }
        self.controls.push(Control::Handler);
        let handler = self.emit(Op::PushHandler(0));
        elements(self)?;
        self.controls.pop();
        self.emit(Op::PopHandler);
        self.emit(Op::IteratorClose);
        self.emit(Op::Pop);
        let end = self.emit(Op::Jump(0));
        self.patch_here(handler);
        self.close_and_rethrow(false);
        self.patch_here(end);
        Ok(())
    }

    /// 13.15.5.5 ArrayAssignmentPattern.
    fn assign_array_pattern(&mut self, a: &'a ArrayAssignmentTarget<'a>) -> CResult<()> {
        self.emit(Op::ForOfStart);
        self.closing_iterator(a.span, |c| c.assign_array_elements(a))
    }

    /// The elements and rest of an ArrayAssignmentPattern (13.15.5.5 IteratorDestructuringAssignmentEvaluation).
    fn assign_array_elements(&mut self, a: &'a ArrayAssignmentTarget<'a>) -> CResult<()> {
        for el in &a.elements {
            match el {
                None => {
                    self.emit(Op::IteratorSkip);
                }
                Some(el) => {
                    let (target, init) = self.target_with_default(el)?;
                    let pushed = self.prepare_target(target)?;
                    self.emit(Op::IteratorValueOrUndefined(pushed));
                    if let Some(init) = init {
                        let n = self.identifier_name(target);
                        self.default_value(init, n.as_deref())?;
                    }
                    self.put_target(target)?;
                }
            }
        }
        if let Some(rest) = &a.rest {
            let pushed = self.prepare_target(&rest.target)?;
            self.emit(Op::IteratorRest(pushed));
            self.put_target(&rest.target)?;
        }
        Ok(())
    }
}
