//! Keyed collections (24.1 Map, 24.2 Set, 24.3 WeakMap, 24.4 WeakSet) and their iterators.
//!
//! Entries live in insertion order; deleted entries leave a hole so that iterators running during
//! deletion continue exactly where the specification says (24.1.5.1 CreateMapIterator).

use crate::heap::{Object, ObjectKind};
use crate::value::{JsResult, ObjRef, Value};
use crate::vm::Vm;

/// `[[MapData]]` / `[[SetData]]`: `None` marks a deleted entry.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    pub items: Vec<Option<(Value, Value)>>,
}

/// Which collection an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionKind {
    Map,
    Set,
    WeakMap,
    WeakSet,
}

/// What a collection iterator yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IterationKind {
    Keys,
    Values,
    Entries,
}

/// 7.2.11 SameValueZero.
pub fn same_value_zero(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => a == b,
    }
}

impl Entries {
    pub fn find(&self, key: &Value) -> Option<usize> {
        self.items.iter().position(|e| e.as_ref().is_some_and(|(k, _)| same_value_zero(k, key)))
    }

    pub fn size(&self) -> usize {
        self.items.iter().filter(|e| e.is_some()).count()
    }

    pub fn trace(&self, out: &mut Vec<u32>) {
        for (k, v) in self.items.iter().flatten() {
            for x in [k, v] {
                crate::heap::push_value(x, out);
            }
        }
    }
}

impl Vm {
    pub(crate) fn collection(&mut self, this: &Value, kind: CollectionKind) -> JsResult<ObjRef> {
        if let Some(o) = this.as_object() {
            if matches!(&self.heap.obj(o).kind, ObjectKind::Collection(k, _) if *k == kind) {
                return Ok(o);
            }
        }
        Err(self.type_error(&format!("method called on an object that is not a {kind:?}")))
    }

    pub(crate) fn entries_mut(&mut self, o: ObjRef) -> &mut Entries {
        match &mut self.heap.obj_mut(o).kind {
            ObjectKind::Collection(_, e) => e,
            _ => unreachable!("collection expected"),
        }
    }

    pub(crate) fn entries(&self, o: ObjRef) -> &Entries {
        match &self.heap.obj(o).kind {
            ObjectKind::Collection(_, e) => e,
            _ => unreachable!("collection expected"),
        }
    }

    /// Creates a collection iterator object (24.1.5.1 CreateMapIterator, 24.2.5.1 CreateSetIterator).
    pub(crate) fn collection_iterator(&mut self, collection: ObjRef, kind: IterationKind) -> Value {
        let of_set = matches!(self.heap.obj(collection).kind, ObjectKind::Collection(CollectionKind::Set, _));
        let proto = if of_set { self.realm.set_iterator_prototype } else { self.realm.collection_iterator_prototype };
        Value::Object(self.alloc(Object::new(
            Some(proto),
            ObjectKind::CollectionIterator { collection: Some(collection), next: 0, kind, of_set },
        )))
    }

    /// The next value of a collection iterator, or `None` when it is exhausted.
    pub(crate) fn collection_iterator_step(&mut self, it: ObjRef) -> JsResult<Option<Value>> {
        let ObjectKind::CollectionIterator { collection, next, kind, of_set } = self.heap.obj(it).kind.clone() else {
            return Err(self.type_error("not a Map or Set iterator"));
        };
        let Some(c) = collection else { return Ok(None) };
        let is_set = matches!(self.heap.obj(c).kind, ObjectKind::Collection(CollectionKind::Set, _));
        let mut index = next;
        let found = loop {
            let items = &self.entries(c).items;
            if index >= items.len() {
                break None;
            }
            index += 1;
            if let Some(entry) = items[index - 1].clone() {
                break Some(entry);
            }
        };
        let (collection, result) = match found {
            None => (None, None),
            Some((k, v)) => {
                let v = if is_set { k.clone() } else { v };
                let value = match kind {
                    IterationKind::Keys => k,
                    IterationKind::Values => v,
                    IterationKind::Entries => Value::Object(self.new_array(vec![k, v])),
                };
                (Some(c), Some(value))
            }
        };
        self.heap.obj_mut(it).kind = ObjectKind::CollectionIterator { collection, next: index, kind, of_set };
        Ok(result)
    }
}
