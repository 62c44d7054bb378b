// closures stored in arrays, object properties and function properties are called after their creator returned
function registry() {
  var log = [];
  var handlers = [];
  function on(fn) { handlers.push(fn); }
  function emit(v) { for (var i = 0; i < handlers.length; i++) log.push(handlers[i](v)); }
  return { on: on, emit: emit, log: function () { return log.join(" "); } };
}
var r = registry();
(function setup() {
  var prefix = "seen:";
  r.on(function (v) { return prefix + v; });
  r.on((v) => v * 2);
})();
r.emit(1);
r.emit(21);
print(r.log());
function tagged() {
  var count = 0;
  function f() { count++; return f.tag + count; }
  f.tag = "tag";
  f.peek = function () { return count; };
  return f;
}
var t = tagged();
t(); t();
print("function properties", t(), t.peek());
