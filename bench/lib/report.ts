import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const README = join(__dirname, '..', 'README.md');

/** Replaces (or appends) the `<!-- name:start -->...<!-- name:end -->` section of bench/README.md. */
export function upsertSection(name: string, markdown: string): void {
  const header = `# Benchmarks\n\nMachine: ${cpus().length} cores (\`nproc\`). Each benchmark compares against a baseline measured in the same run.\n`;
  const current = existsSync(README) ? readFileSync(README, 'utf8') : header;
  const block = `<!-- ${name}:start -->\n${markdown.trim()}\n<!-- ${name}:end -->`;
  const pattern = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`);
  writeFileSync(README, pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`);
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function machineLine(): string {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), load average before the run ${load}, Node ${process.version}`;
}
