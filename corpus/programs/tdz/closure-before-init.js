// calling a closure that reads or writes a let before its declaration has run throws ReferenceError
function readX() { return x; }
function writeX(v) { x = v; }
try {
  readX();
} catch (e) {
  print("read in TDZ", e.name);
}
try {
  writeX(5);
} catch (e) {
  print("write in TDZ", e.name);
}
let x = "initialized";
print("read after init", readX());
writeX("written");
print("after write", x);
