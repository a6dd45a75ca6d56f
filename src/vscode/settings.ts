import * as vscode from 'vscode';
import { CATEGORIES, SEVERITIES, type Category, type Perspective, type Severity } from '../engine';

export type RunMode = 'onType' | 'onSave';

/** ClauseGuard's settings for one document or folder. */
export interface Settings {
  enable: boolean;
  languages: string[];
  run: RunMode;
  debounce: number;
  severityOverrides: Partial<Record<Category, Severity | 'off'>>;
  disabledRules: Set<string>;
  rulebooks: string[];
  showProtective: boolean;
  maxFileSize: number;
  /** The workspace's perspective; undefined leaves the rulebook's in force. */
  perspective?: Perspective;
}

export const SECTION = 'clauseguard';

/** Reads the settings that apply to `scope` (a document or folder URI). */
export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const overrides: Settings['severityOverrides'] = {};
  for (const [category, severity] of Object.entries(config.get<Record<string, string>>('severity') ?? {})) {
    if ((CATEGORIES as readonly string[]).includes(category) && ((SEVERITIES as readonly string[]).includes(severity) || severity === 'off')) {
      overrides[category as Category] = severity as Severity | 'off';
    }
  }
  return {
    enable: config.get<boolean>('enable', true),
    languages: config.get<string[]>('languages', ['contract', 'markdown', 'plaintext']),
    run: config.get<RunMode>('run', 'onType'),
    debounce: Math.max(0, config.get<number>('debounce', 300)),
    severityOverrides: overrides,
    disabledRules: new Set(config.get<string[]>('disabledRules', [])),
    rulebooks: config.get<string[]>('rulebooks', []),
    showProtective: config.get<boolean>('showProtectiveClauses', true),
    maxFileSize: config.get<number>('maxFileSize', 10 * 1024 * 1024),
    perspective: perspectiveOf(config.get<Partial<Perspective>>('perspective')),
  };
}

function perspectiveOf(value: Partial<Perspective> | undefined): Perspective | undefined {
  const parties = (value?.parties ?? []).filter((party): party is string => typeof party === 'string' && party.trim().length > 0);
  if (!parties.length) return undefined;
  const towardsUs = value?.towardsUs === 'drop' || value?.towardsUs === 'keep' ? value.towardsUs : 'information';
  return { parties, towardsUs };
}

/** Whether ClauseGuard reviews this document at all. */
export function isReviewed(document: vscode.TextDocument, settings = readSettings(document.uri)): boolean {
  return settings.enable && settings.languages.includes(document.languageId) && document.uri.scheme !== 'output' && document.uri.scheme !== 'clauseguard-rule';
}
