#!/usr/bin/env node
// Runs the editor suites (test/editor and test/editor-untrusted, built to out/test/...) inside a real VS Code.
//   node test/runEditorTests.mjs            offline: code-server + chromium (provisioned on first use)
//   node test/runEditorTests.mjs --electron  @vscode/test-electron, where VS Code can be downloaded
// Each fixture workspace is copied to a temporary folder, so tests may edit and save freely.
// The untrusted suite opens its workspace in restricted mode; it runs offline only, since
// @vscode/test-electron cannot set the window's trust settings.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electron = process.argv.includes('--electron');

const SUITES = [
  { name: 'editor', fixture: 'workspace', workspaceTrust: false },
  { name: 'editor-untrusted', fixture: 'untrusted-workspace', workspaceTrust: true, offlineOnly: true },
];

async function runOne(suite) {
  const workspace = mkdtempSync(join(tmpdir(), `clauseguard-${suite.fixture}-`));
  cpSync(join(root, 'test', 'fixtures', suite.fixture), workspace, { recursive: true });
  const options = {
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', suite.name, 'index.js'),
    workspace,
  };
  try {
    if (electron) {
      const { runElectron } = await import('./harness/runElectron.mjs');
      return await runElectron(options);
    }
    const { runSuite } = await import('./harness/runSuite.mjs');
    return await runSuite({ ...options, workspaceTrust: suite.workspaceTrust, screenshotPath: join(root, 'test-results', `${suite.name}-failure.png`) });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

let code = 0;
for (const suite of SUITES) {
  if (electron && suite.offlineOnly) {
    console.log(`[runEditorTests] ${suite.name}: runs offline only (npm run test:editor)`);
    continue;
  }
  const result = await runOne(suite);
  if (result !== 0) code = result;
}
process.exit(code);
