#!/usr/bin/env node
// node-outcome.js: run JS files as classic scripts in fresh `vm` contexts and
// print one JSON line per file describing the observable outcome:
//   {"file": path, "status": "ok"|"threw"|"syntax-error", "output": [...], "error": null|name}
// Usage: node corpus/tools/node-outcome.js FILE...
'use strict';

const fs = require('fs');
const v8 = require('v8');
const vm = require('vm');

// The lifetime hook needs a full collection on demand: expose `gc` without a command-line flag.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

// Name of a thrown value: its constructor's name when it is an object that has
// one, otherwise its typeof. Values thrown inside a context carry that
// context's constructors, so we read `.constructor.name` instead of instanceof.
function errorName(value) {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    try {
      const ctor = value.constructor;
      if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return ctor.name;
    } catch (_) {
      // A throwing `constructor` getter: fall through to typeof.
    }
  }
  return typeof value;
}

// Wait for one macrotask turn so that any pending microtasks have run.
function macrotaskTurn() {
  return new Promise((resolve) => setImmediate(resolve));
}

async function runFile(file) {
  const output = [];
  // print / console.log: String() every argument, join with a space, record the line.
  const print = (...args) => { output.push(args.map((x) => String(x)).join(' ')); };
  // The lifetime protocol (harness/src/lifetime.rs): afterGc callbacks run after the script and its
  // jobs, each in a later macrotask (so WeakRef targets are no longer kept) after a full collection.
  const afterGcCallbacks = [];
  const afterGc = (callback) => {
    if (typeof callback !== 'function') throw new TypeError('afterGc: the callback is not a function');
    afterGcCallbacks.push(callback);
  };
  const lifetimeProbe = (name, w) => print('lifetime ' + name + ' ' + (w.deref() === undefined ? 'collected' : 'kept'));
  // An ordinary global object where node has one (see harness/drivers/node-worker.js): a
  // contextified global lets strict code assign a function to an undeclared name (nodejs/node#38918).
  const ordinary = vm.constants && vm.constants.DONT_CONTEXTIFY !== undefined;
  const context = vm.createContext(ordinary ? vm.constants.DONT_CONTEXTIFY : {});
  Object.assign(context, { print, console: { log: print }, afterGc, lifetimeProbe });
  const src = fs.readFileSync(file, 'utf8');

  let script;
  try {
    script = new vm.Script(src, { filename: file });
  } catch (e) {
    // Compile-time failure (early error): the script never ran.
    return { file, status: 'syntax-error', output, error: errorName(e) };
  }

  let status = 'ok';
  let error = null;
  try {
    script.runInContext(context);
  } catch (e) {
    status = 'threw';
    error = errorName(e);
  }
  await macrotaskTurn();
  while (status === 'ok' && afterGcCallbacks.length > 0) {
    gc();
    try {
      afterGcCallbacks.shift()();
    } catch (e) {
      status = 'threw';
      error = errorName(e);
    }
    await macrotaskTurn();
  }
  return { file, status, output, error };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node node-outcome.js FILE...\n');
    process.exit(2);
  }
  for (const file of files) {
    process.stdout.write(JSON.stringify(await runFile(file)) + '\n');
  }
}

main();
