import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders, confirmations, idempotency keys, API clients, and the outbox/inbox pair. Written for PostgreSQL 15. */
export class CoreSchema1764374400000 implements MigrationInterface {
  name = 'CoreSchema1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE production_orders (
        id              uuid PRIMARY KEY,
        plant           text NOT NULL,
        order_number    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('CREATED','RELEASED','IN_PROGRESS','COMPLETED','CANCELLED')),
        material_code   text NOT NULL,
        quantity_value  numeric NOT NULL,
        quantity_unit   text NOT NULL,
        body            jsonb NOT NULL,
        yield_total     numeric NOT NULL DEFAULT 0,
        scrap_total     numeric NOT NULL DEFAULT 0,
        confirmation_count integer NOT NULL DEFAULT 0,
        version         integer NOT NULL DEFAULT 1,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        CONSTRAINT production_orders_plant_order_number_key UNIQUE (plant, order_number)
      )`);
    await q.query(`CREATE INDEX production_orders_plant_id_idx ON production_orders (plant, id)`);
    await q.query(`CREATE INDEX production_orders_updated_at_idx ON production_orders (updated_at)`);
    await q.query(`CREATE INDEX production_orders_material_idx ON production_orders (material_code)`);

    await q.query(`
      CREATE TABLE order_confirmations (
        id                 uuid PRIMARY KEY,
        order_id           uuid NOT NULL REFERENCES production_orders(id),
        operation_sequence integer NOT NULL,
        yield_quantity     numeric NOT NULL,
        scrap_quantity     numeric NOT NULL,
        scrap_reason       text,
        final_confirmation boolean NOT NULL DEFAULT false,
        body               jsonb NOT NULL,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX order_confirmations_order_idx ON order_confirmations (order_id, recorded_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        client_id        text NOT NULL,
        key              text NOT NULL,
        fingerprint      text NOT NULL,
        state            text NOT NULL CHECK (state IN ('in_progress','completed')),
        locked_until     timestamptz,
        response_status  integer,
        response_headers jsonb,
        response_body    bytea,
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        PRIMARY KEY (client_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);

    await q.query(`
      CREATE TABLE api_clients (
        client_id         text PRIMARY KEY,
        name              text NOT NULL,
        secret_hash       text NOT NULL,
        scopes            text[] NOT NULL,
        plants            text[] NOT NULL,
        roles             text[] NOT NULL DEFAULT '{}',
        purposes          text[] NOT NULL DEFAULT '{}',
        disabled          boolean NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        secret_rotated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE signing_keys (
        kid         text PRIMARY KEY,
        alg         text NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        retired_at  timestamptz
      )`);

    await q.query(`
      CREATE TABLE outbox (
        id          bigserial PRIMARY KEY,
        event_id    uuid NOT NULL UNIQUE,
        topic       text NOT NULL,
        message_key text NOT NULL,
        bucket      smallint NOT NULL,
        event_type  text NOT NULL,
        payload     jsonb NOT NULL,
        headers     jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at     timestamptz,
        attempts    integer NOT NULL DEFAULT 0,
        last_error  text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (bucket, id) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE relay_leases (
        bucket     smallint PRIMARY KEY,
        owner      text,
        expires_at timestamptz NOT NULL DEFAULT '-infinity'
      )`);
    await q.query(`INSERT INTO relay_leases (bucket) SELECT generate_series(0, 63)`);

    await q.query(`
      CREATE TABLE inbox (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letters (
        id            uuid PRIMARY KEY,
        consumer      text NOT NULL,
        event_id      uuid NOT NULL,
        topic         text NOT NULL,
        partition     integer,
        "offset"      text,
        message_key   text,
        event_type    text NOT NULL,
        headers       jsonb NOT NULL,
        payload       jsonb NOT NULL,
        error         text NOT NULL,
        attempts      integer NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        replayed_at   timestamptz,
        CONSTRAINT dead_letters_consumer_event_key UNIQUE (consumer, event_id)
      )`);

    await q.query(`
      CREATE TABLE mes_order_status (
        order_id        uuid PRIMARY KEY,
        plant           text NOT NULL,
        order_number    text NOT NULL,
        status          text NOT NULL,
        quantity_value  numeric NOT NULL,
        quantity_unit   text NOT NULL,
        yield_total     numeric NOT NULL DEFAULT 0,
        scrap_total     numeric NOT NULL DEFAULT 0,
        confirmation_count integer NOT NULL DEFAULT 0,
        order_version   integer NOT NULL,
        events_applied  integer NOT NULL DEFAULT 0,
        last_event_id   uuid NOT NULL,
        last_event_at   timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'mes_order_status',
      'dead_letters',
      'inbox',
      'relay_leases',
      'outbox',
      'signing_keys',
      'api_clients',
      'idempotency_keys',
      'order_confirmations',
      'production_orders',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
