// this / new / bind
var o = { n: "o", f() { return this.n; }, g: () => typeof this, h() { return (() => this.n)(); } };
print(o.f(), o.g(), o.h());
var f = o.f; try { print(f()); } catch (e) { print(e.name); }
function S() { "use strict"; return this; } print(S(), S.call(5), typeof S.call("s"));
function L() { return typeof this; } function L2() { return this; } print(L.call(5), L2.call(null) === globalThis);
function C(a, b) { this.s = a + b; } var BC = C.bind(null, 1); var x = new BC(2); print(x.s, x instanceof C, x instanceof BC);
function R() { this.a = 1; return {b: 2}; } print(new R().a, new R().b);
function R2() { this.a = 1; return 5; } print(new R2().a);
function NT() { return new.target === NT; } print(NT(), new NT() instanceof NT);
print(Math.max.apply(null, [1, 5, 3]), [].slice.call({length: 2, 0: "a", 1: "b"}).join("-"));
var obj = { v: 1, get(){ return this.v; } }; print(obj.get.call({v: 2}), obj.get.bind({v: 3}).call({v: 4}));
try { new (() => 1)(); } catch (e) { print(e.constructor.name); }
try { new o.f(); } catch (e) { print(e.constructor.name); }
print(typeof globalThis.print, this === globalThis);
