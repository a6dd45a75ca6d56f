import type { CompiledPattern } from './compromise';

/**
 * Parsed match patterns as JSON text, and back. compromise's term specs are plain data but for
 * two kinds of value, which the text tags: a Set (`fastOr`, the words of `(a|b|c)`) as
 * `{"$set": [...]}`, a RegExp (`/.../` terms) as `{"$regex": [source, flags]}`.
 */
export function writePatternSnapshot(patterns: ReadonlyMap<string, CompiledPattern>): string {
  return JSON.stringify([...patterns], (_key, value: unknown) => {
    if (value instanceof Set) return { $set: [...value] };
    if (value instanceof RegExp) return { $regex: [value.source, value.flags] };
    return value;
  });
}

/** The patterns of a snapshot `writePatternSnapshot` wrote, by their source. */
export function readPatternSnapshot(text: string): Map<string, CompiledPattern> {
  const entries = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $set?: unknown[]; $regex?: [string, string] };
      if (tagged.$set) return new Set(tagged.$set);
      if (tagged.$regex) return new RegExp(tagged.$regex[0], tagged.$regex[1]);
    }
    return value;
  }) as [string, CompiledPattern][];
  return new Map(entries);
}
