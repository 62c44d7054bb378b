// Static blocks and static fields run in order (15.7.14 step 31), each a closure over the class.
// A static block that freezes the class makes the next static field fail: DefineField uses
// CreateDataPropertyOrThrow (7.3.33), so the class definition throws TypeError after the field's
// initialiser has run, and the class binding is never seen outside.
var log = [];

function attempt(make) {
  try {
    var C = make();
    return "made " + typeof C + " " + Object.isFrozen(C);
  } catch (e) {
    return e.constructor.name;
  }
}

print(attempt(function () {
  return class Registry {
    static {
      log.push("block sees " + typeof Registry);
      Object.freeze(this);
    }
    static count = (log.push("initialiser runs"), 1);
  };
}));
print(log.join(", "));

// Freezing after the last static element: nothing is defined later, so the class is made.
print(attempt(function () {
  return class Done {
    static count = 1;
    static {
      Object.freeze(this);
    }
  };
}));

// A static method is defined before any static block runs, so freezing does not affect it.
print(attempt(function () {
  return class Methods {
    static {
      Object.freeze(this);
      log.push("method " + typeof this.m);
    }
    static m() {}
  };
}));
print(log.join(", "));
