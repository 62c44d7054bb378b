// object spread copies the source's own enumerable properties with CopyDataProperties, which
// first converts the source with ToObject (13.2.5.5, 7.3.25); a primitive string becomes
// a String object whose indices are own enumerable properties, so they are copied, while
// numbers, booleans, null and undefined add nothing
const show = (o) => Object.keys(o).map((k) => k + "=" + o[k]).join() + "|";
print(show({ ..."ab" }));
const word = "xyz";
const withCount = () => ({ ...word, n: word.length });
print(show(withCount()));
print(show({ ...1, ...true, ...null, ...undefined, ..."q" }));
print(show({ ...new String("cd") }));
const { ...rest } = "ef";
print(show(rest));
const pick = (s) => ({ 0: "zero", ...s });
print(show(pick("g")) + " " + show(pick("")));
