import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { ProblemCollector, type RulebookProblem } from './problems';
import { RULEBOOK_SHAPE, type Shape } from './shapes';
import type { RulebookFile } from './types';

/** A rulebook read from text: its content, where each part of it is, and what is wrong with it. */
export interface ParsedRulebook {
  /** The name shown in messages. */
  source: string;
  /** Where it was read from, when a host read it. */
  location?: string;
  text: string;
  /** Undefined when the file has errors that make it unusable. */
  rulebook?: RulebookFile;
  problems: RulebookProblem[];
  /** Where a JSON path (`['rules', 3, 'match']`) is in the text, for problems found later. */
  locate(path: (string | number)[]): { offset: number; length: number };
  /** Where the key of an object property is (`['vocabulary', 'CellLine']` -> the name), for problems with names. */
  locateKey(path: (string | number)[]): { offset: number; length: number };
}

/** Rulebooks over this size are refused rather than parsed. */
export const MAX_RULEBOOK_BYTES = 5 * 1024 * 1024;

/**
 * Parses and validates a rulebook (JSON with comments). Every problem carries its line and
 * column; unknown keys are warnings, everything else that is wrong is an error.
 */
export function parseRulebook(source: string, text: string): ParsedRulebook {
  const problems = new ProblemCollector(source, text);
  let root: Node | undefined;
  const locate = (path: (string | number)[]): { offset: number; length: number } => {
    let node = root;
    for (const key of path) {
      const next = node && childAt(node, key);
      if (!next) break;
      node = next;
    }
    return node ? { offset: node.offset, length: node.length } : { offset: 0, length: 0 };
  };
  const locateKey = (path: (string | number)[]): { offset: number; length: number } => {
    const parent = path.slice(0, -1).reduce<Node | undefined>((node, key) => node && childAt(node, key), root);
    const property = parent?.type === 'object' ? parent.children?.find((child) => child.children?.[0]?.value === path[path.length - 1]) : undefined;
    const key = property?.children?.[0];
    return key ? { offset: key.offset, length: key.length } : locate(path);
  };
  const result = (rulebook?: RulebookFile): ParsedRulebook => ({ source, text, rulebook, problems: problems.problems, locate, locateKey });
  if (text.length > MAX_RULEBOOK_BYTES) {
    problems.error(`The rulebook is ${(text.length / 1024 / 1024).toFixed(1)} MB; rulebooks over ${MAX_RULEBOOK_BYTES / 1024 / 1024} MB are not read.`, 0, 0);
    return result();
  }
  if (text.includes('\u0000')) {
    problems.error('The rulebook is a binary file, not JSON.', text.indexOf('\u0000'), 1);
    return result();
  }
  const syntaxErrors: ParseError[] = [];
  root = parseTree(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  for (const error of syntaxErrors.slice(0, 20)) {
    problems.error(`JSON syntax error: ${describeParseError(printParseErrorCode(error.error))}.`, error.offset, error.length);
  }
  if (syntaxErrors.length || !root) {
    if (!root && !syntaxErrors.length) problems.error('The rulebook is empty.', 0, 0);
    return result();
  }
  validateNode(root, RULEBOOK_SHAPE, problems, '');
  if (problems.hasErrors) return result();
  return result(getNodeValue(root) as RulebookFile);
}

/**
 * A rulebook the engine ships and its tests check (`parseRulebook` finds no problem in it), read
 * without the checks: `JSON.parse` once its comments are blanked, in a millisecond or two. Every
 * review thread loads the built-in rulebook, and parsing 150 KB of JSON with comments through the
 * general loader cost each of them 35–60 ms, plus optimising that loader on a background thread.
 * Positions, needed only when a problem is reported, come from the general loader, run then. Text
 * that is not plain JSON once its comments are gone (a trailing comma) goes the general way.
 */
export function parseTrustedRulebook(source: string, text: string): ParsedRulebook {
  let rulebook: RulebookFile;
  try {
    rulebook = JSON.parse(text.replace(STRING_OR_COMMENT, blankComment)) as RulebookFile;
  } catch {
    return parseRulebook(source, text);
  }
  let full: ParsedRulebook | undefined;
  const general = (): ParsedRulebook => (full ??= parseRulebook(source, text));
  return { source, text, rulebook, problems: [], locate: (path) => general().locate(path), locateKey: (path) => general().locateKey(path) };
}

/** A JSON string (left as it is: it may hold `//`), or a line or block comment. */
const STRING_OR_COMMENT = /"(?:[^"\\]|\\.)*"|\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g;

/** A comment becomes as many spaces, so that offsets stay those of the text. */
function blankComment(match: string): string {
  return match.charCodeAt(0) === 0x22 ? match : ' '.repeat(match.length);
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function childAt(node: Node, key: string | number): Node | undefined {
  if (node.type === 'array' && typeof key === 'number') return node.children?.[key];
  if (node.type === 'object') {
    const property = node.children?.find((child) => child.children?.[0]?.value === key);
    return property?.children?.[1];
  }
  return undefined;
}

/** Checks one JSON node against a shape, reporting problems at the node's position. */
function validateNode(node: Node, shape: Shape, problems: ProblemCollector, where: string): void {
  const label = where || 'The rulebook';
  switch (shape.type) {
    case 'string': {
      if (node.type !== 'string') return problems.error(`${label} must be a string, not ${describeNode(node)}.`, node.offset, node.length);
      const value = node.value as string;
      if (shape.minLength && value.trim().length < shape.minLength) return problems.error(`${label} must not be empty.`, node.offset, node.length);
      if (shape.maxLength && value.length > shape.maxLength) return problems.error(`${label} is longer than ${shape.maxLength} characters.`, node.offset, node.length);
      if (shape.enum && !shape.enum.includes(value)) {
        return problems.error(`${label} is "${value}"; it must be one of ${shape.enum.map((item) => `"${item}"`).join(', ')}.`, node.offset, node.length);
      }
      if (shape.pattern && !new RegExp(shape.pattern).test(value)) return problems.error(`${label} "${value}" does not have the required form ${shape.pattern}.`, node.offset, node.length);
      return;
    }
    case 'boolean':
      if (node.type !== 'boolean') return problems.error(`${label} must be true or false, not ${describeNode(node)}.`, node.offset, node.length);
      if (shape.const !== undefined && node.value !== shape.const) problems.error(`${label} must be ${shape.const}.`, node.offset, node.length);
      return;
    case 'array': {
      if (node.type !== 'array') return problems.error(`${label} must be a list, not ${describeNode(node)}.`, node.offset, node.length);
      const items = node.children ?? [];
      if (shape.minItems && items.length < shape.minItems) problems.error(`${label} needs at least ${shape.minItems} entr${shape.minItems === 1 ? 'y' : 'ies'}.`, node.offset, node.length);
      items.forEach((item, index) => validateNode(item, shape.items, problems, `${where}[${index}]`));
      return;
    }
    case 'object':
      return validateObject(node, shape, problems, where, label);
    case 'oneOf': {
      const option = shape.discriminate(getNodeValue(node));
      if (option < 0) return problems.error(`${label} is not a known form: ${shape.description ?? ''}`.trim(), node.offset, node.length);
      return validateNode(node, shape.options[option], problems, where);
    }
  }
}

function validateObject(node: Node, shape: Extract<Shape, { type: 'object' }>, problems: ProblemCollector, where: string, label: string): void {
  if (node.type !== 'object') return problems.error(`${label} must be an object, not ${describeNode(node)}.`, node.offset, node.length);
  const seen = new Set<string>();
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = keyNode.value as string;
    const path = where ? `${where}.${key}` : key;
    if (seen.has(key)) problems.error(`"${key}" appears twice.`, keyNode.offset, keyNode.length);
    seen.add(key);
    // Own properties only: a key such as "constructor" is not Object.prototype's.
    const propertyShape = (Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined) ?? shape.additionalProperties;
    if (!propertyShape) {
      const known = Object.keys(shape.properties);
      problems.warning(`Unknown key "${key}" is ignored${known.length ? `; known keys are ${known.join(', ')}` : ''}.`, keyNode.offset, keyNode.length);
      continue;
    }
    validateNode(valueNode, propertyShape, problems, path);
  }
  for (const required of shape.required ?? []) {
    if (!seen.has(required)) problems.error(`${label} is missing "${required}".`, node.offset, Math.min(node.length, 1));
  }
}

function describeNode(node: Node): string {
  if (node.type === 'null') return 'null';
  if (node.type === 'array') return 'a list';
  if (node.type === 'object') return 'an object';
  return `the ${node.type} ${JSON.stringify(node.value)}`;
}
