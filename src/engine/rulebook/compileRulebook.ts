import { builtInTags, parseMatch, registerTags, type CompiledPattern } from '../nlp/compromise';
import { VocabularyMatcher } from '../nlp/vocabularyMatcher';
import { phraseWords } from '../nlp/words';
import type { ParsedRulebook } from './parseRulebook';
import { ProblemCollector, type RulebookProblem } from './problems';
import { WordLookups } from '../matching/wordLookups';
import { indexRequirements, requirementOfPhrases, requirementsOfPattern, type Requirement, type RequirementIndex } from './prefilter';
import { chainOfPattern, type ChainLink } from './requirementChains';
import { VOCABULARY_NAME_PATTERN } from './shapes';
import { fingerprint } from './fingerprint';
import { SUPPORTED_METHODS, uniformPattern, type TermSpec } from '../nlp/patternMatcher';
import { unsafeRegexReason } from './safeRegex';
import type { Condition, DocumentMatch, Perspective, RuleDefinition, RuleEntry, RuleOverride, SentenceMatch, VocabularyEntry } from './types';

/** Tags the engine itself puts on words: the contract's parties, the venture, authorities. */
export const ENGINE_TAGS = ['Party', 'Government', 'Venture', 'ThirdParty', 'DefinedTerm'] as const;

/** A condition ready to evaluate. */
export type CompiledCondition =
  | { kind: 'pattern'; source: string; pattern: CompiledPattern }
  | { kind: 'object'; source: string; pattern: CompiledPattern }
  | { kind: 'phrase'; phrases: string[][] }
  | { kind: 'concept'; concept: string }
  | { kind: 'condition'; condition: NonNullable<Extract<Condition, { condition: unknown }>['condition']> }
  | { kind: 'recipient'; kinds: string[] }
  | { kind: 'actor'; kinds: string[] }
  | { kind: 'section'; words: string[] };

export interface CompiledSentenceRule {
  scope: 'sentence';
  definition: RuleDefinition;
  match: SentenceMatch;
  all: CompiledCondition[];
  any: CompiledCondition[];
  none: CompiledCondition[];
  requirements: Requirement[];
  /** The first requirement only words and concepts can meet, if any: most sentences fail it, so it is checked before the rest. */
  gate: Requirement | undefined;
  /** For each `all` pattern with two requirements or more, their order and distances: checked on sentences that meet every requirement. */
  chains: ChainLink[][];
  /** More conditions make a rule more specific; the most specific wins within a category. */
  specificity: number;
  /** Whether any pattern uses compromise's own part-of-speech tags, which need the tagger. */
  needsTagger: boolean;
  order: number;
  /** Which rulebook the rule comes from (0 is the built-in one); a later rulebook's rule wins ties. */
  layer: number;
}

export interface CompiledDocumentRule {
  scope: 'document';
  definition: RuleDefinition;
  match: DocumentMatch;
  order: number;
}

/** A rulebook ready for the engine: rules compiled, vocabulary in a trie. */
export interface CompiledRulebook {
  /** Changes whenever anything that affects findings changes; caches key on it. */
  version: string;
  names: string[];
  sentenceRules: CompiledSentenceRule[];
  documentRules: CompiledDocumentRule[];
  /** Every rule, enabled or not, by id, for `rules` and `explain`. */
  rulesById: Map<string, RuleDefinition>;
  vocabulary: VocabularyMatcher;
  /** Vocabulary names whose phrases in a definition make the defined term carry the tag. */
  inheritedConcepts: Set<string>;
  conceptNames: Set<string>;
  perspective?: Perspective;
  /** The sentence rules' requirements by word and concept, for the prefilter. */
  requirementIndex: RequirementIndex;
  /** Each distinct word's forms, vocabulary start and requirements, as sentences are read. */
  wordLookups: WordLookups;
}

export interface CompileResult {
  rulebook?: CompiledRulebook;
  problems: RulebookProblem[];
}

/**
 * Merges rulebooks in order (later ones override earlier ones) and compiles the result.
 * Problems point into the rulebook file where they are.
 */
export function compileRulebooks(parsed: ParsedRulebook[]): CompileResult {
  const problems: RulebookProblem[] = parsed.flatMap((book) => book.problems);
  if (parsed.some((book) => !book.rulebook)) return { problems };
  const vocabulary = new Map<string, { phrases: Set<string>; inherited: boolean }>();
  const rules = new Map<string, RuleDefinition>();
  const layers = new Map<string, number>();
  let perspective: Perspective | undefined;
  const collectors = parsed.map((book) => new ProblemCollector(book.source, book.text));
  parsed.forEach((book, bookIndex) => {
    const file = book.rulebook!;
    const collector = collectors[bookIndex];
    for (const [name, entry] of Object.entries(file.vocabulary ?? {})) {
      mergeVocabulary(vocabulary, name, entry, collector, () => book.locateKey(['vocabulary', name]), () => book.locate(['vocabulary', name]));
    }
    (file.rules ?? []).forEach((entry: RuleEntry, index) => {
      if (isOverride(entry)) {
        const base = rules.get(entry.id);
        if (base) rules.set(entry.id, applyOverride(base, entry));
        else {
          const at = book.locate(['rules', index]);
          collector.error(`There is no rule "${entry.id}" to override.`, at.offset, at.length);
        }
      } else {
        rules.set(entry.id, entry);
        layers.set(entry.id, bookIndex);
      }
    });
    if (file.perspective) perspective = file.perspective;
  });
  const conceptNames = new Set([...vocabulary.keys(), ...ENGINE_TAGS]);
  registerTags(conceptNames);
  // compromise's own tags are asked for only when a pattern names a tag that is not a vocabulary name: that loads the tagger.
  let compromiseTags: Set<string> | undefined;
  const isKnownTag = (tag: string): boolean => conceptNames.has(tag) || (compromiseTags ??= builtInTags()).has(tag);
  const sentenceRules: CompiledSentenceRule[] = [];
  const documentRules: CompiledDocumentRule[] = [];
  const interned = new Map<string, Requirement>();
  let order = 0;
  for (const definition of rules.values()) {
    const located = locateRule(parsed, collectors, definition.id);
    const ruleOrder = order++;
    if (definition.scope === 'document') {
      const match = definition.match as DocumentMatch;
      for (const id of match.absent) {
        if (!rules.has(id)) located.report(`Rule "${definition.id}" names "${id}" in "absent", but there is no such rule.`);
      }
      documentRules.push({ scope: 'document', definition, match, order: ruleOrder });
      continue;
    }
    (definition.supersedes ?? []).forEach((id, index) => {
      if (!rules.has(id)) located.report(`Rule "${definition.id}" supersedes "${id}", but there is no such rule.`, ['supersedes', index]);
    });
    const compiled = compileSentenceRule(definition, conceptNames, isKnownTag, located.report, ruleOrder, layers.get(definition.id) ?? 0, interned);
    if (compiled) sentenceRules.push(compiled);
  }
  problems.push(...collectors.flatMap((collector) => collector.problems));
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  const matcher = new VocabularyMatcher();
  const inheritedConcepts = new Set<string>();
  for (const [name, entry] of vocabulary) {
    for (const phrase of entry.phrases) matcher.add(name, phrase);
    if (entry.inherited) inheritedConcepts.add(name);
  }
  const requirementIndex = indexRequirements(sentenceRules.map((rule) => rule.requirements));
  return {
    problems,
    rulebook: {
      version: fingerprint(JSON.stringify([[...vocabulary].map(([name, entry]) => [name, [...entry.phrases], entry.inherited]), [...rules.values()], perspective ?? null])),
      names: parsed.map((book) => book.rulebook?.name ?? book.source),
      sentenceRules,
      requirementIndex,
      wordLookups: new WordLookups(matcher, requirementIndex),
      documentRules,
      rulesById: rules,
      vocabulary: matcher,
      inheritedConcepts,
      conceptNames,
      perspective,
    },
  };
}

function isOverride(entry: RuleEntry): entry is RuleOverride {
  return (entry as RuleOverride).override === true;
}

function applyOverride(base: RuleDefinition, override: RuleOverride): RuleDefinition {
  const { override: _marker, ...changes } = override;
  void _marker;
  return { ...base, ...changes };
}

function mergeVocabulary(
  vocabulary: Map<string, { phrases: Set<string>; inherited: boolean }>,
  name: string,
  entry: VocabularyEntry,
  collector: ProblemCollector,
  /** Where the name and the entry are: worked out only for a problem, as that may mean parsing the rulebook's text (see `ParsedRulebook.locate`). */
  nameAt: () => { offset: number; length: number },
  at: () => { offset: number; length: number },
): void {
  if (!new RegExp(VOCABULARY_NAME_PATTERN).test(name)) {
    const place = nameAt();
    collector.error(`Vocabulary name "${name}" must start with a capital letter and contain only letters and digits (it becomes the tag #${name}).`, place.offset, place.length);
    return;
  }
  const phrases = Array.isArray(entry) ? entry : entry.phrases;
  const existing = vocabulary.get(name) ?? { phrases: new Set<string>(), inherited: false };
  for (const phrase of phrases) {
    if (!phraseWords(phrase.replace(/\*$/, '')).length) {
      const place = at();
      collector.error(`Vocabulary "${name}" has a phrase with no words: "${phrase}".`, place.offset, place.length);
    } else existing.phrases.add(phrase);
  }
  if (!Array.isArray(entry) && entry.inheritedByDefinedTerms) existing.inherited = true;
  vocabulary.set(name, existing);
}

/** Finds the last rulebook entry that defines or overrides `id`, to report problems there. */
function locateRule(parsed: ParsedRulebook[], collectors: ProblemCollector[], id: string): { report: (message: string, path?: (string | number)[]) => void } {
  for (let bookIndex = parsed.length - 1; bookIndex >= 0; bookIndex--) {
    const entries = parsed[bookIndex].rulebook?.rules ?? [];
    const index = entries.findIndex((entry) => entry.id === id && !isOverride(entry));
    if (index >= 0) {
      return {
        report: (message, path = []) => {
          const at = parsed[bookIndex].locate(['rules', index, ...path]);
          collectors[bookIndex].error(message, at.offset, at.length);
        },
      };
    }
  }
  return { report: (message) => collectors[0]?.error(message, 0, 0) };
}

type Reporter = (message: string, path?: (string | number)[]) => void;

function compileSentenceRule(
  definition: RuleDefinition,
  concepts: Set<string>,
  isKnownTag: (tag: string) => boolean,
  report: Reporter,
  order: number,
  layer: number,
  interned: Map<string, Requirement>,
): CompiledSentenceRule | undefined {
  const match = definition.match as SentenceMatch;
  let needsTagger = false;
  let failed = false;
  const compileList = (key: 'all' | 'any' | 'none'): CompiledCondition[] =>
    (match[key] ?? []).flatMap((condition, index) => {
      const compiled = compileCondition(condition, concepts, isKnownTag, (message) => {
        failed = true;
        report(message, ['match', key, index]);
      });
      if ((compiled?.kind === 'pattern' || compiled?.kind === 'object') && usesPartOfSpeech(compiled.pattern, concepts)) needsTagger = true;
      return compiled ? [compiled] : [];
    });
  const all = compileList('all');
  const any = compileList('any');
  const none = compileList('none');
  if (failed) return undefined;
  if (!all.length && !any.length) {
    report(`Rule "${definition.id}" has no "all" or "any" condition, so it would flag every sentence.`, ['match']);
    return undefined;
  }
  const requirements = all.flatMap((condition) => requirementsOf(condition, concepts));
  for (const kinds of [match.recipient, match.actor]) {
    const participants = kinds ? requirementOfParticipants(kinds) : undefined;
    if (participants) requirements.push(participants);
  }
  const anyRequirements = any.map((condition) => requirementsOf(condition, concepts));
  // Each alternative of `any` needs all of its own words; a sentence must meet one alternative in full.
  if (any.length && anyRequirements.every((list) => list.length > 0)) requirements.push({ words: [], concepts: [], anyOf: anyRequirements });
  if (!requirements.length) {
    report(`Rule "${definition.id}" names no word, phrase, vocabulary or condition that every match must contain, so every sentence of every contract would be parsed for it; add one.`, ['match']);
    return undefined;
  }
  internRequirements(requirements, interned);
  const chains = all.flatMap((condition) => {
    const chain = condition.kind === 'pattern' || condition.kind === 'object' ? chainOfPattern(condition.pattern, concepts) : undefined;
    if (!chain) return [];
    const links = chain.map((link) => link.requirement);
    internRequirements(links, interned);
    // Places are found through the prefilter's index, which knows the rule's requirements only.
    if (!links.every((link) => requirements.includes(link))) return [];
    return [chain.map((link, index) => ({ ...link, requirement: links[index] }))];
  });
  const structured = ['negated', 'modality', 'actor', 'recipient', 'role'].filter((key) => (match as Record<string, unknown>)[key] !== undefined).length;
  return {
    scope: 'sentence',
    definition,
    match,
    all,
    any,
    none,
    requirements,
    gate: requirements.find((requirement) => !requirement.conditions && !requirement.anyOf),
    chains,
    specificity: all.length + Math.min(any.length, 1) + structured,
    needsTagger,
    order,
    layer,
  };
}

function requirementsOf(condition: CompiledCondition, concepts: ReadonlySet<string>): Requirement[] {
  if (condition.kind === 'pattern' || condition.kind === 'object') return requirementsOfPattern(condition.pattern, concepts);
  if (condition.kind === 'concept') return [{ words: [], concepts: [condition.concept] }];
  if (condition.kind === 'phrase') {
    const requirement = requirementOfPhrases(condition.phrases.map((words) => words.join(' ')));
    return requirement ? [requirement] : [];
  }
  if (condition.kind === 'condition') return [{ words: [], concepts: [], conditions: [condition.condition] }];
  if (condition.kind === 'recipient' || condition.kind === 'actor') {
    const requirement = requirementOfParticipants(condition.kinds);
    return requirement ? [requirement] : [];
  }
  return [];
}

/** Makes equal requirements the same object, so that the prefilter index holds each one once. */
function internRequirements(requirements: Requirement[], interned: Map<string, Requirement>): void {
  requirements.forEach((requirement, index) => {
    requirement.anyOf?.forEach((group) => internRequirements(group, interned));
    const key = JSON.stringify(requirement);
    const known = interned.get(key);
    if (known) requirements[index] = known;
    else interned.set(key, requirement);
  });
}

/** The tags a participant of these kinds is named with; none when an unnamed participant would do. */
const PARTICIPANT_TAGS: Record<string, string> = { party: 'Party', venture: 'Venture', government: 'Government', 'third-party': 'ThirdParty' };

function requirementOfParticipants(kinds: readonly string[]): Requirement | undefined {
  if (kinds.includes('unknown')) return undefined;
  return { words: [], concepts: kinds.map((kind) => PARTICIPANT_TAGS[kind]).filter((tag): tag is string => tag !== undefined) };
}

function compileCondition(condition: Condition, concepts: Set<string>, isKnownTag: (tag: string) => boolean, report: (message: string) => void): CompiledCondition | undefined {
  if ('pattern' in condition) return compilePattern(condition.pattern, isKnownTag, report);
  if ('object' in condition) {
    const compiled = compilePattern(condition.object, isKnownTag, report);
    return compiled?.kind === 'pattern' ? { kind: 'object', source: compiled.source, pattern: compiled.pattern } : undefined;
  }
  if ('phrase' in condition) {
    const phrases = (Array.isArray(condition.phrase) ? condition.phrase : [condition.phrase]).map(phraseWords).filter((words) => words.length);
    if (!phrases.length) report('The phrase has no words.');
    return phrases.length ? { kind: 'phrase', phrases } : undefined;
  }
  if ('concept' in condition) {
    if (!concepts.has(condition.concept)) {
      report(`Unknown vocabulary "${condition.concept}"; known: ${[...concepts].join(', ')}.`);
      return undefined;
    }
    return { kind: 'concept', concept: condition.concept };
  }
  if ('condition' in condition) return { kind: 'condition', condition: condition.condition };
  if ('recipient' in condition) return { kind: 'recipient', kinds: condition.recipient };
  if ('section' in condition) return { kind: 'section', words: condition.section.map((word) => word.toLowerCase()) };
  return { kind: 'actor', kinds: condition.actor };
}

/** Compiles a compromise pattern, refusing what compromise would silently never match. */
function compilePattern(source: string, isKnownTag: (tag: string) => boolean, report: (message: string) => void): CompiledCondition | undefined {
  if (source.length > 500) {
    report('The pattern is longer than 500 characters; split it into several conditions.');
    return undefined;
  }
  if (/\([^()]*\(/.test(source)) {
    report(`Pattern "${source}" nests one group inside another, which compromise silently never matches; use several conditions instead.`);
    return undefined;
  }
  if (/\{\s*\d+\s*,\s*\d{3,}\s*\}|\{\s*\d{3,}/.test(source)) {
    report(`Pattern "${source}" repeats a term more than 99 times; keep repetitions to {0,99} or fewer.`);
    return undefined;
  }
  for (const tag of source.matchAll(/#([A-Za-z]+)/g)) {
    if (!isKnownTag(tag[1])) {
      report(`Pattern "${source}" uses #${tag[1]}, which is neither a compromise tag nor a vocabulary name, so it would never match.`);
      return undefined;
    }
  }
  let pattern: CompiledPattern;
  try {
    pattern = parseMatch(source);
  } catch (error) {
    report(`Pattern "${source}" cannot be read: ${(error as Error).message}.`);
    return undefined;
  }
  if (!pattern.length) {
    report(`Pattern "${source}" matches nothing.`);
    return undefined;
  }
  const unsupported = unsupportedFeature(pattern as unknown as TermSpec[]);
  if (unsupported) {
    report(`Pattern "${source}" ${unsupported}.`);
    return undefined;
  }
  return { kind: 'pattern', source, pattern: uniformPattern(pattern) };
}

/** Names a pattern feature the matcher cannot evaluate, or undefined. */
function unsupportedFeature(specs: TermSpec[]): string | undefined {
  for (const spec of specs) {
    if (spec.chunk) return `uses the chunk <${spec.chunk}>, which ClauseGuard does not support in rules`;
    if (spec.regex) {
      const reason = unsafeRegexReason(spec.regex.source);
      if (reason) return `uses the regular expression /${spec.regex.source}/, which is refused because ${reason}`;
    }
    if (spec.method && !SUPPORTED_METHODS.has(spec.method)) return `uses the method @${spec.method}, which is not supported (supported: ${[...SUPPORTED_METHODS].map((method) => `@${method}`).join(', ')})`;
    for (const choice of spec.choices ?? []) {
      const inner = unsupportedFeature(choice);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** True when a pattern needs compromise's tagger: it names a part-of-speech tag, a chunk or a root with a part of speech. */
function usesPartOfSpeech(pattern: CompiledPattern, concepts: ReadonlySet<string>): boolean {
  const visit = (tokens: unknown[]): boolean =>
    tokens.some((raw) => {
      const token = raw as { tag?: string; chunk?: string; pos?: string; choices?: unknown[][] };
      if (token.tag && !concepts.has(token.tag)) return true;
      if (token.chunk || token.pos) return true;
      return token.choices ? token.choices.some(visit) : false;
    });
  return visit(pattern as unknown[]);
}
