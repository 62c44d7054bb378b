// plain recursion, recursion through a var-held closure (rebindable) and through a named function expression
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
print("fact(10)", fact(10), "fact(20)", fact(20), "fact(25)", fact(25));
var fib = function (n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
print("fib(15)", fib(15));
var original = fib;
fib = function () { return 0; };
print("rebound var breaks recursion", original(5));
var nfe = function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); };
var keep = nfe;
nfe = null;
print("named expression survives", keep(10));
