// Annex B: evaluating a block-level function declaration in sloppy code copies the block binding's
// current value into the function's var binding (B.3.2.1), so right after the declaration both
// bindings hold the same function object: the two names compare identical, and a property set on
// the function through one name is seen through the other, by closures made inside the block and
// outside it alike
function sameObject() {
  var inBlock;
  {
    function g() {}
    inBlock = g;
  }
  return g === inBlock;
}
print("identity " + sameObject());
function tagged() {
  {
    function h() {}
    h.tag = "set in block";
  }
  return h.tag;
}
print("property " + tagged());
function counters() {
  var readInside;
  {
    function k() {
      return k.count;
    }
    k.count = 10;
    readInside = () => k.count;
  }
  const readOutside = () => k.count;
  k.count++;
  return readInside() + " " + readOutside() + " " + k();
}
print("closures " + counters());
var globalInner;
{
  function atTop() {}
  atTop.mark = "top";
  globalInner = atTop;
}
print("global " + (atTop === globalInner) + " " + atTop.mark);
