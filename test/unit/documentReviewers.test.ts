import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, compiledRecommended, type Finding } from '../../src/engine';
import { DocumentReviewers, type ReviewOptions } from '../../src/vscode/reviewer';

/** The editor's sliced, incremental reviews: same findings as analyze(), newest edit wins, screen first. */
describe('DocumentReviewers', () => {
  const rulebook = compiledRecommended();
  const options: ReviewOptions = { disabledRules: new Set(), includeProtective: true };
  const draft = readFileSync(path.resolve(__dirname, '../../../examples/joint-venture-draft.md'), 'utf8');
  const ids = (findings: Finding[]): string[] => findings.map((finding) => `${finding.ruleId}@${finding.start}`);

  it('reviews in slices that yield and finds what analyze() finds', async () => {
    const reviewers = new DocumentReviewers(0);
    let turns = 0;
    const counter = setInterval(() => turns++, 0);
    try {
      const outcome = await reviewers.review('draft', draft, rulebook, options);
      assert.ok(outcome);
      assert.deepEqual(ids(outcome.findings), ids(analyze(draft, rulebook).findings));
    } finally {
      clearInterval(counter);
    }
    assert.ok(turns > 0, 'the review never let a timer run');
  });

  it('abandons a review when a newer one of the same document starts', async () => {
    const reviewers = new DocumentReviewers(0);
    const edited = draft.replace('Article 1', 'Article One');
    const older = reviewers.review('draft', draft, rulebook, options);
    const newer = reviewers.review('draft', edited, rulebook, options);
    assert.equal(await older, undefined);
    const outcome = await newer;
    assert.ok(outcome);
    assert.deepEqual(ids(outcome.findings), ids(analyze(edited, rulebook).findings));
  });

  it('reads the text on screen first and reports its findings before the rest', async () => {
    const reviewers = new DocumentReviewers(0);
    const full = analyze(draft, rulebook).findings.filter((finding) => finding.category !== 'missing-protection');
    const last = full[full.length - 1];
    const screen = { start: last.start - 200, end: last.end };
    let partial: Finding[] | undefined;
    const outcome = await reviewers.review('draft', draft, rulebook, options, { visible: [screen], onVisibleRead: (seen) => (partial ??= seen.findings) });
    assert.ok(partial, 'the visible part was never reported');
    assert.ok(ids(partial).includes(`${last.ruleId}@${last.start}`), 'the finding on screen was not among the first');
    assert.ok(partial.length < full.length, 'the whole document was read before the screen was reported');
    assert.deepEqual(ids(outcome!.findings), ids(analyze(draft, rulebook).findings));
  });

  describe('handed the editor\'s changes', () => {
    /** A document as VS Code shows it to an extension: versions, change events, and getText() counted. */
    class FakeDocument {
      version = 1;
      reads = 0;
      constructor(public text: string) {}
      edit(rangeOffset: number, rangeLength: number, inserted: string): { version: number; changes: { rangeOffset: number; rangeLength: number; text: string }[] } {
        this.text = this.text.slice(0, rangeOffset) + inserted + this.text.slice(rangeOffset + rangeLength);
        this.version++;
        return { version: this.version, changes: [{ rangeOffset, rangeLength, text: inserted }] };
      }
      current() {
        return { version: this.version, length: this.text.length, getText: () => (this.reads++, this.text) };
      }
    }

    it('reads the whole text once, then only the changes, and finds what analyze() finds', async () => {
      const reviewers = new DocumentReviewers(0);
      const document = new FakeDocument(draft);
      await reviewers.review('draft', document.current(), rulebook, options);
      assert.equal(document.reads, 1);
      for (const word of ['Article', 'shall', 'Improvements', 'technology']) {
        const at = document.text.indexOf(word);
        assert.ok(at >= 0, word);
        const event = document.edit(at, word.length, word.toUpperCase());
        reviewers.noteChanges('draft', event.version, event.changes);
        const outcome = await reviewers.review('draft', document.current(), rulebook, options);
        assert.deepEqual(ids(outcome!.findings), ids(analyze(document.text, rulebook).findings), `after editing "${word}"`);
        assert.equal(String(outcome!.source), document.text);
      }
      assert.equal(document.reads, 1, 'the whole text was read again');
    });

    it('reads the whole text again when a change was missed or the changes do not add up', async () => {
      const reviewers = new DocumentReviewers(0);
      const document = new FakeDocument(draft);
      await reviewers.review('draft', document.current(), rulebook, options);
      document.edit(0, 0, '# Draft\n'); // never reported
      const reported = document.edit(10, 3, '');
      reviewers.noteChanges('draft', reported.version, reported.changes);
      let outcome = await reviewers.review('draft', document.current(), rulebook, options);
      assert.equal(document.reads, 2, 'a missed version was not noticed');
      assert.deepEqual(ids(outcome!.findings), ids(analyze(document.text, rulebook).findings));
      const wrong = document.edit(20, 5, 'xx');
      reviewers.noteChanges('draft', wrong.version, [{ ...wrong.changes[0], rangeLength: 4 }]); // misreported: one character short
      outcome = await reviewers.review('draft', document.current(), rulebook, options);
      assert.equal(document.reads, 3, 'changes that do not add up to the length were trusted');
      assert.deepEqual(ids(outcome!.findings), ids(analyze(document.text, rulebook).findings));
    });
  });
});
