//! The realm's intrinsics (9.3) and the built-in functions closure programs need.
//!
//! Only part of the standard library exists. Every standard member that is *not* implemented is
//! listed in [`UNIMPLEMENTED`]; reading one refuses the program (`Unsupported`) instead of yielding
//! `undefined`, which no real engine would.

use crate::conversions::{from_utf16, is_js_whitespace, number_to_string, to_integer_or_infinity, utf16};
use crate::heap::{FunctionKind, Heap, NativeFn, Object, ObjectKind, Property, Roots, Slot};
use crate::object::{same_value, Descriptor};
use crate::object_statics as os;
use crate::operations::{strict_equals, MAX_STRING_LENGTH};
use crate::string_methods as sm;
use crate::value::{unsupported, Abrupt, EnvRef, JsResult, Name, ObjRef, SymRef, Value};
use crate::vm::Vm;

/// Standard members this interpreter does not implement, by intrinsic.
const UNIMPLEMENTED: &[(&str, &[&str])] = &[
    (
        "global",
        &[
            "Map",
            "Set",
            "WeakMap",
            "WeakSet",
            "Promise",
            "Proxy",
            "Reflect",
            "Date",
            "RegExp",
            "BigInt",
            "eval",
            "ArrayBuffer",
            "SharedArrayBuffer",
            "DataView",
            "Int8Array",
            "Uint8Array",
            "Uint8ClampedArray",
            "Int16Array",
            "Uint16Array",
            "Int32Array",
            "Uint32Array",
            "Float32Array",
            "Float64Array",
            "BigInt64Array",
            "BigUint64Array",
            "Float16Array",
            "Intl",
            "Atomics",
            "escape",
            "unescape",
            "encodeURI",
            "encodeURIComponent",
            "decodeURI",
            "decodeURIComponent",
            "Iterator",
            "queueMicrotask",
            "setTimeout",
            "setInterval",
            "clearTimeout",
            "gc",
            "GeneratorFunction",
            "AsyncFunction",
            "SuppressedError",
            "DisposableStack",
            "AsyncDisposableStack",
        ],
    ),
    (
        "Object.prototype",
        &[
            "__proto__",
            "__defineGetter__",
            "__defineSetter__",
            "__lookupGetter__",
            "__lookupSetter__",
            "toLocaleString",
        ],
    ),
    ("Array", &["fromAsync"]),
    // `sort` and `toSorted`: the order of comparator calls is implementation-defined.
    ("Array.prototype", &["sort", "toLocaleString", "toSorted"]),
    ("String", &[]),
    (
        "String.prototype",
        &[
            "localeCompare",
            "match",
            "matchAll",
            "normalize",
            "search",
            "toLocaleLowerCase",
            "toLocaleUpperCase",
            "anchor",
            "big",
            "blink",
            "bold",
            "fixed",
            "fontcolor",
            "fontsize",
            "italics",
            "link",
            "small",
            "strike",
            "sub",
            "sup",
        ],
    ),
    ("Number", &[]),
    ("Number.prototype", &["toFixed", "toExponential", "toPrecision", "toLocaleString"]),
    (
        "Math",
        &[
            "random",
            "acos",
            "acosh",
            "asin",
            "asinh",
            "atan",
            "atanh",
            "atan2",
            "cbrt",
            "clz32",
            "cos",
            "cosh",
            "exp",
            "expm1",
            "fround",
            "hypot",
            "imul",
            "log",
            "log1p",
            "log10",
            "log2",
            "sin",
            "sinh",
            "tan",
            "tanh",
            "LN2",
            "LN10",
            "LOG2E",
            "LOG10E",
            "SQRT1_2",
            "SQRT2",
            "f16round",
            "sumPrecise",
        ],
    ),
    ("JSON", &["rawJSON", "isRawJSON"]),
    ("Map", &["groupBy"]),
    ("Map.prototype", &["getOrInsert", "getOrInsertComputed"]),
    ("WeakMap.prototype", &["getOrInsert", "getOrInsertComputed"]),
    (
        "Set.prototype",
        &["union", "intersection", "difference", "symmetricDifference", "isSubsetOf", "isSupersetOf", "isDisjointFrom"],
    ),
    ("Promise", &["withResolvers", "try"]),
    ("Error", &["captureStackTrace", "stackTraceLimit", "isError"]),
    // Well-known symbols whose protocols are not implemented (`concat`, the RegExp-related string
    // methods and species constructors ignore them).
    (
        "Symbol",
        &[
            "isConcatSpreadable",
            "match",
            "matchAll",
            "replace",
            "search",
            "species",
            "split",
            "dispose",
            "asyncDispose",
        ],
    ),
    // %GeneratorFunction% and %AsyncFunction% do not exist.
    ("GeneratorFunction.prototype", &["constructor"]),
    ("AsyncFunction.prototype", &["constructor"]),
    ("AsyncGeneratorFunction.prototype", &["constructor"]),
    // Iterator helpers.
    (
        "Iterator.prototype",
        &["map", "filter", "take", "drop", "flatMap", "reduce", "toArray", "forEach", "some", "every", "find"],
    ),
    ("Error.prototype", &["stack"]),
];

/// The standard members of the intrinsic tagged `tag` that this interpreter does not provide.
pub fn unimplemented_members(tag: &str) -> &'static [&'static str] {
    UNIMPLEMENTED.iter().find(|(t, _)| *t == tag).map_or(&[], |(_, names)| names)
}

/// Refuses a program that asks about a standard member this interpreter lacks.
pub fn refuse_unimplemented(tag: &str, key: &str) -> JsResult<()> {
    if unimplemented_members(tag).contains(&key) {
        return unsupported(format!("{tag}.{key}").replace("global.", ""));
    }
    Ok(())
}

const ERROR_NAMES: [&str; 7] =
    ["Error", "TypeError", "ReferenceError", "RangeError", "SyntaxError", "EvalError", "URIError"];

/// The intrinsics of the one realm a run uses.
#[derive(Debug)]
pub struct Realm {
    pub global_object: ObjRef,
    pub global_env: EnvRef,
    pub object_prototype: ObjRef,
    pub function_prototype: ObjRef,
    pub array_prototype: ObjRef,
    pub string_prototype: ObjRef,
    pub number_prototype: ObjRef,
    pub boolean_prototype: ObjRef,
    pub error_prototypes: Vec<(&'static str, ObjRef)>,
    pub throw_type_error: ObjRef,
    /// `Function.prototype.call` and `apply`, which the machine runs without re-entering itself.
    pub function_call: ObjRef,
    pub function_apply: ObjRef,
    /// %GeneratorFunction.prototype% and %GeneratorPrototype% (27.3, 27.5).
    pub generator_function_prototype: ObjRef,
    pub generator_prototype: ObjRef,
    /// %GeneratorPrototype%.next and .return, which loops drive directly.
    pub generator_next: ObjRef,
    pub generator_return: ObjRef,
    /// %AsyncGeneratorFunction.prototype% and %AsyncGeneratorPrototype% (27.4, 27.6).
    pub async_generator_function_prototype: ObjRef,
    pub async_generator_prototype: ObjRef,
    /// %Promise%, %Promise.prototype% and %AsyncFunction.prototype% (27.2, 27.7).
    pub promise_constructor: ObjRef,
    pub promise_prototype: ObjRef,
    pub async_function_prototype: ObjRef,
    /// %eval%, whose identity makes a call a direct eval.
    pub eval_function: ObjRef,
    /// The prototype of Map and Set iterators (%MapIteratorPrototype% and %SetIteratorPrototype%
    /// behave alike here).
    pub collection_iterator_prototype: ObjRef,
    /// %WeakRef.prototype% and %FinalizationRegistry.prototype% (26.1, 26.2).
    pub weak_ref_prototype: ObjRef,
    pub finalization_registry_prototype: ObjRef,
    /// The well-known symbols, %Symbol.prototype% and the GlobalSymbolRegistry (20.4).
    pub well_known: crate::symbol::WellKnown,
    pub symbol_prototype: ObjRef,
    pub symbol_registry: crate::symbol::Registry,
    /// %IteratorPrototype%, %ArrayIteratorPrototype%, %StringIteratorPrototype% and
    /// %SetIteratorPrototype% (27.1.2, 23.1.5, 22.1.5, 24.2.6).
    pub iterator_prototype: ObjRef,
    pub array_iterator_prototype: ObjRef,
    pub string_iterator_prototype: ObjRef,
    pub set_iterator_prototype: ObjRef,
    /// %Array.prototype.values% (also `Array.prototype[@@iterator]` and arguments objects'
    /// `@@iterator`), %ArrayIteratorPrototype%.next, `String.prototype[@@iterator]` and
    /// %StringIteratorPrototype%.next: loops over arrays and strings skip the iterator objects while
    /// these are in place.
    pub array_values: ObjRef,
    pub array_iterator_next: ObjRef,
    pub string_iterator: ObjRef,
    pub string_iterator_next: ObjRef,
}

impl Realm {
    pub fn error_prototype(&self, name: &str) -> ObjRef {
        self.error_prototypes.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).unwrap_or(self.error_prototypes[0].1)
    }

    pub fn trace(&self, roots: &mut Roots) {
        self.trace_readable(roots);
        roots.objects.extend([
            self.throw_type_error,
            self.function_call,
            self.function_apply,
            self.generator_next,
            self.generator_return,
            self.promise_constructor,
            self.eval_function,
            self.collection_iterator_prototype,
            self.weak_ref_prototype,
            self.finalization_registry_prototype,
            self.symbol_prototype,
            self.string_iterator_prototype,
            self.set_iterator_prototype,
            self.array_iterator_next,
            self.string_iterator,
            self.string_iterator_next,
        ]);
    }

    /// The intrinsics a program can always reach again, whatever it deleted: the global object and
    /// the prototypes of what syntax alone creates (objects, functions of every kind, arrays,
    /// primitives' wrappers, promises of async functions, the array iterators of `arguments`, the
    /// errors the language throws). The lifetime oracle's liveness pass starts from these; the
    /// realm's other handles (methods it calls directly, such as `%GeneratorPrototype%.next`) keep
    /// objects for the collector only, since a program may delete the only property holding them.
    pub fn trace_readable(&self, roots: &mut Roots) {
        roots.objects.extend([
            self.global_object,
            self.object_prototype,
            self.function_prototype,
            self.array_prototype,
            self.string_prototype,
            self.number_prototype,
            self.boolean_prototype,
            self.generator_function_prototype,
            self.generator_prototype,
            self.async_generator_function_prototype,
            self.async_generator_prototype,
            self.promise_prototype,
            self.async_function_prototype,
            self.iterator_prototype,
            self.array_iterator_prototype,
            self.array_values,
        ]);
        roots.values.extend(self.well_known.all().map(Value::Symbol));
        roots.values.extend(self.symbol_registry.values().map(|s| Value::Symbol(*s)));
        roots.objects.extend(self.error_prototypes.iter().map(|(_, p)| *p));
        roots.envs.push(self.global_env);
    }

    /// 9.3.2 CreateIntrinsics + 9.3.3 SetDefaultGlobalBindings.
    pub fn create(heap: &mut Heap) -> Realm {
        let object_prototype = heap.alloc_object(tagged(None, ObjectKind::Ordinary, "Object.prototype"));
        let function_prototype = heap.alloc_object(tagged(
            Some(object_prototype),
            ObjectKind::Function(FunctionKind::Native { func: native_noop, constructor: false }),
            "Function.prototype",
        ));
        let well_known = crate::symbol::WellKnown::create(heap);
        let mut b = Builder { heap, function_prototype };
        let tag_key = well_known.to_string_tag;
        let global = b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "global"));

        // Object
        b.methods(
            object_prototype,
            &[
                ("hasOwnProperty", 1, object_has_own_property),
                ("isPrototypeOf", 1, object_is_prototype_of),
                ("propertyIsEnumerable", 1, object_property_is_enumerable),
                ("toString", 0, object_to_string),
                ("valueOf", 0, object_value_of),
            ],
        );
        let object_ctor = b.constructor(global, "Object", 1, object_constructor, object_prototype);
        b.tag(object_ctor, "Object");
        b.methods(
            object_ctor,
            &[
                ("create", 2, object_create),
                ("keys", 1, object_keys),
                ("defineProperty", 3, object_define_property),
                ("defineProperties", 2, object_define_properties),
                ("getOwnPropertyDescriptor", 2, object_get_own_property_descriptor),
                ("getOwnPropertyNames", 1, object_get_own_property_names),
                ("getOwnPropertySymbols", 1, object_get_own_property_symbols),
                ("getPrototypeOf", 1, object_get_prototype_of),
                ("setPrototypeOf", 2, os::object_set_prototype_of),
                ("preventExtensions", 1, os::object_prevent_extensions),
                ("isExtensible", 1, os::object_is_extensible),
                ("freeze", 1, os::object_freeze),
                ("seal", 1, os::object_seal),
                ("isFrozen", 1, os::object_is_frozen),
                ("isSealed", 1, os::object_is_sealed),
                ("is", 2, os::object_is),
                ("assign", 2, os::object_assign),
                ("entries", 1, os::object_entries),
                ("values", 1, os::object_values),
                ("fromEntries", 1, os::object_from_entries),
                ("getOwnPropertyDescriptors", 1, os::object_get_own_property_descriptors),
                ("groupBy", 2, os::object_group_by),
                ("hasOwn", 2, os::object_has_own),
            ],
        );

        // Function
        b.function_props(function_prototype, "", 0);
        let function_call = b.method(function_prototype, "call", 1, function_call);
        let function_apply = b.method(function_prototype, "apply", 2, function_apply);
        b.methods(function_prototype, &[("bind", 1, function_bind), ("toString", 0, function_to_string)]);
        b.constructor(global, "Function", 1, function_constructor, function_prototype);
        let throw_type_error = b.native("", 0, throw_type_error, false);
        // 10.2.4.1 %ThrowTypeError%: not extensible, and its length and name are frozen.
        b.heap.obj_mut(throw_type_error).extensible = false;
        for prop in ["length", "name"] {
            if let Some(p) = b.heap.obj_mut(throw_type_error).props.get_mut(prop) {
                p.configurable = false;
            }
        }
        // 10.2.4 AddRestrictedFunctionProperties.
        let restricted = b.native("", 0, restricted_function_property, false);
        for name in ["caller", "arguments"] {
            b.heap.obj_mut(function_prototype).props.insert(
                name.into(),
                Property {
                    slot: Slot::Accessor { get: Some(restricted), set: Some(restricted) },
                    writable: false,
                    enumerable: false,
                    configurable: true,
                },
            );
        }

        // Generators: %GeneratorFunction.prototype% and %GeneratorPrototype% (27.3.3, 27.5.1).
        let generator_function_prototype =
            b.heap.alloc_object(tagged(Some(function_prototype), ObjectKind::Ordinary, "GeneratorFunction.prototype"));
        // %IteratorPrototype% (27.1.2): `[Symbol.iterator]() { return this }`.
        let iterator_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "Iterator.prototype"));
        b.symbol_method(iterator_prototype, well_known.iterator, "[Symbol.iterator]", 0, return_this);
        let generator_prototype =
            b.heap.alloc_object(tagged(Some(iterator_prototype), ObjectKind::Ordinary, "Generator.prototype"));
        b.symbol_tag(tag_key, generator_prototype, "Generator");
        b.symbol_tag(tag_key, generator_function_prototype, "GeneratorFunction");
        b.heap
            .obj_mut(generator_function_prototype)
            .props
            .insert("prototype".into(), Property::data(Value::Object(generator_prototype), false, false, true));
        b.heap.obj_mut(generator_prototype).props.insert(
            "constructor".into(),
            Property::data(Value::Object(generator_function_prototype), false, false, true),
        );
        let generator_next = b.method(generator_prototype, "next", 1, generator_next);
        let generator_return = b.method(generator_prototype, "return", 1, generator_return);
        b.method(generator_prototype, "throw", 1, generator_throw);

        // Async generators: %AsyncIteratorPrototype%, %AsyncGeneratorFunction.prototype% and
        // %AsyncGeneratorPrototype% (27.1.3, 27.4.3, 27.6.1).
        let async_iterator_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "AsyncIterator.prototype"));
        b.symbol_method(async_iterator_prototype, well_known.async_iterator, "[Symbol.asyncIterator]", 0, return_this);
        let async_generator_function_prototype = b.heap.alloc_object(tagged(
            Some(function_prototype),
            ObjectKind::Ordinary,
            "AsyncGeneratorFunction.prototype",
        ));
        let async_generator_prototype = b.heap.alloc_object(tagged(
            Some(async_iterator_prototype),
            ObjectKind::Ordinary,
            "AsyncGenerator.prototype",
        ));
        b.symbol_tag(tag_key, async_generator_prototype, "AsyncGenerator");
        b.symbol_tag(tag_key, async_generator_function_prototype, "AsyncGeneratorFunction");
        b.heap
            .obj_mut(async_generator_function_prototype)
            .props
            .insert("prototype".into(), Property::data(Value::Object(async_generator_prototype), false, false, true));
        b.heap.obj_mut(async_generator_prototype).props.insert(
            "constructor".into(),
            Property::data(Value::Object(async_generator_function_prototype), false, false, true),
        );
        b.methods(
            async_generator_prototype,
            &[
                ("next", 1, async_generator_next as NativeFn),
                ("return", 1, async_generator_return),
                ("throw", 1, async_generator_throw),
            ],
        );

        // Promises and async functions.
        let promise_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "Promise.prototype"));
        // `constructor` comes first among the prototype's own keys, as in the specification's order.
        let promise_constructor = b.constructor(global, "Promise", 1, promise_constructor, promise_prototype);
        b.methods(
            promise_prototype,
            &[("then", 2, promise_then), ("catch", 1, promise_catch), ("finally", 1, promise_finally)],
        );
        b.tag(promise_constructor, "Promise");
        b.methods(
            promise_constructor,
            &[
                ("all", 1, promise_all),
                ("allSettled", 1, promise_all_settled),
                ("any", 1, promise_any),
                ("race", 1, promise_race),
                ("reject", 1, promise_reject_static),
                ("resolve", 1, promise_resolve_static),
            ],
        );
        let async_function_prototype =
            b.heap.alloc_object(tagged(Some(function_prototype), ObjectKind::Ordinary, "AsyncFunction.prototype"));
        b.symbol_tag(tag_key, async_function_prototype, "AsyncFunction");
        b.symbol_tag(tag_key, promise_prototype, "Promise");

        // Array
        let array_prototype = b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Array, "Array.prototype"));
        b.heap
            .obj_mut(array_prototype)
            .props
            .insert("length".into(), Property::data(Value::Number(0.0), true, false, false));
        b.methods(
            array_prototype,
            &[
                ("push", 1, array_push),
                ("pop", 0, array_pop),
                ("shift", 0, array_shift),
                ("unshift", 1, array_unshift),
                ("slice", 2, array_slice),
                ("splice", 2, array_splice),
                ("concat", 1, array_concat),
                ("join", 1, array_join),
                ("toString", 0, array_to_string),
                ("reverse", 0, array_reverse),
                ("indexOf", 1, array_index_of),
                ("lastIndexOf", 1, array_last_index_of),
                ("includes", 1, array_includes),
                ("forEach", 1, array_for_each),
                ("map", 1, array_map),
                ("filter", 1, array_filter),
                ("some", 1, array_some),
                ("every", 1, array_every),
                ("find", 1, array_find),
                ("findIndex", 1, array_find_index),
                ("reduce", 1, array_reduce),
                ("reduceRight", 1, array_reduce_right),
                ("at", 1, array_at),
                ("findLast", 1, array_find_last),
                ("findLastIndex", 1, array_find_last_index),
                ("fill", 1, array_fill),
                ("copyWithin", 2, array_copy_within),
                ("flat", 0, array_flat),
                ("flatMap", 1, array_flat_map),
                ("toReversed", 0, array_to_reversed),
                ("toSpliced", 2, array_to_spliced),
                ("with", 2, array_with),
            ],
        );
        // Array iteration (23.1.3.4 entries, 23.1.3.19 keys, 23.1.3.38 values, 23.1.5).
        let array_values = b.method(array_prototype, "values", 0, array_values_method);
        b.methods(array_prototype, &[("keys", 0, array_keys), ("entries", 0, array_entries)]);
        b.heap
            .obj_mut(array_prototype)
            .symbols
            .insert(well_known.iterator, Property::hidden(Value::Object(array_values)));
        let unscopables = b.heap.alloc_object(Object::new(None, ObjectKind::Ordinary));
        for name in [
            "at",
            "copyWithin",
            "entries",
            "fill",
            "find",
            "findIndex",
            "findLast",
            "findLastIndex",
            "flat",
            "flatMap",
            "includes",
            "keys",
            "toReversed",
            "toSorted",
            "toSpliced",
            "values",
        ] {
            b.heap.obj_mut(unscopables).props.insert(name.into(), Property::plain(Value::Bool(true)));
        }
        b.heap
            .obj_mut(array_prototype)
            .symbols
            .insert(well_known.unscopables, Property::data(Value::Object(unscopables), false, false, true));
        let array_iterator_prototype =
            b.heap.alloc_object(tagged(Some(iterator_prototype), ObjectKind::Ordinary, "ArrayIterator.prototype"));
        let array_iterator_next = b.method(array_iterator_prototype, "next", 0, array_iterator_next_method);
        b.symbol_tag(tag_key, array_iterator_prototype, "Array Iterator");
        let array_ctor = b.constructor(global, "Array", 1, array_constructor, array_prototype);
        b.tag(array_ctor, "Array");
        b.methods(array_ctor, &[("isArray", 1, array_is_array), ("from", 1, array_from), ("of", 0, array_of)]);

        // String
        let string_prototype = b.heap.alloc_object(tagged(
            Some(object_prototype),
            ObjectKind::StringWrapper("".into()),
            "String.prototype",
        ));
        b.methods(
            string_prototype,
            &[
                ("toString", 0, string_to_string),
                ("valueOf", 0, string_to_string),
                ("charAt", 1, string_char_at),
                ("charCodeAt", 1, string_char_code_at),
                ("indexOf", 1, string_index_of),
                ("lastIndexOf", 1, string_last_index_of),
                ("includes", 1, string_includes),
                ("startsWith", 1, string_starts_with),
                ("endsWith", 1, string_ends_with),
                ("slice", 2, string_slice),
                ("substring", 2, string_substring),
                ("toUpperCase", 0, string_to_upper_case),
                ("toLowerCase", 0, string_to_lower_case),
                ("trim", 0, string_trim),
                ("split", 2, string_split),
                ("concat", 1, string_concat),
                ("repeat", 1, string_repeat),
                ("at", 1, sm::string_at),
                ("codePointAt", 1, sm::string_code_point_at),
                ("padStart", 1, sm::string_pad_start),
                ("padEnd", 1, sm::string_pad_end),
                ("replace", 2, sm::string_replace),
                ("replaceAll", 2, sm::string_replace_all),
                ("substr", 2, sm::string_substr),
                ("isWellFormed", 0, sm::string_is_well_formed),
                ("toWellFormed", 0, sm::string_to_well_formed),
            ],
        );
        // B.2.2.15-16: trimLeft and trimRight are the same function objects as trimStart and trimEnd.
        let trim_start = b.method(string_prototype, "trimStart", 0, sm::string_trim_start);
        let trim_end = b.method(string_prototype, "trimEnd", 0, sm::string_trim_end);
        b.hidden(string_prototype, "trimLeft", Value::Object(trim_start));
        b.hidden(string_prototype, "trimRight", Value::Object(trim_end));
        let string_iterator = b.native("[Symbol.iterator]", 0, string_iterator_method, false);
        b.heap
            .obj_mut(string_prototype)
            .symbols
            .insert(well_known.iterator, Property::hidden(Value::Object(string_iterator)));
        let string_iterator_prototype =
            b.heap.alloc_object(tagged(Some(iterator_prototype), ObjectKind::Ordinary, "StringIterator.prototype"));
        let string_iterator_next = b.method(string_iterator_prototype, "next", 0, string_iterator_next_method);
        b.symbol_tag(tag_key, string_iterator_prototype, "String Iterator");
        let string_ctor = b.constructor(global, "String", 1, string_constructor, string_prototype);
        b.tag(string_ctor, "String");
        b.methods(
            string_ctor,
            &[
                ("raw", 1, string_raw),
                ("fromCharCode", 1, sm::string_from_char_code),
                ("fromCodePoint", 1, sm::string_from_code_point),
            ],
        );

        // Number and Boolean
        let number_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::NumberWrapper(0.0), "Number.prototype"));
        b.methods(number_prototype, &[("toString", 1, number_to_string_method), ("valueOf", 0, number_value_of)]);
        let number_ctor = b.constructor(global, "Number", 1, number_constructor, number_prototype);
        b.tag(number_ctor, "Number");
        for (n, v) in [
            ("MAX_SAFE_INTEGER", 9007199254740991.0),
            ("MIN_SAFE_INTEGER", -9007199254740991.0),
            ("EPSILON", f64::EPSILON),
            ("MAX_VALUE", f64::MAX),
            ("MIN_VALUE", 5e-324),
            ("POSITIVE_INFINITY", f64::INFINITY),
            ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
            ("NaN", f64::NAN),
        ] {
            b.constant(number_ctor, n, Value::Number(v));
        }
        let boolean_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::BooleanWrapper(false), "Boolean.prototype"));
        b.methods(boolean_prototype, &[("toString", 0, boolean_to_string), ("valueOf", 0, boolean_value_of)]);
        b.constructor(global, "Boolean", 1, boolean_constructor, boolean_prototype);

        // Errors: Error.prototype, then each NativeError inheriting from it (20.5).
        let mut error_prototypes = Vec::new();
        let error_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "Error.prototype"));
        let error_ctor = b.constructor(global, "Error", 1, error_constructor, error_prototype);
        b.tag(error_ctor, "Error");
        b.methods(error_prototype, &[("toString", 0, error_to_string)]);
        for name in ERROR_NAMES {
            let (proto, ctor) = if name == "Error" {
                (error_prototype, error_ctor)
            } else {
                let proto = b.heap.alloc_object(Object::new(Some(error_prototype), ObjectKind::Ordinary));
                let ctor = b.constructor(global, name, 1, error_constructor, proto);
                b.heap.obj_mut(ctor).proto = Some(error_ctor);
                (proto, ctor)
            };
            let _ = ctor;
            b.hidden(proto, "name", Value::str(name));
            b.hidden(proto, "message", Value::str(""));
            error_prototypes.push((name, proto));
        }
        // 20.5.7 AggregateError: a NativeError-like constructor with its own `errors` argument.
        {
            let proto = b.heap.alloc_object(Object::new(Some(error_prototype), ObjectKind::Ordinary));
            let ctor = b.constructor(global, "AggregateError", 2, aggregate_error_constructor, proto);
            b.heap.obj_mut(ctor).proto = Some(error_ctor);
            b.hidden(proto, "name", Value::str("AggregateError"));
            b.hidden(proto, "message", Value::str(""));
            error_prototypes.push(("AggregateError", proto));
        }

        // Keyed collections (24.1-24.4).
        let collection_iterator_prototype =
            b.heap.alloc_object(tagged(Some(iterator_prototype), ObjectKind::Ordinary, "MapIterator.prototype"));
        b.methods(collection_iterator_prototype, &[("next", 0, map_iterator_next)]);
        b.symbol_tag(tag_key, collection_iterator_prototype, "Map Iterator");
        let set_iterator_prototype =
            b.heap.alloc_object(tagged(Some(iterator_prototype), ObjectKind::Ordinary, "SetIterator.prototype"));
        b.methods(set_iterator_prototype, &[("next", 0, set_iterator_next)]);
        b.symbol_tag(tag_key, set_iterator_prototype, "Set Iterator");
        for (name, methods) in [
            (
                "Map",
                &[
                    ("get", 1, map_get as NativeFn),
                    ("set", 2, map_set),
                    ("has", 1, map_has),
                    ("delete", 1, map_delete),
                    ("clear", 0, map_clear),
                    ("forEach", 1, map_for_each),
                    ("keys", 0, map_keys),
                    ("values", 0, map_values),
                    ("entries", 0, map_entries),
                ][..],
            ),
            (
                "Set",
                &[
                    ("add", 1, set_add as NativeFn),
                    ("has", 1, set_has),
                    ("delete", 1, set_delete),
                    ("clear", 0, set_clear),
                    ("forEach", 1, set_for_each),
                    ("values", 0, set_values),
                    ("entries", 0, set_entries),
                ][..],
            ),
            (
                "WeakMap",
                &[
                    ("get", 1, weakmap_get as NativeFn),
                    ("set", 2, weakmap_set),
                    ("has", 1, weakmap_has),
                    ("delete", 1, weakmap_delete),
                ][..],
            ),
            (
                "WeakSet",
                &[("add", 1, weakset_add as NativeFn), ("has", 1, weakset_has), ("delete", 1, weakset_delete)][..],
            ),
        ] {
            let proto_tag = match name {
                "Map" => "Map.prototype",
                "Set" => "Set.prototype",
                "WeakMap" => "WeakMap.prototype",
                _ => "WeakSet.prototype",
            };
            let proto = b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, proto_tag));
            b.methods(proto, methods);
            b.symbol_tag(tag_key, proto, name);
            // 24.1.3.12 Map.prototype[@@iterator] is `entries`, 24.2.3.11 Set.prototype[@@iterator] is `values`.
            let iterate = match name {
                "Map" => Some("entries"),
                "Set" => Some("values"),
                _ => None,
            };
            if let Some(Slot::Data(f)) = iterate.and_then(|m| b.heap.obj(proto).props.get(m)).map(|p| p.slot.clone()) {
                b.heap.obj_mut(proto).symbols.insert(well_known.iterator, Property::hidden(f.clone()));
                // 24.2.4.10: Set.prototype.keys is the `values` function itself.
                if name == "Set" {
                    b.hidden(proto, "keys", f);
                }
            }
            if name == "Map" || name == "Set" {
                let getter = b.native("get size", 0, if name == "Map" { map_size } else { set_size }, false);
                b.heap.obj_mut(proto).props.insert(
                    "size".into(),
                    Property {
                        slot: Slot::Accessor { get: Some(getter), set: None },
                        writable: false,
                        enumerable: false,
                        configurable: true,
                    },
                );
            }
            let ctor_fn: NativeFn = match name {
                "Map" => map_constructor,
                "Set" => set_constructor,
                "WeakMap" => weakmap_constructor,
                _ => weakset_constructor,
            };
            let ctor = b.constructor(global, name, 0, ctor_fn, proto);
            if let "Map" | "Set" = name {
                b.tag(ctor, name);
            }
        }

        // Managing memory (26.1 WeakRef, 26.2 FinalizationRegistry).
        let weak_ref_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "WeakRef.prototype"));
        b.methods(weak_ref_prototype, &[("deref", 0, crate::weakref::weak_ref_deref)]);
        b.symbol_tag(tag_key, weak_ref_prototype, "WeakRef");
        b.constructor(global, "WeakRef", 1, crate::weakref::weak_ref_constructor, weak_ref_prototype);
        let finalization_registry_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "FinalizationRegistry.prototype"));
        b.methods(
            finalization_registry_prototype,
            &[
                ("register", 2, crate::weakref::finalization_registry_register),
                ("unregister", 1, crate::weakref::finalization_registry_unregister),
            ],
        );
        b.symbol_tag(tag_key, finalization_registry_prototype, "FinalizationRegistry");
        b.constructor(
            global,
            "FinalizationRegistry",
            1,
            crate::weakref::finalization_registry_constructor,
            finalization_registry_prototype,
        );

        // Math and JSON
        let math = b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "Math"));
        b.methods(
            math,
            &[
                ("floor", 1, math_floor),
                ("ceil", 1, math_ceil),
                ("round", 1, math_round),
                ("trunc", 1, math_trunc),
                ("abs", 1, math_abs),
                ("sign", 1, math_sign),
                ("sqrt", 1, math_sqrt),
                ("pow", 2, math_pow),
                ("max", 2, math_max),
                ("min", 2, math_min),
            ],
        );
        b.constant(math, "PI", Value::Number(std::f64::consts::PI));
        b.constant(math, "E", Value::Number(std::f64::consts::E));
        b.hidden(global, "Math", Value::Object(math));
        b.symbol_tag(tag_key, math, "Math");
        let json = b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "JSON"));
        b.methods(json, &[("parse", 2, json_parse), ("stringify", 3, json_stringify)]);
        b.hidden(global, "JSON", Value::Object(json));
        b.symbol_tag(tag_key, json, "JSON");

        // Symbol (20.4).
        let symbol_prototype =
            b.heap.alloc_object(tagged(Some(object_prototype), ObjectKind::Ordinary, "Symbol.prototype"));
        let symbol_ctor = b.constructor(global, "Symbol", 0, crate::symbol::symbol_constructor, symbol_prototype);
        b.tag(symbol_ctor, "Symbol");
        b.methods(symbol_ctor, &[("for", 1, crate::symbol::symbol_for), ("keyFor", 1, crate::symbol::symbol_key_for)]);
        for (name, s) in well_known.named() {
            b.constant(symbol_ctor, name, Value::Symbol(s));
        }
        b.methods(
            symbol_prototype,
            &[("toString", 0, crate::symbol::symbol_to_string), ("valueOf", 0, crate::symbol::symbol_value_of)],
        );
        let description = b.native("get description", 0, crate::symbol::symbol_description, false);
        b.heap.obj_mut(symbol_prototype).props.insert(
            "description".into(),
            Property {
                slot: Slot::Accessor { get: Some(description), set: None },
                writable: false,
                enumerable: false,
                configurable: true,
            },
        );
        let to_primitive = b.native("[Symbol.toPrimitive]", 1, crate::symbol::symbol_value_of, false);
        b.heap
            .obj_mut(symbol_prototype)
            .symbols
            .insert(well_known.to_primitive, Property::data(Value::Object(to_primitive), false, false, true));
        b.symbol_tag(tag_key, symbol_prototype, "Symbol");
        // 20.2.3.6 Function.prototype[@@hasInstance].
        let has_instance = b.native("[Symbol.hasInstance]", 1, function_has_instance, false);
        b.heap
            .obj_mut(function_prototype)
            .symbols
            .insert(well_known.has_instance, Property::data(Value::Object(has_instance), false, false, false));

        // Global values and functions (19.1, 19.2) and the host's output functions.
        b.constant(global, "undefined", Value::Undefined);
        b.constant(global, "NaN", Value::Number(f64::NAN));
        b.constant(global, "Infinity", Value::Number(f64::INFINITY));
        b.hidden(global, "globalThis", Value::Object(global));
        b.methods(global, &[("isNaN", 1, global_is_nan), ("isFinite", 1, global_is_finite), ("print", 1, host_print)]);
        // The host's lifetime hook (see `crate::weakref`).
        b.method(global, "afterGc", 1, crate::weakref::host_after_gc);
        b.method(global, "lifetimeProbe", 2, crate::liveness::lifetime_probe);
        let parse_int = b.method(global, "parseInt", 2, global_parse_int);
        let parse_float = b.method(global, "parseFloat", 1, global_parse_float);
        b.hidden(number_ctor, "parseInt", Value::Object(parse_int));
        b.hidden(number_ctor, "parseFloat", Value::Object(parse_float));
        b.methods(
            number_ctor,
            &[
                ("isInteger", 1, number_is_integer),
                ("isSafeInteger", 1, number_is_safe_integer),
                ("isFinite", 1, number_is_finite),
                ("isNaN", 1, number_is_nan),
            ],
        );
        let eval_function = b.method(global, "eval", 1, global_eval);
        let console = b.heap.alloc_object(Object::new(Some(object_prototype), ObjectKind::Ordinary));
        b.methods(console, &[("log", 0, host_print)]);
        b.hidden(global, "console", Value::Object(console));

        let global_env = b.heap.alloc_env(crate::heap::Environment::Global {
            object: global,
            bindings: Default::default(),
            var_names: Vec::new(),
        });
        Realm {
            global_object: global,
            global_env,
            object_prototype,
            function_prototype,
            array_prototype,
            string_prototype,
            number_prototype,
            boolean_prototype,
            error_prototypes,
            throw_type_error,
            function_call,
            function_apply,
            generator_function_prototype,
            generator_prototype,
            generator_next,
            generator_return,
            async_generator_function_prototype,
            async_generator_prototype,
            promise_constructor,
            promise_prototype,
            async_function_prototype,
            eval_function,
            collection_iterator_prototype,
            weak_ref_prototype,
            finalization_registry_prototype,
            well_known,
            symbol_prototype,
            symbol_registry: Default::default(),
            iterator_prototype,
            array_iterator_prototype,
            string_iterator_prototype,
            set_iterator_prototype,
            array_values,
            array_iterator_next,
            string_iterator,
            string_iterator_next,
        }
    }
}

fn tagged(proto: Option<ObjRef>, kind: ObjectKind, tag: &'static str) -> Object {
    let mut o = Object::new(proto, kind);
    o.intrinsic = Some(tag);
    o
}

/// Allocates built-in function objects (10.3.4 CreateBuiltinFunction) and their properties.
struct Builder<'h> {
    heap: &'h mut Heap,
    function_prototype: ObjRef,
}

impl Builder<'_> {
    fn function_props(&mut self, f: ObjRef, name: &str, length: usize) {
        let props = &mut self.heap.obj_mut(f).props;
        props.insert("length".into(), Property::data(Value::Number(length as f64), false, false, true));
        props.insert("name".into(), Property::data(Value::str(name), false, false, true));
    }

    fn native(&mut self, name: &str, length: usize, func: NativeFn, constructor: bool) -> ObjRef {
        let f = self.heap.alloc_object(Object::new(
            Some(self.function_prototype),
            ObjectKind::Function(FunctionKind::Native { func, constructor }),
        ));
        self.function_props(f, name, length);
        f
    }

    fn method(&mut self, target: ObjRef, name: &str, length: usize, func: NativeFn) -> ObjRef {
        let f = self.native(name, length, func, false);
        self.hidden(target, name, Value::Object(f));
        f
    }

    fn methods(&mut self, target: ObjRef, list: &[(&str, usize, NativeFn)]) {
        for (name, length, func) in list {
            self.method(target, name, *length, *func);
        }
    }

    fn constructor(&mut self, global: ObjRef, name: &str, length: usize, func: NativeFn, prototype: ObjRef) -> ObjRef {
        let f = self.native(name, length, func, true);
        self.heap
            .obj_mut(f)
            .props
            .insert("prototype".into(), Property::data(Value::Object(prototype), false, false, false));
        self.hidden(prototype, "constructor", Value::Object(f));
        self.hidden(global, name, Value::Object(f));
        f
    }

    fn tag(&mut self, o: ObjRef, tag: &'static str) {
        self.heap.obj_mut(o).intrinsic = Some(tag);
    }

    fn hidden(&mut self, target: ObjRef, name: &str, v: Value) {
        self.heap.obj_mut(target).props.insert(name.into(), Property::hidden(v));
    }

    /// A built-in method under a symbol key (writable, non-enumerable, configurable).
    fn symbol_method(&mut self, target: ObjRef, key: SymRef, name: &str, length: usize, func: NativeFn) -> ObjRef {
        let f = self.native(name, length, func, false);
        self.heap.obj_mut(target).symbols.insert(key, Property::hidden(Value::Object(f)));
        f
    }

    /// `[Symbol.toStringTag]`: a non-writable, non-enumerable, configurable string.
    fn symbol_tag(&mut self, key: SymRef, target: ObjRef, tag: &str) {
        self.heap.obj_mut(target).symbols.insert(key, Property::data(Value::str(tag), false, false, true));
    }

    fn constant(&mut self, target: ObjRef, name: &str, v: Value) {
        self.heap.obj_mut(target).props.insert(name.into(), Property::data(v, false, false, false));
    }
}

// ----- Helpers ---------------------------------------------------------------------------------

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

fn callable_arg(vm: &mut Vm, args: &[Value], i: usize, what: &str) -> JsResult<Value> {
    let f = arg(args, i);
    if f.as_object().is_some_and(|o| vm.is_callable(o)) {
        Ok(f)
    } else {
        Err(vm.type_error(&format!("{what}: callback is not a function")))
    }
}

/// 7.3.18 LengthOfArrayLike.
fn length_of(vm: &mut Vm, o: ObjRef) -> JsResult<f64> {
    let l = vm.get(o, "length")?;
    vm.to_length(&l)
}

fn key(i: f64) -> String {
    number_to_string(i)
}

/// Set(O, P, V, true).
fn set_or_throw(vm: &mut Vm, o: ObjRef, k: &(impl crate::value::AsKey + ?Sized), v: Value) -> JsResult<()> {
    let k = k.key();
    if !vm.set(o, &k, v, Value::Object(o))? {
        return Err(vm.type_error(&format!("cannot assign to property '{k}'")));
    }
    Ok(())
}

fn delete_or_throw(vm: &mut Vm, o: ObjRef, k: &str) -> JsResult<()> {
    if !vm.delete_property(o, k)? {
        return Err(vm.type_error(&format!("cannot delete property '{k}'")));
    }
    Ok(())
}

/// Resolves a relative index argument (as in `slice`) against `len`.
fn relative_index(vm: &mut Vm, v: &Value, len: f64, default: f64) -> JsResult<f64> {
    if matches!(v, Value::Undefined) {
        return Ok(default);
    }
    let n = to_integer_or_infinity(vm.to_number(v)?);
    Ok(if n < 0.0 { (len + n).max(0.0) } else { n.min(len) })
}

fn new_array_value(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Object(vm.new_array(items))
}

fn native_noop(_: &mut Vm, _: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Undefined)
}

fn throw_type_error(vm: &mut Vm, _: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Err(vm.type_error("'callee' may not be accessed in strict mode"))
}

/// `caller` and `arguments` of functions: a TypeError for strict functions, arrows and methods, but
/// engines may give sloppy functions their own (non-standard) properties, so reaching this with one
/// refuses the program.
fn restricted_function_property(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    if let Some(f) = this.as_object() {
        if let ObjectKind::Function(FunctionKind::Ordinary { code, .. }) = &vm.heap.obj(f).kind {
            if !code.strict && code.kind == crate::bytecode::CodeKind::Normal {
                return unsupported("caller/arguments of a sloppy function");
            }
        }
    }
    Err(vm.type_error("'caller' and 'arguments' are restricted in this context"))
}

// ----- Generators ------------------------------------------------------------------------------

fn this_generator(vm: &mut Vm, this: &Value) -> JsResult<ObjRef> {
    match this.as_object() {
        Some(g) if matches!(vm.heap.obj(g).kind, ObjectKind::Generator(_)) => Ok(g),
        _ => Err(vm.type_error("not a generator object")),
    }
}

/// 27.5.1.2 %GeneratorPrototype%.next.
fn generator_next(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let g = this_generator(vm, this)?;
    vm.generator_resume(g, arg(args, 0), crate::vm::ResumeMode::Next)
}

/// 27.5.1.3 %GeneratorPrototype%.return.
fn generator_return(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let g = this_generator(vm, this)?;
    vm.generator_resume(g, arg(args, 0), crate::vm::ResumeMode::Return)
}

/// 27.5.1.4 %GeneratorPrototype%.throw.
fn generator_throw(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let g = this_generator(vm, this)?;
    vm.generator_resume(g, arg(args, 0), crate::vm::ResumeMode::Throw)
}

// ----- Async generators ------------------------------------------------------------------------

/// 27.6.1.2 %AsyncGeneratorPrototype%.next.
fn async_generator_next(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.async_gen_request(this, arg(args, 0), crate::vm::ResumeMode::Next)
}

/// 27.6.1.3 %AsyncGeneratorPrototype%.return.
fn async_generator_return(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.async_gen_request(this, arg(args, 0), crate::vm::ResumeMode::Return)
}

/// 27.6.1.4 %AsyncGeneratorPrototype%.throw.
fn async_generator_throw(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.async_gen_request(this, arg(args, 0), crate::vm::ResumeMode::Throw)
}

// ----- Promise ---------------------------------------------------------------------------------

/// 27.2.3.1 Promise ( executor ).
fn promise_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    let Some(nt) = new_target else { return Err(vm.type_error("Promise constructor requires 'new'")) };
    let executor = callable_arg(vm, args, 0, "Promise")?;
    let proto = match vm.get(nt, "prototype")? {
        Value::Object(p) => p,
        _ => vm.realm.promise_prototype,
    };
    let promise = vm.new_promise(proto);
    let (resolve, reject) = vm.create_resolving_functions(promise);
    match vm.call(&executor, Value::Undefined, vec![resolve, reject.clone()]) {
        Ok(_) => {}
        Err(Abrupt::Throw(e)) => {
            vm.call(&reject, Value::Undefined, vec![e])?;
        }
        Err(other) => return Err(other),
    }
    Ok(Value::Object(promise))
}

/// 27.2.5.4 Promise.prototype.then.
fn promise_then(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Some(promise) = vm.is_promise(this) else { return Err(vm.type_error("then called on a non-promise")) };
    let c = vm.promise_species_constructor(promise)?;
    let capability = vm.new_promise_capability_from(c)?;
    let result = capability.promise;
    let handler = |vm: &Vm, v: Value| {
        let callable = v.as_object().is_some_and(|f| vm.is_callable(f));
        crate::promise::ReactionHandler::Js(callable.then_some(v))
    };
    let on_fulfilled = handler(vm, arg(args, 0));
    let on_rejected = handler(vm, arg(args, 1));
    vm.perform_promise_then(promise, on_fulfilled, on_rejected, Some(capability));
    Ok(Value::Object(result))
}

/// 27.2.5.1 Promise.prototype.catch: Invoke(promise, "then", « undefined, onRejected »).
fn promise_catch(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.invoke(this, "then", vec![Value::Undefined, arg(args, 0)])
}

/// 27.2.5.3 Promise.prototype.finally.
fn promise_finally(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(promise) = this else { return Err(vm.type_error("finally called on a non-object")) };
    let constructor = vm.promise_species_constructor(*promise)?;
    let on_finally = arg(args, 0);
    let (then_finally, catch_finally) = if on_finally.as_object().is_some_and(|f| vm.is_callable(f)) {
        let closure = |catch_finally| crate::promise::PromiseClosure::Finally {
            on_finally: on_finally.clone(),
            constructor,
            catch_finally,
        };
        (vm.promise_closure(closure(false), 1), vm.promise_closure(closure(true), 1))
    } else {
        (on_finally.clone(), on_finally)
    };
    vm.invoke(this, "then", vec![then_finally, catch_finally])
}

/// 27.2.4.7 Promise.resolve.
fn promise_resolve_static(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(c) = this else { return Err(vm.type_error("Promise.resolve called on a non-object")) };
    Ok(Value::Object(vm.promise_resolve_with(*c, arg(args, 0))?))
}

/// 27.2.4.6 Promise.reject.
fn promise_reject_static(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(c) = this else { return Err(vm.type_error("Promise.reject called on a non-object")) };
    let capability = vm.new_promise_capability_from(*c)?;
    vm.call(&capability.reject, Value::Undefined, vec![arg(args, 0)])?;
    Ok(Value::Object(capability.promise))
}

/// 27.2.4.1 Promise.all.
fn promise_all(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.promise_combinator(this, arg(args, 0), crate::promise::Combinator::All)
}

/// 27.2.4.2 Promise.allSettled.
fn promise_all_settled(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.promise_combinator(this, arg(args, 0), crate::promise::Combinator::AllSettled)
}

/// 27.2.4.3 Promise.any.
fn promise_any(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.promise_combinator(this, arg(args, 0), crate::promise::Combinator::Any)
}

/// 27.2.4.5 Promise.race.
fn promise_race(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.promise_combinator(this, arg(args, 0), crate::promise::Combinator::Race)
}

// ----- Keyed collections ------------------------------------------------------------------------

use crate::collections::{CollectionKind, Entries, IterationKind};

/// The shared part of the Map/Set/WeakMap/WeakSet constructors (24.1.1.1 and siblings): a new empty
/// collection, filled from an iterable through the instance's own adder method.
fn collection_constructor(
    vm: &mut Vm,
    args: &[Value],
    new_target: Option<ObjRef>,
    kind: CollectionKind,
    adder: &str,
) -> JsResult<Value> {
    let Some(nt) = new_target else { return Err(vm.type_error("constructor requires 'new'")) };
    let proto = prototype_from_new_target(vm, Some(nt))?;
    let o = vm.alloc(Object::new(Some(proto), ObjectKind::Collection(kind, Entries::default())));
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(o));
    }
    let add = vm.get(o, adder)?;
    if !add.as_object().is_some_and(|f| vm.is_callable(f)) {
        return Err(vm.type_error(&format!("'{adder}' is not a function")));
    }
    let it = vm.for_of_iterator(&iterable)?.as_object().expect("iterator");
    while let Some(item) = vm.iterator_step(it)? {
        // 24.1.1.2 AddEntriesFromIterable: whatever throws after a step closes the iterator
        // (IfAbruptCloseIterator), a non-object entry included.
        match add_from_item(vm, o, &add, kind, item) {
            Ok(()) => {}
            Err(error @ Abrupt::Throw(_)) => {
                vm.iterator_close_after_throw(it)?;
                return Err(error);
            }
            Err(limit) => return Err(limit),
        }
    }
    Ok(Value::Object(o))
}

/// Adds one iterated `item` to the collection `o` through `add`: for a map, the entry object's
/// `0` and `1`.
fn add_from_item(vm: &mut Vm, o: ObjRef, add: &Value, kind: CollectionKind, item: Value) -> JsResult<()> {
    let args = match kind {
        CollectionKind::Map | CollectionKind::WeakMap => {
            let Value::Object(entry) = item else {
                return Err(vm.type_error("iterator value is not an entry object"));
            };
            vec![vm.get(entry, "0")?, vm.get(entry, "1")?]
        }
        _ => vec![item],
    };
    vm.call(add, Value::Object(o), args).map(|_| ())
}

fn map_constructor(vm: &mut Vm, _: &Value, args: &[Value], nt: Option<ObjRef>) -> JsResult<Value> {
    collection_constructor(vm, args, nt, CollectionKind::Map, "set")
}
fn set_constructor(vm: &mut Vm, _: &Value, args: &[Value], nt: Option<ObjRef>) -> JsResult<Value> {
    collection_constructor(vm, args, nt, CollectionKind::Set, "add")
}
fn weakmap_constructor(vm: &mut Vm, _: &Value, args: &[Value], nt: Option<ObjRef>) -> JsResult<Value> {
    collection_constructor(vm, args, nt, CollectionKind::WeakMap, "set")
}
fn weakset_constructor(vm: &mut Vm, _: &Value, args: &[Value], nt: Option<ObjRef>) -> JsResult<Value> {
    collection_constructor(vm, args, nt, CollectionKind::WeakSet, "add")
}

/// Normalises -0 to +0 as Map.prototype.set and Set.prototype.add do.
fn canonical_key(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::Number(if n == 0.0 { 0.0 } else { n }),
        other => other,
    }
}

fn collection_get(vm: &mut Vm, this: &Value, args: &[Value], kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    let e = vm.entries(o);
    Ok(e.find(&arg(args, 0)).and_then(|i| e.items[i].as_ref().map(|(_, v)| v.clone())).unwrap_or(Value::Undefined))
}

fn collection_has(vm: &mut Vm, this: &Value, args: &[Value], kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    Ok(Value::Bool(vm.entries(o).find(&arg(args, 0)).is_some()))
}

fn collection_put(vm: &mut Vm, this: &Value, key: Value, value: Value, kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    if matches!(kind, CollectionKind::WeakMap | CollectionKind::WeakSet)
        && !crate::weakref::can_be_held_weakly(vm, &key)
    {
        return Err(vm.type_error("invalid value used as a weak collection key"));
    }
    let key = canonical_key(key);
    let e = vm.entries_mut(o);
    match e.find(&key) {
        Some(i) => e.items[i] = Some((key, value)),
        None => e.items.push(Some((key, value))),
    }
    Ok(this.clone())
}

fn collection_delete(vm: &mut Vm, this: &Value, args: &[Value], kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    let e = vm.entries_mut(o);
    match e.find(&arg(args, 0)) {
        Some(i) => {
            e.items[i] = None;
            Ok(Value::Bool(true))
        }
        None => Ok(Value::Bool(false)),
    }
}

fn collection_clear(vm: &mut Vm, this: &Value, kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    for item in &mut vm.entries_mut(o).items {
        *item = None;
    }
    Ok(Value::Undefined)
}

/// 24.1.3.5 Map.prototype.forEach / 24.2.3.6 Set.prototype.forEach: entries added during the loop
/// are visited, deleted ones are not.
fn collection_for_each(vm: &mut Vm, this: &Value, args: &[Value], kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    let f = callable_arg(vm, args, 0, "forEach")?;
    let this_arg = arg(args, 1);
    let mut i = 0;
    while let Some(slot) = vm.entries(o).items.get(i).cloned() {
        i += 1;
        let Some((k, v)) = slot else { continue };
        let v = if kind == CollectionKind::Set { k.clone() } else { v };
        vm.call(&f, this_arg.clone(), vec![v, k, Value::Object(o)])?;
    }
    Ok(Value::Undefined)
}

fn collection_size(vm: &mut Vm, this: &Value, kind: CollectionKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    Ok(Value::Number(vm.entries(o).size() as f64))
}

fn collection_iter(vm: &mut Vm, this: &Value, kind: CollectionKind, what: IterationKind) -> JsResult<Value> {
    let o = vm.collection(this, kind)?;
    Ok(vm.collection_iterator(o, what))
}

fn map_get(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_get(vm, this, args, CollectionKind::Map)
}
fn map_set(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_put(vm, this, arg(args, 0), arg(args, 1), CollectionKind::Map)
}
fn map_has(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_has(vm, this, args, CollectionKind::Map)
}
fn map_delete(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_delete(vm, this, args, CollectionKind::Map)
}
fn map_clear(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_clear(vm, this, CollectionKind::Map)
}
fn map_for_each(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_for_each(vm, this, args, CollectionKind::Map)
}
fn map_size(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_size(vm, this, CollectionKind::Map)
}
fn map_keys(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iter(vm, this, CollectionKind::Map, IterationKind::Keys)
}
fn map_values(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iter(vm, this, CollectionKind::Map, IterationKind::Values)
}
fn map_entries(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iter(vm, this, CollectionKind::Map, IterationKind::Entries)
}
fn set_add(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let v = arg(args, 0);
    collection_put(vm, this, v.clone(), v, CollectionKind::Set)
}
fn set_has(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_has(vm, this, args, CollectionKind::Set)
}
fn set_delete(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_delete(vm, this, args, CollectionKind::Set)
}
fn set_clear(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_clear(vm, this, CollectionKind::Set)
}
fn set_for_each(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_for_each(vm, this, args, CollectionKind::Set)
}
fn set_size(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_size(vm, this, CollectionKind::Set)
}
fn set_values(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iter(vm, this, CollectionKind::Set, IterationKind::Values)
}
fn set_entries(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iter(vm, this, CollectionKind::Set, IterationKind::Entries)
}
fn weakmap_get(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_get(vm, this, args, CollectionKind::WeakMap)
}
fn weakmap_set(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_put(vm, this, arg(args, 0), arg(args, 1), CollectionKind::WeakMap)
}
fn weakmap_has(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_has(vm, this, args, CollectionKind::WeakMap)
}
fn weakmap_delete(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_delete(vm, this, args, CollectionKind::WeakMap)
}
fn weakset_add(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let v = arg(args, 0);
    collection_put(vm, this, v.clone(), v, CollectionKind::WeakSet)
}
fn weakset_has(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_has(vm, this, args, CollectionKind::WeakSet)
}
fn weakset_delete(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_delete(vm, this, args, CollectionKind::WeakSet)
}

/// 24.1.5.2.1 %MapIteratorPrototype%.next.
fn map_iterator_next(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iterator_next(vm, this, false)
}

/// 24.2.6.2.1 %SetIteratorPrototype%.next.
fn set_iterator_next(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    collection_iterator_next(vm, this, true)
}

/// A Set iterator's `next` accepts only Set iterators and a Map iterator's only Map iterators
/// (`of_set`: the brand check of GeneratorValidate, 27.5.3.2).
fn collection_iterator_next(vm: &mut Vm, this: &Value, of_set: bool) -> JsResult<Value> {
    let it = match this {
        Value::Object(it) if matches!(vm.heap.obj(*it).kind, ObjectKind::CollectionIterator { of_set: brand, .. } if brand == of_set) => {
            *it
        }
        _ => return Err(vm.type_error("not an iterator of this kind of collection")),
    };
    let v = vm.collection_iterator_step(it)?;
    let done = v.is_none();
    vm.iter_result(v.unwrap_or(Value::Undefined), done)
}

// ----- Host ------------------------------------------------------------------------------------

/// `print(...)` and `console.log(...)`: ToString of each argument, joined by one space.
fn host_print(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let mut parts = Vec::with_capacity(args.len());
    for a in args {
        parts.push(vm.to_string(a)?.to_string());
    }
    vm.printed.push(parts.join(" "));
    if vm.printed.len() > 100_000 {
        return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
    }
    Ok(Value::Undefined)
}

fn global_is_nan(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(vm.to_number(&arg(args, 0))?.is_nan()))
}

fn global_is_finite(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(vm.to_number(&arg(args, 0))?.is_finite()))
}

// ----- Object ----------------------------------------------------------------------------------

/// 20.1.1.1 Object ( [ value ] ).
fn object_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    if let Some(nt) = new_target.filter(|nt| Some(*nt) != vm.active_function) {
        // Reached through super(...) from a subclass: OrdinaryCreateFromConstructor.
        let proto = prototype_from_new_target(vm, Some(nt))?;
        return Ok(Value::Object(vm.alloc(Object::new(Some(proto), ObjectKind::Ordinary))));
    }
    let v = arg(args, 0);
    if v.is_nullish() {
        return Ok(Value::Object(vm.new_object()));
    }
    Ok(Value::Object(vm.to_object(&v)?))
}

fn object_create(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(vm.type_error("Object prototype may only be an Object or null")),
    };
    let o = vm.alloc(Object::new(proto, ObjectKind::Ordinary));
    let props = arg(args, 1);
    if !matches!(props, Value::Undefined) {
        object_define_properties(vm, &Value::Undefined, &[Value::Object(o), props], None)?;
    }
    Ok(Value::Object(o))
}

fn enumerable_own_keys(vm: &mut Vm, o: ObjRef) -> Vec<Name> {
    vm.own_property_keys(o).into_iter().filter(|k| vm.get_own_property(o, k).is_some_and(|p| p.enumerable)).collect()
}

fn object_keys(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    let keys = enumerable_own_keys(vm, o).into_iter().map(Value::String).collect();
    Ok(new_array_value(vm, keys))
}

fn object_get_own_property_names(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    vm.refuse_unimplemented_members(o)?;
    let keys = vm.own_property_keys(o).into_iter().map(Value::String).collect();
    Ok(new_array_value(vm, keys))
}

/// 6.2.6.5 ToPropertyDescriptor.
fn to_property_descriptor(vm: &mut Vm, v: &Value) -> JsResult<Descriptor> {
    let Value::Object(o) = v else { return Err(vm.type_error("property description must be an object")) };
    let o = *o;
    let mut d = Descriptor::default();
    if vm.has_property(o, "enumerable")? {
        let v = vm.get(o, "enumerable")?;
        d.enumerable = Some(vm.to_boolean(&v));
    }
    if vm.has_property(o, "configurable")? {
        let v = vm.get(o, "configurable")?;
        d.configurable = Some(vm.to_boolean(&v));
    }
    if vm.has_property(o, "value")? {
        d.value = Some(vm.get(o, "value")?);
    }
    if vm.has_property(o, "writable")? {
        let v = vm.get(o, "writable")?;
        d.writable = Some(vm.to_boolean(&v));
    }
    for (field, is_get) in [("get", true), ("set", false)] {
        if vm.has_property(o, field)? {
            let f = match vm.get(o, field)? {
                Value::Undefined => None,
                Value::Object(f) if vm.is_callable(f) => Some(f),
                _ => return Err(vm.type_error(&format!("{field} must be a function"))),
            };
            if is_get {
                d.get = Some(f);
            } else {
                d.set = Some(f);
            }
        }
    }
    if d.is_accessor() && d.is_data() {
        return Err(vm.type_error("a property cannot both be an accessor and have a value"));
    }
    Ok(d)
}

fn object_define_property(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(o) = arg(args, 0) else {
        return Err(vm.type_error("Object.defineProperty called on non-object"));
    };
    let k = vm.to_property_key(&arg(args, 1))?;
    let d = to_property_descriptor(vm, &arg(args, 2))?;
    vm.refuse_unimplemented_own(o, &k)?;
    if !vm.define_own_property(o, &k, d)? {
        return Err(vm.type_error(&format!("cannot redefine property '{k}'")));
    }
    Ok(Value::Object(o))
}

fn object_define_properties(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(o) = arg(args, 0) else {
        return Err(vm.type_error("Object.defineProperties called on non-object"));
    };
    let props = vm.to_object(&arg(args, 1))?;
    let mut descriptors = Vec::new();
    for k in vm.own_keys(props) {
        if vm.get_own_property(props, &k).is_some_and(|p| p.enumerable) {
            let dv = vm.get(props, &k)?;
            descriptors.push((k, to_property_descriptor(vm, &dv)?));
        }
    }
    for (k, d) in descriptors {
        if !vm.define_own_property(o, &k, d)? {
            return Err(vm.type_error(&format!("cannot redefine property '{k}'")));
        }
    }
    Ok(Value::Object(o))
}

/// 6.2.6.4 FromPropertyDescriptor.
fn object_get_own_property_descriptor(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    let k = vm.to_property_key(&arg(args, 1))?;
    vm.refuse_unimplemented_own(o, &k)?;
    // Function.prototype's caller and arguments accessors are %ThrowTypeError% in the standard;
    // here they are a function of their own (which refuses sloppy functions' non-standard ones).
    if o == vm.realm.function_prototype
        && matches!(&k, crate::value::PropertyKey::String(n) if matches!(&**n, "caller" | "arguments"))
    {
        return unsupported("the descriptor of Function.prototype.caller or arguments");
    }
    let Some(p) = vm.get_own_property(o, &k) else { return Ok(Value::Undefined) };
    Ok(Value::Object(crate::object_statics::from_property(vm, p)?))
}

fn object_get_prototype_of(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    Ok(vm.heap.obj(o).proto.map(Value::Object).unwrap_or(Value::Null))
}

fn object_has_own_property(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let k = vm.to_property_key(&arg(args, 0))?;
    let o = vm.to_object(this)?;
    vm.refuse_unimplemented_own(o, &k)?;
    Ok(Value::Bool(vm.get_own_property(o, &k).is_some()))
}

fn object_is_prototype_of(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(mut v) = arg(args, 0) else { return Ok(Value::Bool(false)) };
    let o = vm.to_object(this)?;
    while let Some(p) = vm.heap.obj(v).proto {
        if p == o {
            return Ok(Value::Bool(true));
        }
        v = p;
    }
    Ok(Value::Bool(false))
}

fn object_property_is_enumerable(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let k = vm.to_property_key(&arg(args, 0))?;
    let o = vm.to_object(this)?;
    vm.refuse_unimplemented_own(o, &k)?;
    Ok(Value::Bool(vm.get_own_property(o, &k).is_some_and(|p| p.enumerable)))
}

/// 20.1.3.6 Object.prototype.toString.
fn object_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = match this {
        Value::Undefined => return Ok(Value::str("[object Undefined]")),
        Value::Null => return Ok(Value::str("[object Null]")),
        _ => vm.to_object(this)?,
    };
    let builtin_tag = match &vm.heap.obj(o).kind {
        ObjectKind::Array => "Array",
        ObjectKind::Arguments { .. } => "Arguments",
        ObjectKind::Function(_) => "Function",
        ObjectKind::Error => "Error",
        ObjectKind::BooleanWrapper(_) => "Boolean",
        ObjectKind::NumberWrapper(_) => "Number",
        ObjectKind::StringWrapper(_) => "String",
        _ => "Object",
    };
    let key = vm.realm.well_known.to_string_tag;
    let tag = vm.get(o, &key)?;
    let tag = match &tag {
        Value::String(t) => t.to_string(),
        _ => builtin_tag.to_string(),
    };
    Ok(Value::str(&format!("[object {tag}]")))
}

fn object_value_of(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Object(vm.to_object(this)?))
}

/// 19.2.5 parseInt ( string, radix ).
fn global_parse_int(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let input = vm.to_string(&arg(args, 0))?;
    let s = input.trim_start_matches(is_js_whitespace);
    let (sign, s) = match s.as_bytes().first() {
        Some(b'-') => (-1.0, &s[1..]),
        Some(b'+') => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    let mut radix = crate::conversions::to_int32(vm.to_number(&arg(args, 1))?);
    let mut strip_prefix = true;
    if radix != 0 {
        if !(2..=36).contains(&radix) {
            return Ok(Value::Number(f64::NAN));
        }
        if radix != 16 {
            strip_prefix = false;
        }
    } else {
        radix = 10;
    }
    let mut digits = s;
    if strip_prefix && (digits.starts_with("0x") || digits.starts_with("0X")) {
        digits = &digits[2..];
        radix = 16;
    }
    let end = digits.find(|c: char| !c.is_digit(radix as u32)).unwrap_or(digits.len());
    let digits = &digits[..end];
    if digits.is_empty() {
        return Ok(Value::Number(f64::NAN));
    }
    let value = if radix == 10 {
        digits.parse::<f64>().unwrap_or(f64::NAN)
    } else {
        let v = digits.chars().fold(0.0, |acc, c| acc * radix as f64 + c.to_digit(radix as u32).unwrap_or(0) as f64);
        if v >= 9007199254740992.0 {
            // Beyond 2^53 the result is implementation-approximated for most radices.
            return unsupported("parseInt beyond 2^53 in a non-decimal radix");
        }
        v
    };
    Ok(Value::Number(sign * value))
}

/// 19.2.4 parseFloat ( string ): the longest prefix that is a StrDecimalLiteral.
fn global_parse_float(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let input = vm.to_string(&arg(args, 0))?;
    let s = input.trim_start_matches(is_js_whitespace);
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if s[i..].starts_with("Infinity") {
        return Ok(Value::Number(if b.first() == Some(&b'-') { f64::NEG_INFINITY } else { f64::INFINITY }));
    }
    let start_digits = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - start_digits;
    if i < b.len() && b[i] == b'.' {
        let dot = i;
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - frac_start;
        if digits == 0 {
            i = dot;
        }
    }
    if digits == 0 {
        return Ok(Value::Number(f64::NAN));
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    let text = s[..i].trim_end_matches('.');
    Ok(Value::Number(text.parse::<f64>().unwrap_or(f64::NAN)))
}

fn number_arg(args: &[Value]) -> Option<f64> {
    match arg(args, 0) {
        Value::Number(n) => Some(n),
        _ => None,
    }
}

fn number_is_integer(_: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(|n| n.is_finite() && n.trunc() == n)))
}

fn number_is_safe_integer(_: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(|n| n.is_finite() && n.trunc() == n && n.abs() <= 9007199254740991.0)))
}

fn number_is_finite(_: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(f64::is_finite)))
}

fn number_is_nan(_: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(number_arg(args).is_some_and(f64::is_nan)))
}

// ----- Function --------------------------------------------------------------------------------

/// 20.2.1.1 Function ( ...parameterArgs, bodyArg ).
fn function_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    vm.create_dynamic_function(args, new_target)
}

/// 19.2.1 eval ( x ) called as a function value: an indirect eval.
fn global_eval(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    vm.perform_eval(arg(args, 0), false, false)
}

/// 20.2.3.5 Function.prototype.toString: the source text of ECMAScript functions. Built-in and bound
/// functions print as NativeFunction, whose exact spacing varies between engines: refused.
fn function_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Some(f) = this.as_object().filter(|f| vm.is_callable(*f)) else {
        return Err(vm.type_error("Function.prototype.toString requires a function"));
    };
    match &vm.heap.obj(f).kind {
        ObjectKind::Function(FunctionKind::Ordinary { code, .. }) => match &code.source_text {
            Some(text) => Ok(Value::String(text.clone())),
            None => unsupported("Function.prototype.toString of a method"),
        },
        _ => unsupported("Function.prototype.toString of a built-in function"),
    }
}

/// 20.2.3.3 Function.prototype.call (the machine short-cuts direct calls to it; this runs when it is
/// reached through another built-in).
fn function_call(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let this_arg = arg(args, 0);
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    vm.call(this, this_arg, rest)
}

fn function_apply(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let list = apply_arguments(vm, &arg(args, 1))?;
    vm.call(this, arg(args, 0), list)
}

/// 7.3.19 CreateListFromArrayLike, as `apply` uses it.
pub fn apply_arguments(vm: &mut Vm, v: &Value) -> JsResult<Vec<Value>> {
    match v {
        Value::Undefined | Value::Null => Ok(Vec::new()),
        Value::Object(o) => {
            let len = length_of(vm, *o)?;
            let mut out = Vec::new();
            let mut i = 0.0;
            while i < len {
                vm.tick()?;
                out.push(vm.get(*o, &key(i))?);
                i += 1.0;
            }
            Ok(out)
        }
        _ => Err(vm.type_error("CreateListFromArrayLike called on non-object")),
    }
}

/// 20.2.3.2 Function.prototype.bind and 10.4.1.3 BoundFunctionCreate.
fn function_bind(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Some(target) = this.as_object().filter(|t| vm.is_callable(*t)) else {
        return Err(vm.type_error("Bind must be called on a function"));
    };
    let bound_args: Vec<Value> = args.get(1..).unwrap_or(&[]).to_vec();
    let proto = vm.heap.obj(target).proto;
    let f = vm.alloc(Object::new(
        proto,
        ObjectKind::Function(FunctionKind::Bound { target, this: arg(args, 0), args: bound_args.clone() }),
    ));
    let mut length = 0.0;
    if vm.get_own_property(target, "length").is_some() {
        if let Value::Number(n) = vm.get(target, "length")? {
            length = if n == f64::INFINITY {
                n
            } else if n == f64::NEG_INFINITY {
                0.0
            } else {
                (to_integer_or_infinity(n) - bound_args.len() as f64).max(0.0)
            };
        }
    }
    let target_name = match vm.get(target, "name")? {
        Value::String(s) => s,
        _ => "".into(),
    };
    let props = &mut vm.heap.obj_mut(f).props;
    props.insert("length".into(), Property::data(Value::Number(length), false, false, true));
    props.insert("name".into(), Property::data(Value::str(&format!("bound {target_name}")), false, false, true));
    Ok(Value::Object(f))
}

// ----- Construction from a newTarget -------------------------------------------------------------

/// The intrinsic default prototype of the built-in constructor being run: its own `prototype`
/// (a non-writable, non-configurable data property, so reading it here is unobservable).
fn intrinsic_default_proto(vm: &Vm) -> ObjRef {
    let own = vm.active_function.and_then(|f| match vm.heap.obj(f).props.get("prototype") {
        Some(Property { slot: Slot::Data(Value::Object(p)), .. }) => Some(*p),
        _ => None,
    });
    own.unwrap_or(vm.realm.object_prototype)
}

/// 10.1.14 GetPrototypeFromConstructor(newTarget, intrinsicDefaultProto) for the built-in
/// constructor being run, called before it runs any other code (which would change the active
/// function); an absent newTarget (a plain call) stands for the constructor itself.
fn prototype_from_new_target(vm: &mut Vm, new_target: Option<ObjRef>) -> JsResult<ObjRef> {
    let fallback = intrinsic_default_proto(vm);
    match new_target {
        None => Ok(fallback),
        Some(nt) => prototype_from_constructor(vm, nt, fallback),
    }
}

/// 10.1.14 GetPrototypeFromConstructor. There is one realm, so a non-object `prototype` falls
/// back to this realm's intrinsic.
pub(crate) fn prototype_from_constructor(vm: &mut Vm, new_target: ObjRef, fallback: ObjRef) -> JsResult<ObjRef> {
    Ok(vm.get(new_target, "prototype")?.as_object().unwrap_or(fallback))
}

// ----- Array -----------------------------------------------------------------------------------

/// 10.4.2.2 ArrayCreate(length) with %Array.prototype%.
fn array_create(vm: &mut Vm, length: f64) -> JsResult<ObjRef> {
    if length > u32::MAX as f64 {
        return Err(vm.error("RangeError", "invalid array length"));
    }
    let a = vm.new_array(Vec::new());
    vm.set_array_length_raw(a, length as u32);
    Ok(a)
}

/// `Get(C, @@species)`, for an object `C`. The realm has no `@@species` accessors (the symbol is
/// not exposed, so no program can define or redefine one); the read is answered as the standard
/// accessors would: `C` itself when `C` or an object on its prototype chain is %Array%,
/// %Promise%, %Map% or %Set% (whose accessor returns its receiver), otherwise undefined (`None`).
pub(crate) fn species_from_intrinsic(vm: &Vm, c: ObjRef) -> Option<ObjRef> {
    let mut cur = Some(c);
    while let Some(o) = cur {
        if let Some("Array" | "Promise" | "Map" | "Set") = vm.heap.obj(o).intrinsic {
            if vm.is_callable(o) {
                return Some(c);
            }
        }
        cur = vm.heap.obj(o).proto;
    }
    None
}

/// 10.4.2.3 ArraySpeciesCreate(originalArray, length), with `Get(C, @@species)` as
/// [`species_from_intrinsic`] answers it.
fn array_species_create(vm: &mut Vm, original: ObjRef, length: f64) -> JsResult<ObjRef> {
    if !vm.is_array(original) {
        return array_create(vm, length);
    }
    let c = vm.get(original, "constructor")?;
    let species = match c {
        Value::Object(c) => species_from_intrinsic(vm, c).map_or(Value::Undefined, Value::Object),
        other => other,
    };
    match species {
        Value::Undefined => array_create(vm, length),
        Value::Object(c) if vm.is_constructor(c) => {
            if vm.heap.obj(c).intrinsic == Some("Array") && vm.is_callable(c) {
                return array_create(vm, length);
            }
            match vm.construct(c, vec![Value::Number(length)], None)? {
                Value::Object(a) => Ok(a),
                _ => Err(vm.type_error("species constructor returned a non-object")),
            }
        }
        _ => Err(vm.type_error("array species is not a constructor")),
    }
}

/// 23.1.1.1 Array ( ...values ): the array gets newTarget's prototype (a subclass instance when
/// reached through `super(...)`).
fn array_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    let proto = prototype_from_new_target(vm, new_target)?;
    let a = if let [Value::Number(n)] = args {
        let len = crate::conversions::to_uint32(*n);
        if len as f64 != *n {
            return Err(vm.error("RangeError", "invalid array length"));
        }
        let a = vm.new_array(Vec::new());
        vm.set_array_length_raw(a, len);
        a
    } else {
        vm.new_array(args.to_vec())
    };
    vm.heap.obj_mut(a).proto = Some(proto);
    Ok(Value::Object(a))
}

fn array_is_array(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(arg(args, 0).as_object().is_some_and(|o| vm.is_array(o))))
}

fn array_push(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let mut len = length_of(vm, o)?;
    check_new_length(vm, len + args.len() as f64)?;
    for a in args {
        set_or_throw(vm, o, &key(len), a.clone())?;
        len += 1.0;
    }
    set_or_throw(vm, o, "length", Value::Number(len))?;
    Ok(Value::Number(len))
}

/// The TypeError push, unshift and splice throw before growing an array-like past 2^53 - 1
/// elements (23.1.3.23 step 4 and siblings).
fn check_new_length(vm: &mut Vm, new_len: f64) -> JsResult<()> {
    if new_len > 9007199254740991.0 {
        return Err(vm.type_error("array-like length would exceed 2^53 - 1"));
    }
    Ok(())
}

fn array_pop(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    if len == 0.0 {
        set_or_throw(vm, o, "length", Value::Number(0.0))?;
        return Ok(Value::Undefined);
    }
    let k = key(len - 1.0);
    let v = vm.get(o, &k)?;
    delete_or_throw(vm, o, &k)?;
    set_or_throw(vm, o, "length", Value::Number(len - 1.0))?;
    Ok(v)
}

/// Moves element `from` to `to`, deleting `to` when `from` is a hole.
fn move_element(vm: &mut Vm, o: ObjRef, from: f64, to: f64) -> JsResult<()> {
    vm.tick()?;
    let (from, to) = (key(from), key(to));
    if vm.has_property(o, &from)? {
        let v = vm.get(o, &from)?;
        set_or_throw(vm, o, &to, v)
    } else {
        delete_or_throw(vm, o, &to)
    }
}

fn array_shift(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    if len == 0.0 {
        set_or_throw(vm, o, "length", Value::Number(0.0))?;
        return Ok(Value::Undefined);
    }
    let first = vm.get(o, "0")?;
    let mut k = 1.0;
    while k < len {
        move_element(vm, o, k, k - 1.0)?;
        k += 1.0;
    }
    delete_or_throw(vm, o, &key(len - 1.0))?;
    set_or_throw(vm, o, "length", Value::Number(len - 1.0))?;
    Ok(first)
}

fn array_unshift(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let count = args.len() as f64;
    if count > 0.0 {
        check_new_length(vm, len + count)?;
        let mut k = len;
        while k > 0.0 {
            move_element(vm, o, k - 1.0, k + count - 1.0)?;
            k -= 1.0;
        }
        for (j, a) in args.iter().enumerate() {
            set_or_throw(vm, o, &key(j as f64), a.clone())?;
        }
    }
    set_or_throw(vm, o, "length", Value::Number(len + count))?;
    Ok(Value::Number(len + count))
}

fn array_slice(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let start = relative_index(vm, &arg(args, 0), len, 0.0)?;
    let end = relative_index(vm, &arg(args, 1), len, len)?;
    let a = array_species_create(vm, o, (end - start).max(0.0))?;
    let mut n = 0.0;
    let mut k = start;
    while k < end {
        vm.tick()?;
        let pk = key(k);
        if vm.has_property(o, &pk)? {
            let v = vm.get(o, &pk)?;
            vm.create_data_property_or_throw(a, &key(n), v)?;
        }
        k += 1.0;
        n += 1.0;
    }
    set_or_throw(vm, a, "length", Value::Number(n))?;
    Ok(Value::Object(a))
}

/// 23.1.3.31 Array.prototype.splice.
fn array_splice(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let start = relative_index(vm, &arg(args, 0), len, 0.0)?;
    let items: Vec<Value> = args.get(2..).unwrap_or(&[]).to_vec();
    let delete_count = match args.len() {
        0 => 0.0,
        1 => len - start,
        _ => {
            let dc = to_integer_or_infinity(vm.to_number(&args[1])?);
            dc.clamp(0.0, len - start)
        }
    };
    check_new_length(vm, len + items.len() as f64 - delete_count)?;
    let removed = array_species_create(vm, o, delete_count)?;
    let mut k = 0.0;
    while k < delete_count {
        vm.tick()?;
        let from = key(start + k);
        if vm.has_property(o, &from)? {
            let v = vm.get(o, &from)?;
            vm.create_data_property_or_throw(removed, &key(k), v)?;
        }
        k += 1.0;
    }
    set_or_throw(vm, removed, "length", Value::Number(delete_count))?;
    let item_count = items.len() as f64;
    if item_count < delete_count {
        let mut k = start;
        while k < len - delete_count {
            move_element(vm, o, k + delete_count, k + item_count)?;
            k += 1.0;
        }
        let mut k = len;
        while k > len - delete_count + item_count {
            delete_or_throw(vm, o, &key(k - 1.0))?;
            k -= 1.0;
        }
    } else if item_count > delete_count {
        let mut k = len - delete_count;
        while k > start {
            move_element(vm, o, k + delete_count - 1.0, k + item_count - 1.0)?;
            k -= 1.0;
        }
    }
    for (j, item) in items.into_iter().enumerate() {
        set_or_throw(vm, o, &key(start + j as f64), item)?;
    }
    set_or_throw(vm, o, "length", Value::Number(len - delete_count + item_count))?;
    Ok(Value::Object(removed))
}

fn array_concat(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let a = array_species_create(vm, o, 0.0)?;
    let mut n = 0.0;
    let items = std::iter::once(Value::Object(o)).chain(args.iter().cloned());
    for item in items {
        match item {
            Value::Object(e) if vm.is_array(e) => {
                let len = length_of(vm, e)?;
                let mut k = 0.0;
                while k < len {
                    vm.tick()?;
                    let pk = key(k);
                    if vm.has_property(e, &pk)? {
                        let v = vm.get(e, &pk)?;
                        vm.create_data_property_or_throw(a, &key(n), v)?;
                    }
                    k += 1.0;
                    n += 1.0;
                }
            }
            other => {
                vm.create_data_property_or_throw(a, &key(n), other)?;
                n += 1.0;
            }
        }
    }
    set_or_throw(vm, a, "length", Value::Number(n))?;
    Ok(Value::Object(a))
}

fn array_join(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let sep = match arg(args, 0) {
        Value::Undefined => Name::from(","),
        s => vm.to_string(&s)?,
    };
    // Engines print "" for an array that contains itself; the spec would recurse forever.
    if vm.join_stack.contains(&o) {
        return unsupported("cyclic Array.prototype.join");
    }
    vm.join_stack.push(o);
    let result = join_elements(vm, o, len, &sep);
    vm.join_stack.pop();
    result
}

fn join_elements(vm: &mut Vm, o: ObjRef, len: f64, sep: &str) -> JsResult<Value> {
    let mut out = String::new();
    let mut k = 0.0;
    while k < len {
        vm.tick()?;
        if k > 0.0 {
            out.push_str(sep);
        }
        let v = vm.get(o, &key(k))?;
        if !v.is_nullish() {
            out.push_str(&vm.to_string(&v)?);
        }
        if out.len() > MAX_STRING_LENGTH {
            return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
        }
        k += 1.0;
    }
    Ok(Value::str(&out))
}

fn array_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let join = vm.get(o, "join")?;
    if join.as_object().is_some_and(|f| vm.is_callable(f)) {
        return vm.call(&join, Value::Object(o), Vec::new());
    }
    object_to_string(vm, this, &[], None)
}

fn array_reverse(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let middle = (len / 2.0).floor();
    let mut lower = 0.0;
    while lower != middle {
        vm.tick()?;
        let upper = len - lower - 1.0;
        let (lk, uk) = (key(lower), key(upper));
        let lower_exists = vm.has_property(o, &lk)?;
        let lower_value = if lower_exists { vm.get(o, &lk)? } else { Value::Undefined };
        let upper_exists = vm.has_property(o, &uk)?;
        let upper_value = if upper_exists { vm.get(o, &uk)? } else { Value::Undefined };
        match (lower_exists, upper_exists) {
            (true, true) => {
                set_or_throw(vm, o, &lk, upper_value)?;
                set_or_throw(vm, o, &uk, lower_value)?;
            }
            (false, true) => {
                set_or_throw(vm, o, &lk, upper_value)?;
                delete_or_throw(vm, o, &uk)?;
            }
            (true, false) => {
                delete_or_throw(vm, o, &lk)?;
                set_or_throw(vm, o, &uk, lower_value)?;
            }
            (false, false) => {}
        }
        lower += 1.0;
    }
    Ok(Value::Object(o))
}

fn array_index_of(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    // Step 3: an empty array-like answers before fromIndex is converted.
    if len == 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let target = arg(args, 0);
    let mut k = relative_index(vm, &arg(args, 1), len, 0.0)?;
    while k < len {
        vm.tick()?;
        let pk = key(k);
        if vm.has_property(o, &pk)? {
            let v = vm.get(o, &pk)?;
            if strict_equals(&v, &target) {
                return Ok(Value::Number(k));
            }
        }
        k += 1.0;
    }
    Ok(Value::Number(-1.0))
}

fn array_last_index_of(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    if len == 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let target = arg(args, 0);
    let mut k = if args.len() > 1 {
        let n = to_integer_or_infinity(vm.to_number(&args[1])?);
        if n < 0.0 {
            len + n
        } else {
            n.min(len - 1.0)
        }
    } else {
        len - 1.0
    };
    while k >= 0.0 {
        vm.tick()?;
        let pk = key(k);
        if vm.has_property(o, &pk)? {
            let v = vm.get(o, &pk)?;
            if strict_equals(&v, &target) {
                return Ok(Value::Number(k));
            }
        }
        k -= 1.0;
    }
    Ok(Value::Number(-1.0))
}

fn array_includes(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    if len == 0.0 {
        return Ok(Value::Bool(false));
    }
    let target = arg(args, 0);
    let mut k = relative_index(vm, &arg(args, 1), len, 0.0)?;
    while k < len {
        vm.tick()?;
        let v = vm.get(o, &key(k))?;
        // SameValueZero.
        let equal = match (&v, &target) {
            (Value::Number(a), Value::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
            _ => same_value(&v, &target),
        };
        if equal {
            return Ok(Value::Bool(true));
        }
        k += 1.0;
    }
    Ok(Value::Bool(false))
}

/// What an iteration method does with each callback result.
#[derive(Clone, Copy, PartialEq)]
enum Each {
    Visit,
    Map,
    Filter,
    Some,
    Every,
    Find,
    FindIndex,
}

/// The shared loop of forEach, map, filter, some, every, find and findIndex (23.1.3).
fn iterate(vm: &mut Vm, this: &Value, args: &[Value], mode: Each) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let f = callable_arg(vm, args, 0, "array method")?;
    let this_arg = arg(args, 1);
    let out = match mode {
        Each::Map => Some(array_species_create(vm, o, len)?),
        Each::Filter => Some(array_species_create(vm, o, 0.0)?),
        _ => None,
    };
    let mut kept = 0.0;
    let mut k = 0.0;
    while k < len {
        let pk = key(k);
        let visits_holes = matches!(mode, Each::Find | Each::FindIndex);
        if visits_holes || vm.has_property(o, &pk)? {
            let v = vm.get(o, &pk)?;
            let r = vm.call(&f, this_arg.clone(), vec![v.clone(), Value::Number(k), Value::Object(o)])?;
            let truthy = vm.to_boolean(&r);
            match mode {
                Each::Visit => {}
                Each::Map => {
                    vm.create_data_property_or_throw(out.expect("map result"), &pk, r)?;
                }
                Each::Filter if truthy => {
                    vm.create_data_property_or_throw(out.expect("filter result"), &key(kept), v)?;
                    kept += 1.0;
                }
                Each::Some if truthy => return Ok(Value::Bool(true)),
                Each::Every if !truthy => return Ok(Value::Bool(false)),
                Each::Find if truthy => return Ok(v),
                Each::FindIndex if truthy => return Ok(Value::Number(k)),
                _ => {}
            }
        }
        k += 1.0;
    }
    Ok(match mode {
        Each::Visit | Each::Find => Value::Undefined,
        Each::Map | Each::Filter => Value::Object(out.expect("result array")),
        Each::Some => Value::Bool(false),
        Each::Every => Value::Bool(true),
        Each::FindIndex => Value::Number(-1.0),
    })
}

fn array_for_each(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::Visit)
}
fn array_map(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::Map)
}
fn array_filter(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::Filter)
}
fn array_some(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::Some)
}
fn array_every(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::Every)
}
fn array_find(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::Find)
}
fn array_find_index(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    iterate(vm, this, args, Each::FindIndex)
}

/// 23.1.3.24 reduce / 23.1.3.25 reduceRight.
fn reduce(vm: &mut Vm, this: &Value, args: &[Value], from_right: bool) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let f = callable_arg(vm, args, 0, "reduce")?;
    let indices: Box<dyn Iterator<Item = f64>> = if from_right {
        Box::new((0..len as u64).rev().map(|i| i as f64))
    } else {
        Box::new((0..len as u64).map(|i| i as f64))
    };
    let mut acc = args.get(1).cloned();
    for k in indices {
        vm.tick()?;
        let pk = key(k);
        if !vm.has_property(o, &pk)? {
            continue;
        }
        let v = vm.get(o, &pk)?;
        acc = Some(match acc {
            None => v,
            Some(a) => vm.call(&f, Value::Undefined, vec![a, v, Value::Number(k), Value::Object(o)])?,
        });
    }
    match acc {
        Some(a) => Ok(a),
        None => Err(vm.type_error("reduce of empty array with no initial value")),
    }
}

fn array_reduce(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    reduce(vm, this, args, false)
}
fn array_reduce_right(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    reduce(vm, this, args, true)
}

/// Array.from's step 5.a / 9 and Array.of's step 4: Construct(C, args) when `this` is a
/// constructor (a subclass, or any other constructor: the result need not be an array), otherwise
/// ArrayCreate(length).
fn construct_or_array_create(vm: &mut Vm, c: &Value, length: Option<f64>) -> JsResult<ObjRef> {
    match c {
        Value::Object(f) if vm.is_constructor(*f) => {
            let args = length.map(|n| vec![Value::Number(n)]).unwrap_or_default();
            match vm.construct(*f, args, None)? {
                Value::Object(a) => Ok(a),
                _ => unsupported("a constructor that returned a non-object"),
            }
        }
        _ => array_create(vm, length.unwrap_or(0.0)),
    }
}

/// 23.1.2.1 Array.from ( items [ , mapper [ , thisArg ] ] ).
fn array_from(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let items = arg(args, 0);
    let mapper = match arg(args, 1) {
        Value::Undefined => None,
        f if f.as_object().is_some_and(|o| vm.is_callable(o)) => Some(f),
        _ => return Err(vm.type_error("Array.from: mapper is not a function")),
    };
    let this_arg = arg(args, 2);
    let iterator_key = vm.realm.well_known.iterator;
    // Step 4: GetMethod(items, @@iterator), before the result is constructed.
    if let Some(method) = vm.get_method(&items, &iterator_key)? {
        let a = construct_or_array_create(vm, this, None)?;
        let it = vm.iterator_from_method(&items, &method)?.as_object().expect("an iterator");
        let mut k = 0.0;
        loop {
            vm.tick()?;
            let Some(next) = vm.iterator_step(it)? else {
                set_or_throw(vm, a, "length", Value::Number(k))?;
                return Ok(Value::Object(a));
            };
            // Steps 5.e.v-vii: a throwing mapper or definition closes the iterator
            // (IfAbruptCloseIterator). Step 5.e.i (k reaching 2^53 - 1) cannot be reached.
            let stored = (|| {
                let v = match &mapper {
                    Some(f) => vm.call(f, this_arg.clone(), vec![next, Value::Number(k)])?,
                    None => next,
                };
                vm.create_data_property_or_throw(a, &key(k), v)
            })();
            match stored {
                Ok(_) => {}
                Err(error @ Abrupt::Throw(_)) => {
                    vm.iterator_close_after_throw(it)?;
                    return Err(error);
                }
                Err(limit) => return Err(limit),
            }
            k += 1.0;
        }
    }
    // Steps 6-12: an array-like.
    let array_like = vm.to_object(&items)?;
    let len = length_of(vm, array_like)?;
    let a = construct_or_array_create(vm, this, Some(len))?;
    let mut k = 0.0;
    while k < len {
        vm.tick()?;
        let pk = key(k);
        let v = vm.get(array_like, &pk)?;
        let v = match &mapper {
            Some(f) => vm.call(f, this_arg.clone(), vec![v, Value::Number(k)])?,
            None => v,
        };
        vm.create_data_property_or_throw(a, &pk, v)?;
        k += 1.0;
    }
    set_or_throw(vm, a, "length", Value::Number(len))?;
    Ok(Value::Object(a))
}

/// 23.1.2.3 Array.of ( ...items ).
fn array_of(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let len = args.len() as f64;
    let a = construct_or_array_create(vm, this, Some(len))?;
    for (k, v) in args.iter().enumerate() {
        vm.create_data_property_or_throw(a, &key(k as f64), v.clone())?;
    }
    set_or_throw(vm, a, "length", Value::Number(len))?;
    Ok(Value::Object(a))
}

/// 23.1.3.1 Array.prototype.at ( index ).
fn array_at(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let relative = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    let k = if relative >= 0.0 { relative } else { len + relative };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    vm.get(o, &key(k))
}

/// 23.1.3.11 findLast / 23.1.3.12 findLastIndex (FindViaPredicate, descending): holes are read
/// as undefined, like `find`.
fn find_last(vm: &mut Vm, this: &Value, args: &[Value], want_index: bool) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let f = callable_arg(vm, args, 0, "findLast")?;
    let this_arg = arg(args, 1);
    let mut k = len - 1.0;
    while k >= 0.0 {
        vm.tick()?;
        let v = vm.get(o, &key(k))?;
        let r = vm.call(&f, this_arg.clone(), vec![v.clone(), Value::Number(k), Value::Object(o)])?;
        if vm.to_boolean(&r) {
            return Ok(if want_index { Value::Number(k) } else { v });
        }
        k -= 1.0;
    }
    Ok(if want_index { Value::Number(-1.0) } else { Value::Undefined })
}

fn array_find_last(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    find_last(vm, this, args, false)
}
fn array_find_last_index(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    find_last(vm, this, args, true)
}

/// 23.1.3.7 Array.prototype.fill ( value [ , start [ , end ] ] ).
fn array_fill(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let value = arg(args, 0);
    let mut k = relative_index(vm, &arg(args, 1), len, 0.0)?;
    let end = relative_index(vm, &arg(args, 2), len, len)?;
    while k < end {
        vm.tick()?;
        set_or_throw(vm, o, &key(k), value.clone())?;
        k += 1.0;
    }
    Ok(Value::Object(o))
}

/// 23.1.3.4 Array.prototype.copyWithin ( target, start [ , end ] ): copies backwards when the
/// ranges overlap with the target after the source.
fn array_copy_within(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let mut to = relative_index(vm, &arg(args, 0), len, 0.0)?;
    let mut from = relative_index(vm, &arg(args, 1), len, 0.0)?;
    let end = relative_index(vm, &arg(args, 2), len, len)?;
    let mut count = (end - from).min(len - to);
    let direction = if from < to && to < from + count {
        from += count - 1.0;
        to += count - 1.0;
        -1.0
    } else {
        1.0
    };
    while count > 0.0 {
        move_element(vm, o, from, to)?;
        from += direction;
        to += direction;
        count -= 1.0;
    }
    Ok(Value::Object(o))
}

/// How deep FlattenIntoArray may recurse natively before the run counts as out of stack.
const MAX_FLATTEN_NESTING: usize = 10_000;

/// 23.1.3.13.1 FlattenIntoArray: returns the next target index. `mapper` is flatMap's callback
/// and its thisArg.
#[allow(clippy::too_many_arguments)]
fn flatten_into_array(
    vm: &mut Vm,
    target: ObjRef,
    source: ObjRef,
    source_len: f64,
    start: f64,
    depth: f64,
    mapper: Option<(&Value, &Value)>,
    nesting: usize,
) -> JsResult<f64> {
    if nesting > MAX_FLATTEN_NESTING {
        return Err(Abrupt::Exhausted(crate::api::Resource::Stack));
    }
    let mut target_index = start;
    let mut source_index = 0.0;
    while source_index < source_len {
        vm.tick()?;
        let p = key(source_index);
        if vm.has_property(source, &p)? {
            let mut element = vm.get(source, &p)?;
            if let Some((f, this_arg)) = mapper {
                element =
                    vm.call(f, this_arg.clone(), vec![element, Value::Number(source_index), Value::Object(source)])?;
            }
            match element {
                Value::Object(e) if depth > 0.0 && vm.is_array(e) => {
                    let element_len = length_of(vm, e)?;
                    let new_depth = if depth == f64::INFINITY { depth } else { depth - 1.0 };
                    target_index =
                        flatten_into_array(vm, target, e, element_len, target_index, new_depth, None, nesting + 1)?;
                }
                element => {
                    if target_index >= 9007199254740991.0 {
                        return Err(vm.type_error("flattened array length would exceed 2^53 - 1"));
                    }
                    vm.create_data_property_or_throw(target, &key(target_index), element)?;
                    target_index += 1.0;
                }
            }
        }
        source_index += 1.0;
    }
    Ok(target_index)
}

/// 23.1.3.13 Array.prototype.flat ( [ depth ] ).
fn array_flat(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let source_len = length_of(vm, o)?;
    let depth = match arg(args, 0) {
        Value::Undefined => 1.0,
        d => to_integer_or_infinity(vm.to_number(&d)?).max(0.0),
    };
    let a = array_species_create(vm, o, 0.0)?;
    flatten_into_array(vm, a, o, source_len, 0.0, depth, None, 0)?;
    Ok(Value::Object(a))
}

/// 23.1.3.14 Array.prototype.flatMap ( mapper [ , thisArg ] ).
fn array_flat_map(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let source_len = length_of(vm, o)?;
    let f = callable_arg(vm, args, 0, "flatMap")?;
    let this_arg = arg(args, 1);
    let a = array_species_create(vm, o, 0.0)?;
    flatten_into_array(vm, a, o, source_len, 0.0, 1.0, Some((&f, &this_arg)), 0)?;
    Ok(Value::Object(a))
}

/// 23.1.3.33 Array.prototype.toReversed ( ): holes are read as undefined.
fn array_to_reversed(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let a = array_create(vm, len)?;
    let mut k = 0.0;
    while k < len {
        vm.tick()?;
        let v = vm.get(o, &key(len - k - 1.0))?;
        vm.create_data_property_or_throw(a, &key(k), v)?;
        k += 1.0;
    }
    Ok(Value::Object(a))
}

/// 23.1.3.35 Array.prototype.toSpliced ( start, skipCount, ...items ).
fn array_to_spliced(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let start = relative_index(vm, &arg(args, 0), len, 0.0)?;
    let items: &[Value] = args.get(2..).unwrap_or(&[]);
    let skip = match args.len() {
        0 => 0.0,
        1 => len - start,
        _ => to_integer_or_infinity(vm.to_number(&args[1])?).clamp(0.0, len - start),
    };
    let new_len = len + items.len() as f64 - skip;
    check_new_length(vm, new_len)?;
    let a = array_create(vm, new_len)?;
    let mut i = 0.0;
    while i < start {
        vm.tick()?;
        let pi = key(i);
        let v = vm.get(o, &pi)?;
        vm.create_data_property_or_throw(a, &pi, v)?;
        i += 1.0;
    }
    for item in items {
        vm.create_data_property_or_throw(a, &key(i), item.clone())?;
        i += 1.0;
    }
    let mut r = start + skip;
    while i < new_len {
        vm.tick()?;
        let v = vm.get(o, &key(r))?;
        vm.create_data_property_or_throw(a, &key(i), v)?;
        i += 1.0;
        r += 1.0;
    }
    Ok(Value::Object(a))
}

/// 23.1.3.39 Array.prototype.with ( index, value ).
fn array_with(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(this)?;
    let len = length_of(vm, o)?;
    let relative = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    let actual = if relative >= 0.0 { relative } else { len + relative };
    if actual >= len || actual < 0.0 {
        return Err(vm.error("RangeError", "Array.prototype.with: index out of range"));
    }
    let value = arg(args, 1);
    let a = array_create(vm, len)?;
    let mut k = 0.0;
    while k < len {
        vm.tick()?;
        let pk = key(k);
        let v = if k == actual { value.clone() } else { vm.get(o, &pk)? };
        vm.create_data_property_or_throw(a, &pk, v)?;
        k += 1.0;
    }
    Ok(Value::Object(a))
}

// ----- String ----------------------------------------------------------------------------------

fn string_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    if let (None, Some(Value::Symbol(sym))) = (new_target, args.first()) {
        return Ok(Value::str(&vm.symbol_descriptive_string(*sym)));
    }
    let s = if args.is_empty() { Name::from("") } else { vm.to_string(&args[0])? };
    match new_target {
        None => Ok(Value::String(s)),
        Some(nt) => wrapper_from_new_target(vm, Value::String(s), nt),
    }
}

/// The `this` value of String.prototype methods: RequireObjectCoercible + ToString.
fn this_string(vm: &mut Vm, this: &Value) -> JsResult<Name> {
    vm.require_object_coercible(this)?;
    vm.to_string(this)
}

fn string_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    match this {
        Value::String(s) => Ok(Value::String(s.clone())),
        Value::Object(o) => match &vm.heap.obj(*o).kind {
            ObjectKind::StringWrapper(s) => Ok(Value::String(s.clone())),
            _ => Err(vm.type_error("String.prototype.toString requires a string")),
        },
        _ => Err(vm.type_error("String.prototype.toString requires a string")),
    }
}

fn string_from_units(units: &[u16]) -> JsResult<Value> {
    match from_utf16(units) {
        Some(s) => Ok(Value::str(&s)),
        None => unsupported("lone surrogate"),
    }
}

fn string_char_at(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let pos = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::str(""));
    }
    string_from_units(&s[pos as usize..pos as usize + 1])
}

fn string_char_code_at(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let pos = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(s[pos as usize] as f64))
}

fn find_units(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    (from..=hay.len().checked_sub(needle.len())?).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn string_index_of(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let search = utf16(&vm.to_string(&arg(args, 0))?);
    let pos = to_integer_or_infinity(vm.to_number(&arg(args, 1))?).clamp(0.0, s.len() as f64) as usize;
    Ok(Value::Number(find_units(&s, &search, pos).map_or(-1.0, |i| i as f64)))
}

fn string_last_index_of(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let search = utf16(&vm.to_string(&arg(args, 0))?);
    let n = vm.to_number(&arg(args, 1))?;
    let pos = if n.is_nan() { f64::INFINITY } else { to_integer_or_infinity(n) };
    let start = pos.clamp(0.0, s.len() as f64) as usize;
    if search.len() > s.len() {
        return Ok(Value::Number(-1.0));
    }
    let last = start.min(s.len() - search.len());
    let found = (0..=last).rev().find(|&i| s[i..i + search.len()] == search[..]);
    Ok(Value::Number(found.map_or(-1.0, |i| i as f64)))
}

fn string_includes(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let r = string_index_of(vm, this, args, None)?;
    Ok(Value::Bool(!matches!(r, Value::Number(n) if n < 0.0)))
}

fn string_starts_with(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let search = utf16(&vm.to_string(&arg(args, 0))?);
    let pos = to_integer_or_infinity(vm.to_number(&arg(args, 1))?).clamp(0.0, s.len() as f64) as usize;
    Ok(Value::Bool(s[pos..].starts_with(&search)))
}

fn string_ends_with(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let search = utf16(&vm.to_string(&arg(args, 0))?);
    let end = match arg(args, 1) {
        Value::Undefined => s.len(),
        v => to_integer_or_infinity(vm.to_number(&v)?).clamp(0.0, s.len() as f64) as usize,
    };
    Ok(Value::Bool(s[..end].ends_with(&search)))
}

fn string_slice(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let len = s.len() as f64;
    let start = relative_index(vm, &arg(args, 0), len, 0.0)?;
    let end = relative_index(vm, &arg(args, 1), len, len)?;
    if start >= end {
        return Ok(Value::str(""));
    }
    string_from_units(&s[start as usize..end as usize])
}

fn string_substring(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = utf16(&this_string(vm, this)?);
    let len = s.len() as f64;
    let start = to_integer_or_infinity(vm.to_number(&arg(args, 0))?).clamp(0.0, len);
    let end = match arg(args, 1) {
        Value::Undefined => len,
        v => to_integer_or_infinity(vm.to_number(&v)?).clamp(0.0, len),
    };
    let (from, to) = (start.min(end) as usize, start.max(end) as usize);
    string_from_units(&s[from..to])
}

fn string_to_upper_case(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::str(&this_string(vm, this)?.to_uppercase()))
}

fn string_to_lower_case(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = this_string(vm, this)?;
    // Final-sigma rules depend on context in both Rust and JS; refuse rather than risk a mismatch.
    if s.contains('\u{3A3}') {
        return unsupported("toLowerCase of capital sigma");
    }
    Ok(Value::str(&s.to_lowercase()))
}

fn string_trim(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::str(this_string(vm, this)?.trim_matches(is_js_whitespace)))
}

fn string_split(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = this_string(vm, this)?;
    let limit = match arg(args, 1) {
        Value::Undefined => u32::MAX,
        v => {
            let n = vm.to_number(&v)?;
            crate::conversions::to_uint32(n)
        }
    };
    let sep = arg(args, 0);
    if matches!(sep, Value::Undefined) {
        let items = if limit == 0 { vec![] } else { vec![Value::String(s)] };
        return Ok(new_array_value(vm, items));
    }
    let sep = vm.to_string(&sep)?;
    let units = utf16(&s);
    let sep_units = utf16(&sep);
    let mut parts: Vec<Value> = Vec::new();
    if sep_units.is_empty() {
        for u in units.iter().take(limit as usize) {
            parts.push(string_from_units(std::slice::from_ref(u))?);
        }
        return Ok(new_array_value(vm, parts));
    }
    let mut start = 0;
    while let Some(i) = find_units(&units, &sep_units, start) {
        if parts.len() as u32 >= limit {
            break;
        }
        vm.tick()?;
        parts.push(string_from_units(&units[start..i])?);
        start = i + sep_units.len();
    }
    if (parts.len() as u32) < limit {
        parts.push(string_from_units(&units[start..])?);
    }
    Ok(new_array_value(vm, parts))
}

fn string_concat(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let mut s = this_string(vm, this)?.to_string();
    for a in args {
        s.push_str(&vm.to_string(a)?);
        if s.len() > MAX_STRING_LENGTH {
            return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
        }
    }
    Ok(Value::str(&s))
}

/// 22.1.2.4 String.raw: the raw strings of a template object, with the substitutions between.
fn string_raw(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let cooked = vm.to_object(&arg(args, 0))?;
    let raw = vm.get(cooked, "raw")?;
    let raw = vm.to_object(&raw)?;
    let len = vm.get(raw, "length")?;
    let len = vm.to_length(&len)?;
    let mut out = String::new();
    let mut i = 0.0;
    while i < len {
        vm.tick()?;
        let segment = vm.get(raw, &number_to_string(i))?;
        out.push_str(&vm.to_string(&segment)?);
        if i + 1.0 >= len {
            break;
        }
        if let Some(sub) = args.get(1 + i as usize) {
            out.push_str(&vm.to_string(sub)?);
        }
        i += 1.0;
    }
    Ok(Value::String(out.into()))
}

fn string_repeat(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = this_string(vm, this)?;
    let n = to_integer_or_infinity(vm.to_number(&arg(args, 0))?);
    if n < 0.0 || n == f64::INFINITY {
        return Err(vm.error("RangeError", "invalid count value"));
    }
    if s.len() as f64 * n > MAX_STRING_LENGTH as f64 {
        return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
    }
    Ok(Value::str(&s.repeat(n as usize)))
}

// ----- Number and Boolean ----------------------------------------------------------------------

fn number_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    let n = if args.is_empty() { 0.0 } else { vm.to_number(&args[0])? };
    match new_target {
        None => Ok(Value::Number(n)),
        Some(nt) => wrapper_from_new_target(vm, Value::Number(n), nt),
    }
}

fn this_number(vm: &mut Vm, this: &Value) -> JsResult<f64> {
    match this {
        Value::Number(n) => Ok(*n),
        Value::Object(o) => match vm.heap.obj(*o).kind {
            ObjectKind::NumberWrapper(n) => Ok(n),
            _ => Err(vm.type_error("Number.prototype method called on incompatible receiver")),
        },
        _ => Err(vm.type_error("Number.prototype method called on incompatible receiver")),
    }
}

fn number_to_string_method(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let n = this_number(vm, this)?;
    match arg(args, 0) {
        Value::Undefined => {}
        r => {
            if vm.to_number(&r)? != 10.0 {
                return unsupported("Number.prototype.toString with a radix");
            }
        }
    }
    Ok(Value::str(&number_to_string(n)))
}

fn number_value_of(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Number(this_number(vm, this)?))
}

fn boolean_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    let b = vm.to_boolean(&arg(args, 0));
    match new_target {
        None => Ok(Value::Bool(b)),
        Some(nt) => wrapper_from_new_target(vm, Value::Bool(b), nt),
    }
}

/// The wrapper object `new String/Number/Boolean(...)` makes (StringCreate, or
/// OrdinaryCreateFromConstructor with [[StringData]]/[[NumberData]]/[[BooleanData]]), with
/// newTarget's prototype; the primitive was converted before the prototype is read.
fn wrapper_from_new_target(vm: &mut Vm, primitive: Value, new_target: ObjRef) -> JsResult<Value> {
    let fallback = match primitive {
        Value::String(_) => vm.realm.string_prototype,
        Value::Number(_) => vm.realm.number_prototype,
        _ => vm.realm.boolean_prototype,
    };
    let proto = prototype_from_constructor(vm, new_target, fallback)?;
    let o = vm.to_object(&primitive)?;
    vm.heap.obj_mut(o).proto = Some(proto);
    Ok(Value::Object(o))
}

fn this_boolean(vm: &mut Vm, this: &Value) -> JsResult<bool> {
    match this {
        Value::Bool(b) => Ok(*b),
        Value::Object(o) => match vm.heap.obj(*o).kind {
            ObjectKind::BooleanWrapper(b) => Ok(b),
            _ => Err(vm.type_error("Boolean.prototype method called on incompatible receiver")),
        },
        _ => Err(vm.type_error("Boolean.prototype method called on incompatible receiver")),
    }
}

fn boolean_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::str(if this_boolean(vm, this)? { "true" } else { "false" }))
}

fn boolean_value_of(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(this_boolean(vm, this)?))
}

// ----- Error -----------------------------------------------------------------------------------

/// 20.5.1.1 Error ( message [ , options ] ) and 20.5.6.1 NativeError constructors: the prototype
/// comes from newTarget, or from the constructor itself when called as a function.
fn error_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    // Called as a function, the constructor itself is newTarget.
    let proto = prototype_from_new_target(vm, new_target)?;
    let e = vm.alloc(Object::new(Some(proto), ObjectKind::Error));
    let message = arg(args, 0);
    if !matches!(message, Value::Undefined) {
        let m = vm.to_string(&message)?;
        vm.heap.obj_mut(e).props.insert("message".into(), Property::hidden(Value::String(m)));
    }
    if let Value::Object(options) = arg(args, 1) {
        if vm.has_property(options, "cause")? {
            let cause = vm.get(options, "cause")?;
            vm.heap.obj_mut(e).props.insert("cause".into(), Property::hidden(cause));
        }
    }
    Ok(Value::Object(e))
}

/// 20.5.7.1.1 AggregateError ( errors, message [ , options ] ).
fn aggregate_error_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    let e = error_constructor(vm, &Value::Undefined, &[arg(args, 1), arg(args, 2)], new_target)?;
    // 5. IteratorToList(? GetIterator(errors, sync)).
    let it = vm.for_of_iterator(&arg(args, 0))?.as_object().expect("a loop iterator");
    let mut errors = Vec::new();
    while let Some(v) = vm.iterator_step(it)? {
        vm.tick()?;
        errors.push(v);
    }
    let array = vm.new_array(errors);
    let o = e.as_object().expect("an error object");
    vm.heap.obj_mut(o).props.insert("errors".into(), Property::hidden(Value::Object(array)));
    Ok(e)
}

fn error_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Object(o) = this else { return Err(vm.type_error("Error.prototype.toString on non-object")) };
    let name = match vm.get(*o, "name")? {
        Value::Undefined => Name::from("Error"),
        v => vm.to_string(&v)?,
    };
    let msg = match vm.get(*o, "message")? {
        Value::Undefined => Name::from(""),
        v => vm.to_string(&v)?,
    };
    Ok(Value::str(&match (name.is_empty(), msg.is_empty()) {
        (true, _) => msg.to_string(),
        (_, true) => name.to_string(),
        _ => format!("{name}: {msg}"),
    }))
}

// ----- Math ------------------------------------------------------------------------------------

fn math_unary(vm: &mut Vm, args: &[Value], f: fn(f64) -> f64) -> JsResult<Value> {
    Ok(Value::Number(f(vm.to_number(&arg(args, 0))?)))
}

fn math_floor(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, f64::floor)
}
fn math_ceil(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, f64::ceil)
}
fn math_trunc(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, f64::trunc)
}
fn math_abs(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, f64::abs)
}
fn math_sqrt(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, f64::sqrt)
}
/// 21.3.2.28 Math.round: rounds half up (towards +Infinity), keeping -0.
fn math_round(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, |x| {
        // Integral already (every double from 2^52 up is), where adding 0.5 would round.
        if !x.is_finite() || x == 0.0 || x.abs() >= 4503599627370496.0 {
            return x;
        }
        if x > 0.0 && x < 0.5 {
            return 0.0;
        }
        if (-0.5..0.0).contains(&x) {
            return -0.0;
        }
        (x + 0.5).floor()
    })
}
fn math_sign(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_unary(vm, args, |x| if x.is_nan() || x == 0.0 { x } else { x.signum() })
}
fn math_pow(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let b = vm.to_number(&arg(args, 0))?;
    let e = vm.to_number(&arg(args, 1))?;
    Ok(Value::Number(crate::operations::exponentiate(b, e)?))
}

fn math_extreme(vm: &mut Vm, args: &[Value], want_max: bool) -> JsResult<Value> {
    let mut numbers = Vec::with_capacity(args.len());
    for a in args {
        numbers.push(vm.to_number(a)?);
    }
    let mut best = if want_max { f64::NEG_INFINITY } else { f64::INFINITY };
    for n in numbers {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        let better = if want_max {
            n > best || (n == 0.0 && best == 0.0 && best.is_sign_negative())
        } else {
            n < best || (n == 0.0 && best == 0.0 && n.is_sign_negative())
        };
        if better {
            best = n;
        }
    }
    Ok(Value::Number(best))
}

fn math_max(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_extreme(vm, args, true)
}
fn math_min(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    math_extreme(vm, args, false)
}

// ----- JSON ------------------------------------------------------------------------------------

/// 25.5.2 JSON.stringify without replacer or indentation.
fn json_stringify(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    if !matches!(arg(args, 1), Value::Undefined) || !matches!(arg(args, 2), Value::Undefined) {
        return unsupported("JSON.stringify with replacer or indentation");
    }
    let mut stack = Vec::new();
    match serialize_json(vm, "", arg(args, 0), &mut stack)? {
        Some(s) => Ok(Value::str(&s)),
        None => Ok(Value::Undefined),
    }
}

/// 25.5.2.2 SerializeJSONProperty of `value`, the property `key` of its holder (what `toJSON` is
/// given).
fn serialize_json(vm: &mut Vm, key: &str, value: Value, stack: &mut Vec<ObjRef>) -> JsResult<Option<String>> {
    vm.tick()?;
    let mut value = value;
    if let Value::Object(o) = value {
        let to_json = vm.get(o, "toJSON")?;
        if to_json.as_object().is_some_and(|f| vm.is_callable(f)) {
            value = vm.call(&to_json, value.clone(), vec![Value::str(key)])?;
        }
    }
    if let Value::Object(o) = value {
        value = match vm.heap.obj(o).kind {
            ObjectKind::NumberWrapper(_) => Value::Number(vm.to_number(&value)?),
            ObjectKind::StringWrapper(_) => Value::String(vm.to_string(&value)?),
            ObjectKind::BooleanWrapper(b) => Value::Bool(b),
            _ => value,
        };
    }
    Ok(Some(match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => quote_json(&s),
        Value::Number(n) if n.is_finite() => number_to_string(n),
        Value::Number(_) => "null".into(),
        Value::Undefined | Value::Symbol(_) => return Ok(None),
        Value::Object(o) if vm.is_callable(o) => return Ok(None),
        Value::Object(o) => {
            if stack.contains(&o) {
                return Err(vm.type_error("converting circular structure to JSON"));
            }
            stack.push(o);
            let result = if vm.is_array(o) {
                let len = length_of(vm, o)?;
                let mut parts = Vec::new();
                let mut k = 0.0;
                while k < len {
                    let index = self::key(k);
                    let v = vm.get(o, &index)?;
                    parts.push(serialize_json(vm, &index, v, stack)?.unwrap_or_else(|| "null".into()));
                    k += 1.0;
                }
                format!("[{}]", parts.join(","))
            } else {
                let mut parts = Vec::new();
                for k in enumerable_own_keys(vm, o) {
                    let v = vm.get(o, &k)?;
                    if let Some(s) = serialize_json(vm, &k, v, stack)? {
                        parts.push(format!("{}:{s}", quote_json(&k)));
                    }
                }
                format!("{{{}}}", parts.join(","))
            };
            stack.pop();
            if result.len() > MAX_STRING_LENGTH {
                return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
            }
            result
        }
    }))
}

/// 25.5.2.3 QuoteJSONString.
fn quote_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How deeply JSON.parse may nest arrays and objects (its parser, the values it builds and the
/// reviver's walk recurse natively) before the run counts as out of stack.
const MAX_JSON_NESTING: usize = 10_000;

/// A parsed JSON text (ECMA-404), before it becomes ECMAScript values.
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Members in source order, duplicates included.
    Object(Vec<(String, Json)>),
}

/// Why a JSON text was not parsed.
enum JsonError {
    Syntax(&'static str),
    TooDeep,
}

/// A recursive-descent parser for exactly the JSON grammar (ECMA-404), over the text's UTF-8
/// bytes (every delimiter is ASCII).
struct JsonParser<'a> {
    src: &'a [u8],
    pos: usize,
    /// A `\u` escape produced an unpaired surrogate, which this interpreter's strings cannot hold;
    /// the run is refused once the whole text is known to be valid JSON.
    lone_surrogate: bool,
}

impl JsonParser<'_> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.src.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn expect(&mut self, b: u8, what: &'static str) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(JsonError::Syntax(what))
        }
    }

    /// JSONText: a value with optional whitespace around it and nothing else.
    fn text(&mut self) -> Result<Json, JsonError> {
        let v = self.value(0)?;
        self.skip_whitespace();
        if self.pos != self.src.len() {
            return Err(JsonError::Syntax("unexpected text after the JSON value"));
        }
        Ok(v)
    }

    fn value(&mut self, nesting: usize) -> Result<Json, JsonError> {
        if nesting > MAX_JSON_NESTING {
            return Err(JsonError::TooDeep);
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                self.skip_whitespace();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.skip_whitespace();
                    if self.peek() != Some(b'"') {
                        return Err(JsonError::Syntax("expected a string key"));
                    }
                    let k = self.string()?;
                    self.skip_whitespace();
                    self.expect(b':', "expected ':'")?;
                    let v = self.value(nesting + 1)?;
                    members.push((k, v));
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(JsonError::Syntax("expected ',' or '}'")),
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut elements = Vec::new();
                self.skip_whitespace();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Json::Array(elements));
                }
                loop {
                    elements.push(self.value(nesting + 1)?);
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Json::Array(elements));
                        }
                        _ => return Err(JsonError::Syntax("expected ',' or ']'")),
                    }
                }
            }
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for (word, v) in [("true", Json::Bool(true)), ("false", Json::Bool(false)), ("null", Json::Null)] {
                    if self.src[self.pos..].starts_with(word.as_bytes()) {
                        self.pos += word.len();
                        return Ok(v);
                    }
                }
                Err(JsonError::Syntax("unexpected token"))
            }
        }
    }

    /// JSONNumber: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?, converted by Rust's
    /// correctly rounded parser (as 6.1.6.1 rounds the mathematical value).
    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(JsonError::Syntax("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(JsonError::Syntax("expected a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(JsonError::Syntax("expected a digit in the exponent"));
            }
        }
        let text = std::str::from_utf8(&self.src[start..self.pos]).expect("ASCII");
        Ok(Json::Number(text.parse::<f64>().expect("a validated JSON number")))
    }

    fn hex4(&mut self) -> Result<u16, JsonError> {
        let mut v = 0u16;
        for _ in 0..4 {
            let d = self.peek().and_then(|b| (b as char).to_digit(16)).ok_or(JsonError::Syntax("bad \\u escape"))?;
            v = v * 16 + d as u16;
            self.pos += 1;
        }
        Ok(v)
    }

    /// JSONString, from its opening quote: no unescaped code point below U+0020, and only the
    /// escapes \" \\ \/ \b \f \n \r \t \uXXXX (which stand for UTF-16 code units).
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut units: Vec<u16> = Vec::new();
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            if self.pos > run_start {
                self.flush_units(&mut units, &mut out);
                out.push_str(std::str::from_utf8(&self.src[run_start..self.pos]).expect("UTF-8 text"));
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    self.flush_units(&mut units, &mut out);
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let simple = match self.peek() {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        Some(b'u') => None,
                        _ => return Err(JsonError::Syntax("bad escape")),
                    };
                    self.pos += 1;
                    match simple {
                        Some(c) => {
                            self.flush_units(&mut units, &mut out);
                            out.push(c);
                        }
                        None => units.push(self.hex4()?),
                    }
                }
                _ => return Err(JsonError::Syntax("unterminated string or control character in string")),
            }
        }
    }

    /// Appends the code units of consecutive `\u` escapes (pairs make one code point).
    fn flush_units(&mut self, units: &mut Vec<u16>, out: &mut String) {
        for c in char::decode_utf16(units.drain(..)) {
            out.push(c.unwrap_or_else(|_| {
                self.lone_surrogate = true;
                char::REPLACEMENT_CHARACTER
            }));
        }
    }
}

/// The ECMAScript value of a parsed JSON text: objects from %Object.prototype% with their
/// members defined in order (a repeated key keeps its first position and takes the last value;
/// `__proto__` is an ordinary own property), arrays from ArrayCreate.
fn json_to_value(vm: &mut Vm, json: Json) -> JsResult<Value> {
    vm.tick()?;
    Ok(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Number(n) => Value::Number(n),
        Json::String(s) => Value::str(&s),
        Json::Array(elements) => {
            let mut items = Vec::with_capacity(elements.len());
            for e in elements {
                items.push(json_to_value(vm, e)?);
            }
            new_array_value(vm, items)
        }
        Json::Object(members) => {
            let o = vm.new_object();
            for (k, v) in members {
                let v = json_to_value(vm, v)?;
                vm.create_data_property_or_throw(o, k.as_str(), v)?;
            }
            Value::Object(o)
        }
    })
}

/// ES2026 gives the reviver a third argument (the source text context of JSON.parse source text
/// access); ES2023-2025 and the engines this reference stands for give two. A reviver that could
/// read a third argument is refused: anything but an ordinary function with at most two plain
/// parameters that never mentions `arguments` (or calls eval).
fn refuse_reviver_context(vm: &Vm, reviver: ObjRef) -> JsResult<()> {
    match &vm.heap.obj(reviver).kind {
        ObjectKind::Function(FunctionKind::Ordinary { code, .. })
            if code.params.simple && code.params.names.len() <= 2 && !code.uses_arguments =>
        {
            Ok(())
        }
        _ => unsupported("a JSON.parse reviver that may read a third argument (ES2026 source text access)"),
    }
}

/// 25.5.1 JSON.parse ( text [ , reviver ] ).
fn json_parse(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let text = vm.to_string(&arg(args, 0))?;
    let mut parser = JsonParser { src: text.as_bytes(), pos: 0, lone_surrogate: false };
    let json = match parser.text() {
        Ok(json) => json,
        Err(JsonError::Syntax(message)) => return Err(vm.error("SyntaxError", &format!("JSON.parse: {message}"))),
        Err(JsonError::TooDeep) => return Err(Abrupt::Exhausted(crate::api::Resource::Stack)),
    };
    if parser.lone_surrogate {
        return unsupported("lone surrogate");
    }
    let unfiltered = json_to_value(vm, json)?;
    let reviver = arg(args, 1);
    match reviver.as_object() {
        Some(f) if vm.is_callable(f) => {
            refuse_reviver_context(vm, f)?;
            let root = vm.new_object();
            vm.create_data_property_or_throw(root, "", unfiltered)?;
            internalize_json_property(vm, root, Name::from(""), &reviver, 0)
        }
        _ => Ok(unfiltered),
    }
}

/// 25.5.1.1 InternalizeJSONProperty ( holder, name, reviver ): children first (array indices up
/// to the length read now, or the enumerable own string keys listed now), each replaced by what
/// the reviver returns or deleted when it returns undefined; then the reviver on this property,
/// with the holder as `this`.
fn internalize_json_property(
    vm: &mut Vm,
    holder: ObjRef,
    name: Name,
    reviver: &Value,
    nesting: usize,
) -> JsResult<Value> {
    if nesting > MAX_JSON_NESTING {
        return Err(Abrupt::Exhausted(crate::api::Resource::Stack));
    }
    vm.tick()?;
    let val = vm.get(holder, &name)?;
    if let Value::Object(o) = val {
        if vm.is_array(o) {
            let len = length_of(vm, o)?;
            let mut i = 0.0;
            while i < len {
                revive_member(vm, o, Name::from(key(i)), reviver, nesting)?;
                i += 1.0;
            }
        } else {
            for k in enumerable_own_keys(vm, o) {
                revive_member(vm, o, k, reviver, nesting)?;
            }
        }
    }
    vm.call(reviver, Value::Object(holder), vec![Value::String(name), val])
}

/// One member of InternalizeJSONProperty's step 2: the results of [[Delete]] and
/// CreateDataProperty are ignored.
fn revive_member(vm: &mut Vm, o: ObjRef, k: Name, reviver: &Value, nesting: usize) -> JsResult<()> {
    let new_element = internalize_json_property(vm, o, k.clone(), reviver, nesting + 1)?;
    if matches!(new_element, Value::Undefined) {
        vm.delete_property(o, &k)?;
    } else {
        vm.create_data_property(o, &k, new_element)?;
    }
    Ok(())
}

// ----- Iteration -------------------------------------------------------------------------------

/// 27.1.2.1 %IteratorPrototype%[@@iterator].
fn return_this(_: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(this.clone())
}

/// 23.1.5.1 CreateArrayIterator.
fn create_array_iterator(vm: &mut Vm, this: &Value, kind: IterationKind) -> JsResult<Value> {
    let object = vm.to_object(this)?;
    let proto = vm.realm.array_iterator_prototype;
    let state = crate::heap::IteratorState::ArrayLike { object, next: 0, done: false, kind };
    Ok(Value::Object(vm.alloc(Object::new(Some(proto), ObjectKind::Iterator(state)))))
}

fn array_values_method(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    create_array_iterator(vm, this, IterationKind::Values)
}
fn array_keys(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    create_array_iterator(vm, this, IterationKind::Keys)
}
fn array_entries(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    create_array_iterator(vm, this, IterationKind::Entries)
}

/// 23.1.5.2.1 %ArrayIteratorPrototype%.next.
fn array_iterator_next_method(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    use crate::heap::IteratorState;
    let state = match this.as_object().map(|o| &vm.heap.obj(o).kind) {
        Some(ObjectKind::Iterator(s @ IteratorState::ArrayLike { .. }))
            if vm.heap.obj(this.as_object().expect("object")).proto.is_some() =>
        {
            s.clone()
        }
        _ => return Err(vm.type_error("%ArrayIteratorPrototype%.next called on an incompatible receiver")),
    };
    let it = this.as_object().expect("object");
    let IteratorState::ArrayLike { object, next, done, kind } = state else { unreachable!() };
    if done {
        return vm.iter_result(Value::Undefined, true);
    }
    match vm.array_iterator_step(object, next, kind)? {
        Some(v) => {
            vm.heap.obj_mut(it).kind =
                ObjectKind::Iterator(IteratorState::ArrayLike { object, next: next + 1, done, kind });
            vm.iter_result(v, false)
        }
        None => {
            vm.heap.obj_mut(it).kind =
                ObjectKind::Iterator(IteratorState::ArrayLike { object, next, done: true, kind });
            vm.iter_result(Value::Undefined, true)
        }
    }
}

/// 22.1.3.36 String.prototype[@@iterator].
fn string_iterator_method(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = this_string(vm, this)?;
    let chars = s.chars().map(|c| Name::from(c.to_string())).collect();
    let proto = vm.realm.string_iterator_prototype;
    let state = crate::heap::IteratorState::String { chars, next: 0 };
    Ok(Value::Object(vm.alloc(Object::new(Some(proto), ObjectKind::Iterator(state)))))
}

/// 22.1.5.1.1 %StringIteratorPrototype%.next.
fn string_iterator_next_method(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    use crate::heap::IteratorState;
    let Some(it) = this.as_object() else {
        return Err(vm.type_error("%StringIteratorPrototype%.next called on an incompatible receiver"));
    };
    let obj = vm.heap.obj(it);
    let ObjectKind::Iterator(IteratorState::String { chars, next }) = &obj.kind else {
        return Err(vm.type_error("%StringIteratorPrototype%.next called on an incompatible receiver"));
    };
    if obj.proto.is_none() {
        return Err(vm.type_error("%StringIteratorPrototype%.next called on an incompatible receiver"));
    }
    let (v, next) = (chars.get(*next).cloned(), *next);
    match v {
        Some(c) => {
            if let ObjectKind::Iterator(IteratorState::String { next: n, .. }) = &mut vm.heap.obj_mut(it).kind {
                *n = next + 1;
            }
            vm.iter_result(Value::String(c), false)
        }
        None => vm.iter_result(Value::Undefined, true),
    }
}

/// 20.2.3.6 Function.prototype[@@hasInstance].
fn function_has_instance(vm: &mut Vm, this: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(vm.ordinary_has_instance(this, &arg(args, 0))?))
}

/// 20.1.2.11 Object.getOwnPropertySymbols.
fn object_get_own_property_symbols(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    let keys = vm.own_symbol_keys(o).into_iter().map(Value::Symbol).collect();
    Ok(new_array_value(vm, keys))
}
