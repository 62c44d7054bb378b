//! Weak references (26.1 WeakRef, 26.2 FinalizationRegistry), the agent's kept-objects list
//! (9.10.4.1 AddToKeptObjects, 9.10.4.2 ClearKeptObjects) and the host's lifetime hook
//! `afterGc(callback)`.
//!
//! **When targets die.** Only the collection the hook triggers honours weakness ([`Heap::mark`]
//! with `weak`): it runs once the script and every pending job have finished, after clearing the
//! kept-objects list, and frees exactly what is unreachable. The automatic collection that bounds
//! memory while code runs treats weak references as strong. The specification allows both (9.10.3:
//! an implementation may keep any object alive), and this way a program's observable behaviour can
//! only change at the hook's collections, which every engine adapter forces the same way.
//!
//! **Cleanup callbacks.** The specification allows never calling them (9.13 HostEnqueue-
//! FinalizationRegistryCleanupJob is only *permitted*). This interpreter calls them: after a hook
//! collection empties cells of a registry that is still reachable, one cleanup job per registry
//! (26.2.1.2 CleanupFinalizationRegistry) runs after the `afterGc` callback and every job it queued,
//! like V8's finalization task that runs after the timer task calling `gc()`. Engines differ in
//! when (and whether) they run cleanups, so comparing programs should not print from them.
//!
//! [`Heap::mark`]: crate::heap::Heap::mark

use std::collections::VecDeque;

use crate::api::Resource;
use crate::heap::{Object, ObjectKind, Roots};
use crate::object::same_value;
use crate::value::{Abrupt, JsResult, ObjRef, Value};
use crate::vm::Vm;

/// A `[[Cells]]` record of a FinalizationRegistry (26.2.1): `target` is `None` once the target was
/// collected, `token` is `None` when there is no unregister token (or it was collected).
#[derive(Debug, Clone)]
pub struct RegistryCell {
    pub target: Option<Value>,
    pub held: Value,
    pub token: Option<Value>,
}

/// A FinalizationRegistry's internal slots.
#[derive(Debug, Clone)]
pub struct RegistryData {
    pub cleanup: Value,
    pub cells: Vec<RegistryCell>,
}

/// How many `afterGc` callbacks one run may invoke (each costs a full collection); more end the run
/// as `Exhausted(Fuel)`.
pub const MAX_AFTER_GC_CALLBACKS: u64 = 10_000;

/// Fuel a hook collection costs per live heap cell it had to visit (bounds runs that keep
/// collecting a large heap).
const CELLS_PER_FUEL: usize = 64;

/// The host and agent state around weak references.
#[derive(Debug, Default)]
pub struct WeakState {
    /// The agent's `[[KeptAlive]]` list.
    pub kept: Vec<Value>,
    /// Callbacks registered with `afterGc`, oldest first.
    pub after_gc: VecDeque<Value>,
    /// Registries with emptied cells, waiting for their cleanup job.
    pub cleanup: VecDeque<ObjRef>,
    /// How many weak collections the hook has run.
    pub collections: u64,
}

impl WeakState {
    pub fn trace(&self, roots: &mut Roots) {
        roots.values.extend(self.kept.iter().cloned());
        roots.values.extend(self.after_gc.iter().cloned());
        roots.objects.extend(self.cleanup.iter().copied());
    }
}

/// 9.13 CanBeHeldWeakly: objects and symbols that are not registered.
pub fn can_be_held_weakly(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Object(_) => true,
        Value::Symbol(s) => !vm.heap.symbol(*s).registered,
        _ => false,
    }
}

impl Vm {
    /// 9.10.4.1 AddToKeptObjects.
    pub fn add_to_kept_objects(&mut self, v: Value) {
        self.weak.kept.push(v);
    }

    /// 9.10.4.2 ClearKeptObjects: called when a job or the script finishes.
    pub fn clear_kept_objects(&mut self) {
        self.weak.kept.clear();
    }

    /// A full collection that honours weak references: frees everything unreachable from the
    /// machine's roots, empties the weak references to what it freed and queues the registries
    /// that need a cleanup job. Only valid when no Rust code holds handles outside the roots (the
    /// hook runs it with no frame on the stack).
    pub fn collect_weakly(&mut self) {
        let marked = self.heap.mark(&self.roots(), true);
        self.heap.sweep(&marked);
        let registries = self.heap.clear_weak_references(&marked);
        self.weak.cleanup.extend(registries);
        self.weak.collections += 1;
    }

    /// The host's part after the script and its jobs: each `afterGc` callback in registration order
    /// (including ones registered meanwhile) gets a cleared kept list, a weak collection, its own
    /// job, and the jobs that job queues; then the cleanup jobs of registries that collection
    /// emptied cells of.
    pub fn run_after_gc_callbacks(&mut self) -> JsResult<()> {
        while !self.weak.after_gc.is_empty() {
            if self.weak.collections >= MAX_AFTER_GC_CALLBACKS {
                return Err(Abrupt::Exhausted(Resource::Fuel));
            }
            for _ in 0..=self.heap.live_cells() / CELLS_PER_FUEL {
                self.tick()?;
            }
            self.clear_kept_objects();
            // The callback stays in the list (a root) during the collection.
            self.collect_weakly();
            self.classify_lifetimes();
            let callback = self.weak.after_gc.pop_front().expect("a callback");
            self.call(&callback, Value::Undefined, Vec::new())?;
            self.clear_kept_objects();
            self.run_jobs()?;
            while let Some(registry) = self.weak.cleanup.pop_front() {
                self.tick()?;
                self.cleanup_finalization_registry(registry)?;
                self.clear_kept_objects();
                self.run_jobs()?;
            }
        }
        Ok(())
    }

    /// 26.2.1.2 CleanupFinalizationRegistry: calls the cleanup callback with the held value of every
    /// cell whose target was collected, removing each cell first.
    fn cleanup_finalization_registry(&mut self, registry: ObjRef) -> JsResult<()> {
        loop {
            let ObjectKind::FinalizationRegistry(data) = &mut self.heap.obj_mut(registry).kind else {
                unreachable!("finalization registry expected")
            };
            let Some(i) = data.cells.iter().position(|c| c.target.is_none()) else { return Ok(()) };
            let cell = data.cells.remove(i);
            let callback = data.cleanup.clone();
            self.call(&callback, Value::Undefined, vec![cell.held])?;
        }
    }
}

// ----- Built-ins -------------------------------------------------------------------------------

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

/// 10.1.14 GetPrototypeFromConstructor with a fallback intrinsic.
fn prototype_from(vm: &mut Vm, new_target: ObjRef, fallback: ObjRef) -> JsResult<ObjRef> {
    Ok(vm.get(new_target, "prototype")?.as_object().unwrap_or(fallback))
}

/// 26.1.1.1 WeakRef(target).
pub fn weak_ref_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    let Some(nt) = new_target else { return Err(vm.type_error("WeakRef constructor requires 'new'")) };
    let target = arg(args, 0);
    if !can_be_held_weakly(vm, &target) {
        return Err(vm.type_error("WeakRef: invalid target"));
    }
    let proto = prototype_from(vm, nt, vm.realm.weak_ref_prototype)?;
    vm.add_to_kept_objects(target.clone());
    Ok(Value::Object(vm.alloc(Object::new(Some(proto), ObjectKind::WeakRef(Some(target))))))
}

/// 26.1.3.2 WeakRef.prototype.deref (26.1.4.1 WeakRefDeref).
pub fn weak_ref_deref(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let target = match this.as_object().map(|o| &vm.heap.obj(o).kind) {
        Some(ObjectKind::WeakRef(target)) => target.clone(),
        _ => return Err(vm.type_error("WeakRef.prototype.deref called on an incompatible receiver")),
    };
    match target {
        Some(t) => {
            vm.add_to_kept_objects(t.clone());
            Ok(t)
        }
        None => Ok(Value::Undefined),
    }
}

/// 26.2.1.1 FinalizationRegistry(cleanupCallback).
pub fn finalization_registry_constructor(
    vm: &mut Vm,
    _: &Value,
    args: &[Value],
    new_target: Option<ObjRef>,
) -> JsResult<Value> {
    let Some(nt) = new_target else {
        return Err(vm.type_error("FinalizationRegistry constructor requires 'new'"));
    };
    let cleanup = arg(args, 0);
    if !cleanup.as_object().is_some_and(|f| vm.is_callable(f)) {
        return Err(vm.type_error("FinalizationRegistry: cleanup must be callable"));
    }
    let proto = prototype_from(vm, nt, vm.realm.finalization_registry_prototype)?;
    let data = RegistryData { cleanup, cells: Vec::new() };
    Ok(Value::Object(vm.alloc(Object::new(Some(proto), ObjectKind::FinalizationRegistry(Box::new(data))))))
}

fn this_registry(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    match this.as_object() {
        Some(o) if matches!(vm.heap.obj(o).kind, ObjectKind::FinalizationRegistry(_)) => Ok(o),
        _ => Err(vm.type_error(&format!("FinalizationRegistry.prototype.{method} called on an incompatible receiver"))),
    }
}

fn registry_data(vm: &mut Vm, registry: ObjRef) -> &mut RegistryData {
    match &mut vm.heap.obj_mut(registry).kind {
        ObjectKind::FinalizationRegistry(data) => data,
        _ => unreachable!("finalization registry expected"),
    }
}

/// 26.2.3.2 FinalizationRegistry.prototype.register(target, heldValue [, unregisterToken]).
pub fn finalization_registry_register(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let registry = this_registry(vm, this, "register")?;
    let (target, held, token) = (arg(args, 0), arg(args, 1), arg(args, 2));
    if !can_be_held_weakly(vm, &target) {
        return Err(vm.type_error("FinalizationRegistry.prototype.register: invalid target"));
    }
    if same_value(&target, &held) {
        return Err(vm.type_error("FinalizationRegistry.prototype.register: target and held value are the same"));
    }
    let token = if can_be_held_weakly(vm, &token) {
        Some(token)
    } else if token == Value::Undefined {
        None
    } else {
        return Err(vm.type_error("FinalizationRegistry.prototype.register: invalid unregister token"));
    };
    registry_data(vm, registry).cells.push(RegistryCell { target: Some(target), held, token });
    Ok(Value::Undefined)
}

/// 26.2.3.3 FinalizationRegistry.prototype.unregister(unregisterToken).
pub fn finalization_registry_unregister(
    vm: &mut Vm,
    this: &Value,
    args: &[Value],
    _: Option<ObjRef>,
) -> JsResult<Value> {
    let registry = this_registry(vm, this, "unregister")?;
    let token = arg(args, 0);
    if !can_be_held_weakly(vm, &token) {
        return Err(vm.type_error("FinalizationRegistry.prototype.unregister: invalid unregister token"));
    }
    let cells = &mut registry_data(vm, registry).cells;
    let before = cells.len();
    cells.retain(|c| !c.token.as_ref().is_some_and(|t| same_value(t, &token)));
    Ok(Value::Bool(cells.len() != before))
}

/// The host hook `afterGc(callback)`: see [`Vm::run_after_gc_callbacks`].
pub fn host_after_gc(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let callback = arg(args, 0);
    if !callback.as_object().is_some_and(|f| vm.is_callable(f)) {
        return Err(vm.type_error("afterGc: the callback is not a function"));
    }
    vm.weak.after_gc.push_back(callback);
    Ok(Value::Undefined)
}
