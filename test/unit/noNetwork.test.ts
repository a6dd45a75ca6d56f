import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Code that could send text off the machine, as it appears in a bundle. */
const NETWORK = [
  /require\(["'](?:node:)?(?:https?|http2|net|tls|dgram|dns|child_process)["']\)/,
  /from\s*["'](?:node:)?(?:https?|http2|net|tls|dgram|dns|child_process)["']/,
  /\bfetch\s*\(/,
  /\bWebSocket\b/,
  /\bXMLHttpRequest\b/,
  /\bsendBeacon\b/,
  /\bchild_process\b/,
  /\bEventSource\b/,
];

describe('nothing leaves the machine', () => {
  const bundles = existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')).filter((file) => file.endsWith('.js')) : [];

  it('has bundles to scan', () => {
    for (const bundle of ['extension.js', 'cli.js', 'engine.js']) assert.ok(bundles.includes(bundle), `dist/${bundle} is built`);
  });

  for (const bundle of bundles) {
    it(`dist/${bundle} contains no network or process-spawning code`, () => {
      const code = readFileSync(join(root, 'dist', bundle), 'utf8');
      for (const pattern of NETWORK) {
        const match = pattern.exec(code);
        assert.equal(match, null, `dist/${bundle} contains ${match?.[0]} near: ${match ? code.slice(Math.max(0, match.index - 80), match.index + 80) : ''}`);
      }
    });
  }

  it('declares no telemetry setting or dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const dependencies = Object.keys({ ...pkg.dependencies });
    assert.deepEqual(dependencies.filter((name) => /telemetry|analytics|sentry|applicationinsights/i.test(name)), []);
    assert.ok(!JSON.stringify(pkg.contributes).includes('telemetry'));
  });
});
