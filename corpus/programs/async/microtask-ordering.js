// async functions and promises: closures across await, the interleaving of reaction jobs, thenables, rejections
var log = [];
async function a() { log.push("a1"); await null; log.push("a2"); await b(); log.push("a3"); return "A"; }
async function b() { log.push("b1"); await undefined; log.push("b2"); }
Promise.resolve().then(() => log.push("t1")).then(() => log.push("t2")).then(() => log.push("t3"));
a().then(v => { log.push("then " + v); });
new Promise(r => { log.push("executor"); r(1); }).then(v => log.push("p " + v));
log.push("sync end");
var thenable = { then(res) { log.push("thenable then"); res(5); } };
Promise.resolve(thenable).then(v => log.push("thenable " + v));
(async () => { try { await Promise.reject(new TypeError("x")); } catch (e) { log.push("caught " + e.name); } finally { log.push("finally"); } })();
async function counter() { let n = 0; const inc = async () => { await null; return ++n; }; await inc(); await inc(); return n; }
counter().then(n => log.push("counter " + n));
Promise.reject(3).catch(v => log.push("catch " + v));
async function throws() { throw new RangeError("r"); }
throws().then(null, e => log.push("rejected " + e.name));
var order = [];
async function loop() { for (let i = 0; i < 3; i++) { await null; order.push(() => i); } }
loop().then(() => log.push("loop " + order.map(f => f()).join()));
setTimeoutLike();
Promise.resolve().then(() => 0).then(() => 0).then(() => 0).then(() => 0).then(() => 0).then(() => 0).then(() => print(log.join(" | ")));
