#!/usr/bin/env node
// User-level UI check: packages ClauseGuard as a .vsix, installs it into a fresh
// code-server, opens the fixture workspace in the real web workbench (Debian chromium
// through playwright-core) and uses it like a user: Quick Open, squiggles, Problems
// panel, hover, quick fix. No extensionDevelopmentPath, no test payload.
//
//   node test/ui/uiCheck.mjs [--vsix <file.vsix>] [--timeout <seconds>] [--screenshot <png>]
//                            [--failure-screenshot <png>] [--verbose]
//
// Without --vsix it packages the extension itself. Exit code: 0 when every step passed,
// 1 when a step failed, 124 on the overall timeout (which starts after provisioning).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { provision } from '../harness/provision.mjs';
import { installExtension, startCodeServer } from '../harness/codeServer.mjs';
import { CHROMIUM_ARGS } from '../harness/runSuite.mjs';
import { onProcessExit, runCommand, tail } from '../harness/processes.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION_ID = 'clauseguard.clauseguard';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'workspace');
const FILE = 'licence-draft.md';
const SENTENCE = 'Licensor shall deliver to Licensee the complete Source Code';
const HOVER_WORD = 'deliver'; // a word inside SENTENCE, under the squiggle
const RULE_ID = 'tt/source-code-delivery';
const HOVER_TITLE = 'Source code handed over';
const FIX_TITLE = 'Object code only; source code in escrow (ClauseGuard)';
const NEW_WORDING = 'in object code form only';
const SQUIGGLES = '.squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint';
const VIEWPORT = { width: 1400, height: 900 };

class TimeoutError extends Error {}

// Parses the command line into options with defaults.
function readOptions() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      screenshot: { type: 'string', default: join(ROOT, 'media', 'screenshot.png') },
      'failure-screenshot': { type: 'string', default: join(ROOT, 'test-results', 'ui-failure.png') },
      verbose: { type: 'boolean', default: !!process.env.CLAUSEGUARD_HARNESS_VERBOSE },
    },
  });
  return {
    vsix: values.vsix ? resolve(values.vsix) : undefined,
    timeoutMs: Number(values.timeout) * 1000,
    screenshot: resolve(values.screenshot),
    failureScreenshot: resolve(values['failure-screenshot']),
    verbose: values.verbose,
  };
}

// Prints a progress line on stderr.
function note(message) {
  process.stderr.write(`[uiCheck] ${message}\n`);
}

// Seconds since `t0`, one decimal.
function secs(t0) {
  return ((Date.now() - t0) / 1000).toFixed(1);
}

// Runs one named step, recording it as the current one and printing its duration; failures name the step.
async function step(ctx, name, fn) {
  ctx.step = name;
  const t0 = Date.now();
  try {
    const result = await fn();
    note(`ok   ${name} (${secs(t0)}s)`);
    return result;
  } catch (err) {
    if (err instanceof TimeoutError || err.step) throw err;
    const wrapped = new Error(`step "${name}" failed: ${err.message}`);
    wrapped.step = name;
    throw wrapped;
  }
}

// Makes a temp dir that is removed on cleanup and also if the process dies.
function tempDir(ctx, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  ctx.cleanups.push(remove);
  onProcessExit(remove);
  return dir;
}

// Builds the production bundle and packages the extension into a temp .vsix; returns its path.
async function packageExtension(ctx) {
  const out = join(tempDir(ctx, 'cg-ui-vsix-'), 'clauseguard.vsix');
  const build = await runCommand(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT });
  if (build.code !== 0) throw new Error(`node esbuild.js --production exited ${build.code}:\n${tail(build.output)}`);
  const pack = await runCommand('npx', ['--no', 'vsce', 'package', '--no-dependencies', '-o', out], { cwd: ROOT });
  if (pack.code !== 0 || !existsSync(out)) throw new Error(`vsce package exited ${pack.code}:\n${tail(pack.output)}`);
  return out;
}

// Checks that a .vsix given with --vsix exists; returns its path.
function checkVsix(path) {
  if (!existsSync(path)) throw new Error(`${path} does not exist`);
  return path;
}

// Copies the fixture workspace to a temp folder, so the check may edit it freely.
function copyWorkspace(ctx) {
  const dir = join(tempDir(ctx, 'cg-ui-workspace-'), 'workspace');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

// Installs the .vsix into a fresh extensions dir and checks that the extension landed there.
async function installVsix(ctx, tools, vsix) {
  const dir = tempDir(ctx, 'cg-ui-extensions-');
  await installExtension(vsix, dir, tools);
  const installed = readdirSync(dir).filter((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (!installed.length) throw new Error(`${EXTENSION_ID} is not in ${dir} after installing (found: ${readdirSync(dir).join(', ') || 'nothing'})`);
  return dir;
}

// Launches chromium with the harness's flags and opens the plain workbench URL for the workspace.
async function openWorkbench(ctx, tools, server, workspace) {
  ctx.browser = await chromium.launch({ executablePath: tools.chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const context = await ctx.browser.newContext({ viewport: VIEWPORT });
  const page = (ctx.page = await context.newPage());
  if (ctx.verbose) page.on('console', (msg) => process.stderr.write(`[browser ${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => ctx.verbose && note(`page error: ${err.message}`));
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  // The workspace is open once the explorer lists its folder.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'contracts' }).first().waitFor({ timeout: 90_000 });
  return page;
}

// Closes notification toasts (they can cover the editor or the status bar); harmless when there are none.
async function dismissNotifications(page) {
  const toasts = page.locator('.notification-toast');
  for (let i = await toasts.count(); i > 0; i--) {
    const toast = toasts.first();
    await toast.hover({ timeout: 2000 }).catch(() => {});
    await toast.locator('.codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => {});
  }
}

// Hides the empty secondary side bar (Ctrl+Alt+B) so the editor gets the room; best effort.
async function hideSecondarySideBar(page) {
  const bar = page.locator('.part.auxiliarybar');
  if (!(await bar.isVisible())) return;
  await page.keyboard.press('Control+Alt+B');
  await bar.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

// Opens a file by name through Quick Open (Ctrl+P, type, Enter) and waits for its editor to show `expectedText`.
async function quickOpen(page, fileName, expectedText) {
  const input = page.locator('.quick-input-widget input');
  // A busy workbench may drop the first key press while it starts up, so press again (at most 6 times).
  for (let attempt = 1; !(await input.isVisible()); attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
    } catch (err) {
      if (attempt >= 6) throw new Error(`Quick Open (Ctrl+P) did not open: ${err.message}`);
      note(`Quick Open did not open after Ctrl+P (attempt ${attempt}); pressing it again`);
    }
  }
  const t0 = Date.now();
  await page.keyboard.type(fileName);
  // File search results arrive from the server; Enter must wait until the file is the focused row.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName }).waitFor({ timeout: 60_000 });
  if (Date.now() - t0 > 5000) note(`Quick Open listed ${fileName} after ${secs(t0)}s`);
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
  await page.waitForFunction((expected) => document.querySelector('.editor-instance .monaco-editor .view-lines')
    ?.textContent.replace(/\u00a0/g, ' ').includes(expected), expectedText, { timeout: 30_000 });
}

// Returns the text the editor renders, whitespace normalised (Monaco draws spaces as no-break spaces; wrapped lines are joined with a space).
async function editorText(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return lines.map((line) => line.textContent).join(' ').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
  });
}

// Waits until a squiggle decoration is drawn under `word` of `sentence`; returns the word's box.
async function waitForSquiggleUnder(page, sentence, word, timeout) {
  const handle = await page.waitForFunction(({ selector, sentence, word }) => {
    const norm = (s) => s.replace(/\u00a0/g, ' ');
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const line = [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])].find((l) => norm(l.textContent).includes(sentence.slice(0, 30)));
    if (!line) return false;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let box;
    for (let node = walker.nextNode(); node && !box; node = walker.nextNode()) {
      const at = norm(node.textContent).indexOf(word);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      box = range.getBoundingClientRect();
    }
    if (!box) return false;
    const midX = box.left + box.width / 2;
    const hit = [...editor.querySelectorAll(selector)].find((s) => {
      const r = s.getBoundingClientRect();
      return r.width > 0 && r.left <= midX && midX <= r.right && r.top < box.bottom + 4 && r.bottom > box.top;
    });
    return hit ? { x: box.left, y: box.top, width: box.width, height: box.height, squiggle: hit.className } : false;
  }, { selector: SQUIGGLES, sentence, word }, { timeout, polling: 100 }).catch(async (err) => {
    throw new Error(`no squiggle under "${word}" of "${sentence}" within ${timeout / 1000}s; ${await squiggleReport(page)} (${err.message.split('\n')[0]})`);
  });
  return handle.jsonValue();
}

// Describes what the editor and the status bar show, to explain a missing squiggle.
async function squiggleReport(page) {
  const squiggles = await page.locator(`.editor-instance .monaco-editor :is(${SQUIGGLES})`).count();
  const item = page.locator('.statusbar-item [aria-label^="ClauseGuard"], .statusbar-item[aria-label^="ClauseGuard"]').first();
  const status = (await item.count()) ? `its status bar item says "${await item.getAttribute('aria-label')}"` : 'ClauseGuard has no status bar item (not active?)';
  return `the editor shows ${squiggles} squiggle(s) in all; ${status}`;
}

// Opens the Problems panel through the status bar item ClauseGuard adds (falls back to Ctrl+Shift+M) and returns the ClauseGuard row for `ruleId`.
async function openProblems(page, ruleId) {
  const item = page.locator('.statusbar-item [aria-label^="ClauseGuard"], .statusbar-item[aria-label^="ClauseGuard"]').first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  const panel = page.locator('.markers-panel');
  try {
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    note('the status bar item did not open the Problems panel; pressing Ctrl+Shift+M');
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  }
  const row = panel.locator('.monaco-list-row', { hasText: ruleId }).first();
  await row.waitFor({ timeout: 30_000 });
  const text = (await row.textContent()).replace(/\u00a0/g, ' ');
  if (!text.includes('ClauseGuard')) throw new Error(`the Problems row for ${ruleId} does not name the source ClauseGuard: "${text}"`);
  return text;
}

// Hovers the squiggled word with the mouse (then Ctrl+K Ctrl+I if no hover came) and returns the hover's text.
async function hoverFinding(page, box, mustContain) {
  const hover = page.locator('.monaco-editor .monaco-hover:visible', { hasText: mustContain[0] }).first();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.click(x, y); // the cursor goes into the sentence too (for Ctrl+K Ctrl+I and Ctrl+.)
  await page.mouse.move(x + 2, y);
  try {
    await hover.waitFor({ timeout: 5000 });
  } catch {
    note('no hover under the mouse yet; pressing Ctrl+K Ctrl+I (Show or Focus Hover)');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: 15_000 });
  }
  const text = (await hover.textContent()).replace(/\u00a0/g, ' ');
  const missing = mustContain.filter((wanted) => !text.includes(wanted));
  if (missing.length) throw new Error(`the hover lacks ${missing.map((m) => `"${m}"`).join(', ')}; it shows: "${text.slice(0, 400)}"`);
  return text;
}

// Opens the quick fix menu (Ctrl+. at the cursor) and picks the action titled `title`. The menu
// waits for every extension's code actions; Markdown's language server starts on first use and can
// keep it from opening, so, as a user would, press Ctrl+. again if no menu came.
async function applyQuickFix(page, box, title) {
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
  const option = menu.locator('.monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape'); // closes the hover (or a menu); the cursor stays in the sentence
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+Period');
    try {
      await option.waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      const shown = (await menu.isVisible()) ? await menu.innerText() : '(no quick fix menu)';
      if (attempt >= 3) throw new Error(`no quick fix "${title}" in the menu after ${attempt} tries: ${shown.replace(/\s+/g, ' ').slice(0, 400)}`);
      note(`no quick fix "${title}" after Ctrl+. (try ${attempt}: ${shown.replace(/\s+/g, ' ').slice(0, 120)}); pressing it again`);
    }
  }
  await option.click();
}

// Waits until the editor shows `wanted` and no longer shows `gone`.
async function waitForWording(page, wanted, gone, timeout) {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await editorText(page);
    if (text.includes(wanted) && !text.includes(gone)) return text;
    await page.waitForTimeout(100); // polling interval, not a fixed wait for the result
  }
  throw new Error(`after the fix the editor ${text.includes(wanted) ? 'still shows' : 'does not show'} "${text.includes(wanted) ? gone : wanted}"`);
}

// Writes a screenshot of the page, creating its folder.
async function screenshot(page, path) {
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, timeout: 15_000 });
}

// The whole user journey, step by step (`tools` from provision()).
async function journey(ctx, opts, tools) {
  const vsix = opts.vsix
    ? await step(ctx, 'use the given --vsix', () => checkVsix(opts.vsix))
    : await step(ctx, 'package the extension (esbuild --production, vsce package)', () => packageExtension(ctx));
  const workspace = await step(ctx, 'copy the fixture workspace', () => copyWorkspace(ctx));
  const extensionsDir = await step(ctx, 'install the .vsix into a fresh extensions dir', () => installVsix(ctx, tools, vsix));
  ctx.server = await step(ctx, 'start code-server', () => startCodeServer({ ...tools, extensionsDir, echo: opts.verbose }));
  const page = await step(ctx, 'open the workbench on the workspace', () => openWorkbench(ctx, tools, ctx.server, workspace));
  await dismissNotifications(page);
  await hideSecondarySideBar(page);
  await step(ctx, `open ${FILE} with Quick Open`, () => quickOpen(page, FILE, 'Technology Licence Agreement'));
  await step(ctx, 'wait for ClauseGuard squiggles under the source-code sentence', () => waitForSquiggleUnder(page, SENTENCE, HOVER_WORD, 120_000));
  await step(ctx, `open the Problems panel and find ClauseGuard ${RULE_ID}`, () => openProblems(page, RULE_ID));
  await dismissNotifications(page);
  const where = await step(ctx, 'find the squiggle again after the panel opened', () => waitForSquiggleUnder(page, SENTENCE, HOVER_WORD, 15_000));
  await step(ctx, 'hover the squiggle and read the explanation', () => hoverFinding(page, where, [HOVER_TITLE, 'Suggested wording']));
  await step(ctx, `save the screenshot ${opts.screenshot}`, () => screenshot(page, opts.screenshot));
  await step(ctx, `apply the quick fix "${FIX_TITLE}"`, () => applyQuickFix(page, where, FIX_TITLE));
  await step(ctx, 'check the editor shows the new wording instead of the sentence', () => waitForWording(page, NEW_WORDING, SENTENCE, 30_000));
}

// Saves the failure screenshot, the code-server log and the server/extension host logs (best effort).
async function saveFailureArtifacts(ctx, opts) {
  if (ctx.page) {
    try {
      await screenshot(ctx.page, opts.failureScreenshot);
      note(`failure screenshot: ${opts.failureScreenshot}`);
    } catch (err) {
      note(`failure screenshot not saved: ${err.message}`);
    }
  }
  const base = opts.failureScreenshot.replace(/\.png$/, '');
  mkdirSync(dirname(base), { recursive: true });
  if (ctx.server?.logFile && existsSync(ctx.server.logFile)) {
    copyFileSync(ctx.server.logFile, `${base}.code-server.log`);
    note(`code-server log: ${base}.code-server.log`);
  }
  const logs = ctx.server?.userDataDir && join(ctx.server.userDataDir, 'logs');
  if (logs && existsSync(logs)) {
    rmSync(`${base}.logs`, { recursive: true, force: true });
    cpSync(logs, `${base}.logs`, { recursive: true });
    note(`server and extension host logs: ${base}.logs/`);
    for (const line of extensionErrors(`${base}.logs`)) note(`  ${line}`);
  }
}

// Lists the log lines (extension host and ClauseGuard's own output) that report a ClauseGuard error, the last 10.
function extensionErrors(dir) {
  const lines = [];
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith('.log')) continue;
    const text = readFileSync(join(dir, String(file)), 'utf8');
    const own = /clauseguard/i.test(String(file));
    for (const line of text.split('\n')) {
      if (/\[error\]|failed|exception/i.test(line) && (own || /clauseguard/i.test(line))) lines.push(`${file}: ${line.slice(0, 300)}`);
    }
  }
  return lines.slice(-10);
}

// Closes the browser, stops code-server and removes the temp dirs.
async function cleanUp(ctx) {
  await ctx.browser?.close().catch(() => {});
  await ctx.server?.stop().catch(() => {});
  for (const remove of ctx.cleanups.reverse()) remove();
}

// Runs the journey under the overall timeout; returns the exit code.
async function main() {
  const opts = readOptions();
  const ctx = { step: 'start', cleanups: [], verbose: opts.verbose };
  const started = Date.now();
  let timer;
  let code = 0;
  try {
    // Provisioning takes minutes on a cold machine (seconds when cached), so the overall timeout starts after it.
    const tools = await step(ctx, 'provision Node 24, code-server and chromium', () => provision({ log: (m) => opts.verbose && note(`provision: ${m}`) }));
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`overall timeout of ${opts.timeoutMs / 1000}s reached during step "${ctx.step}"`)), opts.timeoutMs);
    });
    const running = journey(ctx, opts, tools);
    running.catch(() => {}); // after a timeout, its rejection (we tear everything down) is expected
    await Promise.race([running, timedOut]);
    note(`PASSED in ${secs(started)}s; screenshot: ${opts.screenshot}`);
  } catch (err) {
    code = err instanceof TimeoutError ? 124 : 1;
    note(`FAILED: ${err.message}`);
    await saveFailureArtifacts(ctx, opts).catch((e) => note(`saving failure artifacts failed: ${e.message}`));
  } finally {
    clearTimeout(timer);
    // A hung teardown must not hang the test run.
    setTimeout(() => { note('cleanup did not finish within 30s; exiting'); process.exit(code || 1); }, 30_000).unref();
    await cleanUp(ctx);
  }
  return code;
}

process.exit(await main());
