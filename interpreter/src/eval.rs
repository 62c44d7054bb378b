//! `eval` (19.2.1) and the Function constructor (20.2.1.1.1 CreateDynamicFunction).

use std::rc::Rc;

use crate::early_errors::{parse, Rejection};
use crate::heap::{Binding, Environment, Property};
use crate::value::{Abrupt, EnvRef, JsResult, Name, ObjRef, Value};
use crate::vm::Vm;

fn compile(
    result: Result<crate::bytecode::FunctionCode, crate::compile::CompileError>,
) -> JsResult<Rc<crate::bytecode::FunctionCode>> {
    match result {
        Ok(code) => Ok(Rc::new(code)),
        Err(crate::compile::CompileError::Unsupported(feature)) => Err(Abrupt::Unsupported(feature)),
    }
}

/// The `#name` spellings in a source text.
fn private_names_in(source: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let bytes = source.as_bytes();
    for (i, _) in source.match_indices('#') {
        let rest = &source[i + 1..];
        let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).unwrap_or(rest.len());
        if len > 0 && !rest.as_bytes()[0].is_ascii_digit() && (i == 0 || bytes[i - 1] != b'\\') {
            let n = format!("#{}", &rest[..len]);
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// Whether `program` names `arguments` outside the non-arrow functions it defines (the static
/// semantics ContainsArguments).
fn contains_arguments(program: &oxc_ast::ast::Program<'_>) -> bool {
    use oxc_ast_visit::{walk, Visit};
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
            self.0 |= it.name == "arguments";
        }
        fn visit_function(&mut self, _: &oxc_ast::ast::Function<'a>, _: oxc_syntax::scope::ScopeFlags) {}
        fn visit_class_body(&mut self, it: &oxc_ast::ast::ClassBody<'a>) {
            // Only computed keys count: methods are functions, and field initialisers and static
            // blocks are functions of their own too.
            use oxc_ast::ast::ClassElement as E;
            for element in &it.body {
                let key = match element {
                    E::MethodDefinition(m) => &m.key,
                    E::PropertyDefinition(p) => &p.key,
                    E::AccessorProperty(a) => &a.key,
                    _ => continue,
                };
                if let Some(key) = key.as_expression() {
                    walk::walk_expression(self, key);
                }
            }
        }
    }
    let mut finder = Finder(false);
    finder.visit_program(program);
    finder.0
}

/// The span of the constructor body of the eval wrapper `class __eval extends Object { #a; ...
/// constructor() { ... } }` with `fields` fields, if the program is exactly that.
fn constructor_body_span(program: &oxc_ast::ast::Program<'_>, fields: usize) -> Option<(usize, usize)> {
    use oxc_ast::ast::{ClassElement, Statement};
    let [Statement::ClassDeclaration(class)] = program.body.as_slice() else { return None };
    let elements = &class.body.body;
    if elements.len() != fields + 1 {
        return None;
    }
    let ClassElement::MethodDefinition(constructor) = elements.last()? else { return None };
    let body = constructor.value.body.as_ref()?;
    Some((body.span.start as usize, body.span.end as usize))
}

impl Vm {
    /// A rejected eval or Function source: a SyntaxError thrown in the caller, or a refusal.
    fn rejected(&mut self, rejection: Rejection) -> Abrupt {
        match rejection {
            Rejection::SyntaxError(message) => self.error("SyntaxError", &message),
            Rejection::Unsupported(feature) => Abrupt::Unsupported(feature),
        }
    }

    /// 19.2.1.1 PerformEval step 5: new.target, super and private names are allowed only where the
    /// calling context provides them.
    fn check_eval_context(&mut self, code: &crate::bytecode::FunctionCode) -> JsResult<()> {
        use crate::bytecode::{CodeKind, Op};
        let (mut new_target, mut super_property, mut super_call) = (false, false, false);
        let mut privates: Vec<Name> = Vec::new();
        let mut declared: Vec<Name> = Vec::new();
        fn scan(
            c: &crate::bytecode::FunctionCode,
            same_this: bool,
            flags: &mut (&mut bool, &mut bool, &mut bool),
            privates: &mut Vec<Name>,
            declared: &mut Vec<Name>,
        ) {
            for op in &c.ops {
                match op {
                    Op::NewTarget if same_this => *flags.0 = true,
                    Op::SuperGet(_) | Op::SuperGetElement | Op::SuperBase | Op::SuperSet(_) | Op::SuperSetElement
                        if same_this =>
                    {
                        *flags.1 = true
                    }
                    Op::SuperCall(_) | Op::SuperCallSpread if same_this => *flags.2 = true,
                    Op::GetPrivate(n) | Op::SetPrivate(n) | Op::PrivateIn(n) => privates.push(n.clone()),
                    _ => {}
                }
            }
            for class in &c.classes {
                declared.extend(class.private_names.iter().cloned());
            }
            for child in &c.children {
                scan(child, same_this && child.kind == CodeKind::Arrow, flags, privates, declared);
            }
        }
        scan(code, true, &mut (&mut new_target, &mut super_property, &mut super_call), &mut privates, &mut declared);
        let env = self.caller_environments().0;
        let this_function = self.this_environment_function(env);
        let allowed = |vm: &Vm, what: fn(&crate::heap::FunctionKind) -> bool| {
            this_function.is_some_and(|f| match &vm.heap.obj(f).kind {
                crate::heap::ObjectKind::Function(k) => what(k),
                _ => false,
            })
        };
        if new_target && this_function.is_none() {
            return Err(self.error("SyntaxError", "new.target is only valid in functions"));
        }
        if super_property && !allowed(self, |k| matches!(k, crate::heap::FunctionKind::Ordinary { home: Some(_), .. }))
        {
            return Err(self.error("SyntaxError", "'super' keyword unexpected here"));
        }
        if super_call
            && !allowed(
                self,
                |k| matches!(k, crate::heap::FunctionKind::Ordinary { code, .. } if code.class_constructor == Some(true)),
            )
        {
            return Err(self.error("SyntaxError", "'super' call is only valid in derived constructors"));
        }
        for n in &privates {
            if self.resolve_private_name(env, n).is_some() {
                continue;
            }
            // A class in the eval code declares it: the uses inside that class are fine, one
            // outside it is a SyntaxError, and the compiled code no longer says which is which.
            if declared.contains(n) {
                return Err(Abrupt::Unsupported("a private name that eval code both declares and uses".into()));
            }
            return Err(self.error("SyntaxError", &format!("undeclared private name {n}")));
        }
        Ok(())
    }

    /// The function whose environment provides `this` for code running in `env` (none at top level).
    fn this_environment_function(&self, mut env: EnvRef) -> Option<crate::value::ObjRef> {
        loop {
            match self.heap.env(env) {
                Environment::Function { this, function, .. } if *this != crate::heap::ThisBinding::Lexical => {
                    return Some(*function)
                }
                Environment::Global { .. } => return None,
                e => env = e.outer()?,
            }
        }
    }

    /// 19.2.1.1 PerformEval. `direct` evals see the caller's environments; indirect ones the global
    /// environment.
    pub(crate) fn perform_eval(&mut self, x: Value, direct: bool, strict_caller: bool) -> JsResult<Value> {
        let Value::String(source) = x else { return Ok(x) };
        let allocator = oxc_allocator::Allocator::default();
        let wrapper_allocator = oxc_allocator::Allocator::default();
        let code = match parse(&allocator, &source) {
            Ok(parsed) => {
                // 19.2.1.1 step 5: in a field initialiser, eval code may not name `arguments`
                // outside the functions it defines (ContainsArguments).
                if direct && contains_arguments(&parsed.program) && self.in_field_initializer() {
                    return Err(self.error("SyntaxError", "'arguments' is not allowed in class field initializers"));
                }
                let strict = (direct && strict_caller) || parsed.program.has_use_strict_directive();
                if strict && !parsed.program.has_use_strict_directive() {
                    // Strict-mode early errors of code that is strict only through its caller.
                    let text = format!("\"use strict\";{source}");
                    let allocator = oxc_allocator::Allocator::default();
                    if let Err(rejection) = parse(&allocator, &text) {
                        return Err(self.rejected(rejection));
                    }
                }
                compile(crate::compile::compile_eval(&parsed.program, strict))?
            }
            // Script-goal parsing rejects new.target, super and private names, which eval code
            // inside functions, methods and classes may use: parse it as a derived constructor's
            // body instead, then check each use against the calling context (19.2.1.1 step 5).
            Err(Rejection::Unsupported(feature)) => return Err(Abrupt::Unsupported(feature)),
            Err(_) if direct && (source.contains("new.target") || source.contains("super") || source.contains('#')) => {
                if source.contains("return") || source.contains("arguments") {
                    return Err(Abrupt::Unsupported("eval code needing a function context".into()));
                }
                let names = private_names_in(&source);
                let fields: String = names.iter().map(|n| format!("{n}; ")).collect();
                let prefix = format!("class __eval extends Object {{ {fields}constructor() {{\n");
                let wrapper = format!("{prefix}{source}\n}} }}");
                let wrapper = wrapper_allocator.alloc_str(&wrapper);
                // The wrapper is strict class code: a failure may be a sloppy-only construct.
                let Ok(parsed) = parse(&wrapper_allocator, wrapper) else {
                    return Err(Abrupt::Unsupported("eval code that parses only in a function context".into()));
                };
                // Text that closes the constructor's braces itself (`} m() {`) parses inside the
                // wrapper but is no eval code: the body must be exactly the braces put around it.
                let body = (prefix.len() - 2, wrapper.len() - 2);
                if constructor_body_span(&parsed.program, names.len()) != Some(body) {
                    return Err(self.error("SyntaxError", "invalid eval code"));
                }
                let compiled = compile(crate::compile::compile_eval_in_constructor(&parsed.program, strict_caller))?;
                self.check_eval_context(&compiled)?;
                compiled
            }
            Err(rejection) => return Err(self.rejected(rejection)),
        };
        let strict = code.strict;
        let (caller_env, caller_var_env) =
            if direct { self.caller_environments() } else { (self.realm.global_env, self.realm.global_env) };
        let lex_env = self.new_declarative_env(caller_env);
        let var_env = if strict { lex_env } else { caller_var_env };
        self.eval_declaration_instantiation(&code, var_env, lex_env, strict)?;
        self.run_code(code, lex_env, var_env)
    }

    /// 19.2.1.3 EvalDeclarationInstantiation.
    fn eval_declaration_instantiation(
        &mut self,
        code: &Rc<crate::bytecode::FunctionCode>,
        var_env: EnvRef,
        lex_env: EnvRef,
        strict: bool,
    ) -> JsResult<()> {
        let global = self.realm.global_env;
        let hoisted: Vec<Name> = code.var_names.iter().chain(code.annex_b_functions.iter()).cloned().collect();
        if var_env == global {
            // B.3.2.3: a block function whose var the global object cannot take is left in its
            // block without an error; the compiled code would still copy it out, so refused.
            let global_object = self.realm.global_object;
            if !self.heap.obj(global_object).extensible {
                for n in code.annex_b_only_names() {
                    if !self.heap.obj(global_object).props.contains_key(n) {
                        return Err(Abrupt::Unsupported(format!(
                            "an eval block function '{n}' when the global object is not extensible"
                        )));
                    }
                }
            }
            self.check_global_declarations(code, &code.var_names)?;
        }
        if !strict {
            // B.3.2.3: a block function whose name a lexical binding between the eval and its var
            // scope holds is not hoisted at all (no error); the compiled code would still copy it
            // out of its block, so such programs are refused.
            let blocked = |n: &Name| {
                let is_block_function = code.annex_b_functions.contains(n) && !code.var_names.contains(n);
                if is_block_function {
                    Err(Abrupt::Unsupported(format!(
                        "an eval block function '{n}' beside a lexical binding of its name"
                    )))
                } else {
                    Ok(())
                }
            };
            if var_env == global {
                for n in &hoisted {
                    if self.heap.env(global).bindings().is_some_and(|b| b.contains_key(n)) {
                        blocked(n)?;
                        return Err(self.error("SyntaxError", &format!("redeclaration of '{n}'")));
                    }
                }
            }
            // A var may not hoist over a lexical binding between the eval and its var scope, except
            // a simple catch parameter (B.3.4).
            let mut this_env = self.heap.env(lex_env).outer();
            while let Some(e) = this_env.filter(|e| *e != var_env) {
                let env = self.heap.env(e);
                if let Some(bindings) = env.bindings() {
                    let catch = matches!(env, Environment::Declarative { simple_catch: true, .. });
                    for n in hoisted.iter().filter(|n| bindings.contains_key(*n)) {
                        let is_function = code.functions.iter().any(|(f, _)| f == n);
                        blocked(n)?;
                        if !catch {
                            return Err(self.error("SyntaxError", &format!("redeclaration of '{n}' by eval")));
                        }
                        if is_function {
                            return Err(Abrupt::Unsupported("eval function redeclaring a catch parameter".into()));
                        }
                    }
                }
                this_env = self.heap.env(e).outer();
            }
        }
        for (n, is_const) in &code.lexical {
            self.env_bindings_mut(lex_env)
                .insert(n.clone(), Binding { value: None, mutable: !is_const, strict: true, deletable: false });
        }
        // B.3.2.3 (at step 11): the block functions' own var bindings come first, then the
        // functions (step 17) and the vars (step 18).
        for n in code.annex_b_only_names() {
            self.declare_eval_var(var_env, n, None)?;
        }
        for (n, child) in &code.functions {
            let f = self.ordinary_function_create(Rc::clone(&code.children[*child]), lex_env);
            self.declare_eval_var(var_env, n, Some(Value::Object(f)))?;
        }
        for n in &code.var_names {
            if !code.functions.iter().any(|(f, _)| f == n) {
                self.declare_eval_var(var_env, n, None)?;
            }
        }
        Ok(())
    }

    /// 9.1.1.4.15 CanDeclareGlobalVar / 9.1.1.4.16 CanDeclareGlobalFunction, checked for every name
    /// before any binding is created (a script's and a global eval's).
    pub(crate) fn check_global_declarations(
        &mut self,
        code: &crate::bytecode::FunctionCode,
        hoisted: &[Name],
    ) -> JsResult<()> {
        let global = self.realm.global_object;
        for (n, _) in &code.functions {
            let ok = match self.heap.obj(global).props.get(n) {
                None => self.heap.obj(global).extensible,
                Some(p) => {
                    p.configurable || (matches!(p.slot, crate::heap::Slot::Data(_)) && p.writable && p.enumerable)
                }
            };
            if !ok {
                return Err(self.type_error(&format!("cannot declare global function '{n}'")));
            }
        }
        for n in hoisted {
            if !self.heap.obj(global).props.contains_key(n) && !self.heap.obj(global).extensible {
                return Err(self.type_error(&format!("cannot declare global variable '{n}'")));
            }
        }
        Ok(())
    }

    /// Whether the running code's this-environment belongs to a class field initializer.
    fn in_field_initializer(&mut self) -> bool {
        let mut env = self.caller_environments().0;
        loop {
            match self.heap.env(env) {
                Environment::Function { this, function, .. } if *this != crate::heap::ThisBinding::Lexical => {
                    return match &self.heap.obj(*function).kind {
                        crate::heap::ObjectKind::Function(crate::heap::FunctionKind::Ordinary { code, .. }) => {
                            code.field_initializer
                        }
                        _ => false,
                    };
                }
                e => match e.outer() {
                    Some(o) => env = o,
                    None => return false,
                },
            }
        }
    }

    /// Creates (deletable) or updates a var binding made by eval code.
    fn declare_eval_var(&mut self, var_env: EnvRef, n: &Name, function: Option<Value>) -> JsResult<()> {
        if let Environment::Global { object, .. } = self.heap.env(var_env) {
            let object = *object;
            // As for the script's declarations: an existing global would be kept as it is.
            self.refuse_unimplemented_own(object, n)?;
            // 9.1.1.4.17/18 with D = true: configurable properties.
            let existing = self.heap.obj(object).props.get(n).map(|p| p.configurable);
            match (function, existing) {
                (Some(f), None | Some(true)) => {
                    self.heap.obj_mut(object).props.insert(n.clone(), Property::data(f, true, true, true));
                }
                (Some(f), Some(false)) => {
                    self.set(object, n, f, Value::Object(object))?;
                }
                (None, None) => {
                    if !self.heap.obj(object).extensible {
                        return Err(self.type_error(&format!("cannot declare global variable '{n}'")));
                    }
                    self.heap
                        .obj_mut(object)
                        .props
                        .insert(n.clone(), Property::data(Value::Undefined, true, true, true));
                }
                (None, Some(_)) => {}
            }
            if let Environment::Global { var_names, .. } = self.heap.env_mut(var_env) {
                if !var_names.contains(n) {
                    var_names.push(n.clone());
                }
            }
            return Ok(());
        }
        let exists = self.heap.env(var_env).bindings().is_some_and(|b| b.contains_key(n));
        match (exists, function) {
            (true, Some(f)) => self.set_mutable_binding(var_env, n, f, false),
            (true, None) => Ok(()),
            (false, value) => {
                self.env_bindings_mut(var_env).insert(
                    n.clone(),
                    Binding {
                        value: Some(value.unwrap_or(Value::Undefined)),
                        mutable: true,
                        strict: false,
                        deletable: true,
                    },
                );
                Ok(())
            }
        }
    }

    /// 20.2.1.1.1 CreateDynamicFunction for `Function(p1, ..., body)`.
    /// The function's prototype comes from newTarget (absent for a plain call: `Function` itself).
    pub(crate) fn create_dynamic_function(&mut self, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
        let mut texts = Vec::with_capacity(args.len());
        for a in args {
            texts.push(self.to_string(a)?.to_string());
        }
        let body = texts.pop().unwrap_or_default();
        let params = texts.join(",");
        // The parameters and body must each parse on their own; comments spanning both could make
        // the joined text parse where the pieces do not.
        if params.contains("/*") || params.contains("//") || body.contains("*/") {
            return Err(Abrupt::Unsupported("comments in Function constructor pieces".into()));
        }
        let source = format!("function anonymous({params}\n) {{\n{body}\n}}");
        let allocator = oxc_allocator::Allocator::default();
        let parsed = match parse(&allocator, &source) {
            Ok(p) => p,
            Err(rejection) => return Err(self.rejected(rejection)),
        };
        // The parameters and the body must each be what the pieces gave, not a token spanning both
        // (a template literal, say): the parameter list ends at the `\n)` put after the pieces and
        // the body starts at the `{` put before the body.
        let params_end = "function anonymous(".len() + params.len() + 2;
        let whole = parsed.program.body.len() == 1
            && matches!(&parsed.program.body[0], oxc_ast::ast::Statement::FunctionDeclaration(f)
                if f.span.start == 0 && f.span.end as usize == source.len()
                    && f.params.span.end as usize == params_end
                    && f.body.as_ref().is_some_and(|b| b.span.start as usize == params_end + 1));
        if !whole {
            return Err(self.error("SyntaxError", "invalid Function constructor arguments"));
        }
        let code = match crate::compile::compile_script(&parsed.program) {
            Ok(code) => code,
            Err(crate::compile::CompileError::Unsupported(feature)) => return Err(Abrupt::Unsupported(feature)),
        };
        let (_, child) = code.functions[0].clone();
        let proto = match new_target {
            Some(nt) => crate::builtins::prototype_from_constructor(self, nt, self.realm.function_prototype)?,
            None => self.realm.function_prototype,
        };
        let global = self.realm.global_env;
        let f = self.ordinary_function_create(Rc::clone(&code.children[child]), global);
        self.heap.obj_mut(f).proto = Some(proto);
        Ok(Value::Object(f))
    }
}
