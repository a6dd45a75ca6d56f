import recommendedText from '../../rulebooks/recommended.rulebook.jsonc';
import builtinPatterns from 'clauseguard:builtin-patterns';
import { addKnownPatterns } from '../nlp/compromise';
import { readPatternSnapshot } from '../nlp/patternSnapshot';
import { compileRulebooks, type CompiledRulebook, type CompileResult } from './compileRulebook';
import { parseTrustedRulebook, type ParsedRulebook } from './parseRulebook';

/** The name teams use in `extends` for the built-in rulebook. */
export const RECOMMENDED = 'clauseguard:recommended';

let parsed: ParsedRulebook | undefined;
let compiled: CompileResult | undefined;

/**
 * The built-in rulebook as parsed text: the same format as teams' rulebooks, read without the
 * general loader's checks, which its tests run instead (see `parseTrustedRulebook`). Its patterns,
 * read at build time, become known to parseMatch, so compiling it reads none of them again.
 */
export function recommendedRulebook(): ParsedRulebook {
  if (!parsed) {
    parsed = parseTrustedRulebook(RECOMMENDED, recommendedText);
    addKnownPatterns(readPatternSnapshot(builtinPatterns));
  }
  return parsed;
}

/** The built-in rulebook, compiled once per process. */
export function compiledRecommended(): CompiledRulebook {
  compiled ??= compileRulebooks([recommendedRulebook()]);
  if (!compiled.rulebook) {
    const first = compiled.problems.find((problem) => problem.severity === 'error');
    throw new Error(`The built-in rulebook is invalid: ${first ? `${first.line}:${first.column} ${first.message}` : 'unknown error'}`);
  }
  return compiled.rulebook;
}
