// closures capture bindings, not snapshots: mutations of captured objects and reassignments are both visible
function watch() {
  var state = { n: 0 };
  var list = [];
  return {
    view: function () { return state.n + ":" + list.length + ":" + list.join("|"); },
    mutate: function () { state.n++; list.push("m" + state.n); },
    replace: function () { state = { n: 100 }; list = ["fresh"]; }
  };
}
var w = watch();
print(w.view());
w.mutate(); w.mutate();
print(w.view());
w.replace();
print(w.view());
w.mutate();
print(w.view());
var cfg = { level: "low" };
var snapshot = cfg.level;
var live = function () { return cfg.level; };
cfg.level = "high";
print("snapshot", snapshot, "live", live());
