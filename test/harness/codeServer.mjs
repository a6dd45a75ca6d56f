// Starts and stops a throwaway code-server (VS Code server + web workbench) on loopback.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provision } from './provision.mjs';
import { onProcessExit, runCommand, spawnGroup, stopTree, tail } from './processes.mjs';

// Flags every harness code-server gets (the smoke-test driver makes the built
// workbench honour extensionDevelopmentPath/extensionTestsPath from the URL payload).
const BASE_FLAGS = [
  '--auth', 'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--ignore-last-opened',
  '--vscode-option', 'enable-smoke-test-driver',
];

// User settings for a quiet, offline, deterministic window (merged with opts.userSettings).
export const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

// Creates a fresh temp dir holding user data, extensions, XDG dirs and a code-server config file.
function makeSandbox(prefix, userSettings = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths = {
    dir,
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    configFile: join(dir, 'config.yaml'),
    logFile: join(dir, 'code-server.log'),
  };
  for (const sub of ['user-data', 'extensions', 'xdg-data', 'xdg-config']) mkdirSync(join(dir, sub));
  writeFileSync(paths.configFile, 'auth: none\n'); // keeps code-server away from ~/.config/code-server
  mkdirSync(join(paths.userDataDir, 'User'));
  writeFileSync(join(paths.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2));
  return paths;
}

// Environment for code-server: its own XDG dirs (nothing written under $HOME) and no extension gallery (offline; no open-vsx lookups).
function sandboxEnv(sandbox, extraEnv = {}) {
  return {
    ...process.env,
    XDG_DATA_HOME: join(sandbox.dir, 'xdg-data'),
    XDG_CONFIG_HOME: join(sandbox.dir, 'xdg-config'),
    EXTENSIONS_GALLERY: '{}',
    ...extraEnv,
  };
}

// Resolves the node binary and code-server entry, provisioning when they were not given.
async function resolveBinaries(opts) {
  if (opts.nodeBin && opts.codeServerEntry) return { nodeBin: opts.nodeBin, codeServerEntry: opts.codeServerEntry };
  const p = await provision({ log: opts.log });
  return { nodeBin: p.nodeBin, codeServerEntry: p.codeServerEntry };
}

// Starts code-server on a free loopback port (after installing opts.installExtensions .vsix files); resolves { port, url, stop(), userDataDir, extensionsDir, logFile, output() } once it answers HTTP.
export async function startCodeServer(opts = {}) {
  const { extraArgs = [], env = {}, startTimeoutMs = 60_000, echo = false, keepTemp = false, userSettings, workspaceTrust = false } = opts;
  const { nodeBin, codeServerEntry } = await resolveBinaries(opts);
  const trustSettings = workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {};
  const sandbox = makeSandbox('cg-cs-', { ...trustSettings, ...userSettings });
  const extensionsDir = opts.extensionsDir ? resolve(opts.extensionsDir) : sandbox.extensionsDir;
  const removeSandbox = () => { if (!keepTemp) rmSync(sandbox.dir, { recursive: true, force: true }); };
  const unregisterRemove = onProcessExit(removeSandbox);
  try {
    // --install-extension is a separate one-shot command; it must finish before the server starts.
    for (const vsix of opts.installExtensions ?? []) await installExtension(vsix, extensionsDir, { nodeBin, codeServerEntry });
  } catch (err) {
    unregisterRemove();
    removeSandbox();
    throw err;
  }

  const args = [
    codeServerEntry,
    // With workspaceTrust, folders open in restricted mode (no prompt): for testing untrusted workspaces.
    ...BASE_FLAGS.filter((flag) => !(workspaceTrust && flag === '--disable-workspace-trust')),
    '--config', sandbox.configFile,
    '--bind-addr', '127.0.0.1:0', // the OS picks a free port; we read it from the log
    '--user-data-dir', sandbox.userDataDir,
    '--extensions-dir', extensionsDir,
    ...extraArgs,
  ];
  const child = spawnGroup(nodeBin, args, { env: sandboxEnv(sandbox, env), stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(sandbox.logFile);
  let output = '';
  const onData = (chunk) => {
    output = (output + chunk.toString()).slice(-100_000);
    logStream.write(chunk);
    if (echo) process.stderr.write(`[code-server] ${chunk}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let stopped = false;
  // Kills the server's whole process tree and deletes its temp dirs (idempotent).
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopTree(child, 1000); // nothing to save: a short grace, then SIGKILL
    logStream.end();
    unregisterRemove();
    removeSandbox();
  };

  try {
    const port = await waitForListening(child, () => output, startTimeoutMs);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(url, child, () => output, startTimeoutMs);
    return {
      port, url, stop, pid: child.pid, process: child,
      userDataDir: sandbox.userDataDir, extensionsDir, logFile: sandbox.logFile,
      output: () => output,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

// Waits for code-server's "HTTP server listening on ..." line and returns the port.
function waitForListening(child, getOutput, timeoutMs) {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => finish(new Error(`code-server did not report a port within ${timeoutMs} ms:\n${tail(getOutput())}`)), timeoutMs);
    const check = () => {
      const m = /HTTP server listening on https?:\/\/[^:\s]+:(\d+)/.exec(getOutput());
      if (m) finish(null, Number(m[1]));
    };
    const onExit = (code, signal) => finish(new Error(`code-server exited early (${code ?? signal}):\n${tail(getOutput())}`));
    function finish(err, port) {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      child.off('exit', onExit);
      err ? reject(err) : resolvePort(port);
    }
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

// Polls the server until an HTTP request succeeds (any status below 500).
async function waitForHttp(url, child, getOutput, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${tail(getOutput())}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server at ${url} did not answer HTTP within ${timeoutMs} ms (${lastError?.message})`);
}

// Installs a .vsix (or marketplace id, if reachable) into `extensionsDir` with a separate code-server command; resolves with its output.
export async function installExtension(vsixPath, extensionsDir, opts = {}) {
  const { nodeBin, codeServerEntry } = await resolveBinaries(opts);
  const sandbox = makeSandbox('cg-cs-install-');
  try {
    const args = [
      codeServerEntry,
      '--config', sandbox.configFile,
      '--user-data-dir', sandbox.userDataDir,
      '--extensions-dir', resolve(extensionsDir),
      '--install-extension', vsixPath.endsWith('.vsix') ? resolve(vsixPath) : vsixPath,
      '--force',
    ];
    const r = await runCommand(nodeBin, args, { env: sandboxEnv(sandbox) });
    if (r.code !== 0 || !/successfully installed/i.test(r.output)) {
      throw new Error(`installing ${vsixPath} failed (exit ${r.code}):\n${tail(r.output)}`);
    }
    return r.output;
  } finally {
    rmSync(sandbox.dir, { recursive: true, force: true });
  }
}
