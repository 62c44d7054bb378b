// defaults can use arguments and this; with defaults the arguments object is unmapped
function f(a, b = arguments.length, c = () => arguments[0]) {
  a = "changed";
  return [a, b, c()].join(" ");
}
print(f("orig"));
print(f("orig", "given"));
var obj = {
  name: "obj",
  m: function (label = this.name, get = () => this.name) {
    return label + "/" + get();
  }
};
print(obj.m());
print(obj.m.call({ name: "other" }));
print(obj.m("explicit"));
