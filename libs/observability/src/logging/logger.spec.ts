import { Writable } from 'node:stream';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Logger } from '@nestjs/common';
import { Secret } from '@mw/config';
import { extractContext, startSpan, withRequestInfo } from '../tracing/trace-context';
import { LogRedactor } from './log-redactor';
import { createLogger } from './logger';
import { NestPinoLogger } from './nest-logger';
import { SpanKind } from '@opentelemetry/api';

const NATIONAL_ID = '11010519491231002X';
const PHONE = '13812345678';
const EMAIL = 'wang.fang@example.com';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0LWFkbWluIn0.c2lnbmF0dXJlLWJ5dGVz';

function capture(level: 'info' | 'debug' = 'info') {
  const out: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const redactor = LogRedactor.fromPolicyFile('config/privacy-policy.yaml');
  const logger = createLogger({ level, service: 'spec', redactor, destination });
  return { logger, out, entries: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

afterAll(() => {
  context.disable();
  propagation.disable();
});

describe('createLogger', () => {
  it('writes one JSON object per line with level name, ISO time and msg', () => {
    const { logger, entries } = capture();
    logger.info({ route: '/v1/production-orders' }, 'request completed');
    expect(entries()[0]).toMatchObject({ level: 'info', service: 'spec', msg: 'request completed', route: '/v1/production-orders' });
    expect(String(entries()[0]?.['time'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('removes personal data from messages, fields and errors', () => {
    const { logger, out } = capture();
    logger.info(`order for ${NATIONAL_ID}, call ${PHONE} or mail ${EMAIL}`);
    logger.warn({ attributes: { holder: NATIONAL_ID, nested: [{ phone: PHONE }] } }, 'bad order');
    logger.error(new Error(`duplicate key (${EMAIL})`));
    logger.error({ err: new Error(`handler failed for ${PHONE}`, { cause: new Error(`upstream ${NATIONAL_ID}`) }) }, 'consumer failed');
    const text = out.join('\n');
    for (const value of [NATIONAL_ID, PHONE, EMAIL]) expect(text).not.toContain(value);
    expect(text).toContain('<NATIONAL_ID>');
    expect(text).toContain('<PHONE>');
    expect(text).toContain('<EMAIL>');
    expect(JSON.parse(out[2] as string)).toMatchObject({ level: 'error', msg: 'duplicate key (<EMAIL>)', err: { type: 'Error', message: 'duplicate key (<EMAIL>)' } });
  });

  it('censors credentials by field name at any depth and by pattern inside text', () => {
    const { logger, out } = capture();
    logger.info({ req: { headers: { authorization: `Bearer ${JWT}`, cookie: 'sid=abc123456', 'x-api-key': 'k-123456789' } } }, 'incoming');
    logger.info({ body: { client_id: 'erp', client_secret: 'super-secret-value-1', password: 'hunter2hunter2' } }, 'form');
    logger.info({ config: { metricsToken: new Secret('scrape-token-value') } }, 'config');
    logger.info(`retrying with Authorization: Bearer ${JWT}`);
    logger.info(`POST /oauth/token body grant_type=client_credentials&client_secret=super-secret-value-2`);
    logger.info(`token issued ${JWT}`);
    const text = out.join('\n');
    for (const value of [JWT, 'abc123456', 'k-123456789', 'super-secret-value-1', 'super-secret-value-2', 'hunter2hunter2', 'scrape-token-value']) {
      expect(text).not.toContain(value);
    }
    expect(JSON.parse(out[1] as string)).toMatchObject({ body: { client_id: 'erp', client_secret: '[redacted]', password: '[redacted]' } });
  });

  it('respects the level', () => {
    const { logger, out } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(out).toHaveLength(1);
  });

  it('adds request id, client id and trace ids from the active context', () => {
    const { logger, entries } = capture();
    const parent = extractContext({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const { ctx } = startSpan('GET', { kind: SpanKind.SERVER }, parent);
    let client: string | undefined;
    const withReq = withRequestInfo(ctx, { requestId: 'req-1', clientId: () => client });
    context.with(withReq, () => logger.info('before auth'));
    client = 'erp-connector';
    context.with(withReq, () => logger.info('after auth'));
    context.with(ROOT_CONTEXT, () => logger.info('outside'));
    const [before, after, outside] = entries();
    expect(before).toMatchObject({ requestId: 'req-1', traceId: '0af7651916cd43dd8448eb211c80319c' });
    expect(before).not.toHaveProperty('clientId');
    expect(String(before?.['spanId'])).toMatch(/^[0-9a-f]{16}$/);
    expect(before?.['spanId']).not.toBe('b7ad6b7169203331');
    expect(after).toMatchObject({ requestId: 'req-1', clientId: 'erp-connector' });
    expect(outside).not.toHaveProperty('requestId');
    expect(outside).not.toHaveProperty('traceId');
  });
});

describe('NestPinoLogger', () => {
  it('turns Nest calls (context last, stacks, object messages) into fields', () => {
    const { logger, entries } = capture('debug');
    const nest = new NestPinoLogger(logger);
    Logger.overrideLogger(nest);
    try {
      new Logger('Relay').warn(`relay failed for ${PHONE}`);
      new Logger('Errors').error({ errorId: 'e-1', err: new Error('boom') }, 'unhandled error');
      new Logger('Kafka').error('connection lost', 'Error: x\n    at foo (bar.js:1:1)');
      nest.log('plain without context');
    } finally {
      Logger.overrideLogger(false);
    }
    const [warn, error, withStack, plain] = entries();
    expect(warn).toMatchObject({ level: 'warn', context: 'Relay', msg: 'relay failed for <PHONE>' });
    expect(error).toMatchObject({ level: 'error', context: 'Errors', msg: 'unhandled error', errorId: 'e-1', err: { type: 'Error', message: 'boom' } });
    expect(withStack).toMatchObject({ level: 'error', context: 'Kafka', msg: 'connection lost' });
    expect(String(withStack?.['stack'])).toContain('at foo');
    expect(plain).toMatchObject({ level: 'info', msg: 'plain without context' });
  });
});
