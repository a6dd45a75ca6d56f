// Ensures Debian packages are installed, calling apt-get only when something is missing.
import { spawnSync } from 'node:child_process';
import { runCommand, tail } from './processes.mjs';

// Returns true when dpkg reports the package as fully installed.
export function isDebInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'install ok installed';
}

// Returns true when an executable is found on PATH.
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

// Builds the argv prefix to run apt-get as root (directly, or through sudo).
function aptPrefix() {
  if (process.getuid?.() === 0) return [];
  if (hasCommand('sudo')) return ['sudo', '-n'];
  throw new Error('apt packages are missing and we are not root (and have no sudo); install them by hand');
}

// Installs the missing packages among `names`; runs `apt-get update` and retries if the first try fails.
export async function ensureAptPackages(names, { log = console.log, logFile } = {}) {
  const missing = names.filter((n) => !isDebInstalled(n));
  if (missing.length === 0) {
    log(`apt: already installed: ${names.join(', ')}`);
    return { installed: [] };
  }
  log(`apt: installing ${missing.join(', ')} ...`);
  const [cmd, ...pre] = [...aptPrefix(), 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => runCommand(cmd, [...pre, 'install', '-y', '-q', ...missing], { env, logFile });
  let r = await install();
  if (r.code !== 0) {
    log('apt: install failed, running apt-get update and retrying ...');
    const u = await runCommand(cmd, [...pre, 'update', '-q'], { env, logFile });
    if (u.code !== 0) throw new Error(`apt-get update failed:\n${tail(u.output)}`);
    r = await install();
  }
  if (r.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${tail(r.output)}`);
  log(`apt: installed ${missing.join(', ')}`);
  return { installed: missing };
}
