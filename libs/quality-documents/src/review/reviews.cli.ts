import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { AuditTrail } from '@mw/audit';
import type { Db } from '@mw/database';
import { languageOf, type DocumentKind, type LabelledDocument, type Span } from '@mw/extraction';

type OpenDb = () => Promise<{ db: Db; close(): Promise<void> }>;
type Out = (line: string) => void;

export interface ExportOptions {
  kind?: DocumentKind;
  plant?: string;
  /** Only documents reviewed at or after this instant. */
  since?: Date;
}

/**
 * Each reviewed document at its newest revision, as labelled text in the format of the hand-written
 * sets (test/fixtures/extraction): the reviewer's marks are the gold spans.
 */
export async function reviewedDocuments(db: Db, options: ExportOptions = {}): Promise<LabelledDocument[]> {
  const params: unknown[] = [];
  const where = [`d.review_status = 'reviewed'`];
  if (options.kind) where.push(`d.kind = $${params.push(options.kind)}`);
  if (options.plant) where.push(`d.plant = $${params.push(options.plant)}`);
  if (options.since) where.push(`r.reviewed_at >= $${params.push(options.since)}`);
  const rows = await db.query<{ id: string; kind: DocumentKind; text: string; spans: Span[] }>(
    `SELECT d.id, d.kind, d.text, r.spans FROM quality_documents d
       JOIN quality_document_reviews r ON r.document_id = d.id AND r.revision = d.revision
      WHERE ${where.join(' AND ')} ORDER BY d.id`,
    params,
  );
  return rows.map((r) => ({ id: `review-${r.id}`, kind: r.kind, lang: languageOf(r.text), text: r.text, spans: r.spans }));
}

/**
 * `reviews export --out <dir>`: writes en-reviewed.jsonl and zh-reviewed.jsonl, which
 * `loadFixtures` reads and `npm run train -- --handwritten <dir>` trains on. The files hold the
 * documents' text, personal data included, so the export is written to the audit log.
 */
export function registerReviewCommands(program: Command, openDb: OpenDb, out: Out = (line) => process.stdout.write(`${line}\n`)): Command {
  const reviews = program.command('reviews').description('documents people have reviewed');
  reviews
    .command('export')
    .description('write reviewed documents as labelled training text (en-reviewed.jsonl, zh-reviewed.jsonl)')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--kind <kind>', 'inspection or claim')
    .option('--plant <plant>', 'one plant only')
    .option('--since <instant>', 'reviewed at or after this RFC 3339 instant')
    .action(async (opts: { out: string; kind?: string; plant?: string; since?: string }) => {
      if (opts.kind !== undefined && opts.kind !== 'inspection' && opts.kind !== 'claim') throw new Error('--kind is inspection or claim');
      const since = opts.since === undefined ? undefined : new Date(opts.since);
      if (since !== undefined && Number.isNaN(since.getTime())) throw new Error('--since is not a date-time');
      const { db, close } = await openDb();
      try {
        const docs = await reviewedDocuments(db, { ...(opts.kind ? { kind: opts.kind as DocumentKind } : {}), ...(opts.plant ? { plant: opts.plant } : {}), ...(since ? { since } : {}) });
        const dir = resolve(opts.out);
        mkdirSync(dir, { recursive: true });
        for (const lang of ['en', 'zh'] as const) {
          const mine = docs.filter((d) => d.lang === lang);
          writeFileSync(join(dir, `${lang}-reviewed.jsonl`), mine.map((d) => JSON.stringify(d)).join('\n') + (mine.length ? '\n' : ''));
        }
        await new AuditTrail(db).appendNow({
          action: 'review.export',
          resource: 'quality-documents',
          outcome: 'success',
          clientId: 'cli',
          changes: { documents: docs.length, kind: opts.kind ?? null, plant: opts.plant ?? null, since: opts.since ?? null, out: dir },
        });
        out(`exported ${docs.length} reviewed document(s) to ${dir}`);
      } finally {
        await close();
      }
    });
  return reviews;
}
