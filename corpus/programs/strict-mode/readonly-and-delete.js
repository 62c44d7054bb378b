// writes to read-only properties and deletes of non-configurable ones fail silently in sloppy code, throw in strict
var fixedObj = {};
Object.defineProperty(fixedObj, "fixed", { value: "original", writable: false, configurable: false });
function sloppyWrite() { fixedObj.fixed = "changed"; return fixedObj.fixed; }
function strictWrite() { "use strict"; fixedObj.fixed = "changed"; return fixedObj.fixed; }
function sloppyDelete() { return delete fixedObj.fixed; }
function strictDelete() { "use strict"; return delete fixedObj.fixed; }
print("sloppy write", sloppyWrite());
try { strictWrite(); } catch (e) { print("strict write", e.name); }
print("sloppy delete", sloppyDelete());
try { strictDelete(); } catch (e) { print("strict delete", e.name); }
var getterOnly = { get v() { return "got"; } };
function sloppySet() { getterOnly.v = 1; return getterOnly.v; }
function strictSet() { "use strict"; getterOnly.v = 1; return getterOnly.v; }
print("sloppy set getter-only", sloppySet());
try { strictSet(); } catch (e) { print("strict set getter-only", e.name); }
function sloppyPrimitive() { var s = "str"; s.prop = 1; return s.prop; }
function strictPrimitive() { "use strict"; var s = "str"; s.prop = 1; return s.prop; }
print("sloppy property on primitive", sloppyPrimitive());
try { strictPrimitive(); } catch (e) { print("strict property on primitive", e.name); }
