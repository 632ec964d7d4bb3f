import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@mw/testing';

/**
 * Each spec writes its own section; scripts/test-reliability.sh joins them into
 * bench/out/reliability-report.md and prints it. Sections are files, not shared state, because
 * Vitest runs each spec file in its own process.
 */
export const REPORT_DIR = process.env.RELIABILITY_REPORT_DIR ?? join(REPO_ROOT, 'bench', 'out', 'reliability');

export function writeSection(name: string, lines: string[]): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, `${name}.md`), `${lines.join('\n')}\n`);
}

export function table(header: string[], rows: (string | number)[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export function mib(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}
