// several closures over one binding see each other's writes; another call makes a fresh binding
function makePair() {
  var shared = 0;
  return {
    inc: function () { shared++; },
    dec: function () { shared--; },
    reset: () => { shared = 0; },
    get: () => shared
  };
}
var p = makePair();
p.inc(); p.inc(); p.inc(); p.dec();
print("after inc x3 dec", p.get());
p.reset();
print("after reset", p.get());
var q = makePair();
q.inc();
print("fresh binding per call", p.get(), q.get());
