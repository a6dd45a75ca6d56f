// Runs a child process and times it as a whole, from spawn to exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./usage-preload.cjs', import.meta.url));
let usageFiles = 0;

/**
 * Spawns `command args`, stdout to `stdoutFile` (or kept in memory when `captureStdout`), and
 * resolves with the wall time in ms from just before spawn to the exit event, the exit code and
 * the tail of stderr. Never rejects for a non-zero exit: callers decide what success is.
 */
export function timeProcess(command, args, { cwd, env, stdoutFile, captureStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : captureStdout ? 'pipe' : 'ignore';
    let stdout = '';
    let stderr = '';
    const start = performance.now();
    let child;
    try {
      child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', out, 'pipe'] });
    } catch (error) {
      if (typeof out === 'number') fs.closeSync(out);
      reject(error);
      return;
    }
    let ms;
    child.on('exit', () => { ms = performance.now() - start; });
    if (child.stdout) child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-20000); });
    child.on('error', (error) => {
      if (typeof out === 'number') fs.closeSync(out);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (typeof out === 'number') fs.closeSync(out);
      resolve({ ms: ms ?? performance.now() - start, code, signal, stdout, stderr });
    });
  });
}

/** One line describing how a child ended, for error messages. */
export function describeExit({ code, signal, stderr }) {
  const last = stderr.trim().split('\n').slice(-5).join('\n');
  return `${signal ? `killed by ${signal}` : `exit code ${code}`}${last ? `:\n${last}` : ''}`;
}

/**
 * Like timeProcess for `node ARGS`, with test/bench/usage-preload.cjs preloaded: also resolves
 * `usage` ({ userMs, systemMs, maxRssKiB, vmHwmKiB } of the process, null if it was not written).
 */
export async function timeNode(args, options = {}) {
  const file = path.join(os.tmpdir(), `clauseguard-bench-usage-${process.pid}-${usageFiles++}.json`);
  fs.rmSync(file, { force: true });
  const run = await timeProcess(process.execPath, ['--require', PRELOAD, ...args], { ...options, env: { ...(options.env ?? process.env), CLAUSEGUARD_BENCH_USAGE: file } });
  let usage = null;
  try {
    usage = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // the process ended without its exit handlers (killed, or a crash)
  }
  fs.rmSync(file, { force: true });
  return { ...run, usage };
}

/** "CPU 12.3 s", from a timeNode usage, or '' when there is none. */
export const cpuText = (usage) => (usage ? `CPU ${((usage.userMs + usage.systemMs) / 1000).toFixed(1)} s` : '');

/**
 * The other side of runJsonChild: when the module at `moduleUrl` is the script Node was started
 * with, runs `measure` on the command-line arguments and prints its result as one line of JSON.
 */
export function printJsonWhenRun(moduleUrl, measure) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  Promise.resolve()
    .then(() => measure(...process.argv.slice(2)))
    .then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      (error) => {
        console.error(error?.stack ?? error);
        process.exit(1);
      },
    );
}

/** Runs a bench helper script in a fresh Node process and parses the JSON it prints last. */
export async function runJsonChild(script, args, options = {}) {
  const run = await timeProcess(process.execPath, [...(options.nodeArgs ?? []), script, ...args], { ...options, captureStdout: true });
  if (run.code !== 0) throw new Error(`${script} failed (${describeExit(run)})`);
  const lines = run.stdout.trim().split('\n');
  try {
    return { ...JSON.parse(lines[lines.length - 1]), wallMs: run.ms };
  } catch {
    throw new Error(`${script} printed no JSON result:\n${run.stdout.slice(-2000)}`);
  }
}
