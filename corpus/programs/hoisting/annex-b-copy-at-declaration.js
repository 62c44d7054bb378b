// Annex B: the block binding's value is copied to the var binding when the declaration statement is evaluated
function early() {
  {
    function g() { return "declared"; }
    g = "reassigned in block";
  }
  return typeof g;
}
print("assign after declaration:", early());
function late() {
  {
    g = "assigned before declaration";
    function g() { return "declared"; }
  }
  return typeof g + " " + g;
}
print("assign before declaration:", late());
function inner() {
  var blockView;
  {
    function k() { return "k1"; }
    k = function () { return "k2"; };
    blockView = k();
  }
  return blockView + " " + k();
}
print("inner:", inner());
