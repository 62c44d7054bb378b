// memoisation with a cache captured by a closure; the recursive calls go through the memoised wrapper
function memoize(fn) {
  var cache = {};
  var hits = 0;
  var wrapped = function (n) {
    if (n in cache) { hits++; return cache[n]; }
    var v = fn(n);
    cache[n] = v;
    return v;
  };
  wrapped.hits = function () { return hits; };
  wrapped.size = function () { return Object.keys(cache).length; };
  return wrapped;
}
var calls = 0;
var fib = memoize(function (n) { calls++; return n < 2 ? n : fib(n - 1) + fib(n - 2); });
print("fib(50)", fib(50), "calls", calls, "hits", fib.hits(), "cache", fib.size());
print("again", fib(50), "calls", calls, "hits", fib.hits());
print("fib(90)", fib(90));
