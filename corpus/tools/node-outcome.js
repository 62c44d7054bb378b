#!/usr/bin/env node
// node-outcome.js: run JS files as classic scripts in fresh `vm` contexts and
// print one JSON line per file describing the observable outcome:
//   {"file": path, "status": "ok"|"threw"|"syntax-error", "output": [...], "error": null|name}
// Usage: node corpus/tools/node-outcome.js FILE...
'use strict';

const fs = require('fs');
const vm = require('vm');

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
  const context = vm.createContext({ print, console: { log: print } });
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
