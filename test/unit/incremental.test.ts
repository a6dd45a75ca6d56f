import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, compiledRecommended, createIncrementalReviewer, type AnalysisResult, type ContentChange } from '../../src/engine';
import { parseDocumentWithState, parseInSteps, type ContractDocument, type ParsedDocument } from '../../src/engine/document/model';
import { reparseDocument, textChange } from '../../src/engine/document/reparse';
import { findDefinitionMatches, updateDefinitionMatches } from '../../src/engine/document/definedTerms';
import { findParties, readParties, sameParties } from '../../src/engine/document/parties';
import { seededRandom as random } from './seededRandom';

/**
 * Incremental review must be invisible: after any edit, re-parsing only the edited lines and
 * re-reading only the changed sentences gives exactly what a review from scratch gives. A seeded
 * generator makes the edits; a failure names its seed and edit.
 */

const ROOT = path.resolve(__dirname, '../../..');

/** A document as plain data: an incremental parse keeps its analysis text in chunks, a full parse as one string. */
function comparable(document: ContractDocument): Record<string, unknown> {
  const { analysis, analysisText, ...rest } = document;
  assert.equal(String(analysis), analysisText, 'analysis and analysisText are the same text');
  return { ...rest, analysisText };
}
const DRAFT = readFileSync(path.join(ROOT, 'examples/joint-venture-draft.md'), 'utf8');
const LICENCE = readFileSync(path.join(ROOT, 'test/fixtures/contracts/hard-wrapped-licence.txt'), 'utf8');


/** The draft laid out the way EDGAR filings are: hard-wrapped, with running headers and page numbers. */
function filingLayout(markdown: string): string {
  const out: string[] = [];
  let page = 1;
  for (const paragraph of markdown.replace(/^#+ /gm, '').split(/\n\s*\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > 72) {
        out.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word;
    }
    out.push(line, '');
    if (out.length > page * 45) {
      out.push(`                               - ${page} -`, '', 'CONFIDENTIAL TREATMENT REQUESTED', '');
      page++;
    }
  }
  return out.join('\n');
}

const INSERTS = [
  'also ', ' ', '\n', '\n\n', '.', '. The', '"Licensed Know-How" means ', '(the "JV Company")', '\n(a) ', '\nARTICLE 5\n',
  '\n\n12\n\n', ';', 'shall ', 'shall not ', '\r\n', '\r', 'WHEREAS ', '\n2.1 Grant. ', '**', '# ', '<!-- note -->', 'Page 3 of 9',
  '[***]', '\nCONFIDENTIAL TREATMENT REQUESTED\n', 'royalty-free ', 'upon request ', 'the source code ', '\n- 7 -\n',
];

/** One random edit: an insertion, a deletion of up to 40 characters, or a replacement. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const kind = next();
  if (kind < 0.5) return text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 40)));
  return text.slice(0, at) + 'xy' + text.slice(Math.min(text.length, at + 3));
}

const DOCUMENTS: Record<string, string> = {
  'the example draft (Markdown)': DRAFT,
  'the example draft in filing layout': filingLayout(DRAFT),
  'a hard-wrapped licence with a page break': LICENCE,
};

describe('textChange', () => {
  it('finds the one stretch that differs, or nothing', () => {
    assert.equal(textChange('abc', 'abc'), undefined);
    assert.deepEqual(textChange('the Party shall', 'the Party shall not'), { start: 15, oldEnd: 15, newEnd: 19 });
    assert.deepEqual(textChange('aXc', 'aYYc'), { start: 1, oldEnd: 2, newEnd: 3 });
    const long = 'x'.repeat(5000);
    assert.deepEqual(textChange(long + 'a' + long, long + long), { start: 5000, oldEnd: 5001, newEnd: 5000 });
  });
});

describe('reparseDocument', () => {
  for (const [name, original] of Object.entries(DOCUMENTS)) {
    it(`equals a parse from scratch after each of 150 random edits of ${name}`, () => {
      const next = random(7 + original.length);
      let text = original;
      let parsed: ParsedDocument = parseDocumentWithState(text);
      let spliced = 0;
      for (let e = 0; e < 150; e++) {
        const edited = edit(text, next);
        const again = reparseDocument(parsed, edited);
        const full = parseDocumentWithState(edited);
        const where = `edit ${e} of ${name}`;
        assert.deepEqual(comparable(again.document), comparable(full.document), where);
        assert.deepEqual(again.state.lines, full.state.lines, where);
        assert.deepEqual(again.state.blocks, full.state.blocks, where);
        assert.deepEqual(again.state.pages.artifacts, full.state.pages.artifacts, where);
        assert.deepEqual(again.state.definitions, full.state.definitions, where);
        if (again.incremental) spliced++;
        text = edited;
        parsed = again;
      }
      // Most edits must take the incremental path, or this test proves nothing about it.
      assert.ok(spliced > 100, `only ${spliced} of 150 edits were parsed incrementally`);
    });
  }

  it('moves the clauses and sentences after an edit in place, not as copies', () => {
    const text = filingLayout(DRAFT);
    const parsed = parseDocumentWithState(text);
    const at = text.indexOf('shall', Math.floor(text.length / 3));
    const last = parsed.document.sentences[parsed.document.sentences.length - 1];
    const lastClause = parsed.document.clauses[last.clauseIndex];
    const { start, end } = last;
    const edited = text.slice(0, at) + 'also ' + text.slice(at);
    const again = reparseDocument(parsed, edited, { start: at, oldEnd: at, newEnd: at + 5 });
    const moved = again.document.sentences[again.document.sentences.length - 1];
    assert.equal(moved, last, 'the same object');
    assert.equal(again.document.clauses[moved.clauseIndex], lastClause);
    assert.deepEqual([moved.start, moved.end], [start + 5, end + 5]);
    assert.equal(again.origins?.[moved.index], parsed.document.sentences.length - 1);
    assert.deepEqual(comparable(again.document), comparable(parseDocumentWithState(edited).document));
  });

  it('reads a running header again where else it occurs when an edit makes it stop or start repeating', () => {
    const HEADER = 'Northwind-Southgate Joint Venture Agreement (Execution Version)';
    // The header three times, each in the middle of a wrapped paragraph, as a page break leaves it.
    const lines = filingLayout(DRAFT).split('\n');
    for (const at of [Math.floor(lines.length * 0.7), Math.floor(lines.length * 0.45), Math.floor(lines.length * 0.2)]) {
      const inParagraph = lines.findIndex((line, index) => index >= at && line.length > 40 && lines[index + 1]?.length > 40);
      lines.splice(inParagraph + 1, 0, '', HEADER, '');
    }
    const text = lines.join('\n');
    const headers = (source: string, parsed: ParsedDocument) => parsed.document.pageArtifacts.filter((span) => source.slice(span.start, span.end).startsWith('Northwind-Southgate')).length;
    const base = parseDocumentWithState(text);
    assert.equal(headers(text, base), 3, 'three copies make a running header');

    // Editing one copy leaves two: neither is a header any more, and their text is read as text.
    const second = text.indexOf(HEADER, text.indexOf(HEADER) + 1) + HEADER.indexOf('Execution');
    const edited = text.slice(0, second) + 'Signing' + text.slice(second + 'Execution'.length);
    const stopped = reparseDocument(base, edited, { start: second, oldEnd: second + 'Execution'.length, newEnd: second + 'Signing'.length });
    assert.equal(stopped.incremental, true);
    assert.equal(headers(edited, stopped), 0);
    assert.deepEqual(comparable(stopped.document), comparable(parseDocumentWithState(edited).document));
    assert.deepEqual(stopped.state.blocks, parseDocumentWithState(edited).state.blocks);

    // Typing the word back makes three again.
    const restored = reparseDocument(stopped, text, { start: second, oldEnd: second + 'Signing'.length, newEnd: second + 'Execution'.length });
    assert.equal(restored.incremental, true);
    assert.equal(headers(text, restored), 3);
    assert.deepEqual(comparable(restored.document), comparable(parseDocumentWithState(text).document));
    assert.deepEqual(restored.state.pages.artifacts, parseDocumentWithState(text).state.pages.artifacts);

    // The sentence memo follows the sentences through both steps: the reviewer finds what analyze() finds.
    const reviewer = createIncrementalReviewer(compiledRecommended());
    reviewer.review(text);
    const keys = (result: AnalysisResult) => result.findings.map((finding) => `${finding.ruleId}@${finding.start}-${finding.end}`);
    const after = reviewer.review([{ offset: second, length: 'Execution'.length, text: 'Signing' }]);
    assert.deepEqual(keys(after), keys(analyze(edited, compiledRecommended())));
    const back = reviewer.review([{ offset: second, length: 'Signing'.length, text: 'Execution' }]);
    assert.deepEqual(keys(back), keys(analyze(text, compiledRecommended())));
  });

  it('parses the whole text again when an edit opens an HTML comment that runs over lines', () => {
    const parsed = parseDocumentWithState(DRAFT);
    const at = DRAFT.indexOf('\n\n', 2000);
    const edited = DRAFT.slice(0, at) + '\n<!-- draft note' + DRAFT.slice(at);
    const again = reparseDocument(parsed, edited);
    assert.equal(again.incremental, false);
    assert.deepEqual(comparable(again.document), comparable(parseDocumentWithState(edited).document));
  });
});

describe('updateDefinitionMatches', () => {
  // Text made of what definitions are made of: quotes, parentheses, "means", lists of terms, long runs of white space.
  const PIECES = ['"', "'", '(', ')', ' ', '   ', ' '.repeat(300), 'the ', 'Licensed Know-How', 'JV Company', ' means ', ' shall mean ', ' or ', ', ', ' and ',
    'has the meaning', ':', 'includes', '(collectively, the ', 'hereinafter ', 'Party A', 'x'.repeat(50), 'word ', 'Term', '.', "Licensor's "];

  it('equals a scan of the whole text after each of 3,000 random edits', () => {
    const next = random(2024);
    const generate = (count: number): string => Array.from({ length: count }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
    let edits = 0;
    for (let d = 0; d < 100; d++) {
      let text = generate(200 + Math.floor(next() * 600));
      let matches = findDefinitionMatches(text);
      for (let e = 0; e < 30; e++) {
        const at = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, at + (next() < 0.5 ? Math.floor(next() * 30) : 0));
        const edited = text.slice(0, at) + (next() < 0.7 ? generate(1 + Math.floor(next() * 3)) : '') + text.slice(end);
        // The changed stretch as an incremental parse reports it: the edit, widened to whole lines.
        const start = Math.max(0, at - Math.floor(next() * 20));
        const oldEnd = Math.min(text.length, end + Math.floor(next() * 20));
        const updated = updateDefinitionMatches(matches, edited, start, oldEnd, oldEnd + edited.length - text.length);
        assert.deepEqual(updated, findDefinitionMatches(edited), `document ${d}, edit ${e}`);
        text = edited;
        matches = updated;
        edits++;
      }
    }
    assert.equal(edits, 3000);
  });
});

describe('sameParties', () => {
  it('says the parties are unchanged only when a search of the whole text agrees, over 2,000 random edits', () => {
    const next = random(77);
    const LIMIT = 200_000;
    // A long agreement that names two parties in its preamble, "Party A" once early, and "Party C" just inside the limit of the Party X search.
    const preamble = 'LICENCE AGREEMENT\n\nThis Agreement is made between Acme Corp., a Delaware corporation ("Licensor"), and Beta Ltd. ("Licensee"), as Party A.\n\n';
    const line = 'the Licensee shall pay the fees when due under this Agreement.\n';
    const body = line.repeat(Math.ceil(LIMIT / line.length)).slice(0, LIMIT - 7 - preamble.length - 3);
    const base = `${preamble}${body}   Party C.\n${line.repeat(300)}`;
    assert.deepEqual(findParties(base).map((party) => party.name), ['Licensor', 'Licensee', 'Party A', 'Party C']);
    const PIECES = ['Party B ', 'Party ', ' D', 'x', '\n', ' ', 'Party A', 'xyzzy'];
    let reused = 0;
    let changed = 0;
    for (let e = 0; e < 2000; e++) {
      // Each edit of the same text: past the preamble, half of them around the limit, where a shift moves "Party C" in or out.
      const at = next() < 0.5 ? LIMIT - 60 + Math.floor(next() * 120) : 60_000 + Math.floor(next() * (base.length - 60_000));
      const end = Math.min(base.length, at + (next() < 0.4 ? Math.floor(next() * 12) : 0));
      const edited = base.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + base.slice(end);
      const same = JSON.stringify(findParties(edited)) === JSON.stringify(findParties(base));
      if (!same) changed++;
      if (sameParties(base, edited, at, end, end + edited.length - base.length)) {
        reused++;
        assert.ok(same, `edit ${e} at ${at}: the parties changed, but sameParties said they did not`);
      }
    }
    assert.ok(reused > 500 && changed > 100, `reused after ${reused} edits; parties changed after ${changed}`);
  });

  it('reuses the parties after an edit past the window the preamble was found in, and only when a whole-text search agrees', () => {
    const next = random(78);
    const cover = 'SUPPLY AGREEMENT\n\nTable of contents: supply, price, delivery and the terms agreed between them.\n\n';
    const preamble = 'This Agreement is made between Acme Corp., a Delaware corporation ("Supplier"), and Beta Ltd. ("Buyer").\n\nWHEREAS the Buyer buys.\n\n';
    const line = 'the Buyer shall pay the price when due under this Agreement.\n';
    const base = `${cover}${preamble}${line.repeat(700)}`;
    const { parties, preambleReach } = readParties(base);
    assert.deepEqual(parties.map((party) => party.name), ['Supplier', 'Buyer']);
    // The cover's "between" opens the window the names are found in (its recitals come later): the search ends with that window.
    assert.equal(preambleReach, base.indexOf('between') + 4000);
    // Pieces that make or break a preamble, name a party or end the preamble's window early.
    const PIECES = ['("Agent")', 'between ', ' among', 'WHEREAS ', '"', 'x', '\n', 'Party B'];
    let reused = 0;
    let changed = 0;
    for (let e = 0; e < 1500; e++) {
      // Half of them in the cover and preamble, half anywhere in the first 12,000 characters.
      const at = Math.floor(next() * (next() < 0.5 ? 260 : 12_000));
      const end = Math.min(base.length, at + (next() < 0.4 ? Math.floor(next() * 12) : 0));
      const edited = base.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + base.slice(end);
      const same = JSON.stringify(findParties(edited)) === JSON.stringify(parties);
      if (!same) changed++;
      if (sameParties(base, edited, at, end, end + edited.length - base.length, preambleReach)) {
        reused++;
        assert.ok(same, `edit ${e} at ${at}: the parties changed, but sameParties said they did not`);
      }
    }
    assert.ok(reused > 300 && changed > 100, `reused after ${reused} edits; parties changed after ${changed}`);
    // Without a reach, nothing before the furthest the search may read is reused.
    assert.equal(sameParties(base, base.replace('pay the price', 'pay a price'), 9000, 9013, 9011), false);
  });
});

describe('parseInSteps', () => {
  it('pauses between the stages of parsing and ends with the same document', () => {
    const text = DOCUMENTS['the example draft in filing layout'];
    const steps = parseInSteps(text);
    let pauses = 0;
    let next = steps.next();
    while (!next.done) {
      pauses++;
      next = steps.next();
    }
    assert.ok(pauses >= 3, `only ${pauses} pauses`);
    assert.deepEqual(comparable(next.value.document), comparable(parseDocumentWithState(text).document));
  });
});

describe('createIncrementalReviewer', () => {
  const rulebook = compiledRecommended();

  it('starts afresh after a review abandoned half-way through parsing', () => {
    const reviewer = createIncrementalReviewer(rulebook);
    reviewer.review(DRAFT);
    const abandoned = reviewer.startInSteps(DRAFT + '\n<!-- a comment makes this a whole-text parse');
    abandoned.next();
    const edited = DRAFT.replace('Article', 'ARTICLE');
    assert.deepEqual(reviewer.review(edited).findings, analyze(edited, rulebook).findings);
  });

  for (const [name, original] of Object.entries(DOCUMENTS)) {
    it(`finds what analyze() finds after each of 60 random edits of ${name}`, () => {
      const next = random(11 + original.length);
      const reviewer = createIncrementalReviewer(rulebook);
      let text = original;
      assert.deepEqual(reviewer.review(text).findings, analyze(text, rulebook).findings);
      for (let e = 0; e < 60; e++) {
        text = edit(text, next);
        assert.deepEqual(reviewer.review(text).findings, analyze(text, rulebook).findings, `edit ${e} of ${name}`);
      }
    });
  }

  for (const [name, original] of Object.entries(DOCUMENTS)) {
    it(`given only the edits, finds what analyze() finds after each of 60 batches of random edits of ${name}`, () => {
      const next = random(23 + original.length);
      const reviewer = createIncrementalReviewer(rulebook);
      let text = original;
      reviewer.review(text);
      for (let batch = 0; batch < 60; batch++) {
        // One to three edits at a time, as a multi-cursor edit or a paste arrives, each on the text the one before it left.
        const edits: ContentChange[] = [];
        for (let count = 1 + Math.floor(next() * 3); count > 0; count--) {
          const edited = edit(text, next);
          const change = textChange(text, edited);
          if (!change) continue;
          edits.push({ offset: change.start, length: change.oldEnd - change.start, text: edited.slice(change.start, change.newEnd) });
          text = edited;
        }
        const result = reviewer.review(edits);
        assert.equal(result.document.text, text, `batch ${batch} of ${name}: the text`);
        assert.deepEqual(result.findings, analyze(text, rulebook).findings, `batch ${batch} of ${name}`);
      }
    });
  }

  it('applies edits to the last text given, after a whole-text review too, and refuses edits that do not fit', () => {
    const reviewer = createIncrementalReviewer(rulebook);
    assert.throws(() => reviewer.review([{ offset: 0, length: 0, text: 'x' }]), /edits were given before any text/);
    reviewer.review(DRAFT);
    const at = DRAFT.indexOf('Article');
    const edited = DRAFT.slice(0, at) + 'ARTICLE' + DRAFT.slice(at + 7);
    assert.deepEqual(reviewer.review([{ offset: at, length: 7, text: 'ARTICLE' }]).findings, analyze(edited, rulebook).findings);
    assert.deepEqual(reviewer.review([]).findings, analyze(edited, rulebook).findings, 'no edits: the same text');
    assert.throws(() => reviewer.review([{ offset: edited.length, length: 1, text: '' }]), /edit 1 of 1 \(offset \d+, length 1\) does not fit a text of \d+ characters/);
    const back = reviewer.review(DRAFT);
    assert.deepEqual(back.findings, analyze(DRAFT, rulebook).findings, 'a whole text still works after edits');
  });

  it('merges a batch of edits into the one stretch they changed', () => {
    const { text, change } = applyEdits('abcdefghij', [
      { offset: 8, length: 1, text: 'XYZ' }, // abcdefghXYZj
      { offset: 1, length: 2, text: '' }, // adefghXYZj
      { offset: 4, length: 0, text: '--' }, // adef--ghXYZj
    ]);
    assert.equal(String(text), 'adef--ghXYZj');
    assert.deepEqual(change, { start: 1, oldEnd: 9, newEnd: 11 });
    assert.equal('abcdefghij'.slice(0, change.start) + String(text).slice(change.start, change.newEnd) + 'abcdefghij'.slice(change.oldEnd), 'adef--ghXYZj');
  });

  it('re-reads the clauses that use a defined term when its definition changes', () => {
    const before = [
      '1. "Contributed Materials" means the reports and invoices prepared under this Agreement.',
      '',
      '2. Supplier shall disclose the Contributed Materials to any Governmental Authority upon request.',
      '',
    ].join('\n');
    const after = before.replace('the reports and invoices', 'the source code, know-how and manufacturing processes');
    const reviewer = createIncrementalReviewer(rulebook);
    const first = reviewer.review(before);
    const second = reviewer.review(after);
    assert.deepEqual(first.findings, analyze(before, rulebook).findings);
    assert.deepEqual(second.findings, analyze(after, rulebook).findings);
    // The clause in section 2 did not change, yet its findings did: the definition reached it.
    const inClause2 = (findings: typeof first.findings) => findings.filter((f) => f.start > before.indexOf('2. Supplier')).map((f) => f.ruleId);
    assert.deepEqual(inClause2(first.findings), []);
    assert.ok(inClause2(second.findings).includes('tt/data-to-authorities-on-demand'), inClause2(second.findings).join(', '));
  });

  it('honours a suppression comment typed one key at a time, and drops it when it is broken again', () => {
    // The draft has no suppression comment: each keystroke's review knows that from the edit alone
    // (see ChunkedText). A line comment, as in a `contract` file: an HTML comment has every
    // keystroke near it parse the whole text again.
    assert.ok(!DRAFT.includes('clauseguard-'));
    const line = DRAFT.indexOf('4.1 Transfer on Request.');
    const directive = '%% clauseguard-disable-next-line tt/transfer-on-request\n';
    const reviewer = createIncrementalReviewer(rulebook);
    let text = DRAFT;
    const flagged = (findings: ReturnType<typeof analyze>['findings']) => findings.some((finding) => finding.ruleId === 'tt/transfer-on-request');
    assert.ok(flagged(reviewer.review(text).findings));
    for (let at = 0; at < directive.length; at++) {
      text = text.slice(0, line + at) + directive[at] + text.slice(line + at);
      const result = reviewer.review([{ offset: line + at, length: 0, text: directive[at] }]);
      assert.deepEqual(result.findings, analyze(text, rulebook).findings, `after typing ${JSON.stringify(directive.slice(0, at + 1))}`);
    }
    assert.ok(!flagged(reviewer.review([]).findings), 'the finished comment suppresses the finding');
    const dash = line + directive.indexOf('guard-') + 5;
    text = text.slice(0, dash) + text.slice(dash + 1);
    const broken = reviewer.review([{ offset: dash, length: 1, text: '' }]);
    assert.deepEqual(broken.findings, analyze(text, rulebook).findings);
    assert.ok(flagged(broken.findings), 'a broken comment suppresses nothing');
  });

  it('gives the same findings in slices as in one go, and after a reset', () => {
    const reviewer = createIncrementalReviewer(rulebook);
    reviewer.review(DRAFT);
    const edited = DRAFT.replace('Article', 'ARTICLE');
    const review = reviewer.start(edited);
    let slices = 0;
    let yields = 0;
    while (!review.step(() => ++yields % 3 === 0)) slices++;
    assert.ok(slices > 0, 'the review never yielded');
    assert.deepEqual(review.result().findings, analyze(edited, rulebook).findings);
    reviewer.reset();
    assert.deepEqual(reviewer.review(edited).findings, analyze(edited, rulebook).findings);
  });
});
