// destructuring (declarations, parameters with defaults seeing other parameters, assignment to members, catch) and spread
var {a, b: [c, d = 4], ...rest} = {a: 1, b: [3], e: 5, f: 6};
print(a, c, d, JSON.stringify(rest));
let [x, , y = 9, ...zs] = "hello";
print(x, y, zs.join("|"));
function f({p = () => q, q} = {q: 7}, [r] = [8]) { return p() + r; }
print(f(), f({q: 1}, [2]));
var o = {}; var arr = [];
[o.first, arr[0], ...o.rest] = [1, 2, 3, 4];
({a: o.a = 10, b: arr[1], ...o.others} = {b: 20, c: 30});
print(o.first, arr, o.rest, o.a, JSON.stringify(o.others));
var fs = [];
for (const [i, v] of [[0, "a"], [1, "b"]]) fs.push(() => i + v);
print(fs.map(g => g()));
try { var {z} = null; } catch (e) { print(e.name); }
try { let [w] = {}; } catch (e) { print(e.name); }
print(Math.max(...[1, 5, 2], 3), [0, ...[1, 2], ...'ab'], JSON.stringify({...{k: 1}, l: 2, ...null}));
function g(a, b) { return this.n + a + b; } print(g.call({n: 1}, ...[2, 3]));
function C(a, b) { this.s = a + b; } print(new C(...[1, 2]).s);
var {length} = "four"; print(length);
var named = {}; ({fn = function() {}} = {}); print(fn.name);
try { throw {code: 3, msg: "m"}; } catch ({code, msg}) { print(code, msg); }
var [sw1, sw2] = [1, 2]; [sw1, sw2] = [sw2, sw1]; print(sw1, sw2);
