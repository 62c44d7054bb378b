// arrows capture this from the enclosing function call; ordinary functions get this from each call
var obj = {
  name: "obj",
  viaArrow: function () {
    var arrow = () => this.name;
    return arrow;
  },
  viaFunction: function () {
    var fn = function () { return this.name; };
    return fn;
  }
};
var arrow = obj.viaArrow();
print("arrow after return", arrow());
print("arrow ignores call", arrow.call({ name: "other" }));
print("arrow ignores bind", arrow.bind({ name: "bound" })());
var other = { name: "other", borrowed: obj.viaArrow };
print("arrow made in other", other.borrowed()());
var fn = obj.viaFunction();
var holder = { name: "holder", fn: fn };
print("function as method", holder.fn());
print("function via call", fn.call({ name: "called" }));
