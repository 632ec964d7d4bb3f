import type { Command } from 'commander';
import type { Db } from '@mw/database';
import { applyAuditGrants, auditGrantStatements } from './audit-grants';
import { AuditLogRepository } from './audit-log.repository';
import { sealAuditEntries } from './seal-audit-entries';
import { AuditAnchor, verifyAuditChain } from './verify-audit-chain';

type OpenDb = () => Promise<{ db: Db; close(): Promise<void> }>;
type Out = (line: string) => void;

function seqOption(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`"${value}" is not a positive entry number`);
  return n;
}

function anchorOption(value: string, previous: AuditAnchor[]): AuditAnchor[] {
  const m = /^(\d{1,15}):([0-9a-fA-F]{64})$/.exec(value.trim());
  if (!m) throw new Error(`anchor "${value}" must be <seq>:<64 hex digits>`);
  return [...previous, { seq: Number(m[1]), hash: (m[2] ?? '').toLowerCase() }];
}

/**
 * `audit verify|head|grant-app-role`. `verify` prints one line per outcome and reports a broken
 * chain through `setExitCode(1)` (not a thrown error: the finding is the output, not a failure of
 * the command). `out` and `setExitCode` exist so tests can observe both.
 */
export function registerAuditCommands(
  program: Command,
  openDb: OpenDb,
  out: Out = (line) => process.stdout.write(`${line}\n`),
  setExitCode: (code: number) => void = (code) => {
    process.exitCode = code;
  },
): Command {
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const { db, close } = await openDb();
    try {
      return await fn(db);
    } finally {
      await close();
    }
  };

  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description('check the hash chain; names the first altered, removed, reordered or inserted entry')
    .option('--from <seq>', 'first entry to check', seqOption)
    .option('--to <seq>', 'last entry to check (the head check is skipped)', seqOption)
    .option('--anchor <seq:hash>', 'a head recorded earlier outside the database (repeatable)', anchorOption, [])
    .option('--json', 'print the report as JSON')
    .action(async (opts: { from?: number; to?: number; anchor: AuditAnchor[]; json?: boolean }) => {
      const report = await withDb((db) => verifyAuditChain(db, { from: opts.from, to: opts.to, anchors: opts.anchor }));
      if (opts.json) {
        out(JSON.stringify(report));
      } else if (report.firstBreak) {
        out(`audit log BROKEN at seq ${report.firstBreak.seq}: ${report.firstBreak.reason}`);
        out(`  ${report.firstBreak.detail}`);
        out(`  ${report.checked} entries before it verified`);
      } else {
        const range = report.firstSeq === undefined ? 'no entries' : `seq ${report.firstSeq}..${report.lastSeq}`;
        out(`audit log intact: ${report.checked} entries checked (${range})`);
        if (report.lastSeq !== undefined) out(`anchor: ${report.lastSeq}:${report.lastHash} (record it elsewhere; pass it back with --anchor)`);
      }
      if (!opts.json && report.pending.count > 0) {
        out(`${report.pending.count} entries not yet sealed into the chain (oldest ${report.pending.oldest?.toISOString()}); run \`audit seal\` or check that a sealer runs`);
      }
      if (!report.ok) setExitCode(1);
    });

  audit
    .command('seal')
    .description('chain every pending entry into the log now (the API does this every AUDIT_SEAL_INTERVAL_MS)')
    .action(async () => {
      const n = await withDb((db) => sealAuditEntries(db, { wait: true }));
      out(`sealed ${n} entries`);
    });

  audit
    .command('head')
    .description('print the current head as an anchor <seq>:<hash>')
    .action(async () => {
      const head = await withDb((db) => AuditLogRepository.head(db));
      out(`${head.seq}:${head.hash}`);
    });

  audit
    .command('grant-app-role')
    .description("give the application's database role INSERT/SELECT on the audit log and nothing more (run as the table owner)")
    .argument('<role>')
    .option('--print', 'print the SQL instead of running it')
    .action(async (role: string, opts: { print?: boolean }) => {
      if (opts.print) {
        for (const sql of auditGrantStatements(role)) out(`${sql};`);
        return;
      }
      await withDb((db) => applyAuditGrants(db, role));
      out(`${role}: SELECT, INSERT on audit_log; SELECT, UPDATE on audit_head; nothing else`);
    });

  return audit;
}
