#!/usr/bin/env node
// node-run.js: runs generated programs in node (needs `node --expose-gc`), each as a classic script in
// a fresh `vm` context with `print` and the lifetime hook `afterGc(callback)`: once the script and its
// jobs are done, the callback runs in a later macrotask after a full `gc()` (a new macrotask also
// clears V8's WeakRef kept-objects list), and `lifetimeProbe(name, weakRef)`, which prints
// `lifetime NAME kept|collected`. Prints one JSON line per file:
//   {"file": path, "status": "ok"|"threw <name>"|"syntax-error"|"timeout", "output": [...]}
// Usage: node --expose-gc generator/tools/node-run.js FILE...
'use strict';

const fs = require('fs');
const vm = require('vm');

if (typeof gc !== 'function') {
  process.stderr.write('node-run.js needs node --expose-gc\n');
  process.exit(2);
}

function errorName(value) {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    try {
      const ctor = value.constructor;
      if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return ctor.name;
    } catch (_) {}
  }
  return typeof value;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function runFile(file) {
  const output = [];
  let pending = 0;
  let status = 'ok';
  const print = (...args) => { output.push(args.map((x) => String(x)).join(' ')); };
  const afterGc = (cb) => {
    pending++;
    setTimeout(() => {
      gc();
      try { cb(); } catch (e) { if (status === 'ok') status = 'threw ' + errorName(e); }
      pending--;
    }, 0);
  };
  // The portable lifetime probe (harness/src/lifetime.rs's prelude).
  const lifetimeProbe = (name, w) => {
    print('lifetime ' + name + ' ' + (w.deref() === undefined ? 'collected' : 'kept'));
  };
  const context = vm.createContext({ print, afterGc, lifetimeProbe, console: { log: print } });
  let script;
  try {
    script = new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file });
  } catch (e) {
    return { file, status: 'syntax-error', output };
  }
  try {
    script.runInContext(context, { timeout: 10000 });
  } catch (e) {
    status = 'threw ' + errorName(e);
  }
  // Jobs, then every afterGc callback (which may register more) and their jobs.
  let spins = 0;
  do {
    await turn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (++spins > 1000) { status = 'timeout'; break; }
  } while (pending > 0);
  return { file, status, output };
}

process.on('unhandledRejection', (e) => {
  process.stdout.write(JSON.stringify({ file: 'unhandled-rejection', status: 'threw ' + errorName(e), output: [] }) + '\n');
});

(async () => {
  for (const file of process.argv.slice(2)) {
    process.stdout.write(JSON.stringify(await runFile(file)) + '\n');
  }
})();
