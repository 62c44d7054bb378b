// for-let: closures created in the test expression capture the binding of the iteration being tested
var tests = [];
for (let i = 0; (tests.push(function () { return i; }), i < 3); i++) {
}
print("count", tests.length);
print("values", tests[0](), tests[1](), tests[2](), tests[3]());
var both = [];
for (let j = 0; j < 2; j++) {
  both.push(function () { return j; });
  both.push(function () { return j * 100; });
}
print("two closures per iteration", both.map(function (f) { return f(); }).join(","));
