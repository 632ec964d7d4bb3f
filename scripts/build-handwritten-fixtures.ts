/**
 * Builds the hand-written extraction evaluation set from its marked-up sources:
 *
 *   node -r ./scripts/register-ts.js scripts/build-handwritten-fixtures.ts [--check] [--dir <folder>]
 *
 * `--dir` builds another set written the same way (e.g. test/fixtures/extraction/dev, the
 * development set used while tuning the generator) instead of the evaluation set.
 * Sources: test/fixtures/extraction/handwritten/{en,zh}.src.md. Each document starts with a
 * `## <id> <inspection|claim>` heading; its text runs to the next heading (outer blank lines
 * dropped, inner line breaks kept). A span is written inline as `[text as written](label)`;
 * brackets followed by anything other than `(known_label)` are plain text. Offsets are computed
 * here so nobody counts characters by hand. `--check` fails if the committed jsonl is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  spanLabelsOf,
  SPAN_LABELS,
  type DocumentKind,
  type Language,
  type LabelledDocument,
  type Span,
  type SpanLabel,
} from '../libs/extraction/src/schema/fields';

export const FIXTURES_DIR = join(__dirname, '..', 'test', 'fixtures', 'extraction');
export const HANDWRITTEN_DIR = join(FIXTURES_DIR, 'handwritten');
export const LANGUAGES: readonly Language[] = ['en', 'zh'];

const HEADING = /^## (\S+) (inspection|claim)\s*$/;
const LABEL_SET = new Set(SPAN_LABELS);
// A candidate span: `[...](word)`. Only known labels make it a span, so `[sic]` or `[1]` in prose survive.
const MARKUP = /\[([^[\]\n]+)\]\(([a-z_]+)\)/g;

export class FixtureSourceError extends Error {}

/** Strips the inline markup of one document's text and returns the plain text with exact offsets. */
export function stripMarkup(marked: string, where: string): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  let last = 0;
  for (const m of marked.matchAll(MARKUP)) {
    const [whole, inner, label] = m as unknown as [string, string, string];
    if (!LABEL_SET.has(label)) {
      throw new FixtureSourceError(`${where}: unknown label "${label}" in ${whole}`);
    }
    text += marked.slice(last, m.index);
    const start = text.length;
    text += inner;
    spans.push({ label: label as SpanLabel, start, end: text.length });
    last = (m.index ?? 0) + whole.length;
  }
  text += marked.slice(last);
  return { text, spans };
}

/** Parses one `.src.md` file into labelled documents, rejecting labels that do not belong to the document's kind. */
export function parseSource(source: string, lang: Language): LabelledDocument[] {
  const docs: LabelledDocument[] = [];
  let current: { id: string; kind: DocumentKind; lines: string[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const marked = current.lines.join('\n').replace(/^\s*\n/, '').replace(/\s+$/, '');
    const { text, spans } = stripMarkup(marked, current.id);
    const allowed = spanLabelsOf(current.kind);
    for (const s of spans) {
      if (!allowed.has(s.label)) {
        throw new FixtureSourceError(`${current.id}: label ${s.label} is not a ${current.kind} field`);
      }
    }
    docs.push({ id: current.id, kind: current.kind, lang, text, spans });
  };
  for (const line of source.split('\n')) {
    const h = HEADING.exec(line);
    if (h) {
      flush();
      current = { id: h[1] as string, kind: h[2] as DocumentKind, lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) throw new FixtureSourceError(`duplicate document id ${d.id}`);
    seen.add(d.id);
  }
  return docs;
}

export function buildLanguage(lang: Language, dir: string = HANDWRITTEN_DIR): string {
  return buildSource(dir, lang, lang);
}

/**
 * The marked-up sources of a set: `<lang>.src.md`, plus `<lang>-<part>.src.md` for sets written in
 * several parts (the training set); each builds the `.jsonl` of the same name.
 */
export function sourcesOf(dir: string): { lang: Language; name: string }[] {
  return readdirSync(dir)
    .map((f) => /^((en|zh)(?:-[a-z0-9]+)?)\.src\.md$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1] as string, lang: m[2] as Language }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function buildSource(dir: string, name: string, lang: Language): string {
  const source = readFileSync(join(dir, `${name}.src.md`), 'utf8');
  return parseSource(source, lang).map((d) => JSON.stringify(d)).join('\n') + '\n';
}

/**
 * The built documents of one set folder (`<lang>.jsonl` and `<lang>-<part>.jsonl`, file names sorted),
 * of one language or all. The one reader for training, tuning and evaluation scripts.
 */
export function loadFixtures(dir: string, lang?: Language): LabelledDocument[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^(en|zh)(-[a-z0-9]+)?\.jsonl$/.test(f) && (lang === undefined || f.startsWith(lang)))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledDocument);
}

function main(): void {
  const check = process.argv.includes('--check');
  const dirArg = process.argv.indexOf('--dir');
  const dir = dirArg >= 0 && process.argv[dirArg + 1] ? resolve(process.argv[dirArg + 1] as string) : HANDWRITTEN_DIR;
  let stale = false;
  const ids = new Set<string>();
  for (const { name, lang } of sourcesOf(dir)) {
    const out = join(dir, `${name}.jsonl`);
    const jsonl = buildSource(dir, name, lang);
    for (const line of jsonl.trim().split('\n').filter((l) => l !== '')) {
      const id = (JSON.parse(line) as LabelledDocument).id;
      if (ids.has(id)) throw new FixtureSourceError(`duplicate document id ${id} across ${dir}`);
      ids.add(id);
    }
    const count = jsonl.trim().split('\n').length;
    if (check) {
      let current = '';
      try {
        current = readFileSync(out, 'utf8');
      } catch {
        current = '';
      }
      if (current !== jsonl) {
        stale = true;
        console.error(`${out} is stale; rebuild it`);
      }
    } else {
      writeFileSync(out, jsonl);
      console.log(`${name}: ${count} documents -> ${out}`);
    }
  }
  if (stale) process.exitCode = 1;
}

if (require.main === module) main();
