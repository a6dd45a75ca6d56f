import type { Finding } from '../../engine';

/** The review of one file, as every output format sees it. */
export interface FileResult {
  /** The path as given on the command line (relative paths stay relative). */
  path: string;
  text: string;
  findings: Finding[];
}
