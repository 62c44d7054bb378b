// in `o[k] = v` the key expression is evaluated first but converted with ToPropertyKey only
// when the value is stored, after the right-hand side ran (13.15.2, 13.3.3
// EvaluatePropertyAccessWithExpressionKey leaves the key unconverted, 6.2.5.6 PutValue converts
// it); a key whose toString reads a captured variable therefore sees what the right-hand side
// wrote, in every assignment form
let mode = "before";
const key = { toString() { return mode; } };
const keysOf = (o) => Object.keys(o).join();
const o = {};
o[key] = ((mode = "after"), 1);
print(keysOf(o));
mode = "before";
const arr = [];
arr[key] = ((mode = "later"), 2);
print(keysOf(arr));
mode = "before";
const t = {};
[t[key] = ((mode = "default"), 3)] = [];
print(keysOf(t));
mode = "before";
const u = {};
({ a: u[key] } = { get a() { mode = "getter"; return 4; } });
print(keysOf(u));
const derived = Object.setPrototypeOf({
  m() {
    mode = "before";
    super[key] = ((mode = "super"), 5);
    return keysOf(this);
  },
}, {});
print(derived.m());
