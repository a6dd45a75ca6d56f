// Builds the extension, the CLI, the engine and the test bundles.
//   node esbuild.js               one development build (source maps)
//   node esbuild.js --production  minified, no source maps
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --schema      regenerate schemas/rulebook.schema.json from the rulebook shapes
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

/**
 * Serves `clauseguard:builtin-patterns`: the built-in rulebook's patterns as compromise reads them
 * (see src/engine/rulebook/builtinPatterns.ts), so that review threads need not read them again.
 * The snapshot is taken once per run of this script, before the bundles are built.
 */
function builtinPatternsPlugin(snapshot) {
  return {
    name: 'builtin-patterns',
    setup(build) {
      build.onResolve({ filter: /^clauseguard:builtin-patterns$/ }, (args) => ({ path: args.path, namespace: 'builtin-patterns' }));
      build.onLoad({ filter: /.*/, namespace: 'builtin-patterns' }, () => ({ contents: snapshot.text, loader: 'text' }));
    },
  };
}

/** The snapshot the bundles get; empty while it is being taken. */
const patternSnapshot = { text: '[]' };

const shared = {
  // Entry points and outputs are named from the project root, wherever this script is run from.
  absWorkingDir: __dirname,
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
  plugins: [problemMatcherPlugin, builtinPatternsPlugin(patternSnapshot)],
};

/**
 * The CLI and its review threads load compromise only when a rulebook needs it (a team rule
 * that names a part of speech, or a pattern the build did not read ahead), so they require it
 * from files of its own beside them instead of carrying its half a megabyte in their bundles:
 * every thread then reads and parses half as much before its first review. The extension's
 * bundle keeps it inside (it must stand alone in the .vsix, and loads it lazily as it is).
 */
const compromiseBesidePlugin = {
  name: 'compromise-beside',
  setup(build) {
    build.onResolve({ filter: /^compromise\/(one|two)$/ }, (args) => ({ path: `./compromise-${args.path.slice('compromise/'.length)}.js`, external: true }));
  },
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
  { ...shared, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [...shared.plugins, compromiseBesidePlugin] },
  { ...shared, entryPoints: ['src/workers/reviewWorker.ts'], outfile: 'dist/worker.js', plugins: [...shared.plugins, compromiseBesidePlugin] },
  { ...shared, entryPoints: ['node_modules/compromise/builds/one/compromise-one.cjs'], outfile: 'dist/compromise-one.js' },
  { ...shared, entryPoints: ['node_modules/compromise/builds/two/compromise-two.cjs'], outfile: 'dist/compromise-two.js' },
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
    external: ['mocha', 'typescript'],
  });
  for (const suite of ['editor', 'editor-untrusted']) {
    builds.push({
      ...shared,
      entryPoints: testEntries(`test/${suite}`),
      outdir: `out/test/${suite}`,
      outbase: `test/${suite}`,
      external: ['vscode', 'mocha'],
    });
  }
}

/** Bundles `entry` in memory and loads it as a module of this script. */
async function loadModule(entry, plugins) {
  const result = await esbuild.build({ ...shared, plugins, entryPoints: [entry], write: false, sourcemap: false, minify: false });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

/** Writes schemas/rulebook.schema.json from the shapes the rulebook validator uses. */
async function writeRulebookSchema() {
  const { rulebookJsonSchema } = await loadModule('src/engine/rulebook/jsonSchema.ts', []);
  fs.mkdirSync('schemas', { recursive: true });
  fs.writeFileSync('schemas/rulebook.schema.json', `${JSON.stringify(rulebookJsonSchema(), null, 2)}\n`);
}

/** Reads the built-in rulebook's patterns with the engine itself, for `clauseguard:builtin-patterns`. */
async function takePatternSnapshot() {
  const { builtinPatternSnapshot } = await loadModule('src/engine/rulebook/builtinPatterns.ts', [builtinPatternsPlugin({ text: '[]' })]);
  patternSnapshot.text = builtinPatternSnapshot();
}

async function main() {
  if (process.argv.includes('--schema')) {
    await writeRulebookSchema();
    return;
  }
  await takePatternSnapshot();
  // A production build ships no source maps: remove any left by a development build.
  if (production) for (const file of fs.existsSync('dist') ? fs.readdirSync('dist') : []) if (file.endsWith('.map')) fs.rmSync(`dist/${file}`);
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

/**
 * The options every bundle of the project is built with, once the pattern snapshot is taken: for
 * scripts that bundle parts of it themselves (test/bench/editorPauses.mjs).
 */
async function projectBuildOptions() {
  await takePatternSnapshot();
  return shared;
}

module.exports = { projectBuildOptions };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
