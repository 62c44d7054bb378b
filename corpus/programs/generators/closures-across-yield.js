// generators: state kept across yields, closures created per iteration, return/throw resumption, finally on early exit
function* counter(start) { let n = start; while (true) { const step = yield n; n += step === undefined ? 1 : step; } }
var c = counter(5); print(c.next().value, c.next().value, c.next(10).value, c.next().done);
function* g() { try { yield 1; yield 2; } finally { print("cleanup"); } }
for (const v of g()) { print("v", v); if (v === 1) break; }
var it = g(); print(JSON.stringify(it.next()), JSON.stringify(it.return(7)), JSON.stringify(it.next()));
var it2 = g(); it2.next(); try { it2.throw(new Error("boom")); } catch (e) { print("caught", e.message); }
function* closures() { for (let i = 0; i < 3; i++) yield () => i; }
print([...closures()].map(f => f()));
var [a, b] = closures(); print(a(), b());
function* args() { yield arguments.length; yield this === undefined; }
print([...args(1, 2)].join());
var o = { *gen() { yield this.x; }, x: 42 }; print(o.gen().next().value);
function* early(x = print("param default evaluated")) { print("body"); yield 1; }
var e = early(); print("created"); e.next();
function* rec(n) { if (n > 0) { for (const v of rec(n - 1)) yield v; yield n; } }
print([...rec(4)]);
print(typeof counter, Object.getPrototypeOf(counter) === Object.getPrototypeOf(function*(){}), counter.prototype.constructor === undefined);
try { new counter(); } catch (err) { print(err.name); }
function* sharedState() { let total = 0; const add = (v) => total += v; while (total < 10) { add(yield total); } return "done " + total; }
var s = sharedState(); s.next(); s.next(4); print(JSON.stringify(s.next(7)));
function* inner() { try { yield "a"; } catch (err) { print("inner caught", err); yield "b"; } }
var ii = inner(); ii.next(); print(ii.throw("x").value);
function* running() { r.next(); } var r = running(); try { r.next(); } catch (err) { print(err.name); }
