// Annex B: no var binding is made when it would clash with a let/const or a parameter of the same name
function withLet() {
  let g = "let g";
  {
    function g() { return "block g"; }
    print("inside block", typeof g);
  }
  return g;
}
print("withLet:", withLet());
function withParam(g) {
  {
    function g() {}
  }
  return typeof g;
}
print("withParam:", withParam("param"));
function nested() {
  {
    let f = "inner let";
    {
      function f() {}
    }
    print("enclosing let unchanged:", f);
  }
  return typeof f;
}
print("nested:", nested());
