// the Function constructor parses its parameter text and its body text each on its own, as
// FormalParameters and as FunctionBody (20.2.1.1.1 CreateDynamicFunction), and only
// then the whole; so any parameter form is accepted, including patterns, while a piece that
// closes the parameter list or the body early is a SyntaxError and never runs. The function's
// scope is the global one: it does not see the locals of the code that builds it
var log = [];
function build(...pieces) {
  try {
    return new Function(...pieces);
  } catch (e) {
    return e.constructor.name;
  }
}
const show = (f, ...args) => (typeof f === "function" ? "function " + f(...args) : f);
print(show(build("{x}", "return x"), { x: 1 }));
print(show(build("[a, b]", "return a + b"), [2, 3]));
print(show(build("a", "{b} = {b: 4}", "return a + b"), 1));
print(show(build("a) { return 1; }; (function(b", "return 2")));
print(show(build("return 1 }")));
print(show(build("", "}); log.push('injected'); (function(){")));
print(log.join() + "|");
var where = "global";
function outer() {
  var where = "local";
  return build("return where")();
}
print(outer());
