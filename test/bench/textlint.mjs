// textlint with textlint-rule-prh and a dictionary equivalent to the rulebook's vocabulary,
// generated at run time into a temporary folder, timed as a whole process over the same files.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cpuText, describeExit, timeNode } from './processes.mjs';
import { listPattern, readVocabulary } from './vocabulary.mjs';

/**
 * The prh dictionary, written as prh dictionaries are: one rule per phrase of every vocabulary
 * list, with the floor's pattern for that phrase (case-insensitive, on word edges, hyphen and space
 * interchangeable, a final `*` as `\w*`). prh reports a match unless it equals `expected`, so
 * `expected` is a marker no text contains and every match is reported.
 */
export function prhDictionary(lists) {
  const rules = lists.flatMap((list) => [...new Set(list.phrases)].map((phrase) => [
    `  - expected: ${JSON.stringify(`«${list.name}: ${phrase}»`)}`,
    `    pattern: ${JSON.stringify(`/${listPattern([phrase])}/gi`)}`,
  ].join('\n')));
  return `version: 1\nrules:\n${rules.join('\n')}\n`;
}

/** The bin script of the installed textlint, or undefined when it is not installed. */
function textlintBin(root) {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    require.resolve('textlint-rule-prh');
    const manifestPath = require.resolve('textlint/package.json');
    const { bin } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    return path.join(path.dirname(manifestPath), typeof bin === 'string' ? bin : bin.textlint);
  } catch {
    return undefined;
  }
}

/** Times `textlint --format json` over `files`; resolves { ms, messages } or throws. */
export async function runTextlint({ root, rulebook, files, tempDir }) {
  const bin = textlintBin(root);
  if (!bin) throw new Error('not available: textlint and textlint-rule-prh are not installed (npm install)');
  const dir = fs.mkdtempSync(path.join(tempDir, 'textlint-'));
  const dictionary = path.join(dir, 'vocabulary.prh.yml');
  fs.writeFileSync(dictionary, prhDictionary(readVocabulary(rulebook)));
  const config = path.join(dir, '.textlintrc.json');
  fs.writeFileSync(config, JSON.stringify({ rules: { prh: { rulePaths: [dictionary] } } }, null, 2));
  const output = path.join(dir, 'report.json');
  const run = await timeNode([bin, '--config', config, '--format', 'json', '--no-color', ...files], { cwd: root, stdoutFile: output });
  // textlint exits 1 when it reports something: that is the expected outcome here.
  if (run.code !== 0 && run.code !== 1) throw new Error(`textlint failed (${describeExit(run)})`);
  let report;
  try {
    report = JSON.parse(fs.readFileSync(output, 'utf8'));
  } catch {
    throw new Error(`textlint printed no JSON report (${describeExit(run)})`);
  }
  if (!Array.isArray(report) || report.length !== files.length) throw new Error(`textlint reported on ${Array.isArray(report) ? report.length : 0} of ${files.length} files`);
  return { ms: run.ms, cpu: cpuText(run.usage), messages: report.reduce((sum, file) => sum + file.messages.length, 0) };
}
