//! The lifetime oracle's reference side: `lifetimeProbe(name, weakRef)` prints like the portable
//! prelude and records the class (live, retained, garbage) of the target at the last `afterGc`
//! collection; a deliberately broken collector frees a live captured object.

use interpreter::{
    run, run_with, CollectorFault, Completion, LifetimeClass, LifetimeProbe, Limits, Observed, RunOptions,
};

fn probes(source: &str) -> (Vec<String>, Vec<LifetimeProbe>) {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    (out.printed, out.lifetime)
}

/// The single probe's class, checking that what the interpreter printed agrees with it.
fn class_of(source: &str) -> LifetimeClass {
    let (printed, lifetime) = probes(source);
    assert_eq!(lifetime.len(), 1, "{source}: {lifetime:?}");
    let probe = &lifetime[0];
    let class = probe.class.unwrap_or_else(|| panic!("{source}: no class"));
    let word = match probe.observed {
        Observed::Kept => "kept",
        Observed::Collected => "collected",
    };
    assert_eq!(printed.last(), Some(&format!("lifetime {} {word}", probe.name)));
    // The reference's own collector is exact: it frees garbage and keeps everything else.
    let expected = if class == LifetimeClass::Garbage { Observed::Collected } else { Observed::Kept };
    assert_eq!(probe.observed, expected, "{source}");
    class
}

#[test]
fn an_object_a_reachable_closure_reads_is_live() {
    let source = "let w; const keep = (function () { const o = {}; w = new WeakRef(o); return () => o; })();
                  afterGc(() => lifetimeProbe('o', w));";
    let (printed, lifetime) = probes(source);
    assert_eq!(printed, ["lifetime o kept"]);
    assert_eq!(
        lifetime,
        [LifetimeProbe { name: "o".into(), observed: Observed::Kept, class: Some(LifetimeClass::Live) }]
    );
}

#[test]
fn an_unreachable_object_is_garbage() {
    let source = "let w; (function () { w = new WeakRef({}); })(); afterGc(() => lifetimeProbe('o', w));";
    let (printed, lifetime) = probes(source);
    assert_eq!(printed, ["lifetime o collected"]);
    assert_eq!(
        lifetime,
        [LifetimeProbe { name: "o".into(), observed: Observed::Collected, class: Some(LifetimeClass::Garbage) }]
    );
    // Also when the only closure over it is itself garbage.
    let source = "let w; (function () { const o = {}; w = new WeakRef(o); return () => o; })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Garbage);
}

#[test]
fn a_variable_only_an_unreachable_sibling_closure_reads_is_retained() {
    let source = "let w; const keep = (function () { const big = {}; const other = 1; w = new WeakRef(big);
                    const unused = () => big; return () => other; })();
                  afterGc(() => lifetimeProbe('big', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // Once the sibling is reachable, it is live.
    let source = "let w; const both = (function () { const big = {}; const other = 1; w = new WeakRef(big);
                    return [() => big, () => other]; })();
                  afterGc(() => lifetimeProbe('big', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    // A function's own scope holds a variable no closure reads.
    let source =
        "let w; const keep = (function () { const o = {}; w = new WeakRef(o); return function () { return 1; }; })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
}

#[test]
fn reads_through_nested_functions_shadowing_and_properties() {
    // A nested function's free name is read by the outer closure's code.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    return function () { return function () { return o; }; }; })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    // A shadowing inner declaration: the closure reads its own `o`, never the captured one.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    return function () { const o = 1; return o; }; })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // Reached through a captured object's properties, an array, a Map and a bound function.
    for holder in ["{ p: { q: o } }", "[0, [o]]", "new Map([[1, o]])", "(function () { return this; }).bind(o)"] {
        let source = format!(
            "let w; const f = (function () {{ const o = {{}}; w = new WeakRef(o); const h = {holder}; return () => h; }})();
             afterGc(() => lifetimeProbe('o', w));"
        );
        assert_eq!(class_of(&source), LifetimeClass::Live, "{holder}");
    }
    // Global bindings stay readable by later scripts.
    let source = "var o = {}; const w = new WeakRef(o); afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    let source = "let o = {}; const w = new WeakRef(o); afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
}

#[test]
fn arrows_read_their_this_and_arguments() {
    let source = "let w; const f = (function () { w = new WeakRef(this); return () => this; }).call({});
                  afterGc(() => lifetimeProbe('this', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    let source = "let w; const f = (function () { w = new WeakRef(this); return () => 1; }).call({});
                  afterGc(() => lifetimeProbe('this', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    let source = "let w; const f = (function (a) { w = new WeakRef(a); return () => arguments; })({});
                  afterGc(() => lifetimeProbe('a', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
}

#[test]
fn generators_and_pending_promises_are_never_called_live() {
    // A suspended generator will read `o` when resumed, but frames are judged conservatively.
    let source = "let w; function* g() { const o = {}; w = new WeakRef(o); yield 1; yield o; }
                  const it = g(); it.next();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // A reaction of a promise a live function can resolve.
    let source = "let resolve, w; const p = new Promise(r => { resolve = r; });
                  (function () { const o = {}; w = new WeakRef(o); p.then(() => o); })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // An async function suspended at an await.
    let source = "let resolve, w; const p = new Promise(r => { resolve = r; });
                  (async function () { const o = {}; w = new WeakRef(o); await p; return o; })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // A settled promise's value can still be read through then().
    let source = "let w; const p = (function () { const o = {}; w = new WeakRef(o); return Promise.resolve(o); })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    // A WeakMap value is not provably readable.
    let source = "let w; const k = {}; const m = new WeakMap();
                  (function () { const o = {}; w = new WeakRef(o); m.set(k, o); })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
}

#[test]
fn eval_reads_every_visible_binding() {
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o); return (s) => eval(s); })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    // A nearer binding of the same name hides it even from eval.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    return (function () { const o = 1; return (s) => eval(s); })(); })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // Closures created by eval code are judged like any other.
    let source = "let w; const f = eval('(function () { const o = {}; w = new WeakRef(o); return () => o; })()');
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
}

#[test]
fn with_objects_are_judged_conservatively() {
    // The name is a property of the with object: the outer binding is shadowed.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    with ({ o: 1 }) { return () => o; } })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    // Not a property: the lookup goes on to the captured binding.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    with ({ p: 1 }) { return () => o; } })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    // Eval code can read any property of the with object.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    with ({ p: o }) { return (s) => eval(s); } })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
    // The with object's property that the closure reads.
    let source = "let w; const f = (function () { const o = {}; w = new WeakRef(o);
                    with ({ p: o }) { return () => p; } })();
                  afterGc(() => lifetimeProbe('o', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
}

#[test]
fn a_probe_has_a_class_only_after_a_collection_that_saw_its_weak_ref() {
    // Outside an afterGc callback.
    let (printed, lifetime) = probes("const w = new WeakRef({}); lifetimeProbe('early', w);");
    assert_eq!(printed, ["lifetime early kept"]);
    assert_eq!(lifetime[0].class, None);
    // Created inside the callback, after its collection; classified by the next one.
    let source = "afterGc(() => { const x = new WeakRef({}); lifetimeProbe('new', x);
                    afterGc(() => lifetimeProbe('next', x)); });";
    let (printed, lifetime) = probes(source);
    assert_eq!(printed, ["lifetime new kept", "lifetime next collected"]);
    assert_eq!(lifetime[0].class, None);
    assert_eq!(lifetime[1].class, Some(LifetimeClass::Garbage));
}

#[test]
fn the_probe_converts_and_fails_like_the_prelude() {
    let (printed, lifetime) = probes(
        "const o = {}; const w = new WeakRef(o); afterGc(() => lifetimeProbe({ toString() { return 'n'; } }, w));",
    );
    assert_eq!(printed, ["lifetime n kept"]);
    assert_eq!(lifetime[0].name, "n");
    for bad in ["lifetimeProbe('x', undefined)", "lifetimeProbe('x', {})", "lifetimeProbe('x')"] {
        let out = run(bad, &Limits::default());
        assert_eq!(out.completion, Completion::Threw { constructor: "TypeError".into() }, "{bad}");
        assert!(out.printed.is_empty() && out.lifetime.is_empty());
    }
}

#[test]
fn the_broken_collector_frees_a_live_captured_object() {
    let source = "let w; const keep = (function () { const o = {}; w = new WeakRef(o); return () => o; })();
                  afterGc(() => { lifetimeProbe('o', w); print(typeof keep()); });";
    let broken = RunOptions { collector_fault: CollectorFault::FreeOneLiveCapturedObject };
    let out = run_with(source, &Limits::default(), &broken);
    assert_eq!(out.completion, Completion::Normal);
    // The target is still there for the closure: only the WeakRef forgot it.
    assert_eq!(out.printed, ["lifetime o collected", "object"]);
    assert_eq!(out.lifetime[0].class, Some(LifetimeClass::Live));
    // The correct collector keeps it.
    assert_eq!(run(source, &Limits::default()).printed, ["lifetime o kept", "object"]);
    // It touches neither retained objects nor live objects only reachable from globals.
    for source in [
        "let w; const keep = (function () { const big = {}; w = new WeakRef(big); const unused = () => big;
           return () => 1; })(); afterGc(() => lifetimeProbe('big', w));",
        "const o = {}; const w = new WeakRef(o); afterGc(() => lifetimeProbe('o', w));",
    ] {
        let out = run_with(source, &Limits::default(), &broken);
        assert_eq!(out.printed.last().map(String::as_str).unwrap_or_default().rsplit(' ').next(), Some("kept"));
    }
}

#[test]
fn stale_slots_of_mapped_arguments_and_finished_iterators_are_not_live() {
    // A mapped index reads the parameter (10.4.4), so the value the arguments object held before
    // the parameter was reassigned is unreadable; while the parameter still holds it, it is live.
    let stale = "let w, args; (function (a) { w = new WeakRef(a); args = arguments; a = 0; })({});
                 afterGc(() => { lifetimeProbe('o', w); print(args[0]); });";
    assert_eq!(class_of_first(stale), LifetimeClass::Retained);
    let current = "let w, args; (function (a) { w = new WeakRef(a); args = arguments; })({});
                   afterGc(() => { lifetimeProbe('o', w); print(typeof args[0]); });";
    assert_eq!(class_of_first(current), LifetimeClass::Live);
    // A finished Array Iterator never reads its array again (23.1.5.1); an unfinished one does.
    let done = "let w, it; (function () { const o = {}; w = new WeakRef(o); it = [o][Symbol.iterator](); it.next(); it.next(); })();
                afterGc(() => { lifetimeProbe('o', w); print(it.next().done); });";
    assert_eq!(class_of_first(done), LifetimeClass::Retained);
    let pending = "let w, it; (function () { const o = {}; w = new WeakRef(o); it = [o][Symbol.iterator](); })();
                   afterGc(() => { lifetimeProbe('o', w); print(it.next().done); });";
    assert_eq!(class_of_first(pending), LifetimeClass::Live);
}

/// The class of the one probe of a program that prints after it.
fn class_of_first(source: &str) -> LifetimeClass {
    let (_, lifetime) = probes(source);
    assert_eq!(lifetime.len(), 1, "{source}: {lifetime:?}");
    lifetime[0].class.unwrap_or_else(|| panic!("{source}: no class"))
}

/// The realm keeps every template object (its [[TemplateMap]]), but an engine may free one once
/// no reachable code can evaluate its site again, so the oracle calls it retained, never live,
/// unless the program itself still holds it.
#[test]
fn a_template_object_is_retained_by_its_site_and_live_when_held() {
    let source = "const tag = (s) => s; let w; (function () { w = new WeakRef(tag`site`); })();
                  afterGc(() => lifetimeProbe('t', w));";
    assert_eq!(class_of(source), LifetimeClass::Retained);
    let source = "const tag = (s) => s; let w; const held = (function () { const t = tag`site`; w = new WeakRef(t); return () => t; })();
                  afterGc(() => lifetimeProbe('t', w));";
    assert_eq!(class_of(source), LifetimeClass::Live);
}

#[test]
fn what_only_dead_code_or_writes_reach_is_retained_not_live() {
    // QuickJS frees `big` when the closure's only read of it follows a `return`: an engine may,
    // since no execution can read it.
    for body in ["return 1; big;", "throw 1; big;", "for (;;) { break; } return big = 1;", "big = 2;"] {
        let source = format!(
            "let w, f; (function () {{ let big = {{}}; w = new WeakRef(big); f = () => {{ {body} }}; }})();
             afterGc(() => {{ lifetimeProbe('big', w); print(typeof f); }});"
        );
        assert_eq!(class_of_first(&source), LifetimeClass::Retained, "{body}");
    }
    // A read that can run keeps it live.
    let source = "let w, f; (function () { let big = {}; w = new WeakRef(big); f = (x) => { if (x) return 1; return big; }; })();
                  afterGc(() => { lifetimeProbe('big', w); print(typeof f); });";
    assert_eq!(class_of_first(source), LifetimeClass::Live);
}

#[test]
fn a_built_in_method_the_program_deleted_holds_nothing_live() {
    // The realm keeps `%GeneratorPrototype%.next` for itself, but once the program deletes the
    // property no code can reach it: engines free what hangs on it.
    let source = "let w; (function () { const proto = Object.getPrototypeOf(function* () {}).prototype;
                  proto.next.extra = {}; w = new WeakRef(proto.next.extra); delete proto.next; })();
                  afterGc(() => { lifetimeProbe('extra', w); print('next' in Object.getPrototypeOf(function* () {}).prototype); });";
    assert_eq!(class_of_first(source), LifetimeClass::Retained);
    // While the property is there, it is live.
    let kept = "let w; (function () { const proto = Object.getPrototypeOf(function* () {}).prototype;
                proto.next.extra = {}; w = new WeakRef(proto.next.extra); })();
                afterGc(() => { lifetimeProbe('extra', w); print(typeof Object.getPrototypeOf(function* () {}).prototype.next.extra); });";
    assert_eq!(class_of_first(kept), LifetimeClass::Live);
}

#[test]
fn a_probe_line_forged_by_a_replaced_deref_gets_no_class() {
    let source = "let w; const o = {}; w = new WeakRef(o); WeakRef.prototype.deref = () => undefined;
                  afterGc(() => { lifetimeProbe('o', w); print(typeof o); });";
    let (printed, lifetime) = probes(source);
    assert_eq!(printed, ["lifetime o collected", "object"]);
    assert_eq!(lifetime[0].class, None, "{lifetime:?}");
}
