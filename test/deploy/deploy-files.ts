import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Shared readers for the deployment specs: the repo's deploy/ tree, app-config.ts and docs/deploy.md. */
export const ROOT = join(__dirname, '..', '..');
export const DEPLOY_DIR = join(ROOT, 'deploy');
export const K8S_DIR = join(DEPLOY_DIR, 'k8s');

export interface YamlDoc {
  /** Path relative to the repo root, for failure messages. */
  file: string;
  index: number;
  value: unknown;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function listYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listYamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** Every document of every YAML file; a syntax error or a YAML warning throws naming the file. */
export function loadYaml(file: string): YamlDoc[] {
  const rel = relative(ROOT, file);
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs)) throw new Error(`${rel}: not a YAML stream`);
  return docs.flatMap((d, index) => {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length > 0) throw new Error(`${rel} (document ${index}): ${problems.map((p) => p.message).join('; ')}`);
    const value: unknown = d.toJS();
    return value === null || value === undefined ? [] : [{ file: rel, index, value }];
  });
}

/** Reads a nested field without casts at every call site; undefined when any step is missing. */
export function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key];
    } else {
      if (!isObj(cur)) return undefined;
      cur = cur[key];
    }
  }
  return cur;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Environment variables that libs/config/src/app-config.ts reads, taken from its source. */
export function appConfigEnvNames(): Set<string> {
  const source = readFileSync(join(ROOT, 'libs', 'config', 'src', 'app-config.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of source.matchAll(/\br\.(?:str|opt|int|bool|list|url|oneOf)(?:<[^>]*>)?\(\s*'([A-Z][A-Z0-9_]*)'/g)) {
    if (m[1] !== undefined) names.add(m[1]);
  }
  return names;
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(join(ROOT, ...parts), 'utf8');
}

/** GitHub-style heading anchors of a Markdown file (lower case, punctuation dropped, spaces to '-'). */
export function markdownAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = (m[1] ?? '').replace(/`/g, '');
    anchors.add(
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .trim()
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}
