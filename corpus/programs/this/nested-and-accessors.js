// this through nested arrows and functions, and in getters and setters (including inherited ones)
var outer = {
  tag: "outer",
  run: function () {
    var inner = {
      tag: "inner",
      go: () => this.tag,
      goFn: function () { return (() => this.tag)(); }
    };
    return inner.go() + " " + inner.goFn();
  }
};
print("nested", outer.run());
var temp = {
  celsius: 20,
  get fahrenheit() { return this.celsius * 9 / 5 + 32; },
  set fahrenheit(f) { this.celsius = (f - 32) * 5 / 9; }
};
print("getter", temp.fahrenheit);
temp.fahrenheit = 50;
print("setter", temp.celsius);
var child = Object.create(temp);
child.celsius = 100;
print("inherited getter uses receiver", child.fahrenheit, temp.fahrenheit);
child.fahrenheit = 212;
print("inherited setter writes receiver", child.celsius, temp.celsius, child.hasOwnProperty("celsius"));
