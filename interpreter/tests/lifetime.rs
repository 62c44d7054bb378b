//! WeakRef, FinalizationRegistry and the host's lifetime hook `afterGc(callback)`: what the exact
//! collector keeps and frees, and when callbacks run.

use interpreter::{run, Completion, Limits, Resource};

fn lines(source: &str) -> Vec<String> {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    out.printed
}

fn threw(source: &str) -> String {
    match run(source, &Limits::default()).completion {
        Completion::Threw { constructor } => constructor,
        other => panic!("{source}: expected a throw, got {other:?}"),
    }
}

#[test]
fn a_captured_object_survives_and_a_dropped_one_is_collected() {
    let kept = "let keep = {}; const w = new WeakRef(keep); const f = () => keep;
                afterGc(() => { print(w.deref() === keep); print(f() === keep); });";
    assert_eq!(lines(kept), ["true", "true"]);
    let dropped = "let w; (function(){ w = new WeakRef({}); })(); afterGc(() => print(w.deref()));";
    assert_eq!(lines(dropped), ["undefined"]);
}

#[test]
fn callbacks_run_in_order_each_after_the_script_and_the_jobs_before_it() {
    let source =
        "afterGc(() => { print('gc1'); Promise.resolve().then(() => print('job1')); afterGc(() => print('gc3')); });
                  afterGc(() => print('gc2'));
                  Promise.resolve().then(() => print('script job'));
                  print('script');";
    assert_eq!(lines(source), ["script", "script job", "gc1", "job1", "gc2", "gc3"]);
}

#[test]
fn the_hook_checks_its_argument_and_callback_errors_end_the_run() {
    assert_eq!(threw("afterGc(1)"), "TypeError");
    assert_eq!(threw("afterGc()"), "TypeError");
    assert_eq!(threw("afterGc(() => { throw new RangeError() })"), "RangeError");
    // Nothing after the throwing callback runs.
    let out = run("afterGc(() => { throw 1 }); afterGc(() => print('no'))", &Limits::default());
    assert_eq!(out.completion, Completion::Threw { constructor: "number".into() });
    assert!(out.printed.is_empty());
}

#[test]
fn the_kept_objects_list_lasts_until_the_end_of_the_job() {
    // Created and dereferenced in the same job: kept until that job ends.
    let same_job = "const w = new WeakRef({}); print(typeof w.deref()); print(typeof w.deref());";
    assert_eq!(lines(same_job), ["object", "object"]);
    // The hook clears the list before collecting, so only real references keep a target.
    let later = "const w = new WeakRef({}); print(typeof w.deref());
                 Promise.resolve().then(() => print(typeof w.deref()));
                 afterGc(() => { print(typeof w.deref()); const x = new WeakRef({}); print(typeof x.deref());
                                 afterGc(() => print(typeof x.deref())); });";
    assert_eq!(lines(later), ["object", "object", "undefined", "object", "undefined"]);
}

#[test]
fn reachable_things_are_never_freed() {
    // Environments captured by closures, including variables the closure does not mention.
    let env = "const [w1, w2, f] = (function () { const a = {}, b = {}; return [new WeakRef(a), new WeakRef(b), () => a]; })();
               afterGc(() => print(w1.deref() === f(), typeof w2.deref()));";
    assert_eq!(lines(env), ["true object"]);
    // A suspended generator's frame.
    let generator = "let w; function* g() { const o = {}; w = new WeakRef(o); yield 1; yield o; }
                     const it = g(); it.next();
                     afterGc(() => print(it.next().value === w.deref(), typeof w.deref()));";
    assert_eq!(lines(generator), ["true object"]);
    // A pending promise's reactions and an async function suspended on a reachable promise.
    let reactions = "let resolve; const p = new Promise(r => { resolve = r; });
                     let w1, w2;
                     (function () { const o = {}; w1 = new WeakRef(o); p.then(() => print('reaction', w1.deref() === o)); })();
                     (async function () { const o = {}; w2 = new WeakRef(o); await p; print('resumed', w2.deref() === o); })();
                     afterGc(() => { print(typeof w1.deref(), typeof w2.deref()); resolve(); });";
    assert_eq!(lines(reactions), ["object object", "reaction true", "resumed true"]);
    // The afterGc callbacks themselves (and what they capture).
    let callbacks = "let w; (function () { const o = {}; w = new WeakRef(o); afterGc(() => {});
                     afterGc(() => print(w.deref() === o)); })();";
    assert_eq!(lines(callbacks), ["true"]);
    // Properties, prototypes, Map entries, bound functions, private fields.
    let objects = "const ws = []; const holder = (function () {
                       const a = {}, b = {}, c = {}, d = {}, e = {}, f = {};
                       ws.push(new WeakRef(a), new WeakRef(b), new WeakRef(c), new WeakRef(d), new WeakRef(e), new WeakRef(f));
                       class K { #p = e; }
                       return { a, proto: Object.create(b), m: new Map([[c, 1]]), g: function () {}.bind(d), k: new K(),
                                get x() { return f; } };
                   })();
                   afterGc(() => print(ws.map(w => typeof w.deref()).join()));";
    assert_eq!(lines(objects), ["object,object,object,object,object,object"]);
}

#[test]
fn unreachable_things_are_freed_cycles_included() {
    let cycle = "let w; (function () { const a = {}; const b = { a }; a.b = b; a.f = () => a; w = new WeakRef(a); })();
                 afterGc(() => print(w.deref()));";
    assert_eq!(lines(cycle), ["undefined"]);
    // A closure that was captured but dropped, with its environment.
    let closure = "let w; let f = (function () { const o = {}; w = new WeakRef(o); return () => o; })();
                   f = null; afterGc(() => print(w.deref()));";
    assert_eq!(lines(closure), ["undefined"]);
    // A finished generator releases its frame; an abandoned pending promise with its reactions too.
    let dead = "let w1, w2;
                (function () { function* g() { const o = {}; w1 = new WeakRef(o); yield o; } const it = g(); it.next(); })();
                (function () { const o = {}; w2 = new WeakRef(o); new Promise(() => {}).then(() => o); })();
                afterGc(() => print(w1.deref(), w2.deref()));";
    assert_eq!(lines(dead), ["undefined undefined"]);
}

#[test]
fn weak_collections_hold_their_keys_weakly() {
    // A WeakMap value lives exactly as long as its key (ephemeron), even if it refers to the key.
    let dead_key = "const wm = new WeakMap(); let w;
                    (function () { const k = {}; const v = { k }; wm.set(k, v); w = new WeakRef(v); })();
                    afterGc(() => print(w.deref()));";
    assert_eq!(lines(dead_key), ["undefined"]);
    let live_key = "const wm = new WeakMap(); const k = {}; let w;
                    (function () { const v = {}; wm.set(k, v); w = new WeakRef(v); })();
                    afterGc(() => print(w.deref() === wm.get(k), typeof w.deref()));";
    assert_eq!(lines(live_key), ["true object"]);
    // A key reachable only from another live key's value.
    let chained = "const wm = new WeakMap(); const k1 = {}; let w;
                   (function () { const k2 = {}; wm.set(k1, k2); wm.set(k2, {}); w = new WeakRef(wm.get(k2)); })();
                   afterGc(() => print(w.deref() === wm.get(wm.get(k1))));";
    assert_eq!(lines(chained), ["true"]);
    let weak_set = "const ws = new WeakSet(); let w; (function () { const o = {}; ws.add(o); w = new WeakRef(o); })();
                    afterGc(() => print(w.deref()));";
    assert_eq!(lines(weak_set), ["undefined"]);
}

#[test]
fn weak_ref_api() {
    assert_eq!(threw("WeakRef({})"), "TypeError");
    assert_eq!(threw("new WeakRef(1)"), "TypeError");
    assert_eq!(threw("new WeakRef()"), "TypeError");
    assert_eq!(threw("WeakRef.prototype.deref.call({})"), "TypeError");
    let shape = "print(typeof WeakRef, WeakRef.length, WeakRef.name, WeakRef.prototype.deref.length);
                 const o = {}; const w = new WeakRef(o); print(w.deref() === o, Object.getPrototypeOf(w) === WeakRef.prototype);
                 print(Object.prototype.toString.call(w));
                 class Sub extends WeakRef { constructor(t) { super(t); } }
                 const s = new Sub(o); print(s instanceof Sub, s.deref() === o);";
    assert_eq!(lines(shape), ["function 1 WeakRef 0", "true true", "[object WeakRef]", "true true"]);
}

#[test]
fn finalization_registry_cleanups_run_after_the_callback() {
    let source = "const r = new FinalizationRegistry(held => print('cleanup', held));
                  (function () { r.register({}, 'a'); const t = {}; r.register({}, 'b', t); print(r.unregister(t), r.unregister(t)); })();
                  const live = {}; r.register(live, 'live', live);
                  afterGc(() => print('callback'));
                  afterGc(() => print('second', r.unregister(live)));";
    assert_eq!(lines(source), ["true false", "callback", "cleanup a", "second true"]);
    // An unreachable registry never calls back.
    let gone = "(function () { const r = new FinalizationRegistry(() => print('no')); r.register({}, 1); })();
                afterGc(() => print('done'));";
    assert_eq!(lines(gone), ["done"]);
    assert_eq!(threw("FinalizationRegistry(() => {})"), "TypeError");
    assert_eq!(threw("new FinalizationRegistry(1)"), "TypeError");
    assert_eq!(threw("new FinalizationRegistry(() => {}).register(1, 2)"), "TypeError");
    assert_eq!(threw("const o = {}; new FinalizationRegistry(() => {}).register(o, o)"), "TypeError");
    assert_eq!(threw("new FinalizationRegistry(() => {}).register({}, 1, 2)"), "TypeError");
    assert_eq!(threw("new FinalizationRegistry(() => {}).unregister(1)"), "TypeError");
    assert_eq!(threw("FinalizationRegistry.prototype.register.call({}, {}, 1)"), "TypeError");
    assert_eq!(
        threw(
            "afterGc(() => {}); const r = new FinalizationRegistry(() => { throw new EvalError() }); r.register({}, 0)"
        ),
        "EvalError"
    );
}

#[test]
fn endless_hook_chains_run_out_of_fuel() {
    let out = run("function again() { afterGc(again); } again();", &Limits::default());
    assert_eq!(out.completion, Completion::Exhausted(Resource::Fuel));
}

#[test]
fn jobs_are_bounded_by_the_heap_limit_and_their_garbage_is_collected() {
    // Jobs allocate far beyond the collection threshold (500k cells): the collector runs between
    // jobs, so garbage is freed and live data runs into the heap limit.
    let program = |keep: bool| {
        format!(
            "const all = []; let n = 0; function step() {{ const junk = []; for (let i = 0; i < 1000; i++) junk.push({{ i }});
             if ({keep}) all.push(junk); if (++n < 1500) Promise.resolve().then(step); else print('done'); }}
             Promise.resolve().then(step);"
        )
    };
    let limits = Limits { fuel: 100_000_000, max_heap_cells: 600_000, ..Limits::default() };
    let garbage = run(&program(false), &limits);
    assert_eq!(garbage.completion, Completion::Normal);
    assert_eq!(garbage.printed, ["done"]);
    assert_eq!(run(&program(true), &limits).completion, Completion::Exhausted(Resource::Memory));
}
