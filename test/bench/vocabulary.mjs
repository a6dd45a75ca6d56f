// The trigger vocabulary of a rulebook as plain regular expressions, for the floor and textlint.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The vocabulary lists of a rulebook file (JSON with comments): [{ name, phrases }]. */
export function readVocabulary(rulebookPath) {
  const { parse } = require('jsonc-parser');
  const errors = [];
  const rulebook = parse(fs.readFileSync(rulebookPath, 'utf8'), errors, { allowTrailingComma: true });
  if (errors.length || !rulebook || typeof rulebook.vocabulary !== 'object') throw new Error(`${rulebookPath} has no readable vocabulary.`);
  return Object.entries(rulebook.vocabulary).map(([name, entry]) => ({ name, phrases: Array.isArray(entry) ? entry : entry.phrases ?? [] }));
}

const escape = (text) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** One phrase as a pattern: escaped, hyphen and space interchangeable, a final `*` as `\w*`. */
export function phrasePattern(phrase) {
  const star = phrase.endsWith('*');
  const words = (star ? phrase.slice(0, -1) : phrase).trim().split(/[\s-]+/).map(escape);
  return words.join('[\\s-]+') + (star ? '\\w*' : '');
}

/** The source of one regular expression for a whole list, longest phrase first, on word edges. */
export function listPattern(phrases) {
  const alternatives = [...new Set(phrases)].sort((a, b) => b.length - a.length).map(phrasePattern);
  return `(?<!\\w)(?:${alternatives.join('|')})(?!\\w)`;
}

/** One case-insensitive, global RegExp per vocabulary list. */
export function compileVocabulary(lists) {
  return lists.filter((list) => list.phrases.length).map((list) => ({ name: list.name, regex: new RegExp(listPattern(list.phrases), 'gi') }));
}
