import { readFileSync, statSync } from 'node:fs';
import { isBinaryText } from '../engine';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Reads a contract as UTF-8 text, refusing what is not one: binary files, huge files, unreadable paths. */
export function readContract(path: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): ReadResult {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return { ok: false, reason: 'is a directory' };
    size = stats.size;
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  if (size > maxFileSize) return { ok: false, reason: `is ${formatBytes(size)}, over the ${formatBytes(maxFileSize)} limit (--max-file-size)` };
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  if (isBinaryText(buffer)) return { ok: false, reason: 'is a binary file, not text' };
  return { ok: true, text: buffer.toString('utf8') };
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist (or is a broken link)';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
