// a function declaration and a var of the same name share one binding; later assignments win
print("typeof f at start", typeof f);
var f = 1;
print("typeof f after var", typeof f);
function f() { return "fn"; }
print("typeof f at end", typeof f);
function g() { return "first"; }
print("g", g());
function g() { return "second"; }
function scope() {
  var result = [typeof h];
  var h;
  result.push(typeof h);
  h = "string";
  result.push(typeof h);
  function h() {}
  return result.join(",");
}
print("scope", scope());
