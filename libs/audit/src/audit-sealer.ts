import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Db } from '@mw/database';
import { AUDIT_SETTINGS, AuditSettings } from './audit-settings';
import { sealAuditEntries } from './seal-audit-entries';

/**
 * Runs the sealer in this process every AUDIT_SEAL_INTERVAL_MS. Every API instance may run one:
 * they take turns on the head row. On shutdown it seals once more so this instance's last
 * entries do not wait for another process.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly db: Db,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.enabled && this.settings.sealIntervalMs > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => 0);
    if (this.settings.enabled && this.settings.sealIntervalMs > 0) await this.sealNow(true).catch(() => 0);
  }

  /** Seals what is pending now; with `wait`, also waits out a sealer in another process (tests, shutdown). */
  async sealNow(wait = false): Promise<number> {
    const run = sealAuditEntries(this.db, { wait });
    this.running = run;
    return run;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.settings.sealIntervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.sealNow();
    } catch (error) {
      this.logger.warn({ err: error }, 'sealing audit entries failed; retrying');
    }
    if (!this.stopped) this.schedule();
  }
}
