import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Db } from '@mw/database';
import { AuditLogRepository } from './audit-log.repository';
import { AUDIT_SETTINGS, AuditSettings } from './audit-settings';

/**
 * Logs the chain head periodically. The log leaves the database host, so an anchor found there
 * later (`audit verify --anchor seq:hash`) proves the log was neither rewritten nor cut below it,
 * which the chain alone cannot prove against someone able to re-hash it end to end.
 */
@Injectable()
export class AuditAnchorLogger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditAnchor');
  private timer?: NodeJS.Timeout;
  private lastSeq = -1;

  constructor(
    private readonly db: Db,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled || this.settings.anchorIntervalMs === 0) return;
    this.timer = setInterval(() => void this.tick(), this.settings.anchorIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      const head = await AuditLogRepository.head(this.db);
      if (head.seq === this.lastSeq) return;
      this.lastSeq = head.seq;
      this.logger.log({ auditAnchor: `${head.seq}:${head.hash}` }, `audit anchor ${head.seq}:${head.hash}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the audit head');
    }
  }
}
