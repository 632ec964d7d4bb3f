import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { REPO_ROOT } from './server-process';

export const KAFKA_BROKER = process.env.TEST_KAFKA_BROKER ?? '127.0.0.1:9092';
const run = promisify(execFile);

/** A topic prefix per test file, so files sharing the one broker never see each other's events. */
export function uniqueTopicPrefix(): string {
  return `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}.`;
}

/** Runs scripts/kafka.sh (start | stop | kill | status) — fault tests kill and restart the real broker. */
export async function kafkaScript(command: 'start' | 'stop' | 'kill' | 'status'): Promise<string> {
  const { stdout } = await run('bash', [join(REPO_ROOT, 'scripts', 'kafka.sh'), command], { timeout: 120_000 });
  return stdout;
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group until `done` says enough or
 * the timeout passes; returns what it read. The outside view of what we published.
 */
export async function readTopic(topic: string, done: (messages: ReadMessage[]) => boolean, timeoutMs = 30_000): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: [KAFKA_BROKER], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(6).toString('hex')}`, allowAutoTopicCreation: false });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let resolveDone!: () => void;
    const finished = new Promise<void>((r) => (resolveDone = r));
    await consumer.run({
      eachMessage: async ({ topic: t, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        messages.push({ topic: t, partition, offset: message.offset, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
        if (done(messages)) resolveDone();
      },
    });
    await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Polls `check` until it returns true or the timeout passes; returns the last result. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
