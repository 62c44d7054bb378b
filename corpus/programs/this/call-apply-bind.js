// call and apply set this and arguments; bind fixes this and leading arguments, and the first bind wins
function describe(greeting, punct) {
  return greeting + " " + this.name + (punct === undefined ? "" : punct);
}
var ann = { name: "Ann" };
var bob = { name: "Bob" };
print(describe.call(ann, "hi", "!"));
print(describe.apply(bob, ["hello", "?"]));
var hiAnn = describe.bind(ann, "hi");
print(hiAnn("."));
print(hiAnn.call(bob, ";"));
var rebound = hiAnn.bind(bob, "?!");
print(rebound());
print("lengths", describe.length, hiAnn.length, rebound.length);
print("bound name", hiAnn.name);
var counter = {
  count: 0,
  inc: function () { this.count++; return this.count; }
};
var inc = counter.inc.bind(counter);
[1, 2, 3].forEach(inc);
print("count after forEach", counter.count);
