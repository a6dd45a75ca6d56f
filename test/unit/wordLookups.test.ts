import * as assert from 'node:assert/strict';
import { analyze, compileRulebooks, parseRulebook } from '../../src/engine';
import { wordsOf } from '../../src/engine/nlp/words';

const RULEBOOK = JSON.stringify({
  name: 'lookups-test',
  vocabulary: { Tech: ['technology', 'source code', 'licen*'] },
  rules: [
    {
      id: 'test/assign-tech',
      category: 'ip-assignment',
      severity: 'warning',
      title: 'Technology assigned',
      message: 'Technology is assigned.',
      explanation: 'A test rule.',
      citation: 'Test.',
      match: { all: [{ pattern: 'assign the? #Tech' }] },
      examples: { match: ['Licensee shall assign the technology.'], noMatch: ['Licensee shall pay the fee.'] },
    },
  ],
});

describe('word lookups', () => {
  const compiled = compileRulebooks([parseRulebook('lookups-test', RULEBOOK)]);
  const rulebook = compiled.rulebook!;

  it('gives a word its look-up forms and says whether a vocabulary phrase can start with it', () => {
    assert.ok(rulebook, JSON.stringify(compiled.problems));
    const lookups = rulebook.wordLookups;
    assert.deepEqual(lookups.get('technologies').variants, ['technologies', 'technology', 'technologi', 'technologie']);
    assert.equal(lookups.get('technologies').startsPhrase, true);
    assert.equal(lookups.get('source').startsPhrase, true);
    assert.equal(lookups.get('licensee').startsPhrase, true, 'licen* is a prefix');
    assert.equal(lookups.get('code').startsPhrase, false, 'only the first word of "source code" starts it');
    assert.equal(lookups.get('the').startsPhrase, false);
  });

  it('keeps where its phrases start, and the vocabulary finds the same from there as from its root', () => {
    const lookups = rulebook.wordLookups;
    assert.equal(lookups.get('source').phraseStarts.length, 1);
    assert.equal(lookups.get('licences').phraseStarts.length, 1, 'licen* by its prefix');
    assert.deepEqual(lookups.get('the').phraseStarts, []);
    const text = "The Licensee's source code, licences and technologies.";
    const { words, lookups: read } = lookups.read(text, 0, text.length);
    const fromStarts = rulebook.vocabulary.find(words, read, true);
    assert.deepEqual(fromStarts, rulebook.vocabulary.find(words));
    assert.deepEqual(
      fromStarts.map((hit) => text.slice(hit.start, hit.end)),
      ["Licensee's", 'source code', 'licences', 'technologies'],
    );
  });

  it('lists the rule requirements a word meets through any of its forms, once each', () => {
    const { requirements } = rulebook.wordLookups.get('assigns');
    assert.equal(requirements?.length, 1);
    assert.ok(requirements?.[0].words.includes('assign'));
    assert.equal(rulebook.wordLookups.get('assign').requirements?.[0], requirements?.[0]);
    assert.equal(rulebook.wordLookups.get('pay').requirements, undefined);
  });

  it('works a word out once and hands out the same answer after', () => {
    assert.equal(rulebook.wordLookups.get('licensee'), rulebook.wordLookups.get('licensee'));
  });

  it('reads a sentence into the same words as wordsOf, each with its look-up', () => {
    const text = "x. Licensee's LICENSEE licensee 2.1(a) Source-code, don't O'Brien's technologies; Café licences.";
    for (const [start, end] of [
      [0, text.length],
      [3, 40],
      [2, 2],
    ]) {
      const { words, lookups } = rulebook.wordLookups.read(text, start, end);
      assert.deepEqual(words, wordsOf(text, start, end), `[${start}, ${end})`);
      assert.deepEqual(
        lookups,
        words.map((word) => rulebook.wordLookups.get(word.normal)),
      );
    }
  });

  it('finds a word seen before however it is capitalised', () => {
    const { words, lookups } = rulebook.wordLookups.read('LICENSEE licensee LiCeNsEe assigns ASSIGNS', 0, 42);
    assert.deepEqual(
      words.map((word) => word.normal),
      ['licensee', 'licensee', 'licensee', 'assigns', 'assigns'],
    );
    assert.equal(lookups[3], lookups[4]);
    assert.equal(lookups[4], rulebook.wordLookups.get('assigns'));
  });

  it('tells apart words whose letters hash alike, and keeps thousands of words of any length apart', () => {
    // "c0" and "an" have the same hash (99 * 31 + 48 = 97 * 31 + 110): only their letters differ.
    const { words, lookups } = rulebook.wordLookups.read('c0 an AN C0 an', 0, 14);
    assert.deepEqual(
      words.map((word) => word.normal),
      ['c0', 'an', 'an', 'c0', 'an'],
    );
    assert.notEqual(lookups[0], lookups[1]);
    assert.deepEqual(lookups, ['c0', 'an', 'an', 'c0', 'an'].map((normal) => rulebook.wordLookups.get(normal)));
    // Enough distinct words, one of them longer than all the others together, that every table grows.
    const many = Array.from({ length: 6000 }, (_, index) => `W${index.toString(36)}x${'y'.repeat(index % 40)}`);
    many.push('Z'.repeat(20_000));
    const text = many.join(' ');
    for (let pass = 0; pass < 2; pass++) {
      const read = rulebook.wordLookups.read(text, 0, text.length);
      assert.deepEqual(
        read.words.map((word) => word.normal),
        many.map((word) => word.toLowerCase()),
      );
      assert.ok(read.lookups.every((lookup, index) => lookup === rulebook.wordLookups.get(read.words[index].normal)));
    }
  });

  it('reads the rule through them: plural and possessive forms still match', () => {
    const { findings } = analyze("Licensee shall assign the technologies and Licensor's licences.", rulebook);
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['test/assign-tech']);
  });
});
