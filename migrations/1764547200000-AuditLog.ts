import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash-chained audit log (docs/audit.md). Business transactions insert into `audit_pending`
 * (no lock, no contention); a sealer moves pending rows into `audit_log` in batches, chaining
 * them, while holding the single `audit_head` row. Triggers make audit_log append-only and the
 * head forward-only for every role that is not their owner (owners can disable triggers; the
 * application role must not be the owner, see `audit grant-app-role`).
 */
export class AuditLog1764547200000 implements MigrationInterface {
  name = 'AuditLog1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        seq         bigint PRIMARY KEY,
        entry_id    uuid NOT NULL UNIQUE,
        at          timestamptz NOT NULL,
        client_id   text NOT NULL,
        action      text NOT NULL,
        resource    text NOT NULL,
        outcome     text NOT NULL CHECK (outcome IN ('success','denied','error')),
        status      integer,
        request_id  text,
        digest      text,
        prev_hash   text NOT NULL,
        hash        text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_client_idx ON audit_log (client_id, seq)`);
    await q.query(`CREATE INDEX audit_log_resource_idx ON audit_log (resource, seq)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);

    await q.query(`
      CREATE TABLE audit_pending (
        id          bigserial PRIMARY KEY,
        entry_id    uuid NOT NULL,
        at          timestamptz NOT NULL,
        client_id   text NOT NULL,
        action      text NOT NULL,
        resource    text NOT NULL,
        outcome     text NOT NULL CHECK (outcome IN ('success','denied','error')),
        status      integer,
        request_id  text,
        digest      text
      )`);

    await q.query(`
      CREATE TABLE audit_head (
        id   boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq  bigint NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`INSERT INTO audit_head (id, seq, hash) VALUES (true, 0, repeat('0', 64))`);

    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

    // The head may only move forward, so nobody short of the owner can rewind it to hide a removed tail.
    await q.query(`
      CREATE FUNCTION audit_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.seq <= OLD.seq OR NEW.id <> OLD.id THEN
          RAISE EXCEPTION 'audit_head only moves forward: % refused', TG_OP USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_head_advance_only BEFORE UPDATE OR DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_head_advance_only()`);
    await q.query(`CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_head`);
    await q.query(`DROP TABLE IF EXISTS audit_pending`);
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_head_advance_only()`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_refuse_change()`);
  }
}
