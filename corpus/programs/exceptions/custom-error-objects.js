// custom error types built from constructor functions and prototypes; an uncaught one ends the script
function ValidationError(field) {
  this.field = field;
  this.message = "invalid " + field;
}
ValidationError.prototype = Object.create(Error.prototype);
ValidationError.prototype.constructor = ValidationError;
ValidationError.prototype.name = "ValidationError";
function validate(obj) {
  if (!("age" in obj)) throw new ValidationError("age");
  return "valid";
}
try {
  validate({});
} catch (e) {
  print("name", e.name, "field", e.field, "message", e.message);
  print("instanceof", e instanceof ValidationError, e instanceof Error, e instanceof TypeError);
  print("constructor", e.constructor.name, "toString", String(e));
}
print(validate({ age: 3 }));
var builtins = [new TypeError("t"), new RangeError("r"), new SyntaxError("s"), new ReferenceError("x"), new Error("e")];
print(builtins.map(function (e) { return e.name + "/" + (e instanceof Error); }).join(" "));
throw new ValidationError("uncaught");
