import { Db } from '@mw/database';
import { OUTBOX_BUCKETS } from '../topics';

/**
 * Leases over the outbox's key buckets. A relay publishes only rows of buckets it holds, so one
 * key is never relayed by two processes at once (no reordering), while several relays share the
 * load. Leases expire if their holder dies; a live holder renews them.
 */
export class RelayLeases {
  constructor(
    private readonly db: Db,
    private readonly owner: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Renews what we hold, releases any excess over our fair share, claims free ones up to it. */
  async rebalance(): Promise<number[]> {
    const [live] = await this.db.query<{ n: string }>(
      `SELECT count(DISTINCT owner) AS n FROM relay_leases WHERE expires_at > now() AND owner IS NOT NULL AND owner <> $1`,
      [this.owner],
    );
    const share = Math.ceil(OUTBOX_BUCKETS / (Number(live?.n ?? 0) + 1));
    const held = await this.db.query<{ bucket: number }>(
      `UPDATE relay_leases SET expires_at = now() + make_interval(secs => $2) WHERE owner = $1 RETURNING bucket`,
      [this.owner, this.ttlSeconds],
    );
    let buckets = held.map((r) => Number(r.bucket)).sort((a, b) => a - b);
    if (buckets.length > share) {
      const excess = buckets.slice(share);
      await this.db.query(`UPDATE relay_leases SET owner = NULL, expires_at = '-infinity' WHERE owner = $1 AND bucket = ANY($2::smallint[])`, [this.owner, excess]);
      buckets = buckets.slice(0, share);
    } else if (buckets.length < share) {
      const claimed = await this.db.query<{ bucket: number }>(
        `UPDATE relay_leases SET owner = $1, expires_at = now() + make_interval(secs => $2)
          WHERE bucket IN (SELECT bucket FROM relay_leases WHERE expires_at < now() ORDER BY bucket LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING bucket`,
        [this.owner, this.ttlSeconds, share - buckets.length],
      );
      buckets = [...buckets, ...claimed.map((r) => Number(r.bucket))].sort((a, b) => a - b);
    }
    return buckets;
  }

  async releaseAll(): Promise<void> {
    await this.db.query(`UPDATE relay_leases SET owner = NULL, expires_at = '-infinity' WHERE owner = $1`, [this.owner]);
  }
}
