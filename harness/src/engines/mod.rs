//! One adapter per engine, each behind the [`Engine`](crate::Engine) trait.

mod boa;
pub mod external;
pub mod misbehaving;
mod quickjs;
mod reference;

pub use boa::{BoaConfig, BoaEngine};
pub use quickjs::{quickjs_version, QuickJsConfig, QuickJsEngine};
pub use reference::{ReferenceEngine, EARLY_GC_ENGINE};
