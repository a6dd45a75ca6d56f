import recommendedText from '../../rulebooks/recommended.rulebook.jsonc';
import { recordPatterns } from '../nlp/compromise';
import { writePatternSnapshot } from '../nlp/patternSnapshot';
import { RECOMMENDED } from './builtin';
import { compileRulebooks } from './compileRulebook';
import { parseTrustedRulebook } from './parseRulebook';

/**
 * The snapshot of the built-in rulebook's patterns that the build bundles (esbuild.js runs this
 * with an empty snapshot in place, so that every pattern is read): review threads then start
 * without reading them. A pattern missing from it, or a rulebook changed since, only costs the
 * reading, as patterns are known by their source.
 */
export function builtinPatternSnapshot(): string {
  // Parsed here rather than by recommendedRulebook(), which makes a bundled snapshot known: every pattern must be read.
  return writePatternSnapshot(recordPatterns(() => compileRulebooks([parseTrustedRulebook(RECOMMENDED, recommendedText)])));
}
