import { analyze } from '../analyze';
import type { CompiledRulebook } from './compileRulebook';

export interface ExampleResult {
  ruleId: string;
  expectation: 'match' | 'noMatch';
  example: string;
  passed: boolean;
  /** The rule ids that flagged the example, to explain a failure. */
  found: string[];
}

/**
 * Runs every example of every enabled rule through the whole engine, as a user would see it:
 * a `match` example passes when the rule reports a finding on it, a `noMatch` example when it
 * does not. Restrict to some rules with `ruleIds`.
 */
export function testRulebookExamples(rulebook: CompiledRulebook, ruleIds?: ReadonlySet<string>): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const rule of rulebook.rulesById.values()) {
    if (rule.enabled === false || (ruleIds && !ruleIds.has(rule.id))) continue;
    const run = (example: string, expectation: ExampleResult['expectation']): void => {
      const found = [...new Set(analyze(example, rulebook).findings.map((finding) => finding.ruleId))];
      const flagged = found.includes(rule.id);
      results.push({ ruleId: rule.id, expectation, example, passed: expectation === 'match' ? flagged : !flagged, found });
    };
    rule.examples.match.forEach((example) => run(example, 'match'));
    rule.examples.noMatch.forEach((example) => run(example, 'noMatch'));
  }
  return results;
}
