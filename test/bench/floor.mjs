#!/usr/bin/env node
// The floor: what reading the corpus and running the rulebook's trigger vocabulary as compiled
// regular expressions costs, with no sentence analysis at all.
//   node test/bench/floor.mjs RULEBOOK FILE...
// Prints {"files":N,"matches":M,"perFile":[...]} on stdout.
import fs from 'node:fs';
import { compileVocabulary, readVocabulary } from './vocabulary.mjs';

const [rulebook, ...files] = process.argv.slice(2);
if (!rulebook || !files.length) {
  console.error('Usage: node test/bench/floor.mjs RULEBOOK FILE...');
  process.exit(2);
}
const lists = compileVocabulary(readVocabulary(rulebook));
const perFile = [];
let total = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  let matches = 0;
  for (const { regex } of lists) {
    regex.lastIndex = 0;
    while (regex.exec(text)) matches++;
  }
  perFile.push(matches);
  total += matches;
}
process.stdout.write(`${JSON.stringify({ files: files.length, matches: total, perFile })}\n`);
