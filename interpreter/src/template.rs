//! Tagged templates' template objects (13.2.8.4 GetTemplateObject): per site (the template's
//! Parse Node) and realm, one frozen array of the cooked strings whose frozen `raw` array holds
//! the raw ones, made the first time the site is evaluated and returned on every later
//! evaluation. A site is the compiled code's [`TemplateSite`]: each function's code is compiled
//! once, so every closure made from it shares its sites, while each eval or `Function` call
//! parses, and so makes, new ones.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use crate::heap::Roots;
use crate::object::Descriptor;
use crate::value::{JsResult, Name, ObjRef, Value};
use crate::vm::Vm;

/// A tagged template's strings, as compiled.
#[derive(Debug)]
pub struct TemplateSite {
    /// The cooked strings; `None` where an escape sequence is invalid (allowed only when tagged).
    pub cooked: Vec<Option<Name>>,
    pub raw: Vec<Name>,
}

/// The realm's [[TemplateMap]].
#[derive(Default)]
pub struct TemplateRegistry {
    /// By the site's address; the entry keeps the site alive, so the address stays its own.
    objects: HashMap<usize, (Rc<TemplateSite>, ObjRef)>,
}

impl TemplateRegistry {
    /// The template objects are kept as long as the realm. They are roots of the collector only:
    /// an engine may free one once no reachable code can evaluate its site, so the lifetime
    /// oracle does not count them as readable (at worst they are `retained`).
    pub fn trace(&self, roots: &mut Roots) {
        roots.objects.extend(self.objects.values().map(|(_, o)| *o));
    }
}

impl Vm {
    /// 13.2.8.4 GetTemplateObject.
    pub(crate) fn template_object(&mut self, site: &Rc<TemplateSite>) -> JsResult<ObjRef> {
        let key = Rc::as_ptr(site) as usize;
        if let Some((_, o)) = self.templates.objects.get(&key) {
            return Ok(*o);
        }
        let cooked = site.cooked.iter().map(|c| c.clone().map_or(Value::Undefined, Value::String)).collect();
        let template = self.new_array(cooked);
        let raw = self.new_array(site.raw.iter().cloned().map(Value::String).collect());
        crate::object_statics::set_integrity(self, raw, true)?;
        let desc = Descriptor {
            value: Some(Value::Object(raw)),
            writable: Some(false),
            enumerable: Some(false),
            configurable: Some(false),
            ..Descriptor::default()
        };
        self.define_own_property(template, "raw", desc)?;
        crate::object_statics::set_integrity(self, template, true)?;
        self.templates.objects.insert(key, (site.clone(), template));
        Ok(template)
    }
}
