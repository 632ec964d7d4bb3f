/**
 * Outbox relay throughput to the real broker against the raw kafkajs producer (the ceiling) in the
 * same run, and end-to-end latency from API commit to the consumer's effect at a steady rate.
 * Writes bench/README.md.
 *
 *   npm run build && bash scripts/kafka.sh start && node -r ./scripts/register-ts.js bench/relay-kafka.ts [--events 20000] [--rate 500] [--steady-rate 150] [--seconds 20]
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ADMIN_CLIENT, createTestDatabase, eventually, fetchToken, KAFKA_BROKER, productionOrderBody, serverEnv, startServer, uniqueTopicPrefix } from '@mw/testing';
import { arg, machineLine, table, upsertSection } from './lib/report';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function rawProducer(prefix: string, events: number, value: string): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [KAFKA_BROKER], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `${prefix}raw-ceiling`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const batch = 500;
  const started = Date.now();
  for (let sent = 0; sent < events; sent += batch) {
    const messages = Array.from({ length: Math.min(batch, events - sent) }, () => ({ key: randomUUID(), value, headers: { ce_id: randomUUID(), ce_type: 'bench' } }));
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
  }
  const rate = events / ((Date.now() - started) / 1000);
  await producer.disconnect();
  await admin.disconnect();
  return Math.round(rate);
}

async function main(): Promise<void> {
  const events = arg('events', 20_000);
  const rate = arg('rate', 500);
  const seconds = arg('seconds', 20);
  const steadyRate = arg('steady-rate', 150);
  const machine = machineLine();
  const prefix = uniqueTopicPrefix();
  const db = await createTestDatabase('mw_bench');
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const env = { ...serverEnv(db.url, { broker: KAFKA_BROKER, prefix }), LOG_LEVEL: 'error' };
  // The API process migrates the schema; then it stays up for the latency run.
  const api = await startServer(env, 'api');

  // 1. Relay throughput: a pre-filled outbox drained by one worker, against the raw producer.
  const sample = { schemaVersion: 1, data: { order: { ...productionOrderBody(), id: randomUUID(), status: 'CREATED', version: 1, totals: { yield: 0, scrap: 0, confirmations: 0 } } } };
  const value = JSON.stringify(sample);
  const rawRate = await rawProducer(prefix, events, value);
  for (let i = 0; i < events; i += 2000) {
    await pg.query(
      `INSERT INTO outbox (event_id, topic, message_key, bucket, event_type, payload, headers)
       SELECT gen_random_uuid(), 'bench.relay.v1', k, (g % 64)::smallint, 'bench', $1::jsonb, jsonb_build_object('ce_id', gen_random_uuid()::text, 'ce_type', 'bench')
         FROM generate_series(1, $2) AS g, LATERAL (SELECT gen_random_uuid()::text AS k) keys`,
      [value, Math.min(2000, events - i)],
    );
  }
  const kafka = new Kafka({ clientId: 'bench-admin', brokers: [KAFKA_BROKER], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: `${prefix}bench.relay.v1`, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const drainStart = Date.now();
  const worker = await startServer(env, 'worker');
  await eventually(async () => (await pg.query(`SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1`)).rowCount === 0, 300_000, 100);
  const relayRate = Math.round(events / ((Date.now() - drainStart) / 1000));
  const relayOnly = await pg.query(`SELECT extract(epoch FROM max(sent_at) - min(sent_at)) AS s FROM outbox WHERE topic = 'bench.relay.v1'`);
  const relayRateFromFirstSend = Math.round(events / Number(relayOnly.rows[0].s || 1));

  // 2. End-to-end latency at a steady rate: API commit -> projection row updated by the consumer. Once at the
  // rate the issue names and once at a rate this machine sustains, so saturation and the pipeline's own latency
  // can be told apart.
  const token = await fetchToken(api.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const endToEnd = async (target: number) => {
    const since = (await pg.query(`SELECT clock_timestamp() AS t`)).rows[0].t as Date;
    const load = await autocannon({
      url: `${api.url}/v1/production-orders`,
      connections: 32,
      overallRate: target,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify(productionOrderBody()),
          }),
        },
      ],
    });
    await eventually(async () => (await pg.query(`SELECT (SELECT count(*) FROM production_orders) = (SELECT count(*) FROM mes_order_status) AS done`)).rows[0].done, 120_000, 200);
    const lat = await pg.query(
      `SELECT extract(epoch FROM (m.updated_at - o.created_at)) * 1000 AS ms FROM production_orders o JOIN mes_order_status m ON m.order_id = o.id WHERE o.created_at >= $1 ORDER BY 1`,
      [since],
    );
    const ms = lat.rows.map((r: { ms: string }) => Number(r.ms));
    return { target, achieved: Math.round(load.requests.average), non2xx: load.non2xx, orders: ms.length, p50: Math.round(percentile(ms, 50)), p99: Math.round(percentile(ms, 99)), http: `${load.latency.p50}/${load.latency.p99}` };
  };
  const latencies = [await endToEnd(rate), await endToEnd(steadyRate)];
  await worker.stop();
  await api.stop();
  await pg.end();
  await db.drop();

  const md = [
    '## Outbox relay and end-to-end latency (`bench/relay-kafka.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)}: ${machine}. Kafka 4.4.0 single broker (scripts/kafka.sh), PostgreSQL 15, both on this machine; ${events} events of ${value.length} bytes.`,
    '',
    table(
      ['measure', 'events/s', 'ratio to raw producer'],
      [
        ['raw kafkajs producer (idempotent, acks=all, batches of 500) — ceiling', rawRate, '1.00'],
        ['outbox relay, worker start to drained (incl. process start)', relayRate, (relayRate / rawRate).toFixed(2)],
        ['outbox relay, first to last publish', relayRateFromFirstSend, (relayRateFromFirstSend / rawRate).toFixed(2)],
      ],
    ),
    '',
    `End-to-end, API commit to projection effect, ${seconds} s per row (aim: p99 < 250 ms at 500 orders/s); the second row is a rate this machine sustains with the API, worker, broker and PostgreSQL sharing its cores:`,
    '',
    table(
      ['target orders/s', 'achieved req/s', 'non-2xx', 'orders', 'p50 ms', 'p99 ms', 'HTTP p50/p99 ms'],
      latencies.map((l) => [l.target, l.achieved, l.non2xx, l.orders, l.p50, `**${l.p99}**`, l.http]),
    ),
  ].join('\n');
  upsertSection('relay-kafka', md);
  process.stdout.write(`${md}\n`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
