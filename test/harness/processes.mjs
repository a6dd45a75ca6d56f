// Process helpers for the harness: run commands, start long-lived process
// groups, and make sure whole process trees die with us.
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, readlinkSync } from 'node:fs';

const cleanups = new Set();
let hooksInstalled = false;

// Registers a synchronous cleanup that runs on exit/SIGINT/SIGTERM; returns an unregister function.
export function onProcessExit(fn) {
  installExitHooks();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

// Installs the process-level hooks once, so registered cleanups run however we die.
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const runAll = () => {
    for (const fn of [...cleanups].reverse()) { // last registered first: kill processes before deleting their dirs
      try { fn(); } catch { /* best effort during exit */ }
    }
    cleanups.clear();
  };
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      runAll();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
    });
  }
}

// Lists every live descendant pid of `rootPid` by walking /proc (Linux only).
export function descendantPids(rootPid) {
  const children = new Map();
  let entries = [];
  try { entries = readdirSync('/proc'); } catch { return []; }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* process vanished */ }
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

// Sends `signal` to a process group leader's group and to every descendant (even ones that left the group).
export function killTree(pid, signal = 'SIGKILL') {
  if (!pid) return;
  const pids = descendantPids(pid);
  try { process.kill(-pid, signal); } catch { /* group gone */ }
  for (const p of [pid, ...pids]) {
    try { process.kill(p, signal); } catch { /* already gone */ }
  }
}

// SIGKILLs every process whose working directory is inside `dir` (orphans of an interrupted build); returns their pids.
export function killProcessesUnder(dir) {
  const killed = [];
  let entries = [];
  try { entries = readdirSync('/proc'); } catch { return killed; }
  for (const name of entries) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) {
        process.kill(Number(name), 'SIGKILL');
        killed.push(Number(name));
      }
    } catch { /* gone, or not ours to inspect */ }
  }
  return killed;
}

// Returns true while a pid exists.
export function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

// Stops a process tree politely (SIGTERM), then forcibly (SIGKILL) after `graceMs`.
export async function stopTree(child, graceMs = 3000) {
  if (!child?.pid) return;
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (!exited) {
    const done = new Promise((resolve) => child.once('exit', resolve));
    killTree(child.pid, 'SIGTERM');
    await Promise.race([done, new Promise((r) => setTimeout(r, graceMs))]);
  }
  killTree(child.pid, 'SIGKILL');
}

// Starts a detached process group (so the tree can be killed) that is force-killed if we exit first.
export function spawnGroup(cmd, args, options = {}) {
  const child = spawn(cmd, args, { ...options, detached: true });
  const unregister = onProcessExit(() => killTree(child.pid, 'SIGKILL'));
  child.once('exit', () => {
    // Kill leftovers (e.g. an orphaned extension host) once the leader is gone.
    killTree(child.pid, 'SIGKILL');
    unregister();
  });
  return child;
}

// Runs a command to completion, teeing output to `logFile` (if given); resolves with { code, output }.
export function runCommand(cmd, args, { logFile, env, cwd, echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
    log?.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    const child = spawnGroup(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      output = (output + text).slice(-200_000);
      log?.write(text);
      if (echo) process.stdout.write(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (err) => { log?.end(); reject(err); });
    child.once('close', (code, signal) => {
      log?.end();
      resolve({ code: code ?? 128, signal, output });
    });
  });
}

// Returns the last `n` lines of a text, for error messages.
export function tail(text, n = 40) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}
