// Peak resident memory of the CLI reviewing one contract.
import path from 'node:path';
import { describeExit, timeNode } from './processes.mjs';

/** `node dist/cli.js check --format json FILE`, its peak resident memory in bytes (maxRSS, VmHWM). */
export async function measurePeakRss({ root, file, tempDir }) {
  const run = await timeNode([path.join(root, 'dist/cli.js'), 'check', '--format', 'json', file], { cwd: root, stdoutFile: path.join(tempDir, 'memory-report.json') });
  if (run.code !== 0 && run.code !== 1) throw new Error(`the CLI failed (${describeExit(run)})`);
  if (!run.usage) throw new Error('the CLI exited without recording its peak memory');
  const { maxRssKiB, vmHwmKiB } = run.usage;
  return { bytes: Math.max(maxRssKiB, vmHwmKiB ?? 0) * 1024, maxRssKiB, vmHwmKiB };
}
