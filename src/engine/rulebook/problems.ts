import { LineIndex } from '../text/lineIndex';

/** Something wrong with a rulebook, at a place in its file. */
export interface RulebookProblem {
  message: string;
  severity: 'error' | 'warning';
  /** The rulebook's path or name, as shown to people. */
  source: string;
  /** Where the rulebook is (a path or URI the host understands), when it came from a host. */
  location?: string;
  offset: number;
  length: number;
  /** 1-based line and column, as editors and `path:line:col` messages count. */
  line: number;
  column: number;
}

/** Collects problems for one rulebook text and turns offsets into line and column. */
export class ProblemCollector {
  readonly problems: RulebookProblem[] = [];
  private lineIndex?: LineIndex;

  constructor(
    private readonly source: string,
    private readonly text: string,
  ) {}

  error(message: string, offset: number, length: number): void {
    this.add('error', message, offset, length);
  }

  warning(message: string, offset: number, length: number): void {
    this.add('warning', message, offset, length);
  }

  get hasErrors(): boolean {
    return this.problems.some((problem) => problem.severity === 'error');
  }

  private add(severity: RulebookProblem['severity'], message: string, offset: number, length: number): void {
    this.lineIndex ??= new LineIndex(this.text);
    const position = this.lineIndex.positionAt(offset);
    this.problems.push({ message, severity, source: this.source, offset, length, line: position.line + 1, column: position.character + 1 });
  }
}

/** `rulebook.json:12:7 error: ...` */
export function formatProblem(problem: RulebookProblem): string {
  return `${problem.source}:${problem.line}:${problem.column} ${problem.severity}: ${problem.message}`;
}
