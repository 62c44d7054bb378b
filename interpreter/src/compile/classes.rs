//! Classes (15.7): the class scope, the constructor, and one op per class element, emitted in source
//! order so computed keys are evaluated as ClassDefinitionEvaluation orders them.

use oxc_ast::ast::*;

use super::{name, static_key, unsupported, CResult, FnCompiler};
use crate::bytecode::{ClassTemplate, CodeKind, MethodKind, Op};
use crate::value::Name;

/// The `#name` spelling a private identifier is bound under in the class scope.
pub fn private_binding(id: &PrivateIdentifier<'_>) -> Name {
    name(&format!("#{}", id.name))
}

impl<'a> FnCompiler<'a> {
    /// ClassDefinitionEvaluation (15.7.14); leaves the constructor on the stack.
    pub(super) fn class_definition(&mut self, class: &'a Class<'a>, class_name: Name) -> CResult<()> {
        if !class.decorators.is_empty() {
            return unsupported("decorators");
        }
        // All parts of a class are strict mode code (11.2.2): compiled as such, and in sloppy code
        // its ops are marked so that they also run as such.
        let outer_strict = std::mem::replace(&mut self.code.strict, true);
        let start = self.code.ops.len();
        let result = self.class_body(class, class_name);
        self.code.strict = outer_strict;
        if !outer_strict {
            let end = self.code.ops.len();
            self.code.strict_ops.push(start..end);
        }
        result
    }

    fn class_body(&mut self, class: &'a Class<'a>, class_name: Name) -> CResult<()> {
        let inner: Vec<Name> = class.id.iter().map(|id| name(&id.name)).collect();
        let scope = self.names_scope(&inner, true);
        self.enter_scope(Some(scope));
        let mut private_names: Vec<Name> = Vec::new();
        for element in &class.body.body {
            let key = match element {
                ClassElement::MethodDefinition(m) => &m.key,
                ClassElement::PropertyDefinition(p) => &p.key,
                _ => continue,
            };
            if let PropertyKey::PrivateIdentifier(id) = key {
                let n = private_binding(id);
                if !private_names.contains(&n) {
                    private_names.push(n);
                }
            }
        }
        // The heritage runs in the class scope but with the outer private environment (15.7.14
        // step 8): functions made there must not see this class's private names, which
        // `CreateClass` binds in a scope of their own after it.
        let private_scope = match &class.heritage {
            Some(heritage) => {
                self.expression(&heritage.expression)?;
                let scope = self.names_scope(&[], true);
                self.enter_scope(Some(scope));
                Some(scope)
            }
            None => None,
        };
        let constructor = self.class_constructor(class, class_name)?;
        self.code.classes.push(ClassTemplate { constructor, has_heritage: class.heritage.is_some(), private_names });
        self.emit(Op::CreateClass(self.code.classes.len() - 1));
        for element in &class.body.body {
            self.class_element(element)?;
        }
        // The elements are closures by now; the class name is bound in the scope outside.
        self.exit_scope(private_scope);
        if let Some(n) = inner.first() {
            self.emit(Op::Dup);
            self.emit(Op::InitializeBinding(n.clone()));
        }
        self.emit(Op::RunStaticElements);
        self.emit(Op::Swap);
        self.emit(Op::Pop);
        self.exit_scope(Some(scope));
        Ok(())
    }

    /// The class's constructor, or the default one (15.7.14 steps 14-15).
    fn class_constructor(&mut self, class: &'a Class<'a>, class_name: Name) -> CResult<usize> {
        let derived = class.heritage.is_some();
        let source = self.source.get(class.span.start as usize..class.span.end as usize).map(name);
        let explicit = class.body.body.iter().find_map(|e| match e {
            ClassElement::MethodDefinition(m) if m.kind == MethodDefinitionKind::Constructor => Some(m),
            _ => None,
        });
        let idx = match explicit {
            Some(m) => self.child_function(&m.value, class_name, CodeKind::Normal)?,
            None => {
                let mut c = self.nested(class_name, CodeKind::Normal, true);
                c.in_with = self.in_with;
                c.declare_top_level(&[])?;
                c.emit(Op::InstantiateVarsAndFunctions);
                if derived {
                    // constructor(...args) { super(...args); }
                    c.emit(Op::SuperConstructor);
                    c.emit(Op::GetRestArguments(0));
                    c.emit(Op::SuperCallSpread);
                    c.emit(Op::Pop);
                }
                c.emit(Op::Undefined);
                c.emit(Op::Return);
                self.add_child(c.finish())
            }
        };
        let code = std::rc::Rc::get_mut(&mut self.code.children[idx]).expect("freshly compiled");
        code.class_constructor = Some(derived);
        code.source_text = source;
        Ok(idx)
    }

    /// Pushes a computed key (ToPropertyKey'd) and returns `None`, or returns the static key.
    fn element_key(&mut self, key: &'a PropertyKey<'a>, computed: bool) -> CResult<Option<Name>> {
        if computed {
            let Some(k) = key.as_expression() else { return unsupported("class element key") };
            self.expression(k)?;
            self.emit(Op::ToPropertyKey);
            return Ok(None);
        }
        let k = static_key(key)?;
        if k.starts_with('#') {
            // A string key spelled like a private name: pass it as a computed key.
            self.emit(Op::String(k));
            return Ok(None);
        }
        Ok(Some(k))
    }

    fn class_element(&mut self, element: &'a ClassElement<'a>) -> CResult<()> {
        match element {
            ClassElement::MethodDefinition(m) => {
                if m.kind == MethodDefinitionKind::Constructor {
                    return Ok(());
                }
                let kind = match m.kind {
                    MethodDefinitionKind::Get => MethodKind::Getter,
                    MethodDefinitionKind::Set => MethodKind::Setter,
                    _ => MethodKind::Method,
                };
                let prefix = match kind {
                    MethodKind::Getter => "get ",
                    MethodKind::Setter => "set ",
                    MethodKind::Method => "",
                };
                if let PropertyKey::PrivateIdentifier(id) = &m.key {
                    let n = private_binding(id);
                    let idx = self.child_function(&m.value, name(&format!("{prefix}{n}")), CodeKind::Method)?;
                    self.emit(Op::MakeClosure(idx));
                    self.emit(Op::DefinePrivateMethod { name: n, kind, is_static: m.r#static });
                    return Ok(());
                }
                let key = self.element_key(&m.key, m.computed)?;
                let fn_name = key.as_ref().map(|k| name(&format!("{prefix}{k}"))).unwrap_or_else(|| name(""));
                let idx = self.child_function(&m.value, fn_name, CodeKind::Method)?;
                self.emit(Op::MakeClosure(idx));
                self.emit(Op::DefineClassMethod { key, kind, is_static: m.r#static });
            }
            ClassElement::PropertyDefinition(p) => {
                if p.declare {
                    return unsupported("TypeScript declare field");
                }
                let key = match &p.key {
                    PropertyKey::PrivateIdentifier(id) => Some(private_binding(id)),
                    other => self.element_key(other, p.computed)?,
                };
                let has_initializer = p.value.is_some();
                if let Some(value) = &p.value {
                    // An anonymous function there is named after the key (15.7.10), which for a
                    // computed key is only known when the class is defined.
                    let anonymous = match value.without_parentheses() {
                        Expression::FunctionExpression(f) => f.id.is_none(),
                        Expression::ClassExpression(c) => c.id.is_none(),
                        Expression::ArrowFunctionExpression(_) => true,
                        _ => false,
                    };
                    if key.is_none() && anonymous {
                        return unsupported("an anonymous function in a class field with a computed key");
                    }
                    // Each initializer is a method-like function called with the instance (or the
                    // class, for static fields) as this (15.7.10).
                    let field_name = key.clone().unwrap_or_else(|| name(""));
                    let mut c = self.nested(field_name.clone(), CodeKind::Method, true);
                    c.in_with = self.in_with;
                    c.code.field_initializer = true;
                    c.declare_top_level(&[])?;
                    c.emit(Op::InstantiateVarsAndFunctions);
                    c.named_expression(value, &field_name)?;
                    c.emit(Op::Return);
                    let idx = self.add_child(c.finish());
                    self.emit(Op::MakeClosure(idx));
                }
                self.emit(Op::DefineClassField { key, is_static: p.r#static, has_initializer });
            }
            ClassElement::StaticBlock(b) => {
                let mut c = self.nested(name(""), CodeKind::Method, true);
                c.in_with = self.in_with;
                c.declare_top_level(&b.body)?;
                c.emit(Op::InstantiateVarsAndFunctions);
                c.statements(&b.body)?;
                c.emit(Op::Undefined);
                c.emit(Op::Return);
                let idx = self.add_child(c.finish());
                self.emit(Op::MakeClosure(idx));
                self.emit(Op::DefineStaticBlock);
            }
            ClassElement::AccessorProperty(_) => return unsupported("auto-accessor"),
            ClassElement::TSIndexSignature(_) => return unsupported("TypeScript syntax"),
        }
        Ok(())
    }
}
