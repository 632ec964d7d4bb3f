import type { Queryable } from '@mw/database';

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The SQL that gives the application role what it needs on the audit tables and no more. Run as
 * the owner of the tables (the role migrations run as). The app role can append and read, can
 * move the head forward (the trigger allows nothing else), and can neither change nor remove
 * sealed entries nor disable the triggers (only an owner or superuser can).
 */
export function auditGrantStatements(role: string): string[] {
  if (!ROLE.test(role)) throw new Error(`"${role}" is not a plain lower-case role name`);
  return [
    `REVOKE ALL ON audit_log, audit_head, audit_pending FROM PUBLIC`,
    `REVOKE ALL ON audit_log, audit_head, audit_pending FROM ${role}`,
    `GRANT SELECT, INSERT ON audit_log TO ${role}`,
    `GRANT SELECT, UPDATE ON audit_head TO ${role}`,
    // The sealer (same role) reads and removes what it has chained; nobody may edit a pending entry.
    `GRANT SELECT, INSERT, DELETE ON audit_pending TO ${role}`,
    `GRANT USAGE ON SEQUENCE audit_pending_id_seq TO ${role}`,
  ];
}

export async function applyAuditGrants(q: Queryable, role: string): Promise<void> {
  const [owner] = await q.query<{ owner: string; current: string }>(
    `SELECT pg_get_userbyid(c.relowner) AS owner, current_user AS current FROM pg_class c WHERE c.relname = 'audit_log' AND c.relkind = 'r'`,
  );
  if (owner === undefined) throw new Error('audit_log does not exist: run the migrations first');
  if (owner.owner === role) {
    throw new Error(`${role} owns audit_log: an owner can disable the append-only triggers. Run migrations as another role and grant ${role} access.`);
  }
  for (const sql of auditGrantStatements(role)) await q.query(sql);
}
