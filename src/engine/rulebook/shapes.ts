import { CATEGORIES, RISK_CATEGORIES, SEVERITIES } from '../types';
import { CONDITION_KINDS, DOCUMENT_KINDS, MODALITIES, PARTY_KINDS } from './types';

/**
 * The rulebook format as data: the validator checks files against these shapes, and the JSON
 * Schema shipped in schemas/ is generated from them, so the two cannot drift apart.
 */
export type Shape =
  | { type: 'string'; description?: string; enum?: readonly string[]; enumDescriptions?: readonly string[]; minLength?: number; pattern?: string; maxLength?: number }
  | { type: 'boolean'; description?: string; const?: boolean }
  | { type: 'array'; description?: string; items: Shape; minItems?: number }
  | { type: 'object'; description?: string; properties: Record<string, Shape>; required?: readonly string[]; additionalProperties?: Shape; snippets?: { label: string; description: string; body: unknown }[] }
  | { type: 'oneOf'; description?: string; options: Shape[]; discriminate: (value: unknown) => number };

const text = (description: string, minLength = 1): Shape => ({ type: 'string', description, minLength });
const list = (items: Shape, description: string, minItems = 0): Shape => ({ type: 'array', items, description, minItems });
const choice = (values: readonly string[], description: string): Shape => ({ type: 'string', enum: values, description });

export const RULE_ID_PATTERN = '^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$';
export const VOCABULARY_NAME_PATTERN = '^[A-Z][A-Za-z0-9]*$';

const partyKinds = list(choice(PARTY_KINDS, 'Who: a contracting party, the joint venture, a government body, a third party, or unknown.'), 'Any of these kinds.', 1);

const condition: Shape = {
  type: 'oneOf',
  description: 'One test on a sentence: a compromise pattern, plain phrases, a vocabulary word list, a condition the engine detects, or who acts or receives.',
  discriminate: (value) => {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    return ['pattern', 'phrase', 'concept', 'condition', 'recipient', 'actor', 'section', 'object'].findIndex((key) => keys.includes(key));
  },
  options: [
    { type: 'object', properties: { pattern: text('A compromise match pattern, e.g. "{grant} .{0,6} #Improvement". Vocabulary names are tags.') }, required: ['pattern'] },
    { type: 'object', properties: { phrase: { type: 'oneOf', discriminate: (value) => (Array.isArray(value) ? 1 : 0), options: [text('A plain phrase, case-insensitive.'), list(text('A plain phrase.'), 'Plain phrases; any one matches.', 1)] } }, required: ['phrase'] },
    { type: 'object', properties: { concept: { type: 'string', pattern: VOCABULARY_NAME_PATTERN, description: 'A vocabulary name: any of its phrases matches.' } }, required: ['concept'] },
    { type: 'object', properties: { condition: choice(CONDITION_KINDS, 'A condition the engine detects in the sentence.') }, required: ['condition'] },
    { type: 'object', properties: { recipient: partyKinds }, required: ['recipient'] },
    { type: 'object', properties: { actor: partyKinds }, required: ['actor'] },
    { type: 'object', properties: { section: list(text('A word of a heading, case-insensitive.'), 'The sentence is in a section (or article) whose heading contains one of these words.', 1) }, required: ['section'] },
    { type: 'object', properties: { object: text('A compromise pattern that must match in what the anchor\'s verb acts on: "all Improvements" in "shall disclose to Licensor all Improvements", or the subject of a passive verb.') }, required: ['object'] },
  ],
};

const sentenceMatch: Shape = {
  type: 'object',
  description: 'When the rule flags a sentence. The first pattern of `all` is the anchor that negated, modality, actor and recipient refer to.',
  properties: {
    all: list(condition, 'Every condition must hold.'),
    any: list(condition, 'At least one condition must hold.'),
    none: list(condition, 'No condition may hold.'),
    negated: { type: 'boolean', description: 'Whether the verb governing the anchor is negated ("shall not", "No Party shall").' },
    modality: list(choice(MODALITIES, 'obligation (shall, must, agrees to), permission (may), grant (hereby grants), statement (no modal).'), 'The anchor\'s modality must be one of these.', 1),
    actor: partyKinds,
    recipient: partyKinds,
    role: choice(['action', 'verb', 'any'], 'action: the anchor must be what the clause does, not part of its subject; verb: the anchor must be the verb of the clause or the predicate right after it ("shall own", "will be the sole owner").'),
  },
};

const documentMatch: Shape = {
  type: 'object',
  description: 'For document rules: the kinds of agreement that need a protection, and the rules that recognise it.',
  properties: {
    documentKinds: list(choice(DOCUMENT_KINDS, 'A kind of agreement, judged from its title and opening.'), 'Agreements of these kinds are checked.', 1),
    absent: list(text('A rule id.'), 'The protection is present when any of these rules matches a sentence.', 1),
    placeIn: list(text('A word of a section heading.'), 'Headings of the section where the missing clause belongs.'),
  },
  required: ['documentKinds', 'absent'],
};

const fix: Shape = {
  type: 'object',
  description: 'Replacement wording built on voluntary, market-based terms.',
  properties: {
    title: text('What the fix does, as a code-action title.'),
    preferred: { type: 'boolean', description: 'The position to propose first.' },
    target: choice(['sentence', 'anchor', 'append', 'insert'], 'What the wording replaces: the sentence, the matched phrase, nothing (append at the end of the sentence), or a new clause (insert, for document rules).'),
    text: text('The wording. {actor}, {recipient}, {object} and {anchor} take the clause\'s own words; {actor|default} gives a fallback.'),
  },
  required: ['title', 'target', 'text'],
};

const examples: Shape = {
  type: 'object',
  description: 'Examples that run as tests.',
  properties: {
    match: list(text('Text the rule must flag.'), 'Text the rule must flag.', 1),
    noMatch: list(text('Text the rule must not flag.'), 'Text the rule must not flag.'),
  },
  required: ['match', 'noMatch'],
};

const ruleProperties: Record<string, Shape> = {
  id: { type: 'string', pattern: RULE_ID_PATTERN, description: 'A unique id, `namespace/name`.' },
  category: choice(CATEGORIES, 'A category of TAXONOMY.md.'),
  severity: choice(SEVERITIES, 'How serious a finding is.'),
  title: text('A few words naming the risk.'),
  message: text('One sentence for the Problems panel; may use {actor}, {recipient}, {object}.'),
  explanation: text('Why the clause is risky and what to ask for instead.'),
  citation: text('The authority: a Phase One article or the IP-practice reason.'),
  enabled: { type: 'boolean', description: 'Set to false to turn the rule off.' },
  scope: choice(['sentence', 'document'], 'sentence (default) or document.'),
  match: { type: 'oneOf', description: 'When the rule flags.', discriminate: (value) => (value && typeof value === 'object' && 'documentKinds' in value ? 1 : 0), options: [sentenceMatch, documentMatch] },
  neutralises: list(choice(RISK_CATEGORIES, 'A risk category.'), 'For protective rules: risk findings of these categories in the same part of the sentence are dropped.'),
  answers: choice(['segment', 'sentence'], 'For protective rules: the part of the sentence the protection answers: its own clause (default), or the whole sentence, for protections that come as a proviso ("provided that it first gives notice").'),
  supersedes: list({ type: 'string', pattern: RULE_ID_PATTERN, description: 'A rule id.' }, 'Rules this one says better: when both match a sentence, only this one is reported.'),
  fixes: list(fix, 'Replacement wording.'),
  examples,
};

const ruleDefinition: Shape = {
  type: 'object',
  description: 'A rule.',
  snippets: [
    {
      label: 'New rule',
      description: 'A rule with a pattern, wording and examples',
      body: {
        id: 'team/${1:name}',
        category: '${2|forced-transfer,grant-back,ip-assignment,non-market-terms,disclosure-demand,government-access,weak-protection,tech-preference|}',
        severity: '${3|error,warning,information|}',
        title: '${4:A few words}',
        message: '${5:One sentence for the Problems panel.}',
        explanation: '${6:Why this is risky and what to ask for instead.}',
        citation: '${7:Phase One Agreement, Article 2.1(2)}',
        match: { all: [{ pattern: '${8:(transfer|deliver) .{0,8} #Technology}' }], negated: false },
        fixes: [{ title: '${9:Title}', preferred: true, target: 'sentence', text: '${10:Wording on voluntary, market-based terms.}' }],
        examples: { match: ['${11:A sentence the rule must flag.}'], noMatch: ['${12:A sentence it must not flag.}'] },
      },
    },
  ],
  properties: ruleProperties,
  required: ['id', 'category', 'severity', 'title', 'message', 'explanation', 'citation', 'match', 'examples'],
};

const ruleOverride: Shape = {
  type: 'object',
  description: 'Changes to an existing rule, by id.',
  snippets: [{ label: 'Override a rule', description: 'Change the severity of a built-in rule', body: { id: '${1:tt/joint-ownership}', override: true, severity: '${2|error,warning,information,hint|}' } }],
  properties: {
    id: ruleProperties.id,
    override: { type: 'boolean', const: true, description: 'Marks the entry as an override of an existing rule.' },
    enabled: ruleProperties.enabled,
    severity: ruleProperties.severity,
    title: ruleProperties.title,
    message: ruleProperties.message,
    explanation: ruleProperties.explanation,
    citation: ruleProperties.citation,
    fixes: ruleProperties.fixes,
  },
  required: ['id', 'override'],
};

const vocabularyEntry: Shape = {
  type: 'oneOf',
  description: 'Phrases of one vocabulary word list.',
  discriminate: (value) => (Array.isArray(value) ? 0 : 1),
  options: [
    list(text('A phrase; a final * matches any ending.'), 'Phrases.', 1),
    {
      type: 'object',
      properties: {
        description: text('What the list stands for.'),
        phrases: list(text('A phrase; a final * matches any ending.'), 'Phrases.', 1),
        inheritedByDefinedTerms: { type: 'boolean', description: 'Defined terms whose definition uses one of these phrases carry this tag too.' },
      },
      required: ['phrases'],
    },
  ],
};

const perspective: Shape = {
  type: 'object',
  description: 'The parties the team represents.',
  properties: {
    parties: list(text('A party name as the contract uses it.'), 'The parties the team represents.', 1),
    towardsUs: choice(['information', 'drop', 'keep'], 'What happens to findings that move technology towards these parties.'),
  },
  required: ['parties', 'towardsUs'],
};

export const RULEBOOK_SHAPE: Shape = {
  type: 'object',
  description: 'A ClauseGuard rulebook.',
  properties: {
    $schema: text('The JSON Schema of this file.'),
    name: text('A name for this rulebook.'),
    description: text('What this rulebook is for.'),
    extends: list(text('clauseguard:recommended, a relative path, or an npm package name.'), 'Rulebooks this one builds on; later entries override earlier ones.'),
    vocabulary: { type: 'object', description: 'Named word lists; each name is a tag patterns can use as #Name.', properties: {}, additionalProperties: vocabularyEntry },
    perspective,
    rules: list({ type: 'oneOf', description: 'A new rule or an override.', discriminate: (value) => (value && typeof value === 'object' && 'override' in value ? 1 : 0), options: [ruleDefinition, ruleOverride] }, 'New rules and overrides of existing ones.'),
  },
};

/** The shape of each type of types.ts, by type name: the schema test checks them against each other. */
export const SHAPES_BY_TYPE: Record<string, Shape> = {
  RulebookFile: RULEBOOK_SHAPE,
  RuleDefinition: ruleDefinition,
  RuleOverride: ruleOverride,
  SentenceMatch: sentenceMatch,
  DocumentMatch: documentMatch,
  FixDefinition: fix,
  RuleExamples: examples,
  Perspective: perspective,
  VocabularyDefinition: (vocabularyEntry as Extract<Shape, { type: 'oneOf' }>).options[1],
};
