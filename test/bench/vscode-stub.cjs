// A universal no-op stand-in for the `vscode` module: every property, call and `new` gives the
// stub again, so an extension's activate() runs all its wiring without VS Code. It is not
// thenable (so awaiting it ends), iterates as empty and converts to '' or 0.
'use strict';

const handler = {
  get(target, property) {
    if (property === 'then') return undefined;
    if (property === Symbol.iterator) return function* empty() {};
    if (property === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : '');
    if (property === 'toString' || property === 'toJSON') return () => '';
    if (property === 'valueOf') return () => 0;
    if (typeof property === 'symbol') return undefined;
    return stub;
  },
  // A bundler's `import * as vscode` copies own properties onto an object made from the
  // prototype: with the stub as its own prototype, every member is found there.
  getPrototypeOf: () => stub,
  set: () => true,
  deleteProperty: () => true,
  apply: () => stub,
  // `new vscode.X()` gives the stub; a class that extends a stub class gets a real instance.
  construct: (target, args, newTarget) => (newTarget === stub ? stub : Object.create(newTarget.prototype)),
};

const stub = new Proxy(function vscodeStub() {}, handler);

/** An ExtensionContext whose subscriptions is an array and whose other members are stubs. */
function extensionContext(extensionPath) {
  const path = require('node:path');
  const own = {
    subscriptions: [],
    extensionPath,
    asAbsolutePath: (relative) => path.join(extensionPath, relative),
    extensionMode: 1,
    storageUri: undefined,
  };
  return new Proxy(own, { get: (target, property) => (property in target ? target[property] : handler.get(target, property)) });
}

/** Makes `require('vscode')` give the stub in this process. */
function installVscodeStub() {
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function loadWithStub(request, ...rest) {
    return request === 'vscode' ? stub : load.call(this, request, ...rest);
  };
}

module.exports = { stub, extensionContext, installVscodeStub };
