// closure-diff's node driver. Runs each program as a classic script in a fresh `vm` context with
// print, console.log, afterGc and lifetimeProbe (harness/src/lifetime.rs), drains its microtasks and afterGc work, and answers with an
// outcome in the harness's JSON form: {"status", "output", "error", "detail"?}.
//
//   node --expose-gc node-worker.js            persistent worker: one JSON request per stdin line,
//                                              {"id": 1, "source": "...", "timeout_ms": 5000},
//                                              one JSON answer per stdout line, {"id": 1, "outcome": {...}}
//   node --expose-gc node-worker.js --once F   runs the program in file F, prints one outcome line
//
// A fresh context per program means nothing one program does to its globals or prototypes is
// visible to the next; the harness tests that.
'use strict';

const vm = require('vm');
const fs = require('fs');
const readline = require('readline');

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const MAX_AFTER_GC_CALLBACKS = 10000;

// Installs the host functions inside the context, so that they belong to its realm (their
// prototypes, String and TypeError are the program's own).
const HOST_SETUP = `(function (write, register) {
  'use strict';
  // Taken now: a program that replaces String, TypeError or array methods changes nothing printed.
  var toText = String;
  var SymbolError = TypeError;
  function line(args) {
    var text = '';
    for (var i = 0; i < args.length; i++) {
      if (typeof args[i] === 'symbol') throw new SymbolError('Cannot convert a Symbol value to a string');
      text += (i > 0 ? ' ' : '') + toText(args[i]);
    }
    write(text);
  }
  var print = function print() { line(arguments); };
  var log = function log() { line(arguments); };
  var afterGc = function afterGc(callback) {
    if (typeof callback !== 'function') throw new TypeError('afterGc: the callback is not a function');
    register(callback);
  };
  var lifetimeProbe = function lifetimeProbe(name, w) {
    line(['lifetime ' + name + ' ' + (w.deref() === undefined ? 'collected' : 'kept')]);
  };
  var console = {};
  var hidden = { writable: true, configurable: true, enumerable: false };
  Object.defineProperty(console, 'log', Object.assign({ value: log }, hidden));
  Object.defineProperty(globalThis, 'print', Object.assign({ value: print }, hidden));
  Object.defineProperty(globalThis, 'console', Object.assign({ value: console }, hidden));
  Object.defineProperty(globalThis, 'afterGc', Object.assign({ value: afterGc }, hidden));
  Object.defineProperty(globalThis, 'lifetimeProbe', Object.assign({ value: lifetimeProbe }, hidden));
})`;

// Where node has it (20.18+, 22.8+), each context gets an ordinary global object instead of a
// "contextified" one: the interceptors of a contextified global let a strict-mode assignment of a
// function to an undeclared name succeed (nodejs/node#38918), which no standalone engine does.
const CONTEXT_GLOBAL = vm.constants && vm.constants.DONT_CONTEXTIFY !== undefined ? vm.constants.DONT_CONTEXTIFY : {};

class OutputLimit extends Error {}

function nextTask() {
  return new Promise((resolve) => setImmediate(resolve));
}

function limitOf(error) {
  if (error instanceof OutputLimit) return 'memory';
  if (error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'time';
  if (error && typeof error === 'object') {
    let message;
    try {
      message = String(error.message);
    } catch (_) {
      return null;
    }
    if (message === 'Maximum call stack size exceeded') return 'stack';
    if (/^(Invalid array length|Invalid string length|Array buffer allocation failed)$/.test(message)) {
      return 'memory';
    }
  }
  return null;
}

function constructorName(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return value === null ? 'object' : typeof value;
  }
  try {
    const constructor = value.constructor;
    const name =
      constructor !== null && (typeof constructor === 'object' || typeof constructor === 'function')
        ? constructor.name
        : undefined;
    return typeof name === 'string' ? name : typeof value;
  } catch (_) {
    return typeof value;
  }
}

async function runProgram(source, timeoutMs) {
  const output = [];
  let bytes = 0;
  let overflowed = false;
  const callbacks = [];
  const write = (text) => {
    bytes += Buffer.byteLength(text);
    if (bytes > MAX_OUTPUT_BYTES) {
      overflowed = true;
      throw new OutputLimit('output limit reached');
    }
    // A lone surrogate becomes U+FFFD, as in the other hosts' output decoded from their stdout:
    // the harness reads JSON, and JSON text with a lone surrogate escape is no Rust string.
    output.push(text.toWellFormed());
  };
  const end = (status, extra) => Object.assign({ status, output, error: null }, extra || {});
  const failure = (error) => {
    const limit = overflowed ? 'memory' : limitOf(error);
    if (limit) return end('exhausted', { detail: limit });
    return end('threw', { error: constructorName(error) });
  };

  let script;
  try {
    script = new vm.Script(source, { filename: 'program.js' });
  } catch (error) {
    if (error instanceof SyntaxError) return end('syntax-error');
    return failure(error);
  }
  // Microtasks run inside each runInContext call (and within its timeout), so that an endless job
  // chain is stopped by the timeout like an endless loop.
  const context = vm.createContext(CONTEXT_GLOBAL, { microtaskMode: 'afterEvaluate' });
  vm.runInContext(HOST_SETUP, context)(write, (callback) => callbacks.push(callback));
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  try {
    script.runInContext(context, { timeout: remaining() });
  } catch (error) {
    return failure(error);
  }
  if (overflowed) return end('exhausted', { detail: 'memory' });
  // afterGc: each callback in a later task (so V8 has released the objects WeakRef.prototype.deref
  // kept alive for the current job), after a full collection, with its microtasks drained.
  const call = new vm.Script('globalThis.__closureDiffCallback__()');
  for (let invoked = 0; callbacks.length > 0; invoked++) {
    if (invoked >= MAX_AFTER_GC_CALLBACKS) return end('exhausted', { detail: 'fuel' });
    if (Date.now() >= deadline) return end('exhausted', { detail: 'time' });
    await nextTask();
    global.gc();
    const callback = callbacks.shift();
    Object.defineProperty(context, '__closureDiffCallback__', { value: callback, configurable: true });
    try {
      call.runInContext(context, { timeout: remaining() });
    } catch (error) {
      return failure(error);
    } finally {
      delete context.__closureDiffCallback__;
    }
    if (overflowed) return end('exhausted', { detail: 'memory' });
  }
  return end('ok');
}

async function once(path) {
  const source = fs.readFileSync(path, 'utf8');
  const outcome = await runProgram(source, 10000);
  process.stdout.write(JSON.stringify(outcome) + '\n');
}

async function serve() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  process.stdout.write(JSON.stringify({ ready: 'node', version: process.version }) + '\n');
  for await (const text of lines) {
    if (text.trim() === '') continue;
    const request = JSON.parse(text);
    const outcome = await runProgram(request.source, request.timeout_ms || 10000);
    process.stdout.write(JSON.stringify({ id: request.id, outcome }) + '\n');
  }
}

if (typeof global.gc !== 'function') {
  process.stderr.write('node-worker.js needs node --expose-gc\n');
  process.exit(2);
}
// A promise a program rejected without a handler is no error of the program's run (no other host
// reports it), and node's default for it, ending the process, would be charged to the next program.
process.on('unhandledRejection', () => {});
const main = process.argv[2] === '--once' ? once(process.argv[3]) : serve();
main.catch((error) => {
  process.stderr.write(`node-worker.js: ${error && error.stack}\n`);
  process.exit(3);
});
