import { analyze } from '../analyze';
import type { CompiledRulebook } from './compileRulebook';

export interface RuleExample {
  ruleId: string;
  expectation: 'match' | 'noMatch';
  example: string;
}

export interface ExampleResult extends RuleExample {
  passed: boolean;
  /** The rule ids that flagged the example, to explain a failure. */
  found: string[];
}

/** Every example of every enabled rule (or of `ruleIds`), in rulebook order. */
export function ruleExamples(rulebook: CompiledRulebook, ruleIds?: ReadonlySet<string>): RuleExample[] {
  const examples: RuleExample[] = [];
  for (const rule of rulebook.rulesById.values()) {
    if (rule.enabled === false || (ruleIds && !ruleIds.has(rule.id))) continue;
    for (const example of rule.examples.match) examples.push({ ruleId: rule.id, expectation: 'match', example });
    for (const example of rule.examples.noMatch) examples.push({ ruleId: rule.id, expectation: 'noMatch', example });
  }
  return examples;
}

/**
 * Runs one example through the whole engine, as a user would see it: a `match` example passes
 * when its rule reports a finding on it, a `noMatch` example when it does not.
 */
export function runRuleExample(rulebook: CompiledRulebook, example: RuleExample): ExampleResult {
  const found = [...new Set(analyze(example.example, rulebook).findings.map((finding) => finding.ruleId))];
  const flagged = found.includes(example.ruleId);
  return { ...example, passed: example.expectation === 'match' ? flagged : !flagged, found };
}

/** Runs every example of a rulebook. */
export function testRulebookExamples(rulebook: CompiledRulebook, ruleIds?: ReadonlySet<string>): ExampleResult[] {
  return ruleExamples(rulebook, ruleIds).map((example) => runRuleExample(rulebook, example));
}
