//! The machine: an explicit stack of frames running [`FunctionCode`].
//!
//! A JavaScript call pushes a frame instead of recursing in Rust, so JS call depth never grows the
//! native stack; only built-ins that call back into JavaScript (getters, `Array.prototype.map`, ...)
//! re-enter [`Vm::run_frames`], and that nesting is bounded by [`MAX_NATIVE_DEPTH`].

use std::rc::Rc;

use crate::api::{Limits, Resource};
use crate::builtins::Realm;
use crate::bytecode::{CodeKind, FunctionCode, Op};
use crate::environment::BindingPlace;
use crate::heap::{Binding, Environment, FunctionKind, Heap, Object, ObjectKind, Property, Roots, ThisBinding};
use crate::value::{Abrupt, EnvRef, JsResult, Name, ObjRef, Value};

/// How many times built-ins may re-enter the machine inside each other.
pub const MAX_NATIVE_DEPTH: usize = 256;

/// Live cells above which a collection runs (only between instructions of the outermost loop, where
/// every live handle is reachable from a frame).
const GC_THRESHOLD: usize = 500_000;

/// An installed exception handler: where to jump and what to restore.
#[derive(Debug, Clone)]
struct Handler {
    target: usize,
    stack_len: usize,
    refs_len: usize,
    env: EnvRef,
}

/// One activation of a [`FunctionCode`] (an execution context, 9.4).
#[derive(Debug, Clone)]
pub struct Frame {
    code: Rc<FunctionCode>,
    pc: usize,
    pub(crate) stack: Vec<Value>,
    /// The running LexicalEnvironment.
    pub env: EnvRef,
    /// The VariableEnvironment.
    pub var_env: EnvRef,
    function: Option<ObjRef>,
    args: Vec<Value>,
    handlers: Vec<Handler>,
    /// Identifier references resolved before their right-hand side is evaluated (6.2.5.6 PutValue
    /// writes where the reference pointed when it was evaluated).
    refs: Vec<Option<BindingPlace>>,
    /// For `[[Construct]]` of a base constructor: the object returned unless the body returns one.
    construct_this: Option<Value>,
    /// When this frame returns, the machine returns to the Rust code that entered it.
    boundary: bool,
    /// The generator object this frame belongs to (a generator body's frame only).
    pub(crate) generator: Option<ObjRef>,
    /// An async function's frame: the promise its completion settles (27.7.5.1 AsyncFunctionStart).
    async_promise: Option<ObjRef>,
    /// `[[Construct]]` of a derived class constructor: the result is its this binding (10.2.2).
    derived_constructor: bool,
    /// Eval code's completion value register.
    completion: Value,
}

impl Frame {
    /// A frame at the start of `code`, running in `env`.
    fn new(code: Rc<FunctionCode>, env: EnvRef, var_env: EnvRef, function: Option<ObjRef>, args: Vec<Value>) -> Frame {
        Frame {
            code,
            pc: 0,
            stack: Vec::new(),
            env,
            var_env,
            function,
            args,
            handlers: Vec::new(),
            refs: Vec::new(),
            construct_this: None,
            boundary: true,
            generator: None,
            async_promise: None,
            derived_constructor: false,
            completion: Value::Undefined,
        }
    }

    pub fn async_promise(&self) -> Option<ObjRef> {
        self.async_promise
    }

    /// Pushes every handle the frame holds (for marking suspended generator frames).
    pub fn trace(&self, out: &mut Vec<u32>) {
        out.push(self.env.0);
        out.push(self.var_env.0);
        out.extend(self.handlers.iter().map(|h| h.env.0));
        out.extend(self.function.iter().map(|f| f.0));
        out.extend(self.generator.iter().chain(self.async_promise.iter()).map(|g| g.0));
        for v in self.stack.iter().chain(self.args.iter()).chain(self.construct_this.iter()).chain([&self.completion]) {
            crate::heap::push_value(v, out);
        }
        for place in self.refs.iter().flatten() {
            match place {
                BindingPlace::Declarative(e) | BindingPlace::Object(e) => out.push(e.0),
            }
        }
    }
}

/// What one step of `yield*` decided.
enum Delegation {
    /// The inner iterator finished: the value of the `yield*` expression.
    Done(Value),
    /// A return() reached the inner iterator's end: the generator returns this value.
    Return(Value),
    /// Hand this inner result object to the generator's caller.
    Yield(Value),
}

/// How a suspended generator is resumed (27.5.3.3 GeneratorResume, 27.5.3.4
/// GeneratorResumeAbrupt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeMode {
    Next,
    Return,
    Throw,
}

impl ResumeMode {
    /// The number `yield*` in an async generator keeps on the stack for a round's mode.
    pub fn number(self) -> u8 {
        match self {
            ResumeMode::Next => 0,
            ResumeMode::Throw => 1,
            ResumeMode::Return => 2,
        }
    }

    fn from_number(v: &Value) -> ResumeMode {
        match v {
            Value::Number(n) if *n == 1.0 => ResumeMode::Throw,
            Value::Number(n) if *n == 2.0 => ResumeMode::Return,
            _ => ResumeMode::Next,
        }
    }

    fn pushed(self) -> Value {
        Value::Number(f64::from(self.number()))
    }
}

pub struct Vm {
    pub heap: Heap,
    pub realm: Realm,
    pub printed: Vec<String>,
    frames: Vec<Frame>,
    fuel: u64,
    limits: Limits,
    native_depth: usize,
    next_gc: usize,
    /// Arrays being joined, to refuse cyclic joins.
    pub join_stack: Vec<ObjRef>,
    /// The built-in function currently being called (10.3.1 step: the active function object).
    pub active_function: Option<ObjRef>,
    /// Set by `Yield` so the resumer can tell a yield from a return.
    yielded: bool,
    /// Set with `yielded` by `yield*`, which hands the inner iterator's result object through as is.
    yielded_raw: bool,
    /// How the generator being resumed continues after its `yield`.
    pub(crate) resume_mode: ResumeMode,
    /// Promise jobs waiting to run.
    pub(crate) jobs: crate::promise::JobQueue,
    next_private_id: u64,
    /// Lifetime probes and the liveness pass's state (see [`crate::liveness`]).
    pub(crate) lifetime: crate::liveness::LifetimeState,
    /// The kept-objects list, `afterGc` callbacks and pending finalization cleanups.
    pub(crate) weak: crate::weakref::WeakState,
    /// Tagged templates' template objects.
    pub(crate) templates: crate::template::TemplateRegistry,
}

impl Vm {
    pub fn new(limits: Limits) -> Vm {
        let mut heap = Heap::default();
        let realm = Realm::create(&mut heap);
        Vm {
            heap,
            realm,
            printed: Vec::new(),
            frames: Vec::new(),
            fuel: limits.fuel,
            limits,
            native_depth: 0,
            next_gc: GC_THRESHOLD,
            join_stack: Vec::new(),
            active_function: None,
            yielded: false,
            yielded_raw: false,
            resume_mode: ResumeMode::Next,
            jobs: Default::default(),
            next_private_id: 0,
            lifetime: Default::default(),
            weak: Default::default(),
            templates: Default::default(),
        }
    }

    /// Spends one unit of fuel.
    pub fn tick(&mut self) -> JsResult<()> {
        if self.fuel == 0 {
            return Err(Abrupt::Exhausted(Resource::Fuel));
        }
        self.fuel -= 1;
        Ok(())
    }

    pub fn check_memory(&self) -> JsResult<()> {
        if self.heap.live_cells() > self.limits.max_heap_cells {
            return Err(Abrupt::Exhausted(Resource::Memory));
        }
        Ok(())
    }

    // ----- Allocation helpers -------------------------------------------------------------------

    pub fn alloc(&mut self, object: Object) -> ObjRef {
        self.heap.alloc_object(object)
    }

    pub fn new_env(&mut self, env: Environment) -> EnvRef {
        self.heap.alloc_env(env)
    }

    pub fn new_declarative_env(&mut self, outer: EnvRef) -> EnvRef {
        self.new_env(Environment::Declarative { outer: Some(outer), bindings: Default::default(), simple_catch: false })
    }

    /// 10.2.3 OrdinaryFunctionCreate + 10.2.9 SetFunctionName + 10.2.5 MakeConstructor.
    pub fn ordinary_function_create(&mut self, code: Rc<FunctionCode>, env: EnvRef) -> ObjRef {
        let kind = code.kind;
        let length = code.params.length as f64;
        let fn_name = code.name.clone();
        let is_generator = code.is_generator;
        let is_async = code.is_async;
        let code_is_class = code.class_constructor.is_some();
        let proto = Some(if is_generator && is_async {
            self.realm.async_generator_function_prototype
        } else if is_generator {
            self.realm.generator_function_prototype
        } else if is_async {
            self.realm.async_function_prototype
        } else {
            self.realm.function_prototype
        });
        let f = self.alloc(Object::new(
            proto,
            ObjectKind::Function(FunctionKind::Ordinary {
                code,
                environment: env,
                this_value: None,
                home: None,
                class: None,
            }),
        ));
        let props = &mut self.heap.obj_mut(f).props;
        props.insert("length".into(), Property::data(Value::Number(length), false, false, true));
        props.insert("name".into(), Property::data(Value::String(fn_name), false, false, true));
        if code_is_class {
            // ClassDefinitionEvaluation installs `prototype` itself.
        } else if is_generator {
            // 15.5.4 / 15.6.4: a generator function's prototype inherits %GeneratorPrototype%
            // (%AsyncGeneratorPrototype%) and has no constructor property.
            let inherited =
                if is_async { self.realm.async_generator_prototype } else { self.realm.generator_prototype };
            let prototype = self.alloc(Object::new(Some(inherited), ObjectKind::Ordinary));
            self.heap
                .obj_mut(f)
                .props
                .insert("prototype".into(), Property::data(Value::Object(prototype), true, false, false));
        } else if kind == CodeKind::Normal && !is_async {
            let prototype = self.alloc(Object::new(Some(self.realm.object_prototype), ObjectKind::Ordinary));
            self.heap.obj_mut(prototype).props.insert("constructor".into(), Property::hidden(Value::Object(f)));
            self.heap
                .obj_mut(f)
                .props
                .insert("prototype".into(), Property::data(Value::Object(prototype), true, false, false));
        }
        f
    }

    /// 15.2.5 InstantiateOrdinaryFunctionExpression (with a funcEnv for a named expression) and
    /// 15.3.4 InstantiateArrowFunctionExpression.
    fn instantiate_function_expression(&mut self, code: Rc<FunctionCode>, env: EnvRef) -> ObjRef {
        if !code.self_binding {
            return self.ordinary_function_create(code, env);
        }
        let fn_name = code.name.clone();
        let func_env = self.new_declarative_env(env);
        self.env_bindings_mut(func_env)
            .insert(fn_name.clone(), Binding { value: None, mutable: false, strict: false, deletable: false });
        let closure = self.ordinary_function_create(code, func_env);
        if let Some(b) = self.env_bindings_mut(func_env).get_mut(&fn_name) {
            b.value = Some(Value::Object(closure));
        }
        closure
    }

    pub fn env_bindings_mut(&mut self, env: EnvRef) -> &mut crate::heap::IndexMap<Name, Binding> {
        self.heap.env_mut(env).bindings_mut().expect("declarative environment")
    }

    // ----- Running ------------------------------------------------------------------------------

    /// Runs a compiled script in the realm's global environment (16.1.6 ScriptEvaluation).
    pub fn run_script(&mut self, code: Rc<FunctionCode>) -> JsResult<Value> {
        let global_env = self.realm.global_env;
        self.global_declaration_instantiation(&code)?;
        self.frames.push(Frame::new(code, global_env, global_env, None, Vec::new()));
        let base = self.frames.len() - 1;
        let v = self.run_frames(base)?;
        self.clear_kept_objects();
        self.run_jobs()?;
        self.run_after_gc_callbacks()?;
        Ok(v)
    }

    /// 7.3.14 Call(F, V, argumentsList).
    pub fn call(&mut self, f: &Value, this: Value, args: Vec<Value>) -> JsResult<Value> {
        let Some(fo) = f.as_object().filter(|o| self.is_callable(*o)) else {
            return Err(self.type_error("value is not a function"));
        };
        self.call_object(fo, this, args, None)
    }

    /// 7.3.15 Construct(F, argumentsList, newTarget).
    pub fn construct(&mut self, f: ObjRef, args: Vec<Value>, new_target: Option<ObjRef>) -> JsResult<Value> {
        let nt = new_target.unwrap_or(f);
        self.call_object(f, Value::Undefined, args, Some(nt))
    }

    /// `[[Call]]` (new_target None) or `[[Construct]]` from Rust code: runs to completion.
    fn call_object(&mut self, f: ObjRef, this: Value, args: Vec<Value>, new_target: Option<ObjRef>) -> JsResult<Value> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(Abrupt::Exhausted(Resource::Stack));
        }
        self.native_depth += 1;
        let depth = self.frames.len();
        let result = match self.begin_call(f, this, args, new_target, true) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => self.run_frames(depth),
            Err(e) => Err(e),
        };
        self.native_depth -= 1;
        result
    }

    /// Starts a call: native functions run immediately (`Some(result)`); ECMAScript functions get a
    /// frame pushed (`None`) that the run loop executes.
    fn begin_call(
        &mut self,
        f: ObjRef,
        this: Value,
        args: Vec<Value>,
        new_target: Option<ObjRef>,
        boundary: bool,
    ) -> JsResult<Option<Value>> {
        self.tick()?;
        let kind = match &self.heap.obj(f).kind {
            // Clone what the call needs, not the class slots.
            ObjectKind::Function(FunctionKind::Ordinary { code, environment, .. }) => FunctionKind::Ordinary {
                code: Rc::clone(code),
                environment: *environment,
                this_value: None,
                home: None,
                class: None,
            },
            ObjectKind::Function(k) => k.clone(),
            _ => return Err(self.type_error("value is not a function")),
        };
        match kind {
            FunctionKind::Native { func, constructor } => {
                if new_target.is_some() && !constructor {
                    return Err(self.type_error("not a constructor"));
                }
                // Function.prototype.call / apply continue with their target on this machine
                // instead of re-entering it, so deep recursion through them stays frame-based.
                if f == self.realm.function_call || f == self.realm.function_apply {
                    let Some(target) = this.as_object().filter(|t| self.is_callable(*t)) else {
                        return Err(self.type_error("Function.prototype.call/apply on a non-function"));
                    };
                    let mut args = args.into_iter();
                    let this_arg = args.next().unwrap_or(Value::Undefined);
                    let list = if f == self.realm.function_call {
                        args.collect()
                    } else {
                        crate::builtins::apply_arguments(self, &args.next().unwrap_or(Value::Undefined))?
                    };
                    return self.begin_call(target, this_arg, list, None, boundary);
                }
                self.active_function = Some(f);
                func(self, &this, &args, new_target).map(Some)
            }
            FunctionKind::PromiseResolving { state, reject } => {
                if new_target.is_some() {
                    return Err(self.type_error("not a constructor"));
                }
                let arg = args.into_iter().next().unwrap_or(Value::Undefined);
                self.promise_resolving_function(state, reject, arg).map(Some)
            }
            FunctionKind::PromiseClosure(closure) => {
                if new_target.is_some() {
                    return Err(self.type_error("not a constructor"));
                }
                self.promise_closure_call(f, *closure, args).map(Some)
            }
            FunctionKind::Bound { target, this: bound_this, args: bound_args } => {
                // 10.4.1.1 [[Call]] / 10.4.1.2 [[Construct]] of bound functions.
                let mut all = bound_args;
                all.extend(args);
                let nt = new_target.map(|nt| if nt == f { target } else { nt });
                self.begin_call(target, bound_this, all, nt, boundary)
            }
            FunctionKind::Ordinary { code, environment, .. } => {
                if self.frames.len() >= self.limits.max_frames {
                    return Err(Abrupt::Exhausted(Resource::Stack));
                }
                if code.class_constructor.is_some() && new_target.is_none() {
                    return Err(self.type_error("class constructors must be invoked with 'new'"));
                }
                let derived = code.class_constructor == Some(true) && new_target.is_some();
                let construct_this = match new_target {
                    Some(_) if derived => None,
                    Some(nt) => {
                        if code.kind != CodeKind::Normal || code.is_generator || code.is_async {
                            return Err(self.type_error("not a constructor"));
                        }
                        // 10.1.13 OrdinaryCreateFromConstructor.
                        let proto = self.get(nt, "prototype")?;
                        let proto = proto.as_object().unwrap_or(self.realm.object_prototype);
                        let this = self.alloc(Object::new(Some(proto), ObjectKind::Ordinary));
                        // 10.2.2 [[Construct]] step 6.b: a base class initializes its fields first.
                        if code.class_constructor.is_some() {
                            self.initialize_instance_elements(this, f)?;
                        }
                        Some(Value::Object(this))
                    }
                    None => None,
                };
                let this_arg = construct_this.clone().unwrap_or(this);
                let async_promise =
                    (code.is_async && !code.is_generator).then(|| self.new_promise(self.realm.promise_prototype));
                let mut frame = self.prepare_ordinary_call(f, code, environment, this_arg, args, new_target)?;
                if derived {
                    // 10.2.1.2: a derived constructor's this stays uninitialized until super().
                    if let Environment::Function { this, .. } = self.heap.env_mut(frame.var_env) {
                        *this = ThisBinding::Uninitialized;
                    }
                }
                frame.derived_constructor = derived;
                self.frames.push(Frame { construct_this, boundary, async_promise, ..frame });
                Ok(None)
            }
        }
    }

    /// 10.2.1.1 PrepareForOrdinaryCall, 10.2.1.2 OrdinaryCallBindThis and steps 1-24 of 10.2.11
    /// FunctionDeclarationInstantiation (parameter bindings and the arguments object).
    fn prepare_ordinary_call(
        &mut self,
        f: ObjRef,
        code: Rc<FunctionCode>,
        closure_env: EnvRef,
        this_arg: Value,
        args: Vec<Value>,
        new_target: Option<ObjRef>,
    ) -> JsResult<Frame> {
        let this = if code.kind == CodeKind::Arrow {
            ThisBinding::Lexical
        } else if code.strict {
            ThisBinding::Initialized(this_arg)
        } else {
            match this_arg {
                Value::Undefined | Value::Null => ThisBinding::Initialized(Value::Object(self.realm.global_object)),
                other => ThisBinding::Initialized(Value::Object(self.to_object(&other)?)),
            }
        };
        let env = self.new_env(Environment::Function {
            outer: Some(closure_env),
            bindings: Default::default(),
            this,
            function: f,
            new_target: new_target.map(Value::Object).unwrap_or(Value::Undefined),
        });
        // Step 20: when a sloppy direct eval in the parameters could declare vars, the parameters
        // get their own environment inside the function's.
        let function_env = env;
        let env = if code.eval_in_parameters && !code.strict { self.new_declarative_env(env) } else { env };
        // Steps 19-21: parameter bindings, uninitialized unless there are duplicates.
        let params = &code.params;
        for n in &params.names {
            let initial = params.has_duplicates.then_some(Value::Undefined);
            self.env_bindings_mut(env)
                .insert(n.clone(), Binding { value: initial, mutable: true, strict: false, deletable: false });
        }
        // Step 15-18 and 22: argumentsObjectNeeded.
        let arguments_needed = code.kind != CodeKind::Arrow
            && code.uses_arguments
            && !params.names.iter().any(|n| &**n == "arguments")
            && (params.has_expressions
                || !(code.functions.iter().any(|(n, _)| &**n == "arguments")
                    || code.lexical.iter().any(|(n, _)| &**n == "arguments")));
        if arguments_needed {
            let mapped = !code.strict && params.simple;
            let arguments = self.create_arguments_object(f, &args, mapped.then(|| (env, params.names.clone())));
            self.env_bindings_mut(env).insert(
                "arguments".into(),
                Binding {
                    value: Some(Value::Object(arguments)),
                    mutable: !code.strict,
                    strict: code.strict,
                    deletable: false,
                },
            );
        }
        Ok(Frame { boundary: false, ..Frame::new(code, env, function_env, Some(f), args) })
    }

    /// 10.4.4.6 CreateUnmappedArgumentsObject and 10.4.4.7 CreateMappedArgumentsObject.
    fn create_arguments_object(
        &mut self,
        callee: ObjRef,
        args: &[Value],
        mapping: Option<(EnvRef, Vec<Name>)>,
    ) -> ObjRef {
        let mut map = Vec::new();
        let env = mapping.as_ref().map(|(e, _)| *e);
        if let Some((_, names)) = &mapping {
            map = vec![None; args.len()];
            // Later parameters with the same name win (step 17: iterate from the end).
            let mut seen: Vec<&Name> = Vec::new();
            for (i, n) in names.iter().enumerate().rev() {
                if !seen.contains(&n) {
                    seen.push(n);
                    if i < args.len() {
                        map[i] = Some(n.clone());
                    }
                }
            }
        }
        let obj = self.alloc(Object::new(Some(self.realm.object_prototype), ObjectKind::Arguments { env, map }));
        let props = &mut self.heap.obj_mut(obj).props;
        for (i, a) in args.iter().enumerate() {
            props.insert(i.to_string().into(), Property::plain(a.clone()));
        }
        props.insert("length".into(), Property::hidden(Value::Number(args.len() as f64)));
        let (iterator, values) = (self.realm.well_known.iterator, self.realm.array_values);
        self.heap.obj_mut(obj).symbols.insert(iterator, Property::hidden(Value::Object(values)));
        let props = &mut self.heap.obj_mut(obj).props;
        if mapping.is_some() {
            props.insert("callee".into(), Property::hidden(Value::Object(callee)));
        } else {
            // %ThrowTypeError% accessor for strict `callee`.
            let thrower = self.realm.throw_type_error;
            props.insert(
                "callee".into(),
                Property {
                    slot: crate::heap::Slot::Accessor { get: Some(thrower), set: Some(thrower) },
                    writable: false,
                    enumerable: false,
                    configurable: false,
                },
            );
        }
        obj
    }

    /// Executes frames until the frame at index `base` returns; its value is the result.
    fn run_frames(&mut self, base: usize) -> JsResult<Value> {
        loop {
            match self.step(base) {
                Ok(Some(v)) => return Ok(v),
                Ok(None) => {}
                Err(Abrupt::Throw(v)) => {
                    // Find a handler in this loop's frames, innermost first.
                    loop {
                        let frame = self.frames.last_mut().expect("frame");
                        if let Some(h) = frame.handlers.pop() {
                            frame.stack.truncate(h.stack_len);
                            frame.refs.truncate(h.refs_len);
                            frame.env = h.env;
                            frame.pc = h.target;
                            frame.stack.push(v);
                            break;
                        }
                        let frame = self.frames.pop().expect("frame");
                        if let Some(g) = frame.generator.filter(|g| self.is_async_generator(*g)) {
                            // 27.6.3.2 AsyncGeneratorStart step 4: the body threw.
                            self.async_gen_finished(g, Err(v))?;
                            return Ok(Value::Undefined);
                        }
                        if let Some(p) = frame.async_promise {
                            // 27.7.5.2 AsyncBlockStart: an exception rejects the function's promise.
                            self.reject_promise(p, v);
                            if frame.boundary || self.frames.len() == base {
                                return Ok(Value::Object(p));
                            }
                            self.push(Value::Object(p));
                            break;
                        }
                        if self.frames.len() == base {
                            return Err(Abrupt::Throw(v));
                        }
                    }
                }
                Err(other) => {
                    self.frames.truncate(base);
                    return Err(other);
                }
            }
        }
    }

    /// The running execution context's LexicalEnvironment.
    pub(crate) fn current_env(&mut self) -> EnvRef {
        self.frame().env
    }

    pub(crate) fn pop_value(&mut self) -> Value {
        self.pop()
    }

    pub(crate) fn push_value(&mut self, v: Value) {
        self.push(v)
    }

    /// The operand `depth` places below the top.
    pub(crate) fn peek_value(&mut self, depth: usize) -> Value {
        let s = &self.frame().stack;
        s[s.len() - 1 - depth].clone()
    }

    /// The running context's LexicalEnvironment and VariableEnvironment (what a direct eval sees).
    pub(crate) fn caller_environments(&mut self) -> (EnvRef, EnvRef) {
        let f = self.frame();
        (f.env, f.var_env)
    }

    /// Runs script-like code (eval code) in the given environments to completion.
    pub(crate) fn run_code(&mut self, code: Rc<FunctionCode>, env: EnvRef, var_env: EnvRef) -> JsResult<Value> {
        let function = self.frames.last().and_then(|f| f.function);
        let frame = Frame::new(code, env, var_env, function, Vec::new());
        self.run_suspended(frame)
    }

    /// A fresh Private Name (6.2.12).
    pub(crate) fn new_private_id(&mut self) -> u64 {
        self.next_private_id += 1;
        self.next_private_id
    }

    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a running frame")
    }

    fn pop(&mut self) -> Value {
        self.frame().stack.pop().expect("operand stack underflow")
    }

    fn push(&mut self, v: Value) {
        self.frame().stack.push(v);
    }

    fn peek(&mut self) -> &Value {
        self.frame().stack.last().expect("operand stack underflow")
    }

    /// Executes one instruction. Returns `Some(value)` when the frame at `base` returned.
    fn step(&mut self, base: usize) -> JsResult<Option<Value>> {
        self.tick()?;
        self.collect_if_needed()?;
        let frame = self.frames.last_mut().expect("a running frame");
        let code = Rc::clone(&frame.code);
        let pc = frame.pc;
        frame.pc += 1;
        match &code.ops[pc] {
            Op::Undefined => self.push(Value::Undefined),
            Op::Null => self.push(Value::Null),
            Op::Bool(b) => self.push(Value::Bool(*b)),
            Op::Number(n) => self.push(Value::Number(*n)),
            Op::String(s) => self.push(Value::String(s.clone())),
            Op::Pop => {
                self.pop();
            }
            Op::Dup => {
                let v = self.peek().clone();
                self.push(v);
            }
            Op::Dup2 => {
                let s = &mut self.frame().stack;
                let n = s.len();
                let (a, b) = (s[n - 2].clone(), s[n - 1].clone());
                s.push(a);
                s.push(b);
            }
            Op::Swap => {
                let s = &mut self.frame().stack;
                let n = s.len();
                s.swap(n - 1, n - 2);
            }
            Op::RotRight3 => {
                let s = &mut self.frame().stack;
                let n = s.len();
                s[n - 3..].rotate_right(1);
            }
            Op::RotRight4 => {
                let s = &mut self.frame().stack;
                let n = s.len();
                s[n - 4..].rotate_right(1);
            }
            Op::Pick(d) => {
                let s = &self.frame().stack;
                let v = s[s.len() - 1 - d].clone();
                self.push(v);
            }
            Op::IteratorValueOrUndefined(d) => {
                let s = &self.frame().stack;
                let it = s[s.len() - 1 - d].as_object().expect("iterator");
                let v = self.iterator_step(it)?.unwrap_or(Value::Undefined);
                self.push(v);
            }
            Op::IteratorSkip => {
                let it = self.peek().as_object().expect("iterator");
                self.iterator_skip(it)?;
            }
            Op::IteratorRest(d) => {
                let s = &self.frame().stack;
                let it = s[s.len() - 1 - d].as_object().expect("iterator");
                let mut rest = Vec::new();
                while let Some(v) = self.iterator_step(it)? {
                    self.tick()?;
                    rest.push(v);
                }
                let a = self.new_array(rest);
                self.push(Value::Object(a));
            }
            Op::RequireObjectCoercible => {
                let v = self.peek().clone();
                self.require_object_coercible(&v)?;
            }
            Op::ObjectRest(excluded) => {
                let source = self.pop();
                let target = self.new_object();
                self.copy_data_properties(target, &source, excluded)?;
                self.push(Value::Object(target));
            }
            Op::SpreadIntoArray => {
                let iterable = self.pop();
                let a = self.peek().as_object().expect("array under spread");
                let it = self.for_of_iterator(&iterable)?.as_object().expect("iterator");
                while let Some(v) = self.iterator_step(it)? {
                    self.tick()?;
                    let len = self.array_length(a);
                    self.create_data_property_or_throw(a, &len.to_string(), v)?;
                }
            }
            Op::CopyDataProperties => {
                let source = self.pop();
                let target = self.peek().as_object().expect("object literal");
                self.copy_data_properties(target, &source, &[])?;
            }
            Op::CallSpread | Op::NewSpread => {
                let array = self.pop().as_object().expect("argument array");
                let len = self.array_length(array);
                let mut args = Vec::with_capacity(len as usize);
                for i in 0..len {
                    args.push(self.get(array, &i.to_string())?);
                }
                let is_new = matches!(code.ops[pc], Op::NewSpread);
                let this = if is_new { Value::Undefined } else { self.pop() };
                let callee = self.pop();
                let result = if is_new {
                    let Some(f) = callee.as_object().filter(|o| self.is_constructor(*o)) else {
                        return Err(self.type_error("value is not a constructor"));
                    };
                    self.begin_call(f, Value::Undefined, args, Some(f), false)?
                } else {
                    let Some(f) = callee.as_object().filter(|o| self.is_callable(*o)) else {
                        return Err(self.type_error("value is not a function"));
                    };
                    self.begin_call(f, this, args, None, false)?
                };
                if let Some(v) = result {
                    self.push(v);
                }
            }
            Op::GetName(n) => {
                let env = self.frame().env;
                let v = self.get_identifier_value(env, n, code.is_strict_at(pc))?;
                self.push(v);
            }
            Op::GetNameAndThis(n) => {
                let env = self.frame().env;
                let place = self.resolve_binding(env, n)?;
                let this = match place {
                    Some(crate::environment::BindingPlace::Object(e)) => match self.heap.env(e) {
                        Environment::Object { object, with_environment: true, .. } => Value::Object(*object),
                        _ => Value::Undefined,
                    },
                    _ => Value::Undefined,
                };
                let f = match place {
                    Some(p) => self.get_binding_value(p, n, code.is_strict_at(pc))?,
                    None => {
                        self.refuse_missing_global(n)?;
                        return Err(self.error("ReferenceError", &format!("{n} is not defined")));
                    }
                };
                self.push(f);
                self.push(this);
            }
            Op::EnterWith => {
                let v = self.pop();
                let object = self.to_object(&v)?;
                let env = self.frame().env;
                let with_env = self.new_env(Environment::Object { outer: Some(env), object, with_environment: true });
                self.frame().env = with_env;
            }
            Op::TypeofName(n) => {
                let env = self.frame().env;
                let v = match self.resolve_binding(env, n)? {
                    None => {
                        self.refuse_missing_global(n)?;
                        Value::Undefined
                    }
                    Some(r) => self.get_binding_value(r, n, code.is_strict_at(pc))?,
                };
                let t = self.type_of(&v);
                self.push(Value::str(t));
            }
            Op::ResolveReference(n) => {
                let env = self.frame().env;
                let place = self.resolve_binding(env, n)?;
                self.frame().refs.push(place);
            }
            Op::GetReferenceValue(n) => {
                let place = *self.frame().refs.last().expect("ResolveReference precedes");
                let v = match place {
                    Some(p) => self.get_binding_value(p, n, code.is_strict_at(pc))?,
                    None => {
                        self.refuse_missing_global(n)?;
                        return Err(self.error("ReferenceError", &format!("{n} is not defined")));
                    }
                };
                self.push(v);
            }
            Op::DropReference => {
                self.frame().refs.pop();
            }
            Op::SetResolvedName(n) => {
                let place = self.frame().refs.pop().expect("ResolveReference precedes");
                let v = self.peek().clone();
                self.put_value_at(place, n, v, code.is_strict_at(pc))?;
            }
            Op::SetName(n) => {
                let v = self.peek().clone();
                let env = self.frame().env;
                self.put_identifier_value(env, n, v, code.is_strict_at(pc))?;
            }
            Op::DeleteName(n) => {
                let env = self.frame().env;
                let r = self.delete_binding(env, n)?;
                self.push(Value::Bool(r));
            }
            Op::InitializeBinding(n) => {
                let v = self.pop();
                let env = self.frame().env;
                self.initialize_binding(env, n, v);
            }
            Op::AnnexBCopyToVar(n) => {
                let (env, var_env) = (self.frame().env, self.frame().var_env);
                let f = self.get_identifier_value(env, n, code.is_strict_at(pc))?;
                self.set_mutable_binding_in(var_env, n, f, false)?;
            }
            Op::This => {
                let env = self.frame().env;
                let v = self.resolve_this_binding(env)?;
                self.push(v);
            }
            Op::NewTarget => {
                let env = self.frame().env;
                let v = self.get_new_target(env);
                self.push(v);
            }
            Op::EnterBlock(idx) => {
                let env = self.frame().env;
                let block_env = self.new_declarative_env(env);
                self.block_declaration_instantiation(&code, *idx, block_env);
                self.frame().env = block_env;
            }
            Op::ExitBlock => {
                let env = self.frame().env;
                let outer = self.heap.env(env).outer().expect("block has an outer environment");
                self.frame().env = outer;
            }
            Op::CreatePerIterationEnvironment(names) => {
                // 14.7.4.4 CreatePerIterationEnvironment.
                let last = self.frame().env;
                let outer = self.heap.env(last).outer().expect("loop environment has an outer");
                let copied: Vec<(Name, Binding)> = names
                    .iter()
                    .map(|n| {
                        let b = self.heap.env(last).bindings().and_then(|b| b.get(n)).cloned();
                        (n.clone(), b.expect("per-iteration binding exists"))
                    })
                    .collect();
                let this_iteration = self.new_declarative_env(outer);
                self.env_bindings_mut(this_iteration).extend(copied);
                self.frame().env = this_iteration;
            }
            Op::InstantiateVarsAndFunctions => self.instantiate_vars_and_functions(&code)?,
            Op::GetArgument(i) => {
                let v = self.frame().args.get(*i).cloned().unwrap_or(Value::Undefined);
                self.push(v);
            }
            Op::GetRestArguments(i) => {
                let rest: Vec<Value> = self.frame().args.iter().skip(*i).cloned().collect();
                let a = self.new_array(rest);
                self.push(Value::Object(a));
            }
            Op::MakeClosure(idx) => {
                let env = self.frame().env;
                let f = self.instantiate_function_expression(Rc::clone(&code.children[*idx]), env);
                self.push(Value::Object(f));
            }
            Op::Call(argc) => {
                let args = self.pop_n(*argc);
                let this = self.pop();
                let callee = self.pop();
                let Some(f) = callee.as_object().filter(|o| self.is_callable(*o)) else {
                    return Err(self.type_error("value is not a function"));
                };
                if let Some(v) = self.begin_call(f, this, args, None, false)? {
                    self.push(v);
                }
            }
            Op::New(argc) => {
                let args = self.pop_n(*argc);
                let callee = self.pop();
                let Some(f) = callee.as_object().filter(|o| self.is_constructor(*o)) else {
                    return Err(self.type_error("value is not a constructor"));
                };
                if let Some(v) = self.begin_call(f, Value::Undefined, args, Some(f), false)? {
                    self.push(v);
                }
            }
            Op::Return => {
                let v = self.pop();
                let frame = self.frames.pop().expect("frame");
                if let Some(g) = frame.generator.filter(|g| self.is_async_generator(*g)) {
                    // 27.6.3.2 AsyncGeneratorStart step 4: the body returned.
                    self.async_gen_finished(g, Ok(v))?;
                    return Ok(Some(Value::Undefined));
                }
                let v = match (frame.construct_this, &v) {
                    (Some(_), Value::Object(_)) => v,
                    (Some(this), _) => this,
                    (None, _) => v,
                };
                let v = if frame.derived_constructor {
                    // 10.2.2 [[Construct]] steps 10-12 for derived constructors.
                    match v {
                        Value::Object(_) => v,
                        Value::Undefined => self.resolve_this_binding(frame.env)?,
                        _ => return Err(self.type_error("derived constructors may only return an object or undefined")),
                    }
                } else {
                    v
                };
                let v = match frame.async_promise {
                    Some(p) => {
                        self.resolve_promise(p, v)?;
                        Value::Object(p)
                    }
                    None => v,
                };
                if frame.boundary || self.frames.len() == base {
                    return Ok(Some(v));
                }
                self.push(v);
            }
            Op::NewObject => {
                let o = self.new_object();
                self.push(Value::Object(o));
            }
            Op::NewArray(n) => {
                let items = self.pop_n(*n);
                let a = self.new_array(items);
                self.push(Value::Object(a));
            }
            Op::ArrayHole => {
                let a = self.peek().as_object().expect("array literal");
                let len = self.array_length(a);
                self.set_array_length_raw(a, len + 1);
            }
            Op::ArrayPush => {
                let v = self.pop();
                let a = self.peek().as_object().expect("array literal");
                let len = self.array_length(a);
                self.create_data_property_or_throw(a, &len.to_string(), v)?;
            }
            Op::TemplateObject(site) => {
                let site = site.clone();
                let o = self.template_object(&site)?;
                self.push(Value::Object(o));
            }
            Op::SetLiteralPrototype => {
                let v = self.pop();
                let o = self.peek().as_object().expect("object literal");
                if matches!(v, Value::Object(_) | Value::Null) {
                    // A fresh ordinary object is extensible and in no prototype chain: this succeeds.
                    crate::object_statics::set_prototype_of(self, o, v.as_object());
                }
            }
            Op::DefineField(k) => {
                let v = self.pop();
                let o = self.peek().as_object().expect("object literal");
                self.create_data_property_or_throw(o, k, v)?;
            }
            Op::DefineComputedField(set_name) => {
                let v = self.pop();
                let key = self.pop();
                let key = self.to_property_key(&key)?;
                let o = self.peek().as_object().expect("object literal");
                if *set_name {
                    if let Value::Object(f) = &v {
                        self.set_function_name(*f, &key, None);
                    }
                }
                self.create_data_property_or_throw(o, &key, v)?;
            }
            Op::DefineAccessor(k, is_get) => {
                let f = self.pop().as_object().expect("accessor function");
                let o = self.peek().as_object().expect("object literal");
                self.define_accessor(o, k, f, *is_get)?;
            }
            Op::DefineComputedAccessor(is_get) => {
                let f = self.pop().as_object().expect("accessor function");
                let key = self.pop();
                let key = self.to_property_key(&key)?;
                let o = self.peek().as_object().expect("object literal");
                self.set_function_name(f, &key, Some(if *is_get { "get" } else { "set" }));
                self.define_accessor(o, &key, f, *is_get)?;
            }
            Op::GetProperty(k) => {
                let o = self.pop();
                let v = self.get_value_property(&o, k)?;
                self.push(v);
            }
            Op::GetElement => {
                let key = self.pop();
                let o = self.pop();
                self.require_object_coercible(&o)?;
                let key = self.to_property_key(&key)?;
                let v = self.get_value_property(&o, &key)?;
                self.push(v);
            }
            Op::SetProperty(k) => {
                let v = self.pop();
                let o = self.pop();
                self.put_value_property(&o, k, v.clone(), code.is_strict_at(pc))?;
                self.push(v);
            }
            Op::SetElement => {
                let v = self.pop();
                let key = self.pop();
                let o = self.pop();
                self.require_object_coercible(&o)?;
                let key = self.to_property_key(&key)?;
                self.put_value_property(&o, &key, v.clone(), code.is_strict_at(pc))?;
                self.push(v);
            }
            Op::DeleteProperty(k) => {
                let o = self.pop();
                let r = self.delete_value_property(&o, k, code.is_strict_at(pc))?;
                self.push(Value::Bool(r));
            }
            Op::DeleteElement => {
                let key = self.pop();
                let o = self.pop();
                self.require_object_coercible(&o)?;
                let key = self.to_property_key(&key)?;
                let r = self.delete_value_property(&o, &key, code.is_strict_at(pc))?;
                self.push(Value::Bool(r));
            }
            Op::ToPropertyKey => {
                // GetValue does ToObject(base) before ToPropertyKey(key) (6.2.5.5 steps 3.a-c).
                let n = self.frame().stack.len();
                let base = self.frame().stack[n - 2].clone();
                self.require_object_coercible(&base)?;
                let key = self.pop();
                let key = self.to_property_key(&key)?;
                self.push(key.to_value());
            }
            Op::Binary(op) => {
                let r = self.pop();
                let l = self.pop();
                let v = self.binary_operation(*op, l, r)?;
                self.push(v);
            }
            Op::Not => {
                let v = self.pop();
                self.push(Value::Bool(!self.to_boolean(&v)));
            }
            Op::Negate => {
                let v = self.pop();
                let n = self.to_number(&v)?;
                self.push(Value::Number(-n));
            }
            Op::Plus => {
                let v = self.pop();
                let n = self.to_number(&v)?;
                self.push(Value::Number(n));
            }
            Op::BitNot => {
                let v = self.pop();
                let n = self.to_number(&v)?;
                self.push(Value::Number(!crate::conversions::to_int32(n) as f64));
            }
            Op::Typeof => {
                let v = self.pop();
                let t = self.type_of(&v);
                self.push(Value::str(t));
            }
            Op::ToNumeric => {
                let v = self.pop();
                let n = self.to_number(&v)?;
                self.push(Value::Number(n));
            }
            Op::Increment | Op::Decrement => {
                let Value::Number(n) = self.pop() else { unreachable!("ToNumeric precedes") };
                let d = if matches!(code.ops[pc], Op::Increment) { 1.0 } else { -1.0 };
                self.push(Value::Number(n + d));
            }
            Op::ToString => {
                let v = self.pop();
                let s = self.to_string(&v)?;
                self.push(Value::String(s));
            }
            Op::Jump(t) => self.frame().pc = *t,
            Op::JumpIfFalse(t) => {
                let v = self.pop();
                if !self.to_boolean(&v) {
                    self.frame().pc = *t;
                }
            }
            Op::JumpIfTrue(t) => {
                let v = self.pop();
                if self.to_boolean(&v) {
                    self.frame().pc = *t;
                }
            }
            Op::JumpIfFalseKeep(t) | Op::JumpIfTrueKeep(t) => {
                let v = self.peek().clone();
                let truthy = self.to_boolean(&v);
                if truthy == matches!(code.ops[pc], Op::JumpIfTrueKeep(_)) {
                    self.frame().pc = *t;
                } else {
                    self.pop();
                }
            }
            Op::JumpIfNotNullishKeep(t) => {
                if self.peek().is_nullish() {
                    self.pop();
                } else {
                    self.frame().pc = *t;
                }
            }
            Op::JumpIfNullish(t) => {
                if self.peek().is_nullish() {
                    self.frame().pc = *t;
                }
            }
            Op::JumpIfNotUndefined(t) => {
                if !matches!(self.peek(), Value::Undefined) {
                    self.frame().pc = *t;
                }
            }
            Op::Throw => {
                let v = self.pop();
                return Err(Abrupt::Throw(v));
            }
            Op::PushHandler(t) => {
                let frame = self.frame();
                let h =
                    Handler { target: *t, stack_len: frame.stack.len(), refs_len: frame.refs.len(), env: frame.env };
                frame.handlers.push(h);
            }
            Op::PopHandler => {
                self.frame().handlers.pop();
            }
            Op::ForInStart => {
                let o = self.pop();
                let it = self.for_in_iterator(&o)?;
                self.push(it);
            }
            Op::ForOfStart => {
                let o = self.pop();
                let it = self.for_of_iterator(&o)?;
                self.push(it);
            }
            Op::IterNext(t) => {
                let it = self.peek().as_object().expect("iterator");
                match self.iterator_step(it)? {
                    Some(v) => self.push(v),
                    None => {
                        self.pop();
                        self.frame().pc = *t;
                    }
                }
            }
            Op::GeneratorStart => {
                let mut frame = self.frames.pop().expect("generator frame");
                let proto = match frame.function {
                    Some(f) => self.get(f, "prototype")?,
                    None => Value::Undefined,
                };
                let is_async = frame.code.is_async;
                let fallback =
                    if is_async { self.realm.async_generator_prototype } else { self.realm.generator_prototype };
                let proto = proto.as_object().unwrap_or(fallback);
                let boundary = frame.boundary;
                frame.boundary = true;
                let kind = if is_async {
                    // 27.6.3.2 AsyncGeneratorStart.
                    ObjectKind::AsyncGenerator(Box::new(crate::async_generator::AsyncGenData {
                        state: crate::async_generator::AsyncGenState::SuspendedStart(Box::new(frame)),
                        queue: Default::default(),
                    }))
                } else {
                    ObjectKind::Generator(crate::heap::GeneratorState::SuspendedStart(Box::new(frame)))
                };
                let g = self.alloc(Object::new(Some(proto), kind));
                if boundary || self.frames.len() == base {
                    return Ok(Some(Value::Object(g)));
                }
                self.push(Value::Object(g));
            }
            Op::Yield => {
                let v = self.pop();
                let g = self.frame().generator.expect("yield runs in a generator frame");
                if self.is_async_generator(g) {
                    // 27.6.3.8 AsyncGeneratorYield (the operand was awaited already).
                    match self.async_gen_yield(g, v)? {
                        Some((value, mode)) => {
                            // Another request is queued: continue without suspending.
                            self.push(value);
                            self.resume_mode = mode;
                        }
                        None => {
                            let frame = self.frames.pop().expect("generator frame");
                            self.async_gen_suspend(g, frame);
                            return Ok(Some(Value::Undefined));
                        }
                    }
                    return Ok(None);
                }
                let frame = self.frames.pop().expect("generator frame");
                self.heap.obj_mut(g).kind =
                    ObjectKind::Generator(crate::heap::GeneratorState::SuspendedYield(Box::new(frame)));
                self.yielded = true;
                return Ok(Some(v));
            }
            Op::YieldDelegate { done, ret } => {
                // 14.4.14 yield*: one round of delegation per execution; a yield re-executes this
                // instruction when the generator resumes.
                let received = self.pop();
                let it = self.peek().as_object().expect("delegate iterator");
                let mode = std::mem::replace(&mut self.resume_mode, ResumeMode::Next);
                match self.delegate_step(it, received, mode)? {
                    Delegation::Done(v) => {
                        self.push(v);
                        self.frame().pc = *done;
                    }
                    Delegation::Return(v) => {
                        self.push(v);
                        self.frame().pc = *ret;
                    }
                    Delegation::Yield(result) => {
                        let mut frame = self.frames.pop().expect("generator frame");
                        frame.pc = pc;
                        let g = frame.generator.expect("yield* runs in a generator frame");
                        self.heap.obj_mut(g).kind =
                            ObjectKind::Generator(crate::heap::GeneratorState::SuspendedYield(Box::new(frame)));
                        self.yielded = true;
                        self.yielded_raw = true;
                        return Ok(Some(result));
                    }
                }
            }
            Op::AfterYield(t) => match std::mem::replace(&mut self.resume_mode, ResumeMode::Next) {
                ResumeMode::Next => {}
                ResumeMode::Throw => {
                    let v = self.pop();
                    return Err(Abrupt::Throw(v));
                }
                ResumeMode::Return => self.frame().pc = *t,
            },
            Op::AsyncDelegateCall { no_throw, ret } => {
                let mode = ResumeMode::from_number(&self.pop());
                let received = self.pop();
                let it = self.peek().as_object().expect("delegate iterator");
                match self.async_delegate_call(it, received.clone(), mode)? {
                    Some(result) => {
                        self.push(mode.pushed());
                        self.push(result);
                    }
                    None if mode == ResumeMode::Throw => self.frame().pc = *no_throw,
                    None => {
                        self.push(received);
                        self.frame().pc = *ret;
                    }
                }
            }
            Op::AsyncDelegateResult { done, ret } => {
                let result = self.pop();
                let mode = ResumeMode::from_number(&self.pop());
                let Value::Object(r) = result else {
                    return Err(self.type_error("iterator result is not an object"));
                };
                let finished = self.get(r, "done")?;
                let finished = self.to_boolean(&finished);
                let value = self.get(r, "value")?;
                self.push(value);
                if finished {
                    self.frame().pc = if mode == ResumeMode::Return { *ret } else { *done };
                }
            }
            Op::AsyncDelegateResumed { next_round, unwrap } => {
                let mode = std::mem::replace(&mut self.resume_mode, ResumeMode::Next);
                self.push(mode.pushed());
                self.frame().pc = if mode == ResumeMode::Return { *unwrap } else { *next_round };
            }
            Op::DelegateWithoutThrow => return Err(self.type_error("the delegated iterator has no throw method")),
            Op::AfterAwaitReceived => {
                let rejected = std::mem::replace(&mut self.resume_mode, ResumeMode::Next) == ResumeMode::Throw;
                self.push(if rejected { ResumeMode::Throw } else { ResumeMode::Return }.pushed());
            }
            op @ (Op::Await | Op::AwaitQuietly | Op::AwaitReceived) => {
                let v = self.peek().clone();
                let promise = match self.promise_resolve(v) {
                    Ok(p) => p,
                    // Closing a `for await` for a throw completion drops this error (7.4.13 step 6):
                    // the awaited value becomes undefined, without suspending.
                    Err(Abrupt::Throw(_)) if matches!(op, Op::AwaitQuietly) => {
                        self.pop();
                        self.push(Value::Undefined);
                        return Ok(None);
                    }
                    // Inside `yield*`, what goes wrong becomes a received throw (14.4.14 step
                    // 7.a.vi, through AsyncGeneratorUnwrapYieldResumption).
                    Err(Abrupt::Throw(e)) if matches!(op, Op::AwaitReceived) => {
                        self.pop();
                        self.push(e);
                        self.resume_mode = ResumeMode::Throw;
                        return Ok(None);
                    }
                    Err(e) => return Err(e),
                };
                self.pop();
                let frame = self.frames.pop().expect("async frame");
                let boundary = frame.boundary;
                let result = self.await_value(frame, promise);
                if boundary || self.frames.len() == base {
                    return Ok(Some(result));
                }
                self.push(result);
            }
            Op::AfterAwait => {
                if std::mem::replace(&mut self.resume_mode, ResumeMode::Next) == ResumeMode::Throw {
                    let v = self.pop();
                    return Err(Abrupt::Throw(v));
                }
            }
            Op::AfterAwaitQuietly => self.resume_mode = ResumeMode::Next,
            Op::IteratorClose => {
                let it = self.peek().as_object().expect("iterator");
                self.iterator_close(it)?;
            }
            Op::AsyncIterStart => {
                let o = self.pop();
                let it = self.for_await_iterator(&o)?;
                self.push(it);
            }
            Op::AsyncIterNext => {
                let it = self.peek().as_object().expect("iterator");
                let result = self.step_call_next(it)?;
                self.push(result);
            }
            Op::AsyncIterResult(t) => {
                let result = self.pop();
                let it = self.peek().as_object().expect("iterator");
                match self.step_result(it, result)? {
                    Some(v) => self.push(v),
                    None => {
                        self.pop();
                        self.frame().pc = *t;
                    }
                }
            }
            Op::AsyncIterReturn { skip, quietly } => {
                let it = self.peek().as_object().expect("iterator");
                match self.call_return(it) {
                    Ok(Some(result)) => self.push(result),
                    Ok(None) => self.frame().pc = *skip,
                    Err(e @ (Abrupt::Exhausted(_) | Abrupt::Unsupported(_))) => return Err(e),
                    Err(e) if !*quietly => return Err(e),
                    Err(_) => self.frame().pc = *skip,
                }
            }
            Op::AsyncIterReturned => {
                let result = self.pop();
                self.check_return_result(&result)?;
            }
            Op::IteratorCloseQuietly => {
                let it = self.peek().as_object().expect("iterator");
                self.iterator_close_after_throw(it)?;
            }
            Op::CreateClass(idx) => self.create_class(&code, *idx)?,
            Op::DefineClassMethod { key, kind, is_static } => {
                self.define_class_method(key.as_ref(), *kind, *is_static)?
            }
            Op::DefineClassField { key, is_static, has_initializer } => {
                self.define_class_field(key.as_ref(), *is_static, *has_initializer)?
            }
            Op::DefineStaticBlock => {
                let block = self.pop().as_object().expect("static block function");
                let f = self.peek().as_object().expect("class constructor");
                self.set_home_object(block, f);
                self.class_info_mut(f).static_elements.push(crate::heap::StaticElement::Block(block));
            }
            Op::DefinePrivateMethod { name, kind, is_static } => self.define_private_method(name, *kind, *is_static)?,
            Op::RunStaticElements => {
                let f = self.peek().as_object().expect("class constructor");
                self.run_static_elements(f)?;
            }
            Op::SetHomeObject(depth) => {
                let s = &self.frame().stack;
                let f = s[s.len() - 1].as_object().expect("method");
                let home = s[s.len() - 1 - depth].as_object().expect("home object");
                self.set_home_object(f, home);
            }
            Op::SuperConstructor => {
                let f = self.super_constructor();
                self.push(f);
            }
            Op::SuperCall(argc) => {
                let args = self.pop_n(*argc);
                let func = self.pop();
                let r = self.super_call(func, args)?;
                self.push(r);
            }
            Op::SuperCallSpread => {
                let array = self.pop().as_object().expect("argument array");
                let len = self.array_length(array);
                let mut args = Vec::with_capacity(len as usize);
                for i in 0..len {
                    args.push(self.get(array, &i.to_string())?);
                }
                let func = self.pop();
                let r = self.super_call(func, args)?;
                self.push(r);
            }
            Op::SuperGet(key) => {
                let v = self.super_get(key)?;
                self.push(v);
            }
            Op::SuperGetElement => {
                // The base is read before the key is converted (13.3.7.3 MakeSuperPropertyReference
                // takes the unconverted value; GetValue converts it).
                let key = self.pop();
                let (base, this) = self.super_base()?;
                let key = self.to_property_key(&key)?;
                let v = self.get_via_super(base, &key, this)?;
                self.push(v);
            }
            Op::SuperBase => {
                let base = self.super_base()?.0;
                self.push(base.map_or(Value::Null, Value::Object));
            }
            Op::SuperGetFrom(key) => {
                let base = self.pop();
                let v = self.super_get_from(&base, key)?;
                self.push(v);
            }
            Op::SuperSet(key) => {
                let v = self.pop();
                let base = self.pop();
                self.super_set(&base, key, v.clone(), code.is_strict_at(pc))?;
                self.push(v);
            }
            Op::SuperSetElement => {
                let v = self.pop();
                let base = self.pop();
                let key = self.pop();
                let key = self.to_property_key(&key)?;
                self.super_set(&base, &key, v.clone(), code.is_strict_at(pc))?;
                self.push(v);
            }
            Op::GetPrivate(n) => {
                let o = self.pop();
                let v = self.private_get(&o, n)?;
                self.push(v);
            }
            Op::SetPrivate(n) => {
                let v = self.pop();
                let o = self.pop();
                self.private_set(&o, n, v.clone())?;
                self.push(v);
            }
            Op::PrivateIn(n) => {
                let o = self.pop();
                let Value::Object(obj) = o else {
                    return Err(self.type_error("right-hand side of 'in' is not an object"));
                };
                let id = self.private_name(n)?;
                let found = self.heap.obj(obj).private.iter().any(|(i, _)| *i == id);
                self.push(Value::Bool(found));
            }
            Op::CallEval(argc) => {
                let args = self.pop_n(*argc);
                let this = self.pop();
                let callee = self.pop();
                if callee == Value::Object(self.realm.eval_function) {
                    let x = args.into_iter().next().unwrap_or(Value::Undefined);
                    let v = self.perform_eval(x, true, code.is_strict_at(pc))?;
                    self.push(v);
                } else {
                    let Some(f) = callee.as_object().filter(|o| self.is_callable(*o)) else {
                        return Err(self.type_error("value is not a function"));
                    };
                    if let Some(v) = self.begin_call(f, this, args, None, false)? {
                        self.push(v);
                    }
                }
            }
            Op::SetCompletion => {
                let v = self.pop();
                self.frame().completion = v;
            }
            Op::ClearCompletion => self.frame().completion = Value::Undefined,
            Op::GetCompletion => {
                let v = self.frame().completion.clone();
                self.push(v);
            }
            Op::Unsupported(feature) => return Err(Abrupt::Unsupported(feature.to_string())),
        }
        Ok(None)
    }

    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let s = &mut self.frame().stack;
        let at = s.len() - n;
        s.split_off(at)
    }

    // ----- Generators --------------------------------------------------------------------------

    /// 27.5.3.3 GeneratorResume and 27.5.3.4 GeneratorResumeAbrupt: runs the generator until its
    /// next yield or its end and returns the iterator result object.
    pub fn generator_resume(&mut self, g: ObjRef, value: Value, mode: ResumeMode) -> JsResult<Value> {
        use crate::heap::GeneratorState as S;
        let ObjectKind::Generator(state) = &mut self.heap.obj_mut(g).kind else {
            return Err(self.type_error("not a generator object"));
        };
        let state = std::mem::replace(state, S::Executing);
        let complete = |vm: &mut Vm| vm.heap.obj_mut(g).kind = ObjectKind::Generator(S::Completed);
        let mut frame = match (state, mode) {
            (S::Executing, _) => return Err(self.type_error("generator is already running")),
            (S::Completed, ResumeMode::Next) => {
                complete(self);
                return self.iter_result(Value::Undefined, true);
            }
            (S::Completed, ResumeMode::Return) | (S::SuspendedStart(_), ResumeMode::Return) => {
                complete(self);
                return self.iter_result(value, true);
            }
            (S::Completed, ResumeMode::Throw) | (S::SuspendedStart(_), ResumeMode::Throw) => {
                complete(self);
                return Err(Abrupt::Throw(value));
            }
            (S::SuspendedStart(frame), ResumeMode::Next) => frame,
            (S::SuspendedYield(mut frame), mode) => {
                frame.stack.push(value);
                self.resume_mode = mode;
                frame
            }
        };
        if self.native_depth >= MAX_NATIVE_DEPTH {
            complete(self);
            return Err(Abrupt::Exhausted(Resource::Stack));
        }
        frame.generator = Some(g);
        self.yielded = false;
        let result = self.run_suspended(*frame);
        let yielded = std::mem::replace(&mut self.yielded, false);
        match result {
            Ok(v) if yielded && std::mem::replace(&mut self.yielded_raw, false) => Ok(v),
            Ok(v) if yielded => self.iter_result(v, false),
            Ok(v) => {
                complete(self);
                self.iter_result(v, true)
            }
            Err(e) => {
                complete(self);
                Err(e)
            }
        }
    }

    /// Runs a suspended frame (already holding its resumption value) until it suspends again or
    /// completes.
    pub(crate) fn run_suspended(&mut self, mut frame: Frame) -> JsResult<Value> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(Abrupt::Exhausted(Resource::Stack));
        }
        frame.boundary = true;
        let base = self.frames.len();
        self.frames.push(frame);
        self.native_depth += 1;
        let result = self.run_frames(base);
        self.native_depth -= 1;
        result
    }

    /// Resumes an async function's frame after an await with the settled value.
    pub fn resume_frame(&mut self, mut frame: Frame, value: Value, mode: ResumeMode) -> JsResult<Value> {
        frame.stack.push(value);
        self.resume_mode = mode;
        self.run_suspended(frame)
    }

    /// One step of `yield*` (14.4.14 step 7): forwards the resumption to the inner iterator.
    fn delegate_step(&mut self, it: ObjRef, received: Value, mode: ResumeMode) -> JsResult<Delegation> {
        use crate::heap::IteratorState;
        let ObjectKind::Iterator(state) = self.heap.obj(it).kind.clone() else { unreachable!("loop iterator") };
        let result = match state {
            IteratorState::Protocol { iterator, next, .. } => {
                let target = Value::Object(iterator);
                match mode {
                    ResumeMode::Next => self.call(&next, target, vec![received])?,
                    ResumeMode::Throw => match self.get_method(&target, "throw")? {
                        Some(throw) => self.call(&throw, target, vec![received])?,
                        None => {
                            // Step 7.b.iii: close the iterator, then a TypeError for the protocol
                            // violation.
                            self.iterator_close(it)?;
                            return Err(self.type_error("the delegated iterator has no throw method"));
                        }
                    },
                    ResumeMode::Return => match self.get_method(&target, "return")? {
                        Some(ret) => self.call(&ret, target, vec![received])?,
                        None => return Ok(Delegation::Return(received)),
                    },
                }
            }
            _ => match mode {
                ResumeMode::Next => {
                    let v = self.iterator_step(it)?;
                    let done = v.is_none();
                    self.iter_result(v.unwrap_or(Value::Undefined), done)?
                }
                // The intrinsic array and string iterators have no throw method: close (nothing to
                // do without a return method) and throw a TypeError (step 7.b.iii), and no return
                // method: return directly (step 7.c.iii).
                ResumeMode::Throw => return Err(self.type_error("the delegated iterator has no throw method")),
                ResumeMode::Return => return Ok(Delegation::Return(received)),
            },
        };
        let Some(r) = result.as_object() else { return Err(self.type_error("iterator result is not an object")) };
        let done = self.get(r, "done")?;
        if self.to_boolean(&done) {
            let v = self.get(r, "value")?;
            return Ok(if mode == ResumeMode::Return { Delegation::Return(v) } else { Delegation::Done(v) });
        }
        Ok(Delegation::Yield(result))
    }

    /// 7.4.14 CreateIterResultObject.
    pub fn iter_result(&mut self, value: Value, done: bool) -> JsResult<Value> {
        let o = self.new_object();
        self.create_data_property_or_throw(o, "value", value)?;
        self.create_data_property_or_throw(o, "done", Value::Bool(done))?;
        Ok(Value::Object(o))
    }

    // ----- Declaration instantiation ------------------------------------------------------------

    /// 14.2.3 BlockDeclarationInstantiation.
    fn block_declaration_instantiation(&mut self, code: &Rc<FunctionCode>, idx: usize, env: EnvRef) {
        let scope = &code.blocks[idx];
        if scope.simple_catch {
            if let Environment::Declarative { simple_catch, .. } = self.heap.env_mut(env) {
                *simple_catch = true;
            }
        }
        for (n, is_const) in &scope.lexical {
            self.env_bindings_mut(env)
                .insert(n.clone(), Binding { value: None, mutable: !is_const, strict: true, deletable: false });
        }
        for (n, child) in &scope.functions {
            let f = self.ordinary_function_create(Rc::clone(&code.children[*child]), env);
            self.env_bindings_mut(env).insert(
                n.clone(),
                Binding { value: Some(Value::Object(f)), mutable: true, strict: false, deletable: false },
            );
        }
    }

    /// Steps 27-36 of 10.2.11 FunctionDeclarationInstantiation (vars, Annex B functions, lexical
    /// declarations and function declarations).
    fn instantiate_vars_and_functions(&mut self, code: &Rc<FunctionCode>) -> JsResult<()> {
        let env = self.frame().env;
        let var_env = if !code.params.has_expressions {
            for n in &code.var_names {
                if !self.env_bindings_mut(env).contains_key(n) {
                    self.env_bindings_mut(env).insert(
                        n.clone(),
                        Binding { value: Some(Value::Undefined), mutable: true, strict: false, deletable: false },
                    );
                }
            }
            env
        } else {
            // Step 28: a separate var environment; same-named parameters seed their var binding.
            let var_env = self.new_declarative_env(env);
            for n in &code.var_names {
                let is_function = code.functions.iter().any(|(f, _)| f == n);
                let initial = match self.heap.env(env).bindings().and_then(|b| b.get(n)) {
                    Some(b) if !is_function => b.value.clone().unwrap_or(Value::Undefined),
                    _ => Value::Undefined,
                };
                self.env_bindings_mut(var_env).insert(
                    n.clone(),
                    Binding { value: Some(initial), mutable: true, strict: false, deletable: false },
                );
            }
            var_env
        };
        // B.3.2.1 step 29.a.ii.
        for n in &code.annex_b_functions {
            if !self.env_bindings_mut(var_env).contains_key(n) {
                self.env_bindings_mut(var_env).insert(
                    n.clone(),
                    Binding { value: Some(Value::Undefined), mutable: true, strict: false, deletable: false },
                );
            }
        }
        // Step 30-31: sloppy functions get a separate lexical environment.
        let lex_env = if code.strict { var_env } else { self.new_declarative_env(var_env) };
        for (n, is_const) in &code.lexical {
            self.env_bindings_mut(lex_env)
                .insert(n.clone(), Binding { value: None, mutable: !is_const, strict: true, deletable: false });
        }
        for (n, child) in &code.functions {
            let f = self.ordinary_function_create(Rc::clone(&code.children[*child]), lex_env);
            if let Some(b) = self.env_bindings_mut(var_env).get_mut(n) {
                b.value = Some(Value::Object(f));
            }
        }
        let frame = self.frame();
        frame.env = lex_env;
        frame.var_env = var_env;
        Ok(())
    }

    /// 16.1.7 GlobalDeclarationInstantiation (with B.3.2.2 for block-level functions).
    fn global_declaration_instantiation(&mut self, code: &Rc<FunctionCode>) -> JsResult<()> {
        let global = self.realm.global_object;
        let genv = self.realm.global_env;
        for (n, _) in &code.lexical {
            if self.global_has_var_declaration(n) || self.global_has_lexical_declaration(n) {
                return Err(self.error("SyntaxError", "redeclaration of a global binding"));
            }
            if let Some(p) = self.heap.obj(global).props.get(n) {
                if !p.configurable {
                    return Err(self.error("SyntaxError", "cannot redeclare a restricted global property"));
                }
            }
        }
        for n in &code.var_names {
            if self.global_has_lexical_declaration(n) {
                return Err(self.error("SyntaxError", "redeclaration of a lexical global binding"));
            }
        }
        // Steps 8-10: a function declaration over a non-configurable global such as `undefined`.
        self.check_global_declarations(code, &code.var_names)?;
        for (n, is_const) in &code.lexical {
            self.env_bindings_mut(genv)
                .insert(n.clone(), Binding { value: None, mutable: !is_const, strict: true, deletable: false });
        }
        // B.3.2.2 (at step 12): block functions that are neither vars nor top-level functions get
        // their var bindings first, then the functions (step 16) and the vars (step 17).
        for n in code.annex_b_only_names() {
            self.create_global_binding(n, None)?;
        }
        for (n, child) in &code.functions {
            let f = self.ordinary_function_create(Rc::clone(&code.children[*child]), genv);
            self.create_global_binding(n, Some(Value::Object(f)))?;
        }
        for n in &code.var_names {
            if !code.functions.iter().any(|(f, _)| f == n) {
                self.create_global_binding(n, None)?;
            }
        }
        Ok(())
    }

    fn global_has_var_declaration(&self, n: &Name) -> bool {
        match self.heap.env(self.realm.global_env) {
            Environment::Global { var_names, .. } => var_names.contains(n),
            _ => false,
        }
    }

    fn global_has_lexical_declaration(&self, n: &Name) -> bool {
        self.heap.env(self.realm.global_env).bindings().is_some_and(|b| b.contains_key(n))
    }

    /// 9.1.1.4.17 CreateGlobalVarBinding / 9.1.1.4.18 CreateGlobalFunctionBinding.
    fn create_global_binding(&mut self, n: &Name, function: Option<Value>) -> JsResult<()> {
        let global = self.realm.global_object;
        // A `var` keeps an existing global as it is (`var parseInt;` leaves the function there).
        self.refuse_unimplemented_own(global, n)?;
        let existing = self.heap.obj(global).props.get(n).map(|p| p.configurable);
        match (function, existing) {
            (Some(f), None | Some(true)) => {
                self.heap.obj_mut(global).props.insert(n.clone(), Property::data(f, true, true, false));
            }
            (Some(f), Some(false)) => {
                self.set(global, n, f, Value::Object(global))?;
            }
            (None, None) => {
                self.heap.obj_mut(global).props.insert(n.clone(), Property::data(Value::Undefined, true, true, false));
            }
            (None, Some(_)) => {}
        }
        if let Environment::Global { var_names, .. } = self.heap.env_mut(self.realm.global_env) {
            if !var_names.contains(n) {
                var_names.push(n.clone());
            }
        }
        Ok(())
    }

    // ----- Garbage collection -------------------------------------------------------------------

    /// Every handle the machine itself holds: frames, handlers and the realm's intrinsics.
    pub fn roots(&self) -> Roots {
        let mut roots = Roots::default();
        self.realm.trace(&mut roots);
        self.jobs.trace(&mut roots);
        self.weak.trace(&mut roots);
        self.templates.trace(&mut roots);
        for f in &self.frames {
            roots.envs.push(f.env);
            roots.envs.push(f.var_env);
            roots.envs.extend(f.handlers.iter().map(|h| h.env));
            roots.objects.extend(f.function);
            roots.objects.extend(f.generator);
            roots.objects.extend(f.async_promise);
            roots.values.extend(f.stack.iter().cloned());
            roots.values.extend(f.args.iter().cloned());
            roots.values.extend(f.construct_this.iter().cloned());
            roots.values.push(f.completion.clone());
            for place in f.refs.iter().flatten() {
                match place {
                    BindingPlace::Declarative(e) | BindingPlace::Object(e) => roots.envs.push(*e),
                }
            }
        }
        roots
    }

    /// Runs the automatic collection if the heap outgrew its threshold. Only valid where every live
    /// handle is reachable from the roots: between instructions of the outermost run loop, or
    /// between jobs.
    pub(crate) fn collect_if_needed(&mut self) -> JsResult<()> {
        if self.native_depth == 0 && self.heap.live_cells() > self.next_gc {
            self.collect_garbage();
            self.check_memory()?;
        }
        Ok(())
    }

    fn collect_garbage(&mut self) {
        // Weak references are strong here: only the host's afterGc collection may empty them.
        let marked = self.heap.mark(&self.roots(), false);
        self.heap.sweep(&marked);
        self.lifetime.forget_freed(&marked);
        self.next_gc = (self.heap.live_cells() * 2).max(GC_THRESHOLD);
    }
}
