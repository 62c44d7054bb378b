// closures created at different points of one call still share that call's bindings
function timeline() {
  var events = [];
  var first = function (e) { events.push("first:" + e); };
  events.push("created first");
  var second = function (e) { events.push("second:" + e); };
  var report = function () { return events.length + " " + events.join(","); };
  return [first, second, report];
}
var t = timeline();
t[0]("x");
t[1]("y");
print(t[2]());
var u = timeline();
print(u[2](), "|", t[2]());
