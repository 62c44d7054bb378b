// misc operators and conversions: string concatenation, number formatting, comparisons, array and string built-ins
print([1, 2, 3] + "", [] + {}, 1 + "2", "3" * "4", null + 1, undefined + 1, true + 1);
print(0.1 * 3, 1e21 + 1, 123456789012345680000, 5e-7, -1e-7, 2**53, 2**-1074);
print(1 / 0, -1 / 0, 0 / 0, -0 === 0);
print("b" > "a", "B" < "a", "10" < "9", 10 < 9, null == undefined, null == 0, "" == 0, "1" == 1, NaN == NaN);
print(typeof (() => 1), typeof new Number(1), typeof Object(1));
print(String(null), String([null]), String([undefined, 1]), String({}), JSON.stringify("a\nb\"c"));
print([3, 1, 2].reverse(), [1, 2, 3].indexOf(2), [NaN].includes(NaN), [NaN].indexOf(NaN));
print([1, 2, 3, 4].splice(1, 2), [5, 6].concat([7], 8), "a-b-c".split("-"), "abc".split(""));
print("abc".charAt(1), "abc".charCodeAt(1), "abc".slice(-2), "abc".substring(2, 0), "  x ".trim() + "|");
print((25).toString(), (1.5).toString(), Math.round(-0.5), Math.round(2.5), Math.max(), Math.min(1, "0"));
print(~5, 5 >>> 1, -5 >> 1, -5 >>> 28, 1 << 31, 7 % -3, -7 % 3, 2 ** 10);
var a = [1, 2, 3]; a.length = 1; print(a, a.length); a[5] = 1; print(a.length, a);
print(Object.keys({b: 1, a: 2, 1: 3, 0: 4}), JSON.stringify([undefined, function(){}, NaN]));

