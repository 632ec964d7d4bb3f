import type { Db } from '@mw/database';
import type { HealthResult } from '@mw/health';
import { outboxBacklog } from './relay/outbox-relay';

/** Backlog older than this means events are not flowing: still serving, but degraded. */
const STALE_SECONDS = 10;

export async function outboxHealth(db: Db): Promise<HealthResult> {
  const backlog = await outboxBacklog(db);
  return {
    status: backlog.pending > 0 && backlog.oldestAgeSeconds > STALE_SECONDS ? 'degraded' : 'up',
    pending: backlog.pending,
    oldestPendingSeconds: Math.round(backlog.oldestAgeSeconds * 10) / 10,
  };
}
