import type { AnchorReading } from '../nlp/clauseFacts';
import type { Operative } from '../nlp/operatives';
import type { Token } from '../nlp/sentenceDoc';
import { isAdverb } from '../nlp/words';

type TokenSpan = { first: number; last: number };

/** "Any transfer of technology shall be ..." names a transfer as the subject; nobody is made to transfer. */
export function isInSubject(reading: AnchorReading, anchor: TokenSpan): boolean {
  const { operative } = reading;
  if (!operative?.actor || operative.passive) return false;
  return anchor.first >= operative.actor.first && anchor.last <= operative.actor.last;
}

/** Words that may stand between a verb and the predicate it introduces: "shall be THE SOLE AND EXCLUSIVE owner". */
const PREDICATE_FILLERS = new Set([
  'the', 'a', 'an', 'sole', 'exclusive', 'and', 'or', 'joint', 'jointly', 'solely', 'exclusively', 'absolute', 'entire', 'deemed', 'to', 'be',
  'full', 'legal', 'beneficial', 'only', 'hereby', 'automatically', 'irrevocably', 'thereupon', 'immediately', 'also', 'have', 'has',
  'receive', 'obtain', 'hold',
]);

/** Verbs whose object says what is done: perform a transfer, make a contribution, effect an assignment. */
const LIGHT_VERBS = new Set(['perform', 'make', 'effect', 'effectuate', 'complete', 'conduct', 'carry', 'undertake', 'execute']);
const LIGHT_VERB_REACH = 4;

/** Verbs through which a clause obliges someone to do another thing: "shall CAUSE its Affiliates TO provide". */
const CHAIN_VERBS = new Set(['cause', 'procure', 'ensure', 'use', 'make', 'require', 'permit', 'allow', 'undertake', 'continue', 'endeavor', 'endeavour', 'attempt', 'arrange', 'seek', 'agree']);
/** How far a chained verb may follow the verb that governs it. */
const CHAIN_REACH = 30;

/**
 * "shall OWN", "shall be jointly OWNED", "will be the sole OWNER", "shall use efforts to cause
 * its Affiliates to PROVIDE": the anchor is what the clause does, not a word in its object or in a
 * clause inside it ("all information DISCLOSED to it"). `itemVerb` is the verb of an enumerated part
 * that continues the modal ("shall: ... (3) CONDUCT a transfer").
 */
export function isClauseVerb(reading: AnchorReading, anchor: TokenSpan, tokens: Token[], itemVerb?: number): boolean {
  const operative = reading.operative;
  if (!operative) return false;
  return isVerbAt(operative, operative.verb, anchor, tokens) || (itemVerb !== undefined && isVerbAt(operative, itemVerb, anchor, tokens));
}

function isVerbAt(operative: Operative, verb: number, anchor: TokenSpan, tokens: Token[]): boolean {
  if (verb < 0) return false;
  if (isAfterOpenAside(tokens, operative.cueEnd, anchor.first)) return true;
  // An adverb between the modal and its verb: "shall be JOINTLY owned".
  if (anchor.last < verb) return anchor.first >= operative.cueEnd;
  if (anchor.first <= verb) return true;
  if (isPredicateAfter(tokens, verb, anchor.first)) return true;
  // A verb after the clause's own is written in lower case; "and Collaboration Intellectual Property" is a noun.
  if (!/^[a-z]/.test(tokens[anchor.first].text)) return false;
  if (isCoordinatedVerb(tokens, verb, anchor.first)) return true;
  // A verb that takes its meaning from the noun after it: "shall PERFORM technology TRANSFER".
  if (LIGHT_VERBS.has(tokens[verb].normal) && anchor.first - verb <= LIGHT_VERB_REACH) return true;
  return isChainedVerb(tokens, verb, anchor.first);
}

function isPredicateAfter(tokens: Token[], verb: number, anchorFirst: number): boolean {
  for (let i = verb; i < anchorFirst; i++) if (!PREDICATE_FILLERS.has(tokens[i].normal) && !isAdverb(tokens[i].normal)) return false;
  return true;
}

/** Modals that start a clause of their own between two verbs. */
const MODAL_WORDS = new Set(['shall', 'will', 'may', 'must']);
/** The longest aside between "and" and a second verb: "shall provide X and, to the extent ..., TRANSFER Y". */
const COORDINATION_ASIDE = 30;

/** "shall provide assistance AND transfer copies", "and, to the extent not already provided, TRANSFER": a second verb of the same clause. */
function isCoordinatedVerb(tokens: Token[], verb: number, anchorFirst: number): boolean {
  const previous = anchorFirst - 1;
  if (previous <= verb) return false;
  // "shall notify the Authority of the transfer, supply Licensor with ...": a verb after a comma that takes a named object.
  if (/,/.test(tokens[previous].post) && /^[A-Z]/.test(tokens[anchorFirst + 1]?.text ?? '') && noClauseBetween(tokens, verb, previous)) return true;
  let before = previous;
  if (/,/.test(tokens[before].post)) {
    const floor = Math.max(verb, anchorFirst - COORDINATION_ASIDE);
    before--;
    while (before > floor && !/,/.test(tokens[before].post)) before--;
  }
  if (before <= verb || !/^(?:and|or)$/.test(tokens[before].normal)) return false;
  // "the assignment or license or other disposition of": a noun in a list, not a second verb.
  if (/^(?:or|and|of|by|nor)$/.test(tokens[anchorFirst + 1]?.normal ?? '')) return false;
  return noClauseBetween(tokens, verb, before);
}

/** Words that open a clause inside the object: "all materials WHICH have BEEN provided or made available". */
const INNER_CLAUSE_WORDS = new Set(['which', 'who', 'whom', 'whose', 'been']);

function noClauseBetween(tokens: Token[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (MODAL_WORDS.has(tokens[i].normal) || INNER_CLAUSE_WORDS.has(tokens[i].normal) || /;/.test(tokens[i].post)) return false;
  return true;
}

/**
 * "shall, after acceptance ... and within fifteen days after receiving a request DELIVER": an
 * aside opened by a comma after the modal and never closed hides the verb; the anchor is taken as
 * the verb when it comes within the aside's reach with no other modal in between.
 */
function isAfterOpenAside(tokens: Token[], cueEnd: number, anchorFirst: number): boolean {
  if (!/,/.test(tokens[cueEnd - 1]?.post ?? '') || anchorFirst - cueEnd > COORDINATION_ASIDE) return false;
  if (!/^[a-z]/.test(tokens[anchorFirst].text)) return false;
  for (let i = cueEnd; i < anchorFirst; i++) if (MODAL_WORDS.has(tokens[i].normal) || /[;,]/.test(tokens[i].post)) return false;
  return true;
}

/** The anchor is a "to"-infinitive reached from the clause's verb through verbs like cause, procure, ensure, use. */
function isChainedVerb(tokens: Token[], verb: number, anchorFirst: number): boolean {
  let before = anchorFirst - 1;
  while (before > verb && isAdverb(tokens[before].normal)) before--;
  if (anchorFirst - verb > CHAIN_REACH || tokens[before]?.normal !== 'to') return false;
  if (!CHAIN_VERBS.has(tokens[verb].normal)) return false;
  for (let i = verb + 1; i < anchorFirst; i++) if (/[;:]/.test(tokens[i].post) || tokens[i].normal === 'shall' || tokens[i].normal === 'may') return false;
  return true;
}
