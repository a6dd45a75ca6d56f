// Preloaded with `node --require` into a measured process: on exit it writes its resource usage
// (CPU time of all its threads, peak resident memory) as JSON to the file named by
// CLAUSEGUARD_BENCH_USAGE.
'use strict';
const fs = require('node:fs');

const target = process.env.CLAUSEGUARD_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    let vmHwmKiB = null;
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      if (match) vmHwmKiB = Number(match[1]);
    } catch {
      // not Linux
    }
    const usage = process.resourceUsage();
    fs.writeFileSync(target, JSON.stringify({ userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, maxRssKiB: usage.maxRSS, vmHwmKiB }));
  });
}
