#!/usr/bin/env node
// Runs a mocha suite inside a real VS Code extension host: code-server (VS Code
// server, remote Node extension host) driven by Debian's chromium via playwright-core.
//
// CLI: node test/harness/runSuite.mjs --extension <dir> --tests <index.js> --workspace <dir>
//        [--timeout <seconds>] [--screenshot <file.png>] [--env KEY=VALUE ...]
//        [--install <file.vsix> ...] [--verbose]
// Exit code: the suite's (0 = all passed), 124 on timeout, 2 on a harness error.
import { existsSync, mkdirSync, writeFileSync, copyFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { provision } from './provision.mjs';
import { startCodeServer } from './codeServer.mjs';
import { workbenchUrl } from './workbenchUrl.mjs';
import { createLogPrinter, LOG_INIT_SCRIPT } from './hostLog.mjs';

export class SuiteTimeoutError extends Error {}

/** Flags for Debian's chromium on this machine: no sandbox (root), no background network traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Runs the suite and resolves with its exit code; throws SuiteTimeoutError / Error for harness problems. Always cleans up.
export async function runSuite({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  timeoutMs = 5 * 60_000,
  screenshotPath,
  extensionEnv,
  userSettings,
  workspaceTrust = false,
  installExtensions = [],
  verbose = !!process.env.CLAUSEGUARD_HARNESS_VERBOSE,
  out = process.stdout,
} = {}) {
  const started = Date.now();
  const paths = checkPaths({ extensionDevelopmentPath, extensionTestsPath, workspace });
  const note = (m) => process.stderr.write(`[runSuite] ${m}\n`);
  const printer = createLogPrinter({ out, verbose, onFirstHostLine: () => note(`extension host output starts after ${secs(started)}s`) });
  const session = { server: undefined, browser: undefined, page: undefined };
  let timer;
  try {
    // Provisioning (minutes when cold) is not part of the suite's time budget.
    const tools = await provision({ log: (m) => note(`provision: ${m}`) });
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new SuiteTimeoutError(
        `runSuite: timed out after ${timeoutMs / 1000}s: the extension host never reported the end of the tests ` +
        `(codeAutomationExit). Last output:\n${printer.lastLines(15)}`)), timeoutMs);
    });
    const running = runInBrowser({ tools, paths, session, printer, note, started, verbose, userSettings, workspaceTrust, installExtensions, extensionEnv });
    running.catch(() => {}); // after a timeout its rejection (we tear it down) is expected
    const result = await Promise.race([running, timedOut]);
    note(`suite finished with exit code ${result.code} after ${secs(started)}s`);
    if (result.code !== 0) await saveArtifacts({ ...session, printer, logs: result.logs, screenshotPath, note });
    return result.code;
  } catch (err) {
    if (session.page) await saveArtifacts({ ...session, printer, screenshotPath, note });
    throw err;
  } finally {
    clearTimeout(timer);
    const t0 = Date.now();
    await session.browser?.close().catch(() => {});
    await session.server?.stop();
    if (verbose) note(`cleaned up in ${secs(t0)}s`);
  }
}

// Starts code-server and chromium (recorded in `session` for cleanup), opens the workbench and resolves with { code, logs } from codeAutomationExit.
async function runInBrowser({ tools, paths, session, printer, note, started, verbose, userSettings, workspaceTrust, installExtensions, extensionEnv }) {
  session.server = await startCodeServer({ ...tools, echo: verbose, userSettings, workspaceTrust, installExtensions });
  const { server } = session;
  note(`code-server ${server.url} (pid ${server.pid}) up after ${secs(started)}s`);

  session.browser = await chromium.launch({ executablePath: tools.chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const context = await session.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = (session.page = await context.newPage());

  // Both hooks must exist before navigation: the workbench looks them up on window.
  let onExit;
  const exited = new Promise((r) => { onExit = r; });
  await page.exposeFunction('__clauseguardLog', (level, text, fromHost) => printer.log(level, text, fromHost));
  await page.addInitScript(LOG_INIT_SCRIPT); // defines window.codeAutomationLog on top of that binding
  await page.exposeFunction('codeAutomationExit', (code, logs) => onExit({ code, logs }));
  page.on('pageerror', (err) => printer.pageError(err));
  page.on('crash', () => onExit({ crashed: true }));
  if (verbose) page.on('console', (msg) => process.stderr.write(`[browser ${msg.type()}] ${msg.text()}\n`));

  const url = workbenchUrl({ port: server.port, ...paths, extensionEnv });
  if (verbose) note(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 }); // the overall timeout applies
  note(`workbench page loaded after ${secs(started)}s`);
  const result = await exited;
  if (result.crashed) throw new Error('runSuite: the browser page crashed');
  return result;
}

// Validates and absolutises the three paths; throws a readable error when one is missing.
function checkPaths({ extensionDevelopmentPath, extensionTestsPath, workspace }) {
  if (!extensionDevelopmentPath || !extensionTestsPath) throw new Error('runSuite: extensionDevelopmentPath and extensionTestsPath are required');
  const real = (what, p) => {
    if (!existsSync(resolve(p))) throw new Error(`runSuite: ${what} does not exist: ${resolve(p)}`);
    return realpathSync(resolve(p));
  };
  const paths = {
    extensionDevelopmentPath: real('extensionDevelopmentPath', extensionDevelopmentPath),
    extensionTestsPath: real('extensionTestsPath', extensionTestsPath),
    workspace: workspace ? real('workspace', workspace) : undefined,
  };
  if (!existsSync(join(paths.extensionDevelopmentPath, 'package.json'))) {
    throw new Error(`runSuite: no package.json in ${paths.extensionDevelopmentPath}`);
  }
  return paths;
}

// Saves a screenshot, the code-server log and the workbench logs next to `screenshotPath` (best effort).
async function saveArtifacts({ page, server, printer, logs, screenshotPath, note }) {
  if (!page) return;
  const shot = resolve(screenshotPath || process.env.CLAUSEGUARD_SCREENSHOT ||
    join(tmpdir(), 'clauseguard-editor-test', `failure-${new Date().toISOString().replace(/[:.]/g, '-')}.png`));
  const dir = dirname(shot);
  mkdirSync(dir, { recursive: true });
  try {
    await page.screenshot({ path: shot, timeout: 10_000 });
    note(`screenshot: ${shot}`);
  } catch (err) {
    note(`screenshot failed: ${err.message}`);
  }
  try {
    const base = shot.replace(/\.png$/, '');
    if (server?.logFile && existsSync(server.logFile)) copyFileSync(server.logFile, `${base}.code-server.log`);
    writeFileSync(`${base}.transcript.txt`, printer.transcript());
    if (Array.isArray(logs) && logs.length) {
      writeFileSync(`${base}.workbench-logs.txt`, logs.map((l) => `===== ${l.relativePath}\n${l.contents}`).join('\n'));
    }
    note(`logs: ${base}.*`);
  } catch (err) {
    note(`saving logs failed: ${err.message}`);
  }
}

// Seconds elapsed since `t0`, one decimal.
function secs(t0) {
  return ((Date.now() - t0) / 1000).toFixed(1);
}

// CLI entry: parse flags, run, exit with the suite's code.
async function main() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      timeout: { type: 'string' },
      screenshot: { type: 'string' },
      env: { type: 'string', multiple: true },
      install: { type: 'string', multiple: true },
      verbose: { type: 'boolean' },
    },
  });
  if (!values.extension || !values.tests) {
    console.error('usage: node test/harness/runSuite.mjs --extension <dir> --tests <index.js> [--workspace <dir>] [--timeout <s>] [--screenshot <png>] [--env K=V] [--install <vsix>] [--verbose]');
    process.exit(2);
  }
  const extensionEnv = Object.fromEntries((values.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  try {
    const code = await runSuite({
      extensionDevelopmentPath: values.extension,
      extensionTestsPath: values.tests,
      workspace: values.workspace,
      timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined,
      screenshotPath: values.screenshot,
      extensionEnv,
      installExtensions: values.install ?? [],
      verbose: values.verbose || undefined,
    });
    process.exitCode = code;
  } catch (err) {
    console.error(err.message);
    process.exitCode = err instanceof SuiteTimeoutError ? 124 : 2;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main();
