import { join } from 'node:path';

/** The extension host calls run(); mocha and the harness runner are loaded at run time, not bundled. */
export function run(): Promise<void> {
  const runner = join(__dirname, '..', '..', '..', 'test', 'harness', 'mochaInHost.cjs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path: the runner is not part of the bundle
  return (require(runner) as { run(options: { testsRoot: string; timeout: number }): Promise<void> }).run({ testsRoot: __dirname, timeout: 60_000 });
}
