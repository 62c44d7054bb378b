// const without an initializer is an early SyntaxError, so nothing in the script runs
print("never runs");
const missing;
