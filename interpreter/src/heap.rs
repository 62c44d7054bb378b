//! The arena heap: every object and Environment Record is a cell addressed by a handle.
//!
//! Keeping all of them in one arena (instead of `Rc<RefCell<..>>` graphs) lets [`Heap::mark`] compute
//! exactly which cells are reachable from a set of roots, including closure cycles.

use crate::bytecode::FunctionCode;
use crate::collections::CollectionKind;
use crate::value::{EnvRef, Name, ObjRef, SymRef, Value};
use std::rc::Rc;

/// An insertion-ordered map (property and binding order is observable) with a fast hasher: the keys
/// are names from the program under test, and SipHash's flood resistance buys nothing here.
pub type IndexMap<K, V> = indexmap::IndexMap<K, V, rustc_hash::FxBuildHasher>;

/// The value part of a property (6.1.7.1).
#[derive(Debug, Clone)]
pub enum Slot {
    Data(Value),
    Accessor { get: Option<ObjRef>, set: Option<ObjRef> },
}

/// A property: its value or accessor pair plus attributes.
#[derive(Debug, Clone)]
pub struct Property {
    pub slot: Slot,
    /// Meaningful for data properties only.
    pub writable: bool,
    pub enumerable: bool,
    pub configurable: bool,
}

impl Property {
    pub fn data(value: Value, writable: bool, enumerable: bool, configurable: bool) -> Property {
        Property { slot: Slot::Data(value), writable, enumerable, configurable }
    }

    /// A writable, enumerable, configurable data property (what assignment creates).
    pub fn plain(value: Value) -> Property {
        Property::data(value, true, true, true)
    }

    /// A writable, non-enumerable, configurable data property (built-in methods).
    pub fn hidden(value: Value) -> Property {
        Property::data(value, true, false, true)
    }
}

/// A native (Rust) built-in function.
pub type NativeFn = fn(&mut crate::vm::Vm, &Value, &[Value], Option<ObjRef>) -> crate::value::JsResult<Value>;

/// A class element's key: a property key or a Private Name (6.2.12).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKey {
    Public(crate::value::PropertyKey),
    Private(u64),
}

/// 6.2.10 PrivateElement.
#[derive(Debug, Clone)]
pub enum PrivateElement {
    Field(Value),
    Method(ObjRef),
    Accessor { get: Option<ObjRef>, set: Option<ObjRef> },
}

/// Static class elements, run in order once the class is defined.
#[derive(Debug, Clone)]
pub enum StaticElement {
    Field(FieldKey, Option<ObjRef>),
    Block(ObjRef),
}

/// The slots of a class constructor: `[[ConstructorKind]]`, `[[Fields]]`, `[[PrivateMethods]]`.
#[derive(Debug, Clone, Default)]
pub struct ClassInfo {
    pub derived: bool,
    pub fields: Vec<(FieldKey, Option<ObjRef>)>,
    pub private_methods: Vec<(u64, PrivateElement)>,
    pub static_private_methods: Vec<(u64, PrivateElement)>,
    pub static_elements: Vec<StaticElement>,
}

fn trace_private(e: &PrivateElement, stack: &mut Vec<u32>) {
    match e {
        PrivateElement::Field(v) => push_value(v, stack),
        PrivateElement::Method(f) => stack.push(f.0),
        PrivateElement::Accessor { get, set } => stack.extend(get.iter().chain(set.iter()).map(|o| o.0)),
    }
}

/// What kind of function an object is, if any.
#[derive(Clone)]
pub enum FunctionKind {
    /// An ECMAScript function object (10.2): code plus the `[[Environment]]` captured at creation.
    Ordinary {
        code: Rc<FunctionCode>,
        environment: EnvRef,
        this_value: Option<Value>,
        /// `[[HomeObject]]` of methods, for `super` property lookups.
        home: Option<ObjRef>,
        /// The class this function is the constructor of (15.7.14 ClassDefinitionEvaluation).
        class: Option<Box<ClassInfo>>,
    },
    /// A built-in function object (10.3).
    Native { func: NativeFn, constructor: bool },
    /// A bound function exotic object (10.4.1).
    Bound { target: ObjRef, this: Value, args: Vec<Value> },
    /// A promise resolve or reject function (27.2.1.3) sharing `state` with its twin.
    PromiseResolving { state: ObjRef, reject: bool },
    /// One of the other built-in functions the promise machinery creates, with its internal slots
    /// (27.2.1.5 GetCapabilitiesExecutor, the combinators' element functions, `finally`'s
    /// closures).
    PromiseClosure(Box<crate::promise::PromiseClosure>),
}

impl std::fmt::Debug for FunctionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FunctionKind::Ordinary { code, .. } => write!(f, "Ordinary({})", code.name),
            FunctionKind::Native { .. } => write!(f, "Native"),
            FunctionKind::Bound { target, .. } => write!(f, "Bound({target:?})"),
            FunctionKind::PromiseResolving { reject, .. } => write!(f, "PromiseResolving(reject: {reject})"),
            FunctionKind::PromiseClosure(c) => write!(f, "PromiseClosure({c:?})"),
        }
    }
}

/// The internal slots that make an object exotic or special.
#[derive(Debug, Clone)]
pub enum ObjectKind {
    Ordinary,
    /// 10.4.2 Array exotic objects: `length` is kept in sync with the index properties.
    Array,
    Function(FunctionKind),
    /// Has an `[[ErrorData]]` slot.
    Error,
    /// 10.4.4 Arguments exotic object. `map[i]` names the parameter that index `i` aliases (mapped
    /// arguments only), looked up in `env`.
    Arguments {
        env: Option<EnvRef>,
        map: Vec<Option<Name>>,
    },
    /// Iterator state: of a `for-in` or `for-of` loop (no prototype, never visible to JS code), or
    /// of an Array Iterator or String Iterator object (with its prototype).
    Iterator(IteratorState),
    /// A generator object (27.5): its suspended frame while not running.
    Generator(GeneratorState),
    /// An async generator object (27.6): state, suspended frame and request queue.
    AsyncGenerator(Box<crate::async_generator::AsyncGenData>),
    /// A promise (27.2.6).
    Promise(crate::promise::PromiseData),
    /// The `[[AlreadyResolved]]` record shared by a promise's resolving functions.
    ResolvingState {
        promise: ObjRef,
        already_resolved: bool,
    },
    /// The state a combinator's element functions share (27.2.4.1-27.2.4.3; internal, never
    /// visible to JS code).
    CombinatorState(Box<crate::promise::CombinatorState>),
    /// An async function suspended at an `await` (internal, never visible to JS code).
    AsyncFrame(Option<Box<crate::vm::Frame>>),
    /// A Map, Set, WeakMap or WeakSet.
    Collection(crate::collections::CollectionKind, crate::collections::Entries),
    /// A Map or Set iterator (`collection` is `None` once exhausted); `of_set` is its brand,
    /// %SetIteratorPrototype% or %MapIteratorPrototype%, which `next` checks.
    CollectionIterator {
        collection: Option<ObjRef>,
        next: usize,
        kind: crate::collections::IterationKind,
        of_set: bool,
    },
    BooleanWrapper(bool),
    NumberWrapper(f64),
    StringWrapper(Name),
    SymbolWrapper(SymRef),
    /// 26.1 `[[WeakRefTarget]]`: `None` once the target has been collected. Not traced by a
    /// collection that honours weakness (see [`Heap::mark`]).
    WeakRef(Option<Value>),
    /// 26.2 `[[CleanupCallback]]` and `[[Cells]]`.
    FinalizationRegistry(Box<crate::weakref::RegistryData>),
}

/// What a loop iterator walks over.
#[derive(Debug, Clone)]
pub enum IteratorState {
    /// 14.7.5.9 EnumerateObjectProperties: (object the key was found on, key), snapshot at start.
    ForIn { keys: Vec<(ObjRef, Name)>, next: usize },
    /// 23.1.5.1 CreateArrayIterator over an array-like object.
    ArrayLike { object: ObjRef, next: u32, done: bool, kind: crate::collections::IterationKind },
    /// 22.1.5.1 %StringIteratorPrototype%.next: code points.
    String { chars: Vec<Name>, next: usize },
    /// 7.4.1 Iterator Record of any other iterator: the iterator, its `next` method, `[[Done]]`.
    Protocol { iterator: ObjRef, next: Value, done: bool },
    /// 27.1.6.1 CreateAsyncFromSyncIterator: `for await`'s wrapper of a sync iterator's record
    /// (fields as in `Protocol`); see `async_from_sync`.
    AsyncFromSync { iterator: ObjRef, next: Value, done: bool },
    /// A Map or Set iterator (the collections' own iteration is built in and unobservable).
    Collection { object: ObjRef },
}

/// 27.5 `[[GeneratorState]]`, with the suspended execution context.
#[derive(Debug, Clone)]
pub enum GeneratorState {
    SuspendedStart(Box<crate::vm::Frame>),
    SuspendedYield(Box<crate::vm::Frame>),
    Executing,
    Completed,
}

/// An object: prototype, extensibility, own properties in insertion order, and internal slots.
#[derive(Debug, Clone)]
pub struct Object {
    pub proto: Option<ObjRef>,
    pub extensible: bool,
    pub props: IndexMap<Name, Property>,
    pub kind: ObjectKind,
    /// Which intrinsic this object is, if any: used to refuse standard members we do not implement.
    pub intrinsic: Option<&'static str>,
    /// `[[PrivateElements]]` (class private fields, methods and accessors).
    pub private: Vec<(u64, PrivateElement)>,
    /// Own properties with Symbol keys, in insertion order (10.1.11 lists them after the strings).
    pub symbols: IndexMap<SymRef, Property>,
}

impl Object {
    pub fn new(proto: Option<ObjRef>, kind: ObjectKind) -> Object {
        Object {
            proto,
            extensible: true,
            props: IndexMap::default(),
            kind,
            intrinsic: None,
            private: Vec::new(),
            symbols: IndexMap::default(),
        }
    }
}

/// A Symbol value's data (6.1.5).
#[derive(Debug, Clone)]
pub struct SymbolData {
    /// `[[Description]]`.
    pub description: Option<Name>,
    /// In the GlobalSymbolRegistry (`Symbol.for`), so never collectable (9.13 CanBeHeldWeakly).
    pub registered: bool,
}

/// A binding in a declarative Environment Record. `value == None` means uninitialized (TDZ).
#[derive(Debug, Clone)]
pub struct Binding {
    pub value: Option<Value>,
    pub mutable: bool,
    /// For immutable bindings: whether assignment throws even in sloppy code (true for `const`,
    /// false for a named function expression's own name).
    pub strict: bool,
    pub deletable: bool,
}

/// How `this` is bound in a Function Environment Record (9.1.1.3).
#[derive(Debug, Clone, PartialEq)]
pub enum ThisBinding {
    /// Arrow functions: `this` comes from the enclosing environment.
    Lexical,
    Uninitialized,
    Initialized(Value),
}

/// The kinds of Environment Record (9.1.1).
#[derive(Debug, Clone)]
pub enum Environment {
    Declarative {
        outer: Option<EnvRef>,
        bindings: IndexMap<Name, Binding>,
        /// The environment of a `catch (x)` clause with a simple parameter (B.3.4 lets `var`
        /// redeclare that name).
        simple_catch: bool,
    },
    Function {
        outer: Option<EnvRef>,
        bindings: IndexMap<Name, Binding>,
        this: ThisBinding,
        function: ObjRef,
        new_target: Value,
    },
    /// 9.1.1.4 Global Environment Record: an object record over the global object plus a declarative
    /// record for top-level lexical declarations.
    Global { object: ObjRef, bindings: IndexMap<Name, Binding>, var_names: Vec<Name> },
    /// 9.1.1.2 Object Environment Record (only `with` creates one besides the global object).
    Object { outer: Option<EnvRef>, object: ObjRef, with_environment: bool },
}

impl Environment {
    pub fn outer(&self) -> Option<EnvRef> {
        match self {
            Environment::Declarative { outer, .. }
            | Environment::Function { outer, .. }
            | Environment::Object { outer, .. } => *outer,
            Environment::Global { .. } => None,
        }
    }

    pub fn bindings(&self) -> Option<&IndexMap<Name, Binding>> {
        match self {
            Environment::Declarative { bindings, .. }
            | Environment::Function { bindings, .. }
            | Environment::Global { bindings, .. } => Some(bindings),
            Environment::Object { .. } => None,
        }
    }

    pub fn bindings_mut(&mut self) -> Option<&mut IndexMap<Name, Binding>> {
        match self {
            Environment::Declarative { bindings, .. }
            | Environment::Function { bindings, .. }
            | Environment::Global { bindings, .. } => Some(bindings),
            Environment::Object { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
enum Cell {
    Free,
    Object(Box<Object>),
    Env(Box<Environment>),
    Symbol(Box<SymbolData>),
}

/// The arena. Handles stay valid until [`Heap::sweep`] frees their cell.
#[derive(Debug, Default)]
pub struct Heap {
    cells: Vec<Cell>,
    free: Vec<u32>,
    live: usize,
}

impl Heap {
    pub fn live_cells(&self) -> usize {
        self.live
    }

    /// Every object with its handle, in handle order.
    pub fn objects(&self) -> impl Iterator<Item = (ObjRef, &Object)> + '_ {
        self.cells.iter().enumerate().filter_map(|(i, c)| match c {
            Cell::Object(o) => Some((ObjRef(i as u32), &**o)),
            _ => None,
        })
    }

    fn alloc(&mut self, cell: Cell) -> u32 {
        self.live += 1;
        if let Some(i) = self.free.pop() {
            self.cells[i as usize] = cell;
            i
        } else {
            self.cells.push(cell);
            (self.cells.len() - 1) as u32
        }
    }

    pub fn alloc_object(&mut self, object: Object) -> ObjRef {
        ObjRef(self.alloc(Cell::Object(Box::new(object))))
    }

    pub fn alloc_env(&mut self, env: Environment) -> EnvRef {
        EnvRef(self.alloc(Cell::Env(Box::new(env))))
    }

    pub fn alloc_symbol(&mut self, data: SymbolData) -> SymRef {
        SymRef(self.alloc(Cell::Symbol(Box::new(data))))
    }

    pub fn symbol(&self, r: SymRef) -> &SymbolData {
        match &self.cells[r.0 as usize] {
            Cell::Symbol(s) => s,
            other => panic!("handle {r:?} is not a symbol: {other:?}"),
        }
    }

    /// Panics on a dangling handle: that is an interpreter bug, and a crash is reported as such instead
    /// of a silently wrong result.
    pub fn obj(&self, r: ObjRef) -> &Object {
        match &self.cells[r.0 as usize] {
            Cell::Object(o) => o,
            other => panic!("handle {r:?} is not an object: {other:?}"),
        }
    }

    pub fn obj_mut(&mut self, r: ObjRef) -> &mut Object {
        match &mut self.cells[r.0 as usize] {
            Cell::Object(o) => o,
            other => panic!("handle {r:?} is not an object: {other:?}"),
        }
    }

    pub fn env(&self, r: EnvRef) -> &Environment {
        match &self.cells[r.0 as usize] {
            Cell::Env(e) => e,
            other => panic!("handle {r:?} is not an environment: {other:?}"),
        }
    }

    pub fn env_mut(&mut self, r: EnvRef) -> &mut Environment {
        match &mut self.cells[r.0 as usize] {
            Cell::Env(e) => e,
            other => panic!("handle {r:?} is not an environment: {other:?}"),
        }
    }

    /// Marks every cell reachable from `roots` (objects, environments, and everything they
    /// reference: prototypes, property values, accessors, captured environments, bound targets,
    /// bindings). Returns one flag per cell.
    ///
    /// With `weak` false every reference is strong. With `weak` true the weak references of the
    /// language are honoured exactly: `WeakRef` targets, `FinalizationRegistry` targets and
    /// unregister tokens, and `WeakSet` members are not followed, and a `WeakMap` value is followed
    /// only once its key is marked (an ephemeron, 24.3). What such a collection frees must then be
    /// forgotten by the weak holders: see [`Heap::clear_weak_references`].
    pub fn mark(&self, roots: &Roots, weak: bool) -> Vec<bool> {
        let mut marked = vec![false; self.cells.len()];
        let mut stack: Vec<u32> = Vec::new();
        stack.extend(roots.objects.iter().map(|o| o.0));
        stack.extend(roots.envs.iter().map(|e| e.0));
        for v in &roots.values {
            push_value(v, &mut stack);
        }
        // WeakMaps met so far: their entries are revisited until no new key is marked.
        let mut weak_maps: Vec<u32> = Vec::new();
        loop {
            while let Some(i) = stack.pop() {
                if std::mem::replace(&mut marked[i as usize], true) {
                    continue;
                }
                match &self.cells[i as usize] {
                    Cell::Free | Cell::Symbol(_) => {}
                    Cell::Object(o) if weak => {
                        trace_object_weakly(o, &mut stack);
                        if matches!(o.kind, ObjectKind::Collection(CollectionKind::WeakMap, _)) {
                            weak_maps.push(i);
                        }
                    }
                    Cell::Object(o) => trace_object(o, &mut stack),
                    Cell::Env(e) => trace_env(e, &mut stack),
                }
            }
            for &m in &weak_maps {
                let Cell::Object(o) = &self.cells[m as usize] else { continue };
                let ObjectKind::Collection(_, entries) = &o.kind else { continue };
                for (k, v) in entries.items.iter().flatten() {
                    if value_marked(k, &marked) && !value_marked(v, &marked) {
                        push_value(v, &mut stack);
                    }
                }
            }
            if stack.is_empty() {
                return marked;
            }
        }
    }

    /// After a weak collection's sweep: empties `WeakRef`s whose target was freed, empties the
    /// target of `FinalizationRegistry` cells likewise (forgetting freed unregister tokens, which
    /// nothing can pass to `unregister` any more), and drops `WeakMap` and `WeakSet` entries with a
    /// freed key. Returns the registries that now have cells to clean up.
    pub fn clear_weak_references(&mut self, marked: &[bool]) -> Vec<ObjRef> {
        let mut registries = Vec::new();
        for (i, cell) in self.cells.iter_mut().enumerate() {
            let Cell::Object(o) = cell else { continue };
            match &mut o.kind {
                ObjectKind::WeakRef(target) if target.as_ref().is_some_and(|t| !value_marked(t, marked)) => {
                    *target = None;
                }
                ObjectKind::FinalizationRegistry(data) => {
                    let mut emptied = false;
                    for cell in &mut data.cells {
                        if cell.target.as_ref().is_some_and(|t| !value_marked(t, marked)) {
                            cell.target = None;
                            emptied = true;
                        }
                        if cell.token.as_ref().is_some_and(|t| !value_marked(t, marked)) {
                            cell.token = None;
                        }
                    }
                    if emptied {
                        registries.push(ObjRef(i as u32));
                    }
                }
                ObjectKind::Collection(CollectionKind::WeakMap | CollectionKind::WeakSet, entries) => {
                    for e in &mut entries.items {
                        if e.as_ref().is_some_and(|(k, _)| !value_marked(k, marked)) {
                            *e = None;
                        }
                    }
                }
                _ => {}
            }
        }
        registries
    }

    /// Frees every cell not marked.
    pub fn sweep(&mut self, marked: &[bool]) {
        for (i, cell) in self.cells.iter_mut().enumerate() {
            if !marked[i] && !matches!(cell, Cell::Free) {
                *cell = Cell::Free;
                self.free.push(i as u32);
                self.live -= 1;
            }
        }
    }
}

/// The starting points of a mark phase.
#[derive(Debug, Default)]
pub struct Roots {
    pub objects: Vec<ObjRef>,
    pub envs: Vec<EnvRef>,
    pub values: Vec<Value>,
}

pub(crate) fn push_value(v: &Value, stack: &mut Vec<u32>) {
    match v {
        Value::Object(o) => stack.push(o.0),
        Value::Symbol(s) => stack.push(s.0),
        _ => {}
    }
}

/// Whether a value that may hold a cell has been marked (other primitives count as marked).
fn value_marked(v: &Value, marked: &[bool]) -> bool {
    match v {
        Value::Object(o) => marked[o.0 as usize],
        Value::Symbol(s) => marked[s.0 as usize],
        _ => true,
    }
}

/// [`trace_object`] for a collection that honours weak references: the weak holders contribute only
/// their strong parts.
fn trace_object_weakly(o: &Object, stack: &mut Vec<u32>) {
    match &o.kind {
        ObjectKind::WeakRef(_) | ObjectKind::Collection(CollectionKind::WeakMap | CollectionKind::WeakSet, _) => {
            trace_properties(o, stack)
        }
        ObjectKind::FinalizationRegistry(data) => {
            trace_properties(o, stack);
            push_value(&data.cleanup, stack);
            for cell in &data.cells {
                push_value(&cell.held, stack);
            }
        }
        _ => trace_object(o, stack),
    }
}

/// The prototype, private elements and own properties of an object.
fn trace_properties(o: &Object, stack: &mut Vec<u32>) {
    if let Some(p) = o.proto {
        stack.push(p.0);
    }
    for (_, e) in &o.private {
        trace_private(e, stack);
    }
    for prop in o.props.values() {
        match &prop.slot {
            Slot::Data(v) => push_value(v, stack),
            Slot::Accessor { get, set } => {
                stack.extend(get.iter().chain(set.iter()).map(|o| o.0));
            }
        }
    }
    for (key, prop) in &o.symbols {
        stack.push(key.0);
        match &prop.slot {
            Slot::Data(v) => push_value(v, stack),
            Slot::Accessor { get, set } => {
                stack.extend(get.iter().chain(set.iter()).map(|o| o.0));
            }
        }
    }
}

fn trace_object(o: &Object, stack: &mut Vec<u32>) {
    trace_properties(o, stack);
    match &o.kind {
        ObjectKind::Function(FunctionKind::Ordinary { environment, this_value, home, class, .. }) => {
            stack.push(environment.0);
            if let Some(c) = class {
                for (key, init) in &c.fields {
                    stack.extend(init.iter().map(|o| o.0));
                    if let FieldKey::Public(crate::value::PropertyKey::Symbol(s)) = key {
                        stack.push(s.0);
                    }
                }
                for (_, e) in c.private_methods.iter().chain(c.static_private_methods.iter()) {
                    trace_private(e, stack);
                }
                for e in &c.static_elements {
                    match e {
                        StaticElement::Field(key, init) => {
                            stack.extend(init.iter().map(|o| o.0));
                            if let FieldKey::Public(crate::value::PropertyKey::Symbol(s)) = key {
                                stack.push(s.0);
                            }
                        }
                        StaticElement::Block(f) => stack.push(f.0),
                    }
                }
            }
            if let Some(v) = this_value {
                push_value(v, stack);
            }
            if let Some(h) = home {
                stack.push(h.0);
            }
        }
        ObjectKind::Function(FunctionKind::Bound { target, this, args }) => {
            stack.push(target.0);
            push_value(this, stack);
            args.iter().for_each(|a| push_value(a, stack));
        }
        ObjectKind::Arguments { env: Some(e), .. } => stack.push(e.0),
        ObjectKind::Iterator(IteratorState::ForIn { keys, .. }) => stack.extend(keys.iter().map(|(o, _)| o.0)),
        ObjectKind::Iterator(IteratorState::ArrayLike { object, .. } | IteratorState::Collection { object }) => {
            stack.push(object.0)
        }
        ObjectKind::Iterator(
            IteratorState::Protocol { iterator, next, .. } | IteratorState::AsyncFromSync { iterator, next, .. },
        ) => {
            stack.push(iterator.0);
            push_value(next, stack);
        }
        ObjectKind::Generator(GeneratorState::SuspendedStart(f) | GeneratorState::SuspendedYield(f)) => f.trace(stack),
        ObjectKind::AsyncFrame(Some(f)) => f.trace(stack),
        ObjectKind::AsyncGenerator(data) => data.trace(stack),
        ObjectKind::Collection(_, entries) => entries.trace(stack),
        ObjectKind::CollectionIterator { collection: Some(c), .. } => stack.push(c.0),
        ObjectKind::Promise(data) => data.trace(stack),
        ObjectKind::ResolvingState { promise, .. } => stack.push(promise.0),
        ObjectKind::Function(FunctionKind::PromiseResolving { state, .. }) => stack.push(state.0),
        ObjectKind::Function(FunctionKind::PromiseClosure(c)) => c.trace(stack),
        ObjectKind::CombinatorState(state) => state.trace(stack),
        ObjectKind::WeakRef(Some(target)) => push_value(target, stack),
        ObjectKind::FinalizationRegistry(data) => {
            push_value(&data.cleanup, stack);
            for cell in &data.cells {
                for v in cell.target.iter().chain([&cell.held]).chain(cell.token.iter()) {
                    push_value(v, stack);
                }
            }
        }
        _ => {}
    }
}

fn trace_env(e: &Environment, stack: &mut Vec<u32>) {
    if let Some(outer) = e.outer() {
        stack.push(outer.0);
    }
    if let Some(bindings) = e.bindings() {
        for b in bindings.values() {
            if let Some(v) = &b.value {
                push_value(v, stack);
            }
        }
    }
    match e {
        Environment::Function { this, function, new_target, .. } => {
            if let ThisBinding::Initialized(v) = this {
                push_value(v, stack);
            }
            stack.push(function.0);
            push_value(new_target, stack);
        }
        Environment::Global { object, .. } | Environment::Object { object, .. } => stack.push(object.0),
        Environment::Declarative { .. } => {}
    }
}
