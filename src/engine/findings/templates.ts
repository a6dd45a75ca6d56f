/** The clause's own words that wording templates may use. */
export interface TemplateValues {
  actor?: string;
  recipient?: string;
  object?: string;
  anchor?: string;
}

const PLACEHOLDER = /\{(actor|recipient|object|anchor)(?:\|([^{}]*))?\}/g;

const DEFAULTS: Required<TemplateValues> = {
  actor: 'the Party providing it',
  recipient: 'the other Party',
  object: 'its technology',
  anchor: 'this provision',
};

/**
 * Fills `{actor}`, `{recipient}`, `{object}` and `{anchor}` with the clause's own words, so that
 * proposed wording keeps the clause's parties and defined terms. `{actor|the Licensee}` names
 * the words to use when the clause does not say. A sentence that starts with a placeholder
 * starts with a capital.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  const filled = template.replace(PLACEHOLDER, (_whole, name: keyof TemplateValues, fallback: string | undefined) => {
    const value = values[name]?.trim();
    return value || (fallback ?? DEFAULTS[name]);
  });
  return capitaliseSentenceStarts(filled);
}

function capitaliseSentenceStarts(text: string): string {
  return text.replace(/(^|[.!?]\s+)([a-z])/g, (_whole, before: string, letter: string) => before + letter.toUpperCase());
}

/** "Northwind" -> "Northwind's"; "the Parties" -> "the Parties'". */
export function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`;
}
