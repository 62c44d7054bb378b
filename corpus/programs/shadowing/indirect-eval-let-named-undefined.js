// an eval's let and const go into a new declarative environment of their own (19.2.1.3
// EvalDeclarationInstantiation step 15), never onto the global object, so an indirect eval may
// declare let undefined even though the global object's undefined property is non-configurable;
// closures made in the eval see its binding, and the global one is untouched
const read = (0, eval)("let undefined = 1; const NaN = 'local'; () => undefined + ' ' + NaN");
print(read());
print(typeof undefined + " " + typeof NaN);
const typed = (0, eval)("let Infinity = 2; () => typeof Infinity");
print(typed());
