// a plain call gets globalThis as this in sloppy functions and undefined in strict ones; only sloppy boxes primitives
function sloppy() { return this; }
function strict() { "use strict"; return this; }
print("sloppy plain call is globalThis", sloppy() === globalThis);
print("strict plain call", strict());
print("sloppy call(null) is globalThis", sloppy.call(null) === globalThis);
print("strict call(null)", strict.call(null));
print("sloppy call(5) typeof", typeof sloppy.call(5));
print("strict call(5) typeof", typeof strict.call(5));
print("sloppy boxed string", sloppy.call("str") + "!", sloppy.call("str") instanceof String);
var o = { s: strict, sl: sloppy };
var extracted = o.s;
print("extracted strict method", extracted());
print("method call", o.s() === o, o.sl() === o);
print("top-level this is globalThis", this === globalThis);
