// Builds the extension, the CLI, the engine and the test bundles.
//   node esbuild.js               one development build (source maps)
//   node esbuild.js --production  minified, no source maps
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build start and end in the form VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  loader: { '.jsonc': 'text' },
  // jsonc-parser's UMD build requires its parts dynamically; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  plugins: [problemMatcherPlugin],
};

/** Every `*.test.ts` below `dir`, bundled one by one so mocha can load them as files. */
function testEntries(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

const builds = [
  { ...shared, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...shared, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...shared, entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js' },
  { ...shared, entryPoints: ['src/engine/index.ts'], outfile: 'dist/engine.js' },
  // The engine must also build for a browser worker: no Node built-ins may creep in.
  { ...shared, entryPoints: ['src/engine/index.ts'], outfile: 'dist/engine.browser.js', platform: 'browser', format: 'esm' },
];
if (!production) {
  builds.push({
    ...shared,
    entryPoints: testEntries('test/unit'),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    external: ['mocha'],
  });
  builds.push({
    ...shared,
    entryPoints: testEntries('test/editor'),
    outdir: 'out/test/editor',
    outbase: 'test/editor',
    external: ['vscode', 'mocha'],
  });
}

async function main() {
  const contexts = await Promise.all(
    builds.filter((options) => options.entryPoints.length && options.entryPoints.every((entry) => fs.existsSync(entry)))
      .map((options) => esbuild.context(options)),
  );
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  let failed = false;
  for (const context of contexts) {
    try {
      await context.rebuild();
    } catch {
      failed = true;
    }
    await context.dispose();
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
