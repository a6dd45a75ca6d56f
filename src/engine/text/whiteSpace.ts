const WHITE_SPACE_RUN = /\s+/g;

/**
 * Whether `text.split(/\s+/)` has at most `max` parts, counted without building them: layout
 * checks ask this of every line and block of a contract.
 */
export function splitsIntoAtMost(text: string, max: number): boolean {
  WHITE_SPACE_RUN.lastIndex = 0;
  let runs = 0;
  while (runs < max && WHITE_SPACE_RUN.exec(text)) runs++;
  return runs < max;
}
