// closures computing numbers: floating point formatting, -0, NaN, Infinity, large and small magnitudes
function makeOps(a, b) {
  return {
    sum: function () { return a + b; },
    quot: function () { return a / b; },
    prod: function () { return a * b; }
  };
}
var ops = makeOps(0.1, 0.2);
print("0.1+0.2", ops.sum(), ops.sum() === 0.3);
print("1/3", makeOps(1, 3).quot(), "2/3", makeOps(2, 3).quot(), "100/3", makeOps(100, 3).quot());
var big = makeOps(1e21, 1);
print("1e21", big.prod(), "1e21+1", big.sum());
var negZero = makeOps(-0, 1);
print("-0 prints as", negZero.prod(), "1/-0", 1 / negZero.prod(), "[-0]", [-0]);
print("small", makeOps(1e-7, 1).prod(), 0.000001, 123456789012345680000);
print("special", 0 / 0, -1 / 0, Math.pow(2, 53), Math.floor(-2.5), Math.abs(-7.25));
print("more", 0.1 * 3, 9007199254740993, Math.max(), Math.min(3, -1.5), 2e-7 * 5);
