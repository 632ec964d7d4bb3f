import 'reflect-metadata';
import { startAuditedApi } from '../test/audit/audited-api';

/**
 * The audited API in a process of its own, so the load generator does not share its event loop.
 * Configured by environment (DATABASE_URL, AUDIT_ENABLED, BOOTSTRAP_CLIENT_*, BENCH_AUDIT_MODE =
 * interceptor | in-transaction); prints its URL.
 */
const mode = process.env.BENCH_AUDIT_MODE ?? 'interceptor';
void startAuditedApi(
  Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
  { interceptor: mode === 'interceptor', inTransaction: mode === 'in-transaction' },
)
  .then((api) => {
    process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
    process.once('SIGTERM', () => void api.close().then(() => process.exit(0)));
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
