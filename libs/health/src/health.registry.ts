import { Injectable } from '@nestjs/common';

export type HealthStatus = 'up' | 'degraded' | 'down';

export interface HealthResult {
  status: HealthStatus;
  [detail: string]: unknown;
}

export type HealthCheck = () => Promise<HealthResult>;

/**
 * Readiness is the sum of named checks that features register (database, broker, outbox backlog,
 * model). `down` anywhere makes the instance unready; `degraded` keeps it serving but says why.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Called first on SIGTERM so load balancers stop sending traffic before we stop serving. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<{ status: HealthStatus; checks: Record<string, HealthResult> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          const result = await Promise.race([
            check(),
            new Promise<HealthResult>((resolve) => setTimeout(() => resolve({ status: 'down', error: 'timed out' }), 2000).unref()),
          ]);
          return [name, result] as const;
        } catch (error) {
          return [name, { status: 'down' as const, error: error instanceof Error ? error.message : 'failed' }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    if (this.shuttingDown) checks.lifecycle = { status: 'down', reason: 'shutting down' };
    const statuses = Object.values(checks).map((c) => c.status);
    const status: HealthStatus = statuses.includes('down') ? 'down' : statuses.includes('degraded') ? 'degraded' : 'up';
    return { status, checks };
  }
}
