import * as assert from 'node:assert/strict';
import { VocabularyMatcher, type WordForms } from '../../src/engine/nlp/vocabularyMatcher';
import { wordsOf, wordVariants } from '../../src/engine/nlp/words';

/** The concepts `matcher` finds in `text`, reading it with the shared `forms` (as sentences share word look-ups). */
function concepts(matcher: VocabularyMatcher, text: string, forms: Map<string, WordForms>): string[] {
  const words = wordsOf(text);
  const wordForms = words.map((word) => {
    let known = forms.get(word.normal);
    if (!known) forms.set(word.normal, (known = { variants: wordVariants(word.normal) }));
    return known;
  });
  return matcher.find(words, wordForms).map((hit) => `${hit.concept}:${text.slice(hit.start, hit.end)}`);
}

describe('vocabulary matcher', () => {
  it('finds phrases, plurals and prefix words', () => {
    const matcher = new VocabularyMatcher();
    matcher.add('Tech', 'source code');
    matcher.add('Licence', 'licen*');
    assert.deepEqual(concepts(matcher, 'Licensee shall deliver the Source Codes.', new Map()), ['Licence:Licensee', 'Tech:Source Codes']);
  });

  it('answers for itself when two vocabularies read the same words in turn', () => {
    const forms = new Map<string, WordForms>();
    const first = new VocabularyMatcher();
    first.add('Tech', 'know-how');
    const second = new VocabularyMatcher();
    second.add('Party', 'licensee');
    const text = 'The Licensee receives the know-how.';
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(concepts(first, text, forms), ['Tech:know-how']);
      assert.deepEqual(concepts(second, text, forms), ['Party:Licensee']);
    }
  });

  it('forgets what it remembered about a word once a phrase is added', () => {
    const forms = new Map<string, WordForms>();
    const matcher = new VocabularyMatcher();
    matcher.add('Tech', 'technology');
    assert.deepEqual(concepts(matcher, 'Licensee pays the royalty.', forms), []);
    matcher.add('Money', 'royalty');
    assert.deepEqual(concepts(matcher, 'Licensee pays the royalty.', forms), ['Money:royalty']);
  });
});
