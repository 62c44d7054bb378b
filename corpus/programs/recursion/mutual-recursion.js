// mutual recursion through closures that capture each other, and between function declarations
function makeParity() {
  var isEven = function (n) { return n === 0 ? true : isOdd(n - 1); };
  var isOdd = function (n) { return n === 0 ? false : isEven(n - 1); };
  return { isEven: isEven, isOdd: isOdd };
}
var p = makeParity();
print("even(10)", p.isEven(10), "odd(7)", p.isOdd(7), "even(7)", p.isEven(7));
function ping(n, log) { log.push("ping" + n); return n > 0 ? pong(n - 1, log) : log; }
function pong(n, log) { log.push("pong" + n); return n > 0 ? ping(n - 1, log) : log; }
print(ping(3, []).join(" "));
