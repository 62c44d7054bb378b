//! One adapter per engine, each behind the [`Engine`](crate::Engine) trait.

mod boa;
pub mod misbehaving;
mod reference;

pub use boa::{BoaConfig, BoaEngine};
pub use reference::ReferenceEngine;
