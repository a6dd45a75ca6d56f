import type { TextSource } from '../text/chunkedText';
import { CONDITION_KINDS, type ConditionKind } from '../rulebook/types';
import type { Span } from '../text/spans';

/** Cue phrases for the conditions a clause can attach to an obligation. */
const CONDITION_CUES: [ConditionKind, RegExp][] = [
  ['on-request', /\b(?:(?:upon|on|at|following|after|within [\w()\s-]{1,30} (?:of|after))\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:reasonable\s+)?(?:written\s+)?(?:request|demand)s?\b|if (?:so )?requested\b|when(?:ever)? (?:so )?requested\b|as (?:may be )?(?:reasonably )?requested\b|on demand\b|upon receipt of (?:a|any) (?:written )?request\b|(?:may|shall) (?:also )?request\b|(?:if|in the event(?: that)?|where|whenever)\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+(?:requires|requests|desires|wishes to (?:obtain|receive|have)))/i],
  ['condition-of', /\b(?:as a (?:pre-?)?condition (?:of|to|for|precedent)|in order to (?:obtain|secure|receive|maintain) (?:the |any |such )?(?:approval|licen[cs]e|permit|registration|authori[sz]ation)|conditional (?:up)?on|contingent (?:up)?on|conditions? (?:an? |the |any |its |such )?(?:approvals?|licen[cs]es?|permits?|registrations?|authori[sz]ations?) (?:up)?on)\b/i],
  ['approval', /\b(?:subject to (?:the )?(?:prior )?(?:written )?(?:approval|examination|review|permission) (?:of|by|from)|(?:approval|permit|licen[cs]e|registration) (?:of|from|by) (?:the |any )?(?:relevant |competent |applicable )?(?:government|governmental|regulatory|administrative|state)\b)/i],
  ['termination', /\b(?:terminat(?:ion|es|ed)|expiration|expiry)\b/i],
  ['insolvency', /\b(?:bankruptcy|insolven\w*|receiver(?:ship)?|liquidat\w+|winding[- ]up)\b/i],
  ['no-notice', /\b(?:without (?:first |prior |any |advance |giving )*(?:notice|notif\w*|informing)|(?:not|no) (?:be )?(?:required|obligated)? ?(?:to )?(?:give |provide )?(?:any |prior )?notice|require any notice|\bnothing\b[^.;]{0,60}\brequir\w*\b[^.;]{0,40}\bnotice)\b/i],
  ['notice', /\b(?:(?:prompt|prior|advance|written|reasonable) (?:written )?notice|notify|notif(?:y|ies|ied|ication) (?:to )?the (?:disclosing|other)|give (?:the \w+ )?notice)\b/i],
  ['protective-order', /\b(?:protective order|confidential treatment|seek (?:to )?(?:limit|obtain|narrow|contest)|(?:contest|resist|oppose) (?:such|the|any) (?:disclosure|request|order)|other appropriate remedy|minimi[sz]e (?:the )?disclosure)\b/i],
  ['consent', /\bwithout (?:the )?(?:prior |express |written |prior written )*(?:consent|approval|authori[sz]ation|permission)\b/i],
  // Ownership follows inventorship: "made solely by Northwind personnel ... shall be owned by Northwind".
  ['creator-owns', /\b(?:made|developed|conceived|created|invented|generated|authored|discovered)\s+(?:solely\s+|exclusively\s+|independently\s+|jointly\s+)?by\s+(?:or\s+on\s+behalf\s+of\s+)?(?:the\s+)?([A-Z][\w&.-]{1,40}(?:\s+[A-Z][\w&.-]{1,40}){0,2})\b[^;]{0,500}?\b(?:owned\s+by|(?:sole|exclusive)\s+property\s+of|property\s+of|vest(?:ed)?\s+in|belong(?:s)?\s+to)\s+(?:the\s+)?\1\b/],
  // ... or the other way round: "Licensee shall own all Inventions ... conceived solely by or on behalf of Licensee".
  ['creator-owns', /\b([A-Z][\w&.-]{1,40}(?:\s+[A-Z][\w&.-]{1,40}){0,2})\s+(?:shall|will)\s+(?:solely\s+|exclusively\s+|retain\s+and\s+)?own\b[^;]{0,250}?\b(?:made|developed|conceived|created|invented|generated|authored|discovered|practice)\b[^;]{0,120}?\bsolely\s+by\s+(?:or\s+on\s+behalf\s+of\s+)?(?:the\s+)?\1\b/],
  ['creator-owns', /\b(?:each|either)\s+party\s+(?:shall|will)\s+(?:solely\s+|exclusively\s+|retain\s+and\s+)?own\b[^;]{0,250}?\bby\s+(?:or\s+on\s+behalf\s+of\s+)?(?:such|that|the\s+applicable)\s+party\b/i],
];

/**
 * Text without which a cue cannot match: a cheap test before each regular expression. `words`
 * are fragments, one of which some word of the sentence (lower case) contains whenever `text`
 * matches it, so that a sentence can be ruled out from its words alone (see `cueMask`).
 */
const CUES: Record<ConditionKind, { text: RegExp; words: string[] }> = {
  'on-request': { text: /request|demand|require|desire|wish/i, words: ['request', 'demand', 'require', 'desire', 'wish'] },
  'condition-of': { text: /condition|order to|contingent/i, words: ['condition', 'order', 'contingent'] },
  approval: { text: /approv|permi|examin|review|registr|licen/i, words: ['approv', 'permi', 'examin', 'review', 'registr', 'licen'] },
  termination: { text: /terminat|expir/i, words: ['terminat', 'expir'] },
  insolvency: { text: /bankrupt|insolven|receiver|liquidat|winding/i, words: ['bankrupt', 'insolven', 'receiver', 'liquidat', 'winding'] },
  'no-notice': { text: /notice|notif|inform/i, words: ['notice', 'notif', 'inform'] },
  notice: { text: /notice|notif/i, words: ['notice', 'notif'] },
  'protective-order': {
    text: /protective|treatment|seek|contest|resist|oppose|remedy|minimi/i,
    words: ['protective', 'treatment', 'seek', 'contest', 'resist', 'oppose', 'remedy', 'minimi'],
  },
  consent: { text: /without/i, words: ['without'] },
  'creator-owns': { text: /owned|property|vest|belong|\bown\b/, words: ['owned', 'property', 'vest', 'belong', 'own'] },
};

/** Each condition kind's bit in a cue mask, worked out once: the prefilter asks for one at every sentence. */
const CUE_BITS = new Map(CONDITION_KINDS.map((kind, index) => [kind, 1 << index]));

/** Each condition kind's bit in a cue mask. */
export function cueBit(kind: ConditionKind): number {
  return CUE_BITS.get(kind)!;
}

/** The condition kinds whose cue a word (lower case) may be part of, as bits (`cueBit`). */
export function cueMask(normal: string): number {
  let mask = 0;
  for (const kind of CONDITION_KINDS) if (CUES[kind].words.some((fragment) => normal.includes(fragment))) mask |= cueBit(kind);
  return mask;
}

/** The cue expressions and word fragments, for tests. */
export const CONDITION_CUE_TEXT = CUES;

/** The conditions a sentence states, each with where its cue is. */
export function findConditions(analysisText: TextSource, span: Span): Map<ConditionKind, Span> {
  const found = new Map<ConditionKind, Span>();
  const text = analysisText.slice(span.start, span.end);
  for (const [kind, cue] of CONDITION_CUES) {
    if (found.has(kind) || !CUES[kind].text.test(text)) continue;
    const match = cue.exec(text);
    if (match) found.set(kind, { start: span.start + match.index, end: span.start + match.index + match[0].length });
  }
  return found;
}

/** Whether a sentence states one condition: cheaper than finding them all, for the prefilter. */
export function statesCondition(analysisText: TextSource, span: Span, kind: ConditionKind): boolean {
  const text = analysisText.slice(span.start, span.end);
  return CUES[kind].text.test(text) && CONDITION_CUES.some(([cueKind, cue]) => cueKind === kind && cue.test(text));
}
