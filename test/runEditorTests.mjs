#!/usr/bin/env node
// Runs the editor suite (test/editor, built to out/test/editor) inside a real VS Code.
//   node test/runEditorTests.mjs            offline: code-server + chromium (provisioned on first use)
//   node test/runEditorTests.mjs --electron  @vscode/test-electron, where VS Code can be downloaded
// The fixture workspace is copied to a temporary folder, so tests may edit and save freely.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electron = process.argv.includes('--electron');
const workspace = mkdtempSync(join(tmpdir(), 'clauseguard-workspace-'));
cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const options = {
  extensionDevelopmentPath: root,
  extensionTestsPath: join(root, 'out', 'test', 'editor', 'index.js'),
  workspace,
};
let code = 1;
try {
  if (electron) {
    const { runElectron } = await import('./harness/runElectron.mjs');
    code = await runElectron(options);
  } else {
    const { runSuite } = await import('./harness/runSuite.mjs');
    code = await runSuite({ ...options, screenshotPath: join(root, 'test-results', 'editor-failure.png') });
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
