import type { Finding, Perspective } from '../engine';

/** A rulebook handed to a worker as text, so workers parse and compile exactly what the main thread loaded. */
export interface RulebookText {
  source: string;
  text: string;
  location?: string;
}

export interface WorkerInit {
  /** The rulebooks in force, in order, without the built-in one (workers add it). */
  rulebooks: RulebookText[];
  disabledRules: string[];
  includeProtective: boolean;
  perspective?: Perspective;
  /** Files over this size are not reviewed when a job names a path. */
  maxFileSize: number;
  /** Send the text of files the worker read back with the findings (for output that quotes clauses). */
  returnText: boolean;
}

/** A file to review: its text, or a path the worker reads itself (the CLI). */
export interface ReviewJob {
  id: number;
  path?: string;
  text?: string;
}

export type ReviewReply =
  | { id: number; ok: true; findings: Finding[]; text?: string }
  | { id: number; ok: false; skipped?: string; error?: string };

export type WorkerMessage = { type: 'ready' } | { type: 'failed'; error: string } | ({ type: 'reply' } & ReviewReply);
