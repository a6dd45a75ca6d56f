import { Worker } from 'node:worker_threads';
import type { ReviewJob, ReviewReply, WorkerInit, WorkerMessage } from './protocol';

interface Pending {
  job: ReviewJob;
  resolve: (reply: ReviewReply) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Jobs posted to the worker and not answered yet, oldest first (a worker answers in order). */
  inFlight: Pending[];
}

export interface ReviewPoolOptions {
  /**
   * Jobs handed to a worker before it answers the first: more than one keeps a worker busy while
   * the thread that owns the pool is itself busy and cannot hand out the next job (the CLI
   * reviews files in its own thread too). Default 1: a cancelled run then stops soonest.
   */
  depth?: number;
  /**
   * Hand jobs to workers that are still starting: they wait in the worker's queue, so that a
   * worker starts on its first job the moment it is ready, even while the thread that owns the
   * pool is busy and cannot hear that it is. Default false: a short run is better off with the
   * owning thread keeping the jobs until a worker can take them.
   */
  postBeforeReady?: boolean;
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
  private readonly readyWaiters: (() => void)[] = [];

  private readonly depth: number;
  private readonly postBeforeReady: boolean;

  constructor(
    private readonly workerScript: string,
    private readonly size: number,
    private readonly init: WorkerInit,
    options: ReviewPoolOptions = {},
  ) {
    this.depth = Math.max(1, options.depth ?? 1);
    this.postBeforeReady = options.postBeforeReady ?? false;
  }

  /** Why the workers cannot review (they could not start, or one stopped), once that has happened. */
  get failed(): Error | undefined {
    return this.failure;
  }

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

  /** Starts the workers (if not started) and resolves once one of them is ready to review, or none can. */
  whenReady(): Promise<void> {
    if (this.failure || this.slots.some((slot) => slot.ready)) return Promise.resolve();
    if (!this.slots.length) this.startWorkers();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Reviews many files with at most `size` x `depth` in flight; replies come back in the order of `jobs`. */
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
      const slot: Slot = { worker: new Worker(this.workerScript, { workerData: this.init }), ready: false, inFlight: [] };
      slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a review worker stopped with exit code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.wakeReadyWaiters();
    }
    else if (message.type === 'failed') this.fail(new Error(`a review worker could not start: ${message.error}`));
    else {
      const at = slot.inFlight.findIndex((pending) => pending.job.id === message.id);
      if (at >= 0) slot.inFlight.splice(at, 1)[0].resolve(message);
    }
    this.dispatch();
  }

  /** Hands queued jobs to workers that can take them (ready ones, or any with `postBeforeReady`) with fewer than `depth` jobs in flight, the least busy first. */
  private dispatch(): void {
    for (let load = 0; load < this.depth; load++) {
      for (const slot of this.slots) {
        if (!this.queue.length) return;
        if ((!slot.ready && !this.postBeforeReady) || slot.inFlight.length !== load) continue;
        const pending = this.queue.shift()!;
        slot.inFlight.push(pending);
        slot.worker.postMessage(pending.job);
      }
    }
  }

  private wakeReadyWaiters(): void {
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wakeReadyWaiters();
    for (const slot of this.slots) {
      for (const pending of slot.inFlight.splice(0)) pending.resolve({ id: pending.job.id, ok: false, error: error.message });
    }
    for (const pending of this.queue.splice(0)) pending.resolve({ id: pending.job.id, ok: false, error: error.message });
  }
}
