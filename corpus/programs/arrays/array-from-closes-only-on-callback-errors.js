// Array.from closes the source iterator when the map function throws, but not when next() or a
// result's value getter throws (IfAbruptCloseIterator covers only the mapping and the define); the
// iterator method is read once, and the map function's closures keep their own index
function source(label, failAt, failHow) {
  var log = [];
  var i = 0;
  var it = {
    next: function () {
      i++;
      if (failHow === "next" && i === failAt) throw label + " next";
      if (i > 3) return { done: true };
      var step = { done: false };
      if (failHow === "value" && i === failAt) {
        Object.defineProperty(step, "value", { get: function () { throw label + " value"; } });
      } else {
        step.value = i * 10;
      }
      return step;
    },
    return: function () { log.push("closed"); return {}; }
  };
  var reads = 0;
  var iterable = {};
  Object.defineProperty(iterable, Symbol.iterator, {
    get: function () { reads++; return function () { return it; }; }
  });
  return { iterable: iterable, log: log, reads: function () { return reads; } };
}

function attempt(label, failAt, failHow, mapThrowsAt) {
  var s = source(label, failAt, failHow);
  var made = [];
  try {
    var out = Array.from(s.iterable, function (v, k) {
      if (k === mapThrowsAt) throw label + " map";
      made.push(function () { return v + k; });
      return v;
    });
    print(label, "result", out.join(","));
  } catch (e) {
    print(label, "caught", e);
  }
  print(label, "closed", s.log.length, "reads", s.reads(), "closures", made.map(function (f) { return f(); }).join(","));
}

attempt("plain", 0, "", -1);
attempt("next-throws", 2, "next", -1);
attempt("value-throws", 2, "value", -1);
attempt("map-throws", 0, "", 1);
