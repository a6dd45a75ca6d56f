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
});
