// Regression case promoted from closure-diff finding quickjs-output-2b82f26f, found 2026-11-25T04:48:01Z
// (generated from seed 777657, size large).
let a = 0;
a -= 6;
function b() {
  let y = 0;
  return {
    inc: function(x) {
      y += x;
    },
    get: () => y
  };
}
var c = b();
with (0) {
  const y = 0;
  try {
    y += c.inc(a);
  } catch (d) {}
}
print(c.get());
