import { gzipSync } from 'node:zlib';
import { createClient, fetchToken } from '@mw/testing';
import { digits, DocumentApi, expectProblem, startDocumentApi, trained } from './document-api';
import { decompressionBombPdf, handWrittenPdf } from './pdf-fixtures';

/**
 * Inspection reports, claims and /v1/extract end to end: the built API process, real PostgreSQL,
 * the model in worker threads. With the trained model in models/ the tests also check what it
 * extracts and links; without it an untrained model stands in and those checks are skipped.
 */
const MAX_TEXT_CHARS = 20_000;
const UPLOAD_LIMIT = 256 * 1024;

let api: DocumentApi;

beforeAll(async () => {
  api = await startDocumentApi({ EXTRACTION_MAX_TEXT_CHARS: String(MAX_TEXT_CHARS), EXTRACTION_UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) });
});

afterAll(async () => {
  await api?.stop();
});

/** Checks of what the trained model extracts; skipped with the untrained stand-in. */
const withModel = trained ? it : it.skip;

const call: DocumentApi['call'] = (...args) => api.call(...args);
const post: DocumentApi['post'] = (...args) => api.post(...args);
const createOrder: DocumentApi['createOrder'] = (overrides) => api.createOrder(overrides);

function upload(path: string, file: { bytes: Buffer | string; name: string; type: string }, fields: Record<string, string> = { plant: 'P100' }, key = crypto.randomUUID()): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return call('POST', path, form, { 'idempotency-key': key });
}

interface Field {
  name: string;
  value: unknown;
  text: string;
  start: number;
  end: number;
  confidence: number;
  needsReview: boolean;
  issues?: string[];
}

interface Doc {
  id: string;
  kind: string;
  plant: string;
  mediaType: string;
  fileName?: string;
  text: string;
  extraction: { modelVersion: string; timingMs: number; needsReview: boolean; fields: Field[] };
  links: { orderId: string; orderNumber: string; matchedBy: string }[];
}

function expectFieldShape(fields: Field[], text: string): void {
  for (const f of fields) {
    expect(Object.keys(f).filter((k) => !['name', 'value', 'text', 'start', 'end', 'confidence', 'source', 'needsReview', 'issues'].includes(k))).toEqual([]);
    expect(['model', 'rules']).toContain((f as { source?: string }).source);
    expect(f.text).toBe(text.slice(f.start, f.end));
    expect(f.confidence).toBeGreaterThanOrEqual(0);
    expect(f.confidence).toBeLessThanOrEqual(1);
  }
}

describe('readiness', () => {
  it('waits for the model and reports its version', async () => {
    let ready: { status: string; checks: Record<string, { status: string; modelVersion?: string }> } | undefined;
    for (let i = 0; i < 100; i++) {
      ready = (await (await fetch(`${api.server.url}/health/ready`)).json()) as typeof ready;
      if (ready?.checks.model?.status === 'up') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready?.checks.model).toMatchObject({ status: 'up', modelVersion: expect.any(String), precision: 'int8' });
  });
});

describe('POST /v1/inspection-reports (JSON)', () => {
  it('stores the document with its extraction, answers 201 with Location, and GET returns the same', async () => {
    const text = 'Part QA-1001, lot L20-001: 2 pcs with scratches on the cover, severity minor, rework.';
    const res = await post('/v1/inspection-reports', { text, plant: 'P100', source: 'qms-e2e', metadata: { shift: 'night' } });
    expect(res.status).toBe(201);
    const doc = (await res.json()) as Doc;
    expect(res.headers.get('location')).toBe(`/v1/inspection-reports/${doc.id}`);
    expect(doc).toMatchObject({ kind: 'inspection', plant: 'P100', mediaType: 'application/json', text, links: [] });
    expect(doc.extraction.modelVersion).toEqual(expect.any(String));
    expectFieldShape(doc.extraction.fields, text);
    const got = await call('GET', `/v1/inspection-reports/${doc.id}`);
    expect(got.status).toBe(200);
    // GET is a per-viewer (masked) view of the stored document; what is not personal data comes back as stored.
    const view = (await got.json()) as Doc & { source: string; metadata: unknown };
    expect(view).toMatchObject({ id: doc.id, kind: 'inspection', plant: 'P100', source: 'qms-e2e', metadata: { shift: 'night' }, links: [] });
    expect(view.extraction.modelVersion).toBe(doc.extraction.modelVersion);
    expect(view.extraction.fields.map((f) => [f.name, f.confidence])).toEqual(doc.extraction.fields.map((f) => [f.name, f.confidence]));
    // The same id is not a claim.
    await expectProblem(await call('GET', `/v1/claims/${doc.id}`), 404, 'not-found');
    await expectProblem(await call('GET', '/v1/inspection-reports/not-a-uuid'), 404, 'not-found');
  });

  withModel('links the report to the order it names, lists it under the order and enqueues the event', async () => {
    const orderNumber = `47${digits(8)}`;
    const order = await createOrder({ orderNumber });
    const text = `Inspection record. Order No: ${orderNumber}. Part HX-4821 rev A, lot L24-337. 3 pcs porosity on flange, severity minor, use as is.`;
    const res = await post('/v1/inspection-reports', { text, plant: 'P100' });
    expect(res.status).toBe(201);
    const doc = (await res.json()) as Doc;
    expect(doc.extraction.fields.find((f) => f.name === 'order_number')?.value).toBe(orderNumber);
    expect(doc.links).toEqual([{ orderId: order.id, orderNumber, matchedBy: 'order_number' }]);

    const listed = await call('GET', `/v1/production-orders/${order.id}/inspections`);
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: { id: string; matchedBy: string }[] };
    expect(items.map((i) => [i.id, i.matchedBy])).toEqual([[doc.id, 'order_number']]);
    expect(((await (await call('GET', `/v1/production-orders/${order.id}/claims`)).json()) as { items: unknown[] }).items).toEqual([]);

    const { rows } = await api.pg.query(`SELECT topic, message_key, event_type, payload FROM outbox WHERE message_key = $1`, [doc.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: 'quality.inspections.v1', event_type: 'com.millwright.inspection-report.extracted.v1' });
    expect(rows[0].payload.data).toMatchObject({ documentId: doc.id, plant: 'P100', kind: 'inspection', links: [{ orderId: order.id, matchedBy: 'order_number' }] });
    expect(rows[0].payload.data.text).toBeUndefined();
  });

  withModel('links by part number and lot number within the plant only', async () => {
    const part = `HX-${digits(4)}`;
    const lot = `L24-${digits(3)}`;
    const order = await createOrder({ orderNumber: `47${digits(8)}`, material: { code: part }, attributes: { lotNumber: lot } });
    await createOrder({ orderNumber: `47${digits(8)}`, plant: 'P300', material: { code: part }, attributes: { lotNumber: lot } });
    const text = `Part ${part}, lot ${lot}: 3 pcs with porosity on the flange, severity minor, use as is.`;
    const doc = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    expect(doc.links).toEqual([{ orderId: order.id, orderNumber: order.orderNumber, matchedBy: 'part_lot' }]);
    const { items } = (await (await call('GET', `/v1/production-orders/${order.id}/inspections`)).json()) as { items: { id: string; matchedBy: string }[] };
    expect(items.map((i) => i.id)).toContain(doc.id);
  });

  withModel('links shorthand as written on the floor: lower case, spaces for hyphens, the part with its revision', async () => {
    const n = digits(4);
    const part = `HX-${digits(4)}`;
    const lot = `L24-${digits(3)}`;
    const order = await createOrder({ orderNumber: `47${digits(8)}`, material: { code: part }, attributes: { lotNumber: lot } });
    const text = `lot ${lot.toLowerCase().replace('-', ' ')}, part ${part.toLowerCase()} rev b, 5 pcs w/ scratches on housing. sev major, rework`;
    const doc = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    expect(doc.links).toEqual([{ orderId: order.id, orderNumber: order.orderNumber, matchedBy: 'part_lot' }]);
    // An order number the ERP writes with a hyphen, the inspector without.
    const woNumber = `WO-${n}${digits(4)}`;
    const wo = await createOrder({ orderNumber: woNumber });
    const byNumber = (await (await post('/v1/inspection-reports', { text: `work order ${woNumber.replace('-', '').toLowerCase()}: 2 pcs dent on lid, scrap.`, plant: 'P100' })).json()) as Doc;
    expect(byNumber.links).toEqual([{ orderId: wo.id, orderNumber: woNumber, matchedBy: 'order_number' }]);
  });

  it('refuses a plant the client is not bound to, and hides other plants', async () => {
    const p200 = await createClient(api.server.url, api.token, { name: `p200-${digits(6)}`, scopes: ['inspections:write', 'inspections:read', 'extract'], plants: ['P200'] });
    const t200 = await fetchToken(api.server.url, p200.client_id, p200.client_secret);
    await expectProblem(await post('/v1/inspection-reports', { text: 'lot L20-001 scratched', plant: 'P100' }, {}, t200), 403, 'forbidden');
    const mine = (await (await post('/v1/inspection-reports', { text: 'lot L20-001 scratched', plant: 'P100' })).json()) as Doc;
    await expectProblem(await call('GET', `/v1/inspection-reports/${mine.id}`, undefined, {}, t200), 404, 'not-found');
    const order = await createOrder({});
    await expectProblem(await call('GET', `/v1/production-orders/${order.id}/inspections`, undefined, {}, t200), 404, 'not-found');
  });

  it('needs inspections:write to post and inspections:read to read', async () => {
    const c = await createClient(api.server.url, api.token, { name: `ex-${digits(6)}`, scopes: ['extract'], plants: ['*'] });
    const t = await fetchToken(api.server.url, c.client_id, c.client_secret);
    expect((await post('/v1/inspection-reports', { text: 'x', plant: 'P100' }, {}, t)).status).toBe(403);
    expect((await post('/v1/claims', { text: 'x', plant: 'P100' }, {}, t)).status).toBe(403);
    expect((await call('GET', `/v1/inspection-reports/${crypto.randomUUID()}`, undefined, {}, t)).status).toBe(403);
  });

  it('replays with the same Idempotency-Key and refuses the key for another document', async () => {
    const key = crypto.randomUUID();
    const body = { text: 'lot L20-002, 1 pc dented', plant: 'P100' };
    const first = await post('/v1/inspection-reports', body, { 'idempotency-key': key });
    const again = await post('/v1/inspection-reports', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(await first.text());
    await expectProblem(await post('/v1/inspection-reports', { ...body, text: 'lot L20-003' }, { 'idempotency-key': key }), 422, 'idempotency-key-reused');
    await expectProblem(await post('/v1/inspection-reports', body, { 'idempotency-key': '' }), 400, 'idempotency-key-invalid');
  });
});

describe('POST /v1/claims', () => {
  it('stores a claim and enqueues claims.documents.v1 with personal-data fields marked', async () => {
    const text =
      '报案号CLM-2026-004512，保单号POL-88231-A，报案人张伟，身份证110105198503121234，联系电话138 1234 5678，邮箱zhang.wei@example.com，出险时间2026年3月5日，损失金额3.5万元，出险地点上海市浦东新区张江路88号';
    const res = await post('/v1/claims', { text, plant: 'P100' });
    expect(res.status).toBe(201);
    const doc = (await res.json()) as Doc;
    expect(res.headers.get('location')).toBe(`/v1/claims/${doc.id}`);
    expectFieldShape(doc.extraction.fields, text);
    expect((await call('GET', `/v1/claims/${doc.id}`)).status).toBe(200);

    const { rows } = await api.pg.query(`SELECT topic, event_type, payload FROM outbox WHERE message_key = $1`, [doc.id]);
    expect(rows[0]).toMatchObject({ topic: 'claims.documents.v1', event_type: 'com.millwright.claim.extracted.v1' });
    const fields = rows[0].payload.data.fields as { name: string; personalData?: string }[];
    expect(fields).toHaveLength(doc.extraction.fields.length);
    const classes: Record<string, string> = { claimant_name: 'person_name', national_id: 'national_id', phone: 'phone', email: 'email', location: 'address' };
    for (const f of fields) expect(f.personalData).toBe(classes[f.name]);
    if (trained) {
      const byName = Object.fromEntries(doc.extraction.fields.map((f) => [f.name, f.value]));
      expect(byName).toMatchObject({ claim_number: 'CLM-2026-004512', incident_date: '2026-03-05', amount: { value: 35000, currency: 'CNY' } });
      expect(fields.filter((f) => f.personalData).map((f) => f.name).sort()).toEqual(['claimant_name', 'email', 'location', 'national_id', 'phone']);
    }
  });
});

describe('uploads', () => {
  it('accepts a .txt upload', async () => {
    const text = 'Part QA-1002, lot L20-004: 4 pcs cracked, severity critical, scrap.\n';
    const res = await upload('/v1/inspection-reports', { bytes: text, name: 'report.txt', type: 'text/plain' }, { plant: 'P100', source: 'scanner-7', metadata: '{"page":1}' });
    expect(res.status).toBe(201);
    const doc = (await res.json()) as Doc & { metadata: unknown; source: string };
    expect(doc).toMatchObject({ mediaType: 'text/plain', fileName: 'report.txt', text, source: 'scanner-7', metadata: { page: 1 } });
  });

  it('reads the text layer of a real PDF', async () => {
    const pdf = handWrittenPdf(['Inspection report', 'Part QA-1003, lot L20-005: 1 pc with a burr on the edge, severity minor, rework.']);
    const res = await upload('/v1/inspection-reports', { bytes: pdf, name: 'report.pdf', type: 'application/pdf' });
    expect(res.status).toBe(201);
    const doc = (await res.json()) as Doc;
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.text).toContain('Inspection report');
    expect(doc.text).toContain('lot L20-005');
    expectFieldShape(doc.extraction.fields, doc.text);
  });

  it('a PDF without a text layer is 422 and says so', async () => {
    const body = await expectProblem(await upload('/v1/claims', { bytes: handWrittenPdf(null), name: 'scan.pdf', type: 'application/pdf' }), 422, 'unprocessable-document');
    expect(String(body.detail)).toMatch(/no text layer/);
  });

  it('a file called .pdf that is not a PDF is 422; a damaged PDF is 422', async () => {
    await expectProblem(await upload('/v1/claims', { bytes: 'just some words', name: 'fake.pdf', type: 'application/pdf' }), 422, 'unprocessable-document');
    const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(crypto.getRandomValues(new Uint8Array(2000)))]);
    await expectProblem(await upload('/v1/claims', { bytes: damaged, name: 'x.pdf', type: 'application/pdf' }), 422, 'unprocessable-document');
  });

  it('a zip archive or an image is 415; binary junk as text is 422', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    await expectProblem(await upload('/v1/claims', { bytes: zip, name: 'claim.docx', type: 'application/octet-stream' }), 415, 'unsupported-media-type');
    await expectProblem(await upload('/v1/claims', { bytes: 'hello', name: 'x.html', type: 'text/html' }), 415, 'unsupported-media-type');
    const junk = Buffer.from(crypto.getRandomValues(new Uint8Array(4000)));
    await expectProblem(await upload('/v1/claims', { bytes: junk, name: 'x.txt', type: 'text/plain' }), 422, 'unprocessable-document');
  });

  it('a decompression bomb PDF is refused before pdf.js inflates it', async () => {
    const bomb = decompressionBombPdf(200);
    expect(bomb.length).toBeLessThan(UPLOAD_LIMIT);
    const body = await expectProblem(await upload('/v1/inspection-reports', { bytes: bomb, name: 'bomb.pdf', type: 'application/pdf' }), 422, 'unprocessable-document');
    expect(String(body.detail)).toMatch(/decompression bomb/);
  });

  it('an upload over the size limit is 413; an empty file, an unknown field or a missing file is 400', async () => {
    await expectProblem(await upload('/v1/inspection-reports', { bytes: 'x '.repeat(UPLOAD_LIMIT), name: 'big.txt', type: 'text/plain' }), 413, 'payload-too-large');
    await expectProblem(await upload('/v1/inspection-reports', { bytes: '', name: 'empty.txt', type: 'text/plain' }), 400, 'validation-failed');
    await expectProblem(await upload('/v1/inspection-reports', { bytes: 'lot L1', name: 'a.txt', type: 'text/plain' }, { plant: 'P100', color: 'red' }), 400, 'validation-failed');
    const form = new FormData();
    form.append('plant', 'P100');
    await expectProblem(await call('POST', '/v1/inspection-reports', form, { 'idempotency-key': crypto.randomUUID() }), 400, 'validation-failed');
  });

  it('the Idempotency-Key fingerprint covers the uploaded content', async () => {
    const key = crypto.randomUUID();
    const a = await upload('/v1/inspection-reports', { bytes: 'lot L20-006 dented', name: 'a.txt', type: 'text/plain' }, { plant: 'P100' }, key);
    expect(a.status).toBe(201);
    const again = await upload('/v1/inspection-reports', { bytes: 'lot L20-006 dented', name: 'a.txt', type: 'text/plain' }, { plant: 'P100' }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await expectProblem(await upload('/v1/inspection-reports', { bytes: 'lot L20-007 bent', name: 'a.txt', type: 'text/plain' }, { plant: 'P100' }, key), 422, 'idempotency-key-reused');
  });
});

describe('bad JSON input', () => {
  it('empty or blank text is 400', async () => {
    await expectProblem(await post('/v1/inspection-reports', { text: '', plant: 'P100' }), 400, 'validation-failed');
    await expectProblem(await post('/v1/claims', { text: ' \n\t ', plant: 'P100' }), 400, 'validation-failed');
    await expectProblem(await post('/v1/extract', { kind: 'claim', text: '' }), 400, 'validation-failed');
    await expectProblem(await post('/v1/extract', { kind: 'invoice', text: 'x' }), 400, 'validation-failed');
  });

  it('text over the character limit is 413, a body over the byte limit too, and a gzip bomb body too', async () => {
    await expectProblem(await post('/v1/extract', { kind: 'inspection', text: 'lot L1 '.repeat(MAX_TEXT_CHARS / 4) }), 413, 'payload-too-large');
    await expectProblem(await post('/v1/inspection-reports', { text: 'a'.repeat(2 * 1_048_576), plant: 'P100' }), 413, 'payload-too-large');
    const bomb = gzipSync(Buffer.from(JSON.stringify({ kind: 'inspection', text: 'a'.repeat(50 * 1_048_576) })), { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    await expectProblem(await call('POST', '/v1/extract', bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 413, 'payload-too-large');
  });

  it('binary junk in the text is refused: NUL by the JSON parser (400), other control characters as not text (422)', async () => {
    await expectProblem(await post('/v1/extract', { kind: 'inspection', text: 'lot\u0000\u0001\u0002 L23-118' }), 400, 'malformed-json');
    const junk = String.fromCharCode(...Array.from({ length: 500 }, (_, i) => 1 + ((i * 7919) % 31)));
    await expectProblem(await post('/v1/claims', { text: junk, plant: 'P100' }), 422, 'unprocessable-document');
  });
});

describe('POST /v1/extract', () => {
  it('answers {modelVersion, fields} without storing anything or needing an Idempotency-Key', async () => {
    const text = 'Order No: 4712345678. Part HX-4821 rev A, lot L24-337. Bore 12.52 mm, 3 pcs porosity on flange, severity minor, use as is.';
    const before = await api.pg.query(`SELECT count(*)::int AS n FROM quality_documents`);
    const res = await call('POST', '/v1/extract', { kind: 'inspection', text });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { modelVersion: string; fields: Field[]; timingMs: number; needsReview: boolean };
    expect(Object.keys(body).sort()).toEqual(['fields', 'modelVersion', 'needsReview', 'timingMs']);
    expect(body.modelVersion).toEqual(expect.any(String));
    expectFieldShape(body.fields, text);
    expect((await api.pg.query(`SELECT count(*)::int AS n FROM quality_documents`)).rows[0].n).toBe(before.rows[0].n);
    if (trained) {
      const byName = Object.fromEntries(body.fields.map((f) => [f.name, f.value]));
      expect(byName).toMatchObject({ order_number: '4712345678', part_number: 'HX-4821', lot_number: 'L24-337' });
      expect(byName.measurement).toMatchObject({ value: 12.52, unit: 'MMT' });
    }
  });

  it('replays with an Idempotency-Key and needs the extract scope', async () => {
    const key = crypto.randomUUID();
    const a = await post('/v1/extract', { kind: 'claim', text: '损失金额3.5万元' }, { 'idempotency-key': key });
    const b = await post('/v1/extract', { kind: 'claim', text: '损失金额3.5万元' }, { 'idempotency-key': key });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.text()).toBe(await a.text());
    const c = await createClient(api.server.url, api.token, { name: `ro-${digits(6)}`, scopes: ['orders:read'], plants: ['*'] });
    const t = await fetchToken(api.server.url, c.client_id, c.client_secret);
    await expectProblem(await post('/v1/extract', { kind: 'claim', text: 'x' }, {}, t), 403, 'insufficient_scope');
  });

  it('handles a long document in windows with offsets into the whole text', async () => {
    const line = 'Part HX-4821, lot L24-337: 3 pcs with porosity on the flange, severity minor, use as is.\n';
    const text = line.repeat(Math.floor((MAX_TEXT_CHARS - 100) / line.length));
    const res = await call('POST', '/v1/extract', { kind: 'inspection', text });
    expect(res.status).toBe(200);
    const { fields } = (await res.json()) as { fields: Field[] };
    expectFieldShape(fields, text);
    if (trained) expect(fields.filter((f) => f.name === 'lot_number').length).toBe(text.split('\n').length - 1);
  });
});

describe('after all that', () => {
  it('the server still serves: ready, extracting and alive', async () => {
    const ready = (await (await fetch(`${api.server.url}/health/ready`)).json()) as { checks: Record<string, { status: string }> };
    expect(ready.checks.model?.status).toBe('up');
    expect(ready.checks.database?.status).toBe('up');
    expect((await call('POST', '/v1/extract', { kind: 'inspection', text: 'lot L23-118' })).status).toBe(200);
    expect(api.server.child.exitCode).toBeNull();
  });
});
