import { parentPort, workerData } from 'node:worker_threads';
import { readContract } from '../cli/readContract';
import { analyze, compileRulebooks, parseRulebook, recommendedRulebook, type CompiledRulebook } from '../engine';
import type { ReviewJob, ReviewReply, WorkerInit, WorkerMessage } from './protocol';

/** A review worker: compiles the rulebooks it is given once, then reviews one job after another. */
function start(init: WorkerInit): void {
  const port = parentPort;
  if (!port) return;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  let rulebook: CompiledRulebook | undefined;
  try {
    const parsed = [recommendedRulebook(), ...init.rulebooks.map((book) => ({ ...parseRulebook(book.source, book.text), location: book.location }))];
    const compiled = compileRulebooks(parsed);
    if (!compiled.rulebook) throw new Error(compiled.problems.map((problem) => `${problem.source}:${problem.line}:${problem.column} ${problem.message}`).join('; '));
    rulebook = compiled.rulebook;
  } catch (error) {
    post({ type: 'failed', error: (error as Error).message });
    return;
  }
  const options = { disabledRules: new Set(init.disabledRules), includeProtective: init.includeProtective, perspective: init.perspective };
  port.on('message', (job: ReviewJob) => post({ type: 'reply', ...review(job, rulebook!, options, init) }));
  post({ type: 'ready' });
}

function review(job: ReviewJob, rulebook: CompiledRulebook, options: Parameters<typeof analyze>[2], init: WorkerInit): ReviewReply {
  try {
    let text = job.text;
    if (text === undefined && job.path !== undefined) {
      const read = readContract(job.path, init.maxFileSize);
      if (!read.ok) return { id: job.id, ok: false, skipped: read.reason };
      text = read.text;
    }
    return { id: job.id, ok: true, findings: analyze(text ?? '', rulebook, options).findings, text: job.text === undefined && init.returnText ? text : undefined };
  } catch (error) {
    return { id: job.id, ok: false, error: (error as Error).stack ?? String(error) };
  }
}

start(workerData as WorkerInit);
