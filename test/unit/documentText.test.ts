import * as assert from 'node:assert/strict';
import { parseDocument } from '../../src/engine';
import { splitsIntoAtMost } from '../../src/engine/text/whiteSpace';

function sentencesOf(text: string): string[] {
  const document = parseDocument(text);
  return document.sentences.map((sentence) => document.analysisText.slice(sentence.start, sentence.end));
}

describe('document text', () => {
  describe('Markdown list bullets', () => {
    const LIST = ['Licensee shall:', '- deliver the Source Code;', '  * train the staff; and', '+\tpay the fee.', '-', '-x is not a bullet', '- '];

    for (const [name, lineBreak] of [
      ['\\n', '\n'],
      ['\\r\\n', '\r\n'],
      ['\\r', '\r'],
    ]) {
      it(`are blanked at the start of a line followed by text, with ${name} line breaks`, () => {
        const text = LIST.join(lineBreak);
        const expected = ['Licensee shall:', '  deliver the Source Code;', '    train the staff; and', '  pay the fee.', '-', '-x is not a bullet', '- '].join(' '.repeat(lineBreak.length));
        assert.equal(parseDocument(text).analysisText, expected);
      });
    }

    it('are blanked only when a "- ", "* " or "+ " occurs somewhere in the text', () => {
      assert.equal(parseDocument('Price:\n-\t10 per unit\n-5 for returns').analysisText, 'Price: - 10 per unit -5 for returns');
      assert.equal(parseDocument('Price:\n-\t10 per unit\n- 5 for returns').analysisText, 'Price:   10 per unit   5 for returns');
    });
  });

  describe('sentence ends', () => {
    it('reads a dotted initialism, an abbreviation and a lone letter after a name as the expression did', () => {
      assert.deepEqual(sentencesOf('The goods are made in the U.S.A. and shipped by Acme Inc. to the buyer. Title passes to Party A. Risk passes on delivery.'), [
        'The goods are made in the U.S.A. and shipped by Acme Inc. to the buyer.',
        'Title passes to Party A.',
        'Risk passes on delivery.',
      ]);
    });

    it("ends a sentence after a word with an apostrophe, and after a number that is not a label", () => {
      assert.deepEqual(sentencesOf("Fees are set out in the Licensor's. Payment is due under Section 2.1. Interest accrues."), [
        "Fees are set out in the Licensor's.",
        'Payment is due under Section 2.1.',
        'Interest accrues.',
      ]);
    });
  });

  describe('lead-ins of numbered items', () => {
    /** Each sentence's first words and the first words of its lead-in, if it has one. */
    function leadIns(text: string): [string, string | null][] {
      const document = parseDocument(text);
      const start = (index: number): string => document.analysisText.slice(document.sentences[index].start, document.sentences[index].end).split(' ').slice(0, 2).join(' ');
      return document.sentences.map((sentence, index) => [start(index), sentence.leadIn === undefined ? null : start(sentence.leadIn)]);
    }

    it('gives the items after a colon, a dash or an em dash the sentence before them, white space after it or not', () => {
      for (const ending of [':', ':  ', ' -', ' \u2014']) {
        assert.deepEqual(leadIns(`The Licensee shall${ending}\n\n(a) deliver the manuals.\n\n(b) pay the fees.`), [
          ['The Licensee', null],
          ['deliver the', 'The Licensee'],
          ['pay the', null],
        ], JSON.stringify(ending));
      }
    });

    it('goes on past an item that ends with a semicolon, a comma, "and" or "or" as a word', () => {
      const text = 'Each Party shall:\n\n(a) keep records;\n\n(b) train staff, and\n\n(c) pay or\n\n(d) give the husband\n\n(e) report.';
      assert.deepEqual(leadIns(text), [
        ['Each Party', null],
        ['keep records;', 'Each Party'],
        ['train staff,', 'Each Party'],
        ['pay or', 'Each Party'],
        ['give the', 'Each Party'],
        ['report.', null],
      ]);
      assert.deepEqual(leadIns('Each Party shall:\n\n(a) keep records.\n\n(b) report.').map(([, leadIn]) => leadIn), [null, 'Each Party', null]);
    });
  });

  describe('running headers', () => {
    const page = (header: string, body: string): string => `${header}\n\n${body}\n`;

    it('are blanked when they repeat with other page numbers and other runs of white space', () => {
      const text = [
        page('Acme Corp - License Agreement   Page 1', 'Licensee shall pay the fee.'),
        page('ACME CORP -\tLicense  Agreement Page 2', 'Licensor shall deliver the goods.'),
        page('Acme Corp  -  License Agreement \t Page 13', 'Either party may terminate.'),
      ].join('\n');
      assert.deepEqual(sentencesOf(text), ['Licensee shall pay the fee.', 'Licensor shall deliver the goods.', 'Either party may terminate.']);
    });

    it('are kept when their words differ, not only their white space', () => {
      const text = [
        page('Acme Corp License Agreement', 'Licensee shall pay the fee.'),
        page('Acme Corp  License Agreement', 'Licensor shall deliver the goods.'),
        page('Acme Corp Licence Agreement', 'Either party may terminate.'),
      ].join('\n');
      assert.deepEqual(sentencesOf(text), [
        'Acme Corp License Agreement',
        'Licensee shall pay the fee.',
        'Acme Corp  License Agreement',
        'Licensor shall deliver the goods.',
        'Acme Corp Licence Agreement',
        'Either party may terminate.',
      ]);
    });
  });

  it('reads numbered headings and their clauses the same with each kind of line break', () => {
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const text = ['1. Grant', 'Licensor grants a licence.', '', '2. Fees', 'Licensee pays the fees.'].join(lineBreak);
      assert.deepEqual(
        sentencesOf(text).map((sentence) => sentence.replace(/\s+/g, ' ')),
        ['Grant Licensor grants a licence.', 'Fees Licensee pays the fees.'],
        JSON.stringify(lineBreak),
      );
    }
  });

  it('counts the parts of a split on white space as split does', () => {
    for (const text of ['', ' ', 'one', ' one two ', 'ARTICLE  V\tGRANT OF\nLICENCE', 'a b c d e f', 'a b c d e f g', '\u00a0x\u2003y']) {
      const parts = text.split(/\s+/).length;
      for (let max = 0; max <= 8; max++) assert.equal(splitsIntoAtMost(text, max), parts <= max, `${JSON.stringify(text)} into at most ${max}`);
    }
  });
});
