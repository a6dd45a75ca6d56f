import type { CompiledPattern } from './compromise';
import type { Token } from './sentenceDoc';

/** One term of a pattern as `nlp.parseMatch` describes it. */
export interface TermSpec {
  word?: string;
  tag?: string;
  fastOr?: Set<string>;
  choices?: TermSpec[][];
  operator?: 'or' | 'and';
  optional?: boolean;
  greedy?: boolean;
  min?: number;
  max?: number;
  anything?: boolean;
  negative?: boolean;
  start?: boolean;
  end?: boolean;
  regex?: RegExp;
  method?: string;
  fuzzy?: boolean;
  chunk?: string;
  pos?: string;
}

/**
 * The pattern with every term (and every term of its groups) rebuilt in one shape: all the
 * properties below, in this order, absent ones undefined. compromise gives terms a dozen
 * different shapes ("word"; "operator, fastOr"; "min, max, greedy, optional, anything" ...), so
 * every property read in the matcher, which runs for every token of every candidate sentence,
 * was megamorphic. Other properties compromise may add are kept after these. The matcher only
 * asks whether a property is set, so the pattern means the same.
 */
export function uniformPattern(pattern: CompiledPattern): CompiledPattern {
  return (pattern as unknown as TermSpec[]).map(uniformTerm) as unknown as CompiledPattern;
}

interface GroupMarks {
  group?: unknown;
  groupStart?: unknown;
  groupEnd?: unknown;
  root?: unknown;
}

function uniformTerm(spec: TermSpec & GroupMarks): TermSpec {
  // A literal with every key, so that all terms share one hidden class with fast properties.
  const term = {
    word: spec.word,
    tag: spec.tag,
    fastOr: spec.fastOr,
    choices: spec.choices?.map((choice) => choice.map(uniformTerm)),
    operator: spec.operator,
    optional: spec.optional,
    greedy: spec.greedy,
    min: spec.min,
    max: spec.max,
    anything: spec.anything,
    negative: spec.negative,
    start: spec.start,
    end: spec.end,
    regex: spec.regex,
    method: spec.method,
    fuzzy: spec.fuzzy,
    chunk: spec.chunk,
    pos: spec.pos,
    group: spec.group,
    groupStart: spec.groupStart,
    groupEnd: spec.groupEnd,
    root: spec.root,
  };
  const extra = Object.keys(spec).filter((key) => !(key in term));
  return extra.length ? Object.assign(term, Object.fromEntries(extra.map((key) => [key, (spec as Record<string, unknown>)[key]]))) : term;
}

/** Term methods (`@hasComma`) the matcher understands. */
export const SUPPORTED_METHODS = new Set(['hasComma', 'hasSemicolon', 'hasColon', 'hasQuote', 'hasHyphen', 'isTitleCase', 'isUpperCase', 'hasPeriod']);

/** Steps one pattern may take on one sentence before it gives up: patterns come from other people. */
export const STEP_BUDGET = 20_000;

/** Tokens longer than this never match a `/regex/` term. */
const MAX_REGEX_TOKEN = 256;

export interface TokenSpan {
  first: number;
  last: number;
}

/**
 * Matches a compromise pattern (as parsed by `nlp.parseMatch`) against a sentence's tokens.
 * compromise's own matcher does not backtrack: `technology .{0,6} (owned|licensed) by` fails on
 * "technology owned or licensed by", and a group with a tag never matches after a wildcard.
 * This matcher follows the same syntax with full backtracking, and stops after STEP_BUDGET steps
 * so that no pattern can hang a review. Matches do not overlap, scanning left to right.
 */
export function findPatternMatches(tokens: Token[], pattern: CompiledPattern): TokenSpan[] {
  const specs = pattern as unknown as TermSpec[];
  const state = { steps: 0 };
  const matches: TokenSpan[] = [];
  const first = specs[0];
  const firstIsOneToken = first !== undefined && isOnce(first);
  const firstStartsWithOneToken = first !== undefined && !firstIsOneToken && startsWithOneToken(first);
  const lastStart = first?.start ? 0 : tokens.length - 1;
  for (let start = 0; start <= lastStart; start++) {
    // Most starts fail on the first term; test it before any bookkeeping.
    if (firstIsOneToken && !matchesOneToken(first, tokens[start])) continue;
    if (firstStartsWithOneToken && !anyChoiceMatches(first.choices!, tokens[start])) continue;
    const end = matchSequence(tokens, specs, 0, start, state);
    if (state.steps > STEP_BUDGET) break;
    if (end > start) {
      matches.push({ first: start, last: end - 1 });
      start = end - 1;
    }
  }
  return matches;
}

/** One token, exactly once: the common case, matched without building lists of positions. */
function isSimple(spec: TermSpec): boolean {
  return !spec.choices && !spec.optional && !spec.greedy && spec.min === undefined && spec.max === undefined;
}

const oneTokenChoices = new WeakMap<TermSpec, boolean>();

/** A group whose every choice is one plain term, such as "(#GrantVerb|licence|right)": it always covers exactly one token. */
function isOneTokenGroup(spec: TermSpec): boolean {
  let known = oneTokenChoices.get(spec);
  if (known === undefined) {
    known = spec.operator !== 'and' && !!spec.choices && spec.choices.every((choice) => choice.length === 1 && isSimple(choice[0]) && !choice[0].choices);
    oneTokenChoices.set(spec, known);
  }
  return known;
}

/** A term or one-token group that occurs exactly once. */
function isOnce(spec: TermSpec): boolean {
  return isSimple(spec) || (!spec.optional && !spec.greedy && spec.min === undefined && spec.max === undefined && isOneTokenGroup(spec));
}

const startsWithOneTokenCache = new WeakMap<TermSpec, boolean>();

/**
 * A group that occurs at least once and whose every choice begins with one plain term, such as
 * "(invention assignment|assignment agreement)": a match of it can only start on a token that
 * one of those first terms accepts. Testing that first spares the search of every choice at
 * every other token, which was most of the matching work for such patterns.
 */
function startsWithOneToken(spec: TermSpec): boolean {
  let known = startsWithOneTokenCache.get(spec);
  if (known === undefined) {
    known = !!spec.choices && spec.operator !== 'and' && !spec.negative && !spec.anything && bounds(spec)[0] >= 1 && spec.choices.every((choice) => choice.length > 0 && isSimple(choice[0]));
    startsWithOneTokenCache.set(spec, known);
  }
  return known;
}

/** Whether one token satisfies a term or a one-token group, with the term's negation applied. */
function matchesOneToken(spec: TermSpec, token: Token | undefined): boolean {
  if (!token) return false;
  if (!spec.choices) return termMatches(spec, token) !== Boolean(spec.negative);
  return anyChoiceMatches(spec.choices, token) !== Boolean(spec.negative);
}

/** Matches `specs[index..]` from token `at`; returns the end (exclusive) or -1. */
function matchSequence(tokens: Token[], specs: TermSpec[], index: number, at: number, state: { steps: number }): number {
  if (index === specs.length) return at;
  if (++state.steps > STEP_BUDGET) return -1;
  const spec = specs[index];
  if (isOnce(spec)) {
    if (at >= tokens.length || !matchesOneToken(spec, tokens[at])) return -1;
    if (spec.end && at + 1 !== tokens.length) return -1;
    return matchSequence(tokens, specs, index + 1, at + 1, state);
  }
  if (spec.anything && !spec.choices && !spec.negative) {
    // A wildcard such as .{0,8}: try the longest stretch first, as compromise does.
    const [min, max] = bounds(spec);
    for (let count = Math.min(max, tokens.length - at); count >= min; count--) {
      if (spec.end && at + count !== tokens.length) continue;
      const result = matchSequence(tokens, specs, index + 1, at + count, state);
      if (result >= 0) return result;
      if (state.steps > STEP_BUDGET) return -1;
    }
    return -1;
  }
  for (const end of repetitionEnds(tokens, spec, at, state)) {
    if (spec.end && end !== tokens.length) continue;
    const result = matchSequence(tokens, specs, index + 1, end, state);
    if (result >= 0) return result;
  }
  return -1;
}

/** How many times a term repeats, at least and at most (`.{0,3}`, `word+`, `(word)?`). */
export function bounds(spec: TermSpec): [number, number] {
  const min = spec.min ?? (spec.optional ? 0 : 1);
  const max = spec.max ?? (spec.greedy ? Number.POSITIVE_INFINITY : 1);
  return [min, Math.max(min, max)];
}

/** The positions after matching `spec` min..max times from `at`, most repetitions first when greedy. */
function repetitionEnds(tokens: Token[], spec: TermSpec, at: number, state: { steps: number }): number[] {
  const [min, max] = bounds(spec);
  if (coversOneToken(spec)) return runEnds(tokens, spec, at, state, min, max);
  const ends = new Set<number>();
  let frontier = new Set([at]);
  if (min === 0) ends.add(at);
  for (let count = 1; count <= max && frontier.size; count++) {
    const next = new Set<number>();
    for (const position of frontier) for (const end of unitEnds(tokens, spec, position, state)) next.add(end);
    if (count >= min) for (const end of next) ends.add(end);
    frontier = next;
    if (state.steps > STEP_BUDGET) break;
  }
  const ordered = [...ends];
  return spec.greedy || spec.optional ? ordered.sort((a, b) => b - a) : ordered.sort((a, b) => a - b);
}

/** Whether one occurrence of `spec` is always exactly one token (a term, or a group of one-term choices). */
export function coversOneToken(spec: TermSpec): boolean {
  return !spec.choices || spec.operator === 'and' || isOneTokenGroup(spec);
}

/**
 * repetitionEnds for a term that covers one token: its repetitions are a run of matching tokens,
 * so the ends are `at + min ..= at + run`, found without sets. Takes the same steps as the general
 * case, so that the step budget runs out at the same place.
 */
function runEnds(tokens: Token[], spec: TermSpec, at: number, state: { steps: number }, min: number, max: number): number[] {
  let run = 0;
  while (run < max) {
    if (++state.steps > STEP_BUDGET || !unitMatches(spec, tokens[at + run])) break;
    run++;
  }
  const ends: number[] = [];
  if (spec.greedy || spec.optional) for (let count = run; count >= min; count--) ends.push(at + count);
  else for (let count = min; count <= run; count++) ends.push(at + count);
  return ends;
}

/** Whether one occurrence of a one-token `spec` matches `token` (absent past the end), its negation applied. */
function unitMatches(spec: TermSpec, token: Token | undefined): boolean {
  if (!token) return false;
  if (spec.choices && isOneTokenGroup(spec)) return anyChoiceMatches(spec.choices, token) !== Boolean(spec.negative);
  return termMatches(spec, token) !== Boolean(spec.negative);
}

function anyChoiceMatches(choices: TermSpec[][], token: Token): boolean {
  for (let i = 0; i < choices.length; i++) if (termMatches(choices[i][0], token) !== Boolean(choices[i][0].negative)) return true;
  return false;
}

/** Where one occurrence of `spec` starting at `at` can end. */
function unitEnds(tokens: Token[], spec: TermSpec, at: number, state: { steps: number }): number[] {
  if (++state.steps > STEP_BUDGET) return [];
  if (spec.choices && !coversOneToken(spec)) {
    const ends = spec.choices.flatMap((choice) => matchAll(tokens, choice, 0, at, state)).filter((end) => end > at);
    if (spec.negative) return at < tokens.length && !ends.length ? [at + 1] : [];
    return ends;
  }
  return unitMatches(spec, tokens[at]) ? [at + 1] : [];
}

/** Every end position of a choice's sequence (choices are short, so all are enumerated). */
function matchAll(tokens: Token[], specs: TermSpec[], index: number, at: number, state: { steps: number }): number[] {
  if (index === specs.length) return [at];
  const ends: number[] = [];
  for (const end of repetitionEnds(tokens, specs[index], at, state)) ends.push(...matchAll(tokens, specs, index + 1, end, state));
  return ends;
}

/** Whether one token satisfies one term (without the term's negation). */
function termMatches(spec: TermSpec, token: Token): boolean {
  if (spec.choices && spec.operator === 'and') return spec.choices.every((choice) => choice.length === 1 && termMatches(choice[0], token));
  if (spec.anything) return true;
  const bare = token.bare;
  if (spec.fastOr && !(spec.fastOr.has(token.normal) || spec.fastOr.has(bare))) return false;
  if (spec.pos && !token.tags.has(spec.pos)) return false;
  if (spec.word !== undefined) {
    if (spec.fuzzy ? similarity(spec.word, token.normal) < (spec.min ?? 0.85) : spec.word !== token.normal && spec.word !== bare) return false;
  }
  if (spec.tag && !token.tags.has(spec.tag)) return false;
  // Rule regexes are checked for safety when compiled; very long tokens (a 10 MB 'word') are not tested at all.
  if (spec.regex && (token.normal.length > MAX_REGEX_TOKEN || !spec.regex.test(token.normal))) return false;
  if (spec.method && !methodHolds(spec.method, token)) return false;
  return Boolean(spec.fastOr || spec.word !== undefined || spec.tag || spec.regex || spec.method || spec.pos);
}

const QUOTE = /["'\u201c\u201d]/;

function methodHolds(method: string, token: Token): boolean {
  switch (method) {
    case 'hasComma':
      return token.post.includes(',');
    case 'hasSemicolon':
      return token.post.includes(';');
    case 'hasColon':
      return token.post.includes(':');
    case 'hasPeriod':
      return token.post.includes('.');
    case 'hasQuote':
      return QUOTE.test(token.pre) || QUOTE.test(token.post);
    case 'hasHyphen':
      return /^-/.test(token.post);
    case 'isTitleCase':
      return /^[A-Z][a-z]/.test(token.text);
    case 'isUpperCase':
      return /^[^a-z]*[A-Z][^a-z]*$/.test(token.text);
    default:
      return false;
  }
}

/** 1 minus the normalised edit distance. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const previous = Array.from({ length: b.length + 1 }, (_value, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return 1 - previous[b.length] / Math.max(a.length, b.length);
}
