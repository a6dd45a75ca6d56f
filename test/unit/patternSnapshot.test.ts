import * as assert from 'node:assert/strict';
import builtinPatterns from 'clauseguard:builtin-patterns';
import { compileRulebooks, recommendedRulebook } from '../../src/engine';
import { readPattern, recordPatterns } from '../../src/engine/nlp/compromise';
import { readPatternSnapshot, writePatternSnapshot } from '../../src/engine/nlp/patternSnapshot';

type Spec = { fastOr?: Set<string>; choices?: Spec[][] };

describe('built-in pattern snapshot', () => {
  const snapshot = readPatternSnapshot(builtinPatterns);

  it('holds every pattern of the built-in rulebook, so that compiling it reads none', () => {
    assert.ok(snapshot.size > 100, `${snapshot.size} patterns`);
    const read = recordPatterns(() => compileRulebooks([recommendedRulebook()]));
    assert.deepEqual([...read.keys()], []);
  });

  it('gives each pattern exactly as compromise reads it, word sets included', () => {
    for (const [source, pattern] of snapshot) assert.deepEqual(pattern, readPattern(source), source);
    const hasWordSet = (specs: Spec[]): boolean => specs.some((spec) => spec.fastOr instanceof Set || (spec.choices ?? []).some(hasWordSet));
    assert.ok([...snapshot.values()].some((pattern) => hasWordSet(pattern as unknown as Spec[])), 'some pattern has a (a|b|c) word set');
  });

  it('writes and reads back sets and regular expressions', () => {
    const source = '(accept|purchase) .{0,3} #Party /^lic(?:ense|ence)s?$/';
    const patterns = new Map([[source, readPattern(source)]]);
    const back = readPatternSnapshot(writePatternSnapshot(patterns));
    assert.deepEqual(back, patterns);
    const [first, , , fourth] = back.get(source) as unknown as { fastOr?: Set<string>; regex?: RegExp }[];
    assert.ok(first.fastOr instanceof Set);
    assert.ok(fourth.regex instanceof RegExp);
    assert.ok(fourth.regex.test('licences'));
  });
});
