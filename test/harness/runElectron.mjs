#!/usr/bin/env node
// Runs the same mocha suite through @vscode/test-electron (desktop VS Code), for
// machines that can download VS Code. It cannot run on the offline dev machine;
// use runSuite.mjs there.
//
// CLI: node test/harness/runElectron.mjs --extension <dir> --tests <index.js> --workspace <dir>
//        [--vscode-version stable|insiders|1.95.0] [--env KEY=VALUE ...]
// On Linux without a display run it under xvfb-run (Debian package xvfb).
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { cacheRoot } from './cache.mjs';

// Downloads (or reuses) VS Code, runs the suite in its extension host and resolves with the exit code.
export async function runElectron({ extensionDevelopmentPath, extensionTestsPath, workspace, version, extensionEnv } = {}) {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('[runElectron] no DISPLAY: run this under xvfb-run -a');
  }
  const launchArgs = [
    ...(workspace ? [resolve(workspace)] : []), // first launch arg = folder to open
    '--disable-extensions', // other installed extensions; the one under development still loads
    '--disable-gpu',
  ];
  try {
    return await runTests({
      version: version || process.env.CLAUSEGUARD_VSCODE_VERSION || 'stable',
      cachePath: join(cacheRoot(), 'vscode-test'), // downloads live outside the clone
      extensionDevelopmentPath: resolve(extensionDevelopmentPath),
      extensionTestsPath: resolve(extensionTestsPath),
      extensionTestsEnv: extensionEnv,
      launchArgs,
    });
  } catch (err) {
    // runTests rejects on a non-zero exit; hand the code back like runSuite does.
    if (err instanceof TestRunFailedError) return err.code ?? 1;
    throw err;
  }
}

// CLI entry: parse flags, run, exit with the suite's code.
async function main() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'vscode-version': { type: 'string' },
      env: { type: 'string', multiple: true },
    },
  });
  if (!values.extension || !values.tests) {
    console.error('usage: node test/harness/runElectron.mjs --extension <dir> --tests <index.js> [--workspace <dir>] [--vscode-version <v>] [--env K=V]');
    process.exit(2);
  }
  const extensionEnv = Object.fromEntries((values.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  try {
    process.exitCode = await runElectron({
      extensionDevelopmentPath: values.extension,
      extensionTestsPath: values.tests,
      workspace: values.workspace,
      version: values['vscode-version'],
      extensionEnv,
    });
  } catch (err) {
    console.error(`[runElectron] ${err.message}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main();
