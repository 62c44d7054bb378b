// an uncaught TypeError from assigning to a captured const ends the script
const total = 1;
function add(n) { total = total + n; }
function safeAdd(n) {
  try { add(n); return "added"; } catch (e) { return "caught " + e.name; }
}
print("before", total);
print("guarded", safeAdd(1), "total", total);
print("unguarded add");
add(1);
print("never printed");
