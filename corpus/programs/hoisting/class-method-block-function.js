// class code is strict: a function declared in a block inside a method is scoped to that block and gets no function-level var binding (no Annex B)
function describe(read) {
  try { return read(); } catch (e) { return e.name; }
}
class Probe {
  constructor() {
    this.fromConstructor = describe(() => typeof g);
    { function g() {} }
  }
  method() {
    var before = describe(() => typeof blockFn);
    var inside;
    { function blockFn() { return "in block"; } inside = blockFn(); }
    return [before, inside, describe(() => typeof blockFn)].join(" ");
  }
  static staticMethod() {
    var before = describe(() => typeof h);
    if (true) { function h() {} }
    return before + " " + describe(() => typeof h);
  }
  arrowField = () => {
    var before = describe(() => typeof k);
    { function k() {} }
    return before;
  };
  static {
    this.fromStaticBlock = describe(() => typeof s);
    { function s() {} }
  }
}
var p = new Probe();
print("constructor", p.fromConstructor);
print("method", p.method());
print("static method", Probe.staticMethod());
print("arrow field", p.arrowField());
print("static block", Probe.fromStaticBlock);
var outerName = "outer var";
class Shadow {
  m() {
    var before = describe(() => typeof outerName);
    { function outerName() {} }
    return before;
  }
}
print("outer var stays visible", new Shadow().m());
function sloppy() {
  var before = typeof blockFn;
  { function blockFn() {} }
  return before + " " + typeof blockFn;
}
print("sloppy function", sloppy());
