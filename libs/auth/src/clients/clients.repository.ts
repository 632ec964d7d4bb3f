import { Injectable } from '@nestjs/common';
import { Db, Queryable } from '@mw/database';

export interface ApiClientRow {
  client_id: string;
  name: string;
  secret_hash: string;
  scopes: string[];
  plants: string[];
  roles: string[];
  purposes: string[];
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
  secret_rotated_at: Date;
}

export type NewApiClientRow = Pick<ApiClientRow, 'client_id' | 'name' | 'secret_hash' | 'scopes' | 'plants' | 'roles' | 'purposes'>;

const COLUMNS = 'client_id, name, secret_hash, scopes, plants, roles, purposes, disabled, created_at, updated_at, secret_rotated_at';

/** SQL for `api_clients`. */
@Injectable()
export class ClientsRepository {
  constructor(private readonly db: Db) {}

  /** Returns false when the client id is taken. */
  async insert(row: NewApiClientRow, q: Queryable = this.db): Promise<boolean> {
    const inserted = await q.query(
      `INSERT INTO api_clients (client_id, name, secret_hash, scopes, plants, roles, purposes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (client_id) DO NOTHING
       RETURNING client_id`,
      [row.client_id, row.name, row.secret_hash, row.scopes, row.plants, row.roles, row.purposes],
    );
    return inserted.length === 1;
  }

  async findById(clientId: string, q: Queryable = this.db): Promise<ApiClientRow | undefined> {
    const rows = await q.query<ApiClientRow>(`SELECT ${COLUMNS} FROM api_clients WHERE client_id = $1`, [clientId]);
    return rows[0];
  }

  async list(): Promise<ApiClientRow[]> {
    return this.db.query<ApiClientRow>(`SELECT ${COLUMNS} FROM api_clients ORDER BY created_at, client_id`);
  }

  async count(q: Queryable = this.db): Promise<number> {
    const rows = await q.query<{ n: string }>(`SELECT count(*)::text AS n FROM api_clients`);
    return Number(rows[0]?.n ?? 0);
  }

  async updateSecret(clientId: string, secretHash: string): Promise<ApiClientRow | undefined> {
    const rows = await this.db.query<ApiClientRow>(
      `UPDATE api_clients SET secret_hash = $2, secret_rotated_at = now(), updated_at = now()
       WHERE client_id = $1 RETURNING ${COLUMNS}`,
      [clientId, secretHash],
    );
    return rows[0];
  }

  async disable(clientId: string): Promise<ApiClientRow | undefined> {
    const rows = await this.db.query<ApiClientRow>(
      `UPDATE api_clients SET disabled = true, updated_at = now() WHERE client_id = $1 RETURNING ${COLUMNS}`,
      [clientId],
    );
    return rows[0];
  }

  /** `undefined` when the client does not exist. */
  async isDisabled(clientId: string): Promise<boolean | undefined> {
    const rows = await this.db.query<{ disabled: boolean }>(`SELECT disabled FROM api_clients WHERE client_id = $1`, [clientId]);
    return rows[0]?.disabled;
  }

  /** Serialises start-up work (bootstrap client, signing keys) across replicas sharing one database. */
  async withStartupLock<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.db.tx(async (q) => {
      await q.query(`SELECT pg_advisory_xact_lock(hashtext('millwright.auth.bootstrap'))`);
      return fn(q);
    });
  }
}
