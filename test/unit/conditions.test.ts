import * as assert from 'node:assert/strict';
import { CONDITION_CUE_TEXT, cueBit, cueMask } from '../../src/engine/nlp/conditions';
import { CONDITION_KINDS } from '../../src/engine/rulebook/types';

describe('condition cues', () => {
  it('name, for every alternative of each cue expression, a fragment of the word it lies in', () => {
    for (const kind of CONDITION_KINDS) {
      const { text, words } = CONDITION_CUE_TEXT[kind];
      for (const alternative of text.source.split('|')) {
        // "order to" lies in two words; the first holds "order". "\bown\b" is the word "own".
        const firstWord = alternative.replace(/\\b/g, '').split(' ')[0].toLowerCase();
        assert.match(firstWord, /^[a-z]+$/, `${kind}: "${alternative}" is not plain letters; its fragment must be worked out by hand`);
        assert.ok(words.some((fragment) => firstWord.includes(fragment)), `${kind}: no fragment for "${alternative}"`);
      }
    }
  });

  it('mark the kinds whose cue a word may be part of', () => {
    assert.equal(cueMask('requested') & cueBit('on-request'), cueBit('on-request'));
    assert.equal(cueMask('notification') & (cueBit('notice') | cueBit('no-notice')), cueBit('notice') | cueBit('no-notice'));
    assert.equal(cueMask('owned') & cueBit('creator-owns'), cueBit('creator-owns'));
    assert.equal(cueMask('licensee') & cueBit('approval'), cueBit('approval'));
    assert.equal(cueMask('the'), 0);
  });
});
