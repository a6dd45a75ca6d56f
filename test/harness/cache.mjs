// The editor cache outside the clone: where it lives, a lock for concurrent
// provisioners, and "staged" entries that only become visible once complete.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isAlive, killProcessesUnder, onProcessExit } from './processes.mjs';

export const MARKER = '.complete.json';

// Returns the cache root: $CLAUSEGUARD_EDITOR_CACHE or ~/.cache/clauseguard-editor-test.
export function cacheRoot() {
  const dir = process.env.CLAUSEGUARD_EDITOR_CACHE || join(homedir(), '.cache', 'clauseguard-editor-test');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Takes an exclusive lock directory in the cache (stealing it from a dead owner); returns a release function.
export async function acquireLock(root, { log = console.log, timeoutMs = 30 * 60_000 } = {}) {
  const lockDir = join(root, '.lock');
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      const release = () => { unregister(); rmSync(lockDir, { recursive: true, force: true }); };
      const unregister = onProcessExit(release); // also on Ctrl-C / SIGTERM
      return release;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const owner = Number(readText(join(lockDir, 'pid')) || 0);
    if (!owner || !isAlive(owner)) {
      // Give a brand-new owner a moment to write its pid before calling it stale.
      await sleep(owner ? 0 : 1000);
      if (Number(readText(join(lockDir, 'pid')) || 0) === owner) {
        log(`cache: removing stale lock of pid ${owner || '?'}`);
        rmSync(lockDir, { recursive: true, force: true });
      }
      continue;
    }
    if (!announced) log(`cache: waiting for another provisioner (pid ${owner}) ...`);
    announced = true;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for cache lock ${lockDir}`);
    await sleep(2000);
  }
}

// Reads an entry's marker; returns the parsed JSON or null when absent/corrupt.
export function readMarker(entryDir) {
  try { return JSON.parse(readFileSync(join(entryDir, MARKER), 'utf8')); } catch { return null; }
}

// True when the entry has a marker equal to `stamp` and every file in `requiredFiles` exists.
export function isEntryComplete(entryDir, stamp, requiredFiles = []) {
  const marker = readMarker(entryDir);
  if (!marker) return false;
  for (const [k, v] of Object.entries(stamp)) if (marker[k] !== v) return false;
  return requiredFiles.every((f) => existsSync(join(entryDir, f)));
}

// Makes sure `entryDir` is complete: builds it in a staging dir with `build(stagingDir)`, checks it, stamps it, then renames it into place.
export async function ensureEntry(entryDir, { stamp, requiredFiles, build, log = console.log }) {
  if (isEntryComplete(entryDir, stamp, requiredFiles)) return { built: false };
  if (existsSync(entryDir)) {
    log(`cache: ${entryDir} is incomplete or outdated; rebuilding it`);
    rmSync(entryDir, { recursive: true, force: true });
  }
  const staging = `${entryDir}.staging`;
  if (existsSync(staging)) {
    // Left over from an interrupted run; we hold the lock, so anything still working in it is an orphan.
    const orphans = killProcessesUnder(staging);
    await sleep(300);
    orphans.push(...killProcessesUnder(staging)); // children a dying parent spawned meanwhile
    log(`cache: discarding unfinished ${staging}${orphans.length ? ` (killed orphaned pids ${orphans.join(' ')})` : ''}`);
    rmSync(staging, { recursive: true, force: true });
  }
  mkdirSync(staging, { recursive: true });
  await build(staging);
  const missing = requiredFiles.filter((f) => !existsSync(join(staging, f)));
  if (missing.length) throw new Error(`build of ${entryDir} finished but is missing: ${missing.join(', ')}`);
  writeFileSync(join(staging, MARKER), JSON.stringify({ ...stamp, completedAt: new Date().toISOString() }, null, 2));
  renameSync(staging, entryDir);
  return { built: true };
}

// Reads a small text file, or returns '' if it is absent.
function readText(file) {
  try { return readFileSync(file, 'utf8').trim(); } catch { return ''; }
}

// Waits `ms` milliseconds.
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
