import { Worker } from 'node:worker_threads';
import type { ReviewJob, ReviewReply, WorkerInit, WorkerMessage } from './protocol';

interface Pending {
  job: ReviewJob;
  resolve: (reply: ReviewReply) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  busy?: Pending;
}

/**
 * Reviews files on worker threads, one job at a time per worker, so a whole corpus uses every
 * core. The CLI and the extension's Review Workspace share it. Workers start on first use and
 * each compiles the rulebooks once; a worker that cannot start answers every job with the error.
 */
export class ReviewPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private failure?: Error;

  constructor(
    private readonly workerScript: string,
    private readonly size: number,
    private readonly init: WorkerInit,
  ) {}

  /** Reviews one file (by path or text); resolves with the worker's reply, never rejects. */
  review(job: Omit<ReviewJob, 'id'>): Promise<ReviewReply> {
    const id = this.nextId++;
    if (this.failure) return Promise.resolve({ id, ok: false, error: this.failure.message });
    if (!this.slots.length) this.startWorkers();
    return new Promise((resolve) => {
      this.queue.push({ job: { ...job, id }, resolve });
      this.dispatch();
    });
  }

  /** Reviews many files with at most `size` in flight; replies come back in the order of `jobs`. */
  reviewAll(jobs: Omit<ReviewJob, 'id'>[], onDone?: (index: number, reply: ReviewReply) => void): Promise<ReviewReply[]> {
    return Promise.all(
      jobs.map((job, index) =>
        this.review(job).then((reply) => {
          onDone?.(index, reply);
          return reply;
        }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map(({ worker }) => worker.terminate()));
    this.slots.length = 0;
  }

  private startWorkers(): void {
    for (let i = 0; i < Math.max(1, this.size); i++) {
      const slot: Slot = { worker: new Worker(this.workerScript, { workerData: this.init }), ready: false };
      slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a review worker stopped with exit code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') slot.ready = true;
    else if (message.type === 'failed') this.fail(new Error(`a review worker could not start: ${message.error}`));
    else {
      const pending = slot.busy;
      slot.busy = undefined;
      pending?.resolve(message);
    }
    this.dispatch();
  }

  /** Hands queued jobs to idle, ready workers. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.busy || !this.queue.length) continue;
      slot.busy = this.queue.shift();
      slot.worker.postMessage(slot.busy!.job);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.slots) {
      slot.busy?.resolve({ id: slot.busy.job.id, ok: false, error: error.message });
      slot.busy = undefined;
    }
    for (const pending of this.queue.splice(0)) pending.resolve({ id: pending.job.id, ok: false, error: error.message });
  }
}
