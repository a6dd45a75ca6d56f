import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, compiledRecommended } from '../../src/engine';
import { ReviewPool } from '../../src/workers/reviewPool';

const root = resolve(__dirname, '../../..');
const workerScript = join(root, 'dist', 'worker.js');
const init = { rulebooks: [], disabledRules: [], includeProtective: true, maxFileSize: 10 * 1024 * 1024, returnText: false };

describe('the review worker pool', () => {
  it('gives exactly the findings of an in-process review, in the order of the jobs', async () => {
    const files = ['examples/joint-venture-draft.md', 'test/fixtures/contracts/hard-wrapped-licence.txt', 'test/fixtures/workspace/contracts/licence-draft.md'].map((file) => join(root, file));
    const pool = new ReviewPool(workerScript, 2, init);
    try {
      const replies = await pool.reviewAll([...files.map((path) => ({ path })), { text: 'The Licensor shall deliver the Source Code to the Licensee.' }]);
      const expected = [...files.map((file) => readFileSync(file, 'utf8')), 'The Licensor shall deliver the Source Code to the Licensee.'].map((text) => analyze(text, compiledRecommended()).findings);
      assert.deepEqual(JSON.parse(JSON.stringify(replies.map((reply) => (reply.ok ? reply.findings : reply)))), JSON.parse(JSON.stringify(expected)));
    } finally {
      await pool.close();
    }
  });

  it('keeps several jobs in flight per worker with depth, and still answers each job with its own findings', async () => {
    const texts = ['The Licensor shall deliver the Source Code to the Licensee.', 'Each party shall pay its own costs.', 'All Improvements shall be owned by the Joint Venture Company.', 'This Agreement is governed by the laws of New York.', 'The Licensee shall disclose all know-how to the Licensor upon request.'];
    const pool = new ReviewPool(workerScript, 1, init, { depth: 3 });
    try {
      await pool.whenReady();
      assert.equal(pool.failed, undefined);
      const replies = await pool.reviewAll(texts.map((text) => ({ text })));
      const expected = texts.map((text) => analyze(text, compiledRecommended()).findings);
      assert.ok(expected.some((findings) => findings.length > 0) && expected.some((findings) => findings.length === 0), 'the texts differ in what they find');
      assert.deepEqual(JSON.parse(JSON.stringify(replies.map((reply) => (reply.ok ? reply.findings : reply)))), JSON.parse(JSON.stringify(expected)));
    } finally {
      await pool.close();
    }
  });

  it('hands jobs to a worker that is still starting with postBeforeReady, and answers them once it has', async () => {
    const texts = ['The Licensor shall deliver the Source Code to the Licensee.', 'Each party shall pay its own costs.', 'All Improvements shall be owned by the Joint Venture Company.'];
    const pool = new ReviewPool(workerScript, 1, init, { depth: 2, postBeforeReady: true });
    try {
      // No whenReady first: the jobs are posted at once and wait in the worker's queue.
      const replies = await pool.reviewAll(texts.map((text) => ({ text })));
      const expected = texts.map((text) => analyze(text, compiledRecommended()).findings);
      assert.deepEqual(JSON.parse(JSON.stringify(replies.map((reply) => (reply.ok ? reply.findings : reply)))), JSON.parse(JSON.stringify(expected)));
    } finally {
      await pool.close();
    }
  });

  it('answers jobs posted before a worker failed to start with the error', async () => {
    const pool = new ReviewPool(workerScript, 1, { ...init, rulebooks: [{ source: 'broken.json', text: '{ "rules": [ }' }] }, { depth: 2, postBeforeReady: true });
    try {
      const replies = await pool.reviewAll([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
      for (const reply of replies) assert.ok(!reply.ok && /a review worker could not start: broken\.json:1:14/.test(reply.error ?? ''), JSON.stringify(reply));
    } finally {
      await pool.close();
    }
  });

  it('applies team rulebooks handed over as text', async () => {
    const rulebook = readFileSync(join(root, 'test/fixtures/rulebooks/team-rulebook.json'), 'utf8');
    const pool = new ReviewPool(workerScript, 1, { ...init, rulebooks: [{ source: 'team-rulebook.json', text: rulebook }] });
    try {
      const [reply] = await pool.reviewAll([{ text: 'The Supplier shall deliver the master cell bank to the Customer.' }]);
      assert.ok(reply.ok && reply.findings.some((finding) => finding.ruleId === 'acme/cell-line-transfer'));
    } finally {
      await pool.close();
    }
  });

  it('skips binary and oversized files and reports missing ones without stopping', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clauseguard-pool-'));
    writeFileSync(join(directory, 'scan.txt'), Buffer.from([65, 0, 66, 0, 67]));
    writeFileSync(join(directory, 'big.txt'), 'x'.repeat(2048));
    const pool = new ReviewPool(workerScript, 2, { ...init, maxFileSize: 1024 });
    try {
      const replies = await pool.reviewAll([{ path: join(directory, 'scan.txt') }, { path: join(directory, 'big.txt') }, { path: join(directory, 'missing.txt') }, { text: 'Licensor shall deliver the Source Code.' }]);
      assert.deepEqual(replies.slice(0, 3).map((reply) => (reply.ok ? 'ok' : reply.skipped)), ['is a binary file, not text', 'is 2.0 KB, over the 1.0 KB limit (--max-file-size)', 'does not exist (or is a broken link)']);
      assert.ok(replies[3].ok && replies[3].findings.length > 0, 'the run goes on after bad files');
    } finally {
      await pool.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('answers every job with the error when a worker cannot start', async () => {
    const pool = new ReviewPool(workerScript, 1, { ...init, rulebooks: [{ source: 'broken.json', text: '{ "rules": [ }' }] });
    try {
      await pool.whenReady();
      assert.match(pool.failed?.message ?? '', /a review worker could not start: broken\.json:1:14/);
      const [reply] = await pool.reviewAll([{ text: 'anything' }]);
      assert.ok(!reply.ok && /a review worker could not start: broken\.json:1:14/.test(reply.error ?? ''), JSON.stringify(reply));
    } finally {
      await pool.close();
    }
  });
});
