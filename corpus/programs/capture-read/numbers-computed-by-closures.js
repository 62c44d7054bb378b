// numbers that closures compute and print: the quotient of zero by a negative number is -0
// (6.1.6.1.5 Number::divide), whose sign 1/x and Object.is show; parseInt converts the whole
// digit string and rounds once to the nearest double (19.2.5); and a number prints as the
// shortest decimal that rounds back to it (6.1.6.1.20 Number::toString)
const divideBy = (n) => (x) => x / n;
const byMinusThree = divideBy(-3);
const zero = byMinusThree(0);
print(1 / zero, Object.is(zero, -0), Object.is(0 / -1, -0));
let total = 0;
const halveAndFlip = () => {
  total = total / -2;
  return total;
};
halveAndFlip();
print(1 / total, 1 / halveAndFlip());
const parse = (digits) => () => parseInt(digits);
print(parse("99999999999999999999")(), parse("12345678901234567890")(), parse("9007199254740993")());
const halve = (x) => () => x / 2;
let small = 1;
for (let i = 0; i < 24; i++) small = halve(small)();
print(small, small * 2, 2 ** -24 === small);
