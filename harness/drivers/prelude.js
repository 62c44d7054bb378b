// closure-diff's prelude for external engines run as one process per program (every host but
// node, which has its own driver). The harness fills in four holes (their names are written between
// at-signs in the code below; they must not appear anywhere else in this file) for each run:
//
//   NONCE   a random token; only lines starting with it report how the run ended, and the program
//           cannot know it (it is not in the source of any function the program can reach)
//   GC      a statement forcing a full collection, or `throw new Error('no gc')`
//   DRAIN   a statement running every pending job now, or nothing
//   RUN     how the program is started (see harness/src/engines/external/mod.rs)
//
// Every line the program prints is written as a JSON string (long ones in pieces, see `line`), so
// that a printed newline cannot split or forge lines; the end is one line
// `NONCE {"status": ..., "error": ..., "detail": ...}`.
(function (global) {
  var nonce = '@NONCE@';
  var nativePrint = global.print;
  // The built-ins the prelude calls once the program runs, taken now: a program may replace or
  // delete `String`, `JSON.stringify` or array and string methods, which must change neither what
  // print writes nor how the run's end is reported (the reference's host functions are native).
  var uncurry = Function.prototype.bind.bind(Function.prototype.call);
  var toText = String;
  var stringify = JSON.stringify;
  var charCodeAt = uncurry(String.prototype.charCodeAt);
  var slice = uncurry(String.prototype.slice);
  var toLowerCase = uncurry(String.prototype.toLowerCase);
  var SymbolError = TypeError;
  var write = function (text) {
    nativePrint(text);
  };
  var define = function (object, name, value) {
    try {
      Object.defineProperty(object, name, { value: value, writable: true, configurable: true, enumerable: false });
    } catch (e) {
      // gjs's own print is non-configurable but writable: replace its value.
      object[name] = value;
    }
  };
  // Some hosts cut long lines short (njs's print keeps 2,048 bytes), so a line goes out in pieces of
  // at most 256 UTF-16 units (at most 1,536 bytes once escaped), every piece after the first marked
  // with a leading `+`; a surrogate pair is never split.
  var line = function (args) {
    var text = '';
    for (var i = 0; i < args.length; i++) {
      if (typeof args[i] === 'symbol') throw new SymbolError('Cannot convert a Symbol value to a string');
      text += (i > 0 ? ' ' : '') + toText(args[i]);
    }
    var mark = '';
    var at = 0;
    do {
      var end = at + 256 < text.length ? at + 256 : text.length;
      var last = charCodeAt(text, end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      write(mark + stringify(slice(text, at, end)));
      mark = '+';
      at = end;
    } while (at < text.length);
  };
  // afterGc callbacks, first in first out, in an object without a prototype (no setter a program
  // put on Array.prototype or Object.prototype can see them).
  var callbacks = Object.create(null);
  var firstCallback = 0;
  var endCallbacks = 0;
  var console = {};
  define(console, 'log', function log() {
    line(arguments);
  });
  define(global, 'print', function print() {
    line(arguments);
  });
  define(global, 'console', console);
  if (global.console !== console) {
    // gjs's console is read-only: give its own object our log.
    define(global.console, 'log', console.log);
  }
  define(global, 'afterGc', function afterGc(callback) {
    if (typeof callback !== 'function') throw new TypeError('afterGc: the callback is not a function');
    callbacks[endCallbacks++] = callback;
  });
  // The lifetime protocol's probe (harness/src/lifetime.rs): whether a WeakRef's target is still there.
  define(global, 'lifetimeProbe', function lifetimeProbe(name, w) {
    line(['lifetime ' + name + ' ' + (w.deref() === undefined ? 'collected' : 'kept')]);
  });
  var report = function (status, error, detail) {
    // An anonymous class's instance has the constructor name "": still a name, not a missing one.
    var name = typeof error === 'string' ? error : null;
    write(nonce + ' ' + stringify({ status: status, error: name, detail: detail || null }));
  };
  var constructorName = function (value) {
    if (value === null) return 'object';
    if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
    try {
      var constructor = value.constructor;
      var name =
        constructor !== null && (typeof constructor === 'object' || typeof constructor === 'function')
          ? constructor.name
          : undefined;
      return typeof name === 'string' ? name : typeof value;
    } catch (e) {
      return typeof value;
    }
  };
  // The hosts' own words for their limits, whole: a program's error whose message merely mentions
  // recursion or allocation is an error like any other. (mujs throws the string itself.)
  var limits = Object.create(null);
  limits['maximum call stack size exceeded'] = limits['maximum call stack size exceeded.'] = 'stack';
  limits['too much recursion'] = limits['callstack limit'] = limits['c stack depth limit'] = 'stack';
  limits['stack overflow'] = 'stack';
  limits['out of memory'] = limits['allocation size overflow'] = limits['invalid string length'] = 'memory';
  limits['result too long'] = limits['alloc failed'] = 'memory';
  var limitOf = function (error) {
    var message;
    try {
      message = typeof error === 'string' ? error : error !== null && typeof error === 'object' ? toText(error.message) : '';
      message = toLowerCase(message);
    } catch (e) {
      return null;
    }
    var limit = limits[message];
    return typeof limit === 'string' ? limit : null;
  };
  var fail = function (error) {
    var limit = limitOf(error);
    if (limit) report('exhausted', null, limit);
    else report('threw', constructorName(error));
  };
  var finish = function () {
    @DRAIN@;
    for (var invoked = 0; firstCallback < endCallbacks; invoked++) {
      if (invoked >= 10000) return report('exhausted', null, 'fuel');
      var callback = callbacks[firstCallback];
      // Not held across the collection by the queue itself.
      delete callbacks[firstCallback++];
      @GC@;
      try {
        callback();
      } catch (error) {
        return fail(error);
      }
      @DRAIN@;
    }
    report('ok');
  };
  define(global, '__closureDiffEnd@NONCE@', finish);
  @RUN@
})(typeof globalThis !== 'undefined' ? globalThis : this);
