//! One adapter per engine, each behind the [`Engine`](crate::Engine) trait.

mod boa;
pub mod external;
pub mod misbehaving;
mod quickjs;
mod reference;

pub use boa::{BoaConfig, BoaEngine};
pub use quickjs::{quickjs_version, QuickJsConfig, QuickJsEngine};
pub use reference::{ReferenceEngine, EARLY_GC_ENGINE};

/// A script defining `lifetimeProbe` with [`PROBE_PRELUDE`](crate::lifetime::PROBE_PRELUDE), run
/// before the program as a script of its own (so that a program's "use strict" directive stays
/// first), and installed like the other host functions: a writable, configurable, non-enumerable
/// property of the global object. (The prelude's global function declaration alone would make an
/// enumerable, non-configurable property, which programs enumerating the global object would see.)
pub(crate) fn probe_script() -> String {
    format!(
        "(function () {{\n{}Object.defineProperty(globalThis, 'lifetimeProbe', \
         {{ value: lifetimeProbe, writable: true, enumerable: false, configurable: true }});\n}})();\n",
        crate::lifetime::PROBE_PRELUDE
    )
}

/// Programs for the lifetime protocol's tests, shared by the adapters' tests.
#[cfg(test)]
pub(crate) mod lifetime_programs {
    /// The probed object is captured by a closure that is still called afterwards: prints
    /// `lifetime o kept`, then `object`.
    pub const CAPTURED: &str = "const [f, w] = (() => { const o = {}; return [() => o, new WeakRef(o)]; })(); \
                                afterGc(() => { lifetimeProbe('o', w); print(typeof f()); });";
    /// Nothing reaches the probed object: an engine that collects prints `lifetime o collected`.
    pub const UNREACHABLE: &str = "let w; (function () { w = new WeakRef({}); })(); \
                                   afterGc(() => lifetimeProbe('o', w));";
    /// The probe must not come between a program and its "use strict" directive, nor show up
    /// when the global object is enumerated.
    pub const STRICT: &str = "'use strict'; print((function () { return this; })() === undefined); \
                              const o = {}; lifetimeProbe('o', new WeakRef(o)); \
                              print(Object.keys(globalThis).includes('lifetimeProbe'));";
}
