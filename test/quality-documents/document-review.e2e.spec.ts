import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { createDataSource, createDb } from '@mw/database';
import type { LabelledDocument } from '@mw/extraction';
import { registerReviewCommands } from '@mw/quality-documents';
import { ADMIN_CLIENT, createClient, fetchToken } from '@mw/testing';
import { at, digits, DocumentApi, expectProblem, startDocumentApi } from './document-api';

/**
 * Review of extracted documents end to end: the built API process on real PostgreSQL. What the
 * reviewer sends decides the reviewed fields and the links, so these checks hold with the trained
 * model and with the untrained stand-in alike.
 */
let api: DocumentApi;

beforeAll(async () => {
  api = await startDocumentApi();
});

afterAll(async () => {
  await api?.stop();
});

const call: DocumentApi['call'] = (...args) => api.call(...args);
const post: DocumentApi['post'] = (...args) => api.post(...args);
const createOrder: DocumentApi['createOrder'] = (overrides) => api.createOrder(overrides);

interface Field {
  name: string;
  value: unknown;
  text: string;
  start: number;
  end: number;
  confidence: number;
  source: string;
  needsReview: boolean;
}

interface Doc {
  id: string;
  text: string;
  extraction: { modelVersion: string; needsReview: boolean; fields: Field[] };
  links: { orderId: string; orderNumber: string; matchedBy: string }[];
  review: { status: string; revision: number; fields?: Field[]; changes?: Record<string, number>; note?: string; reviewedBy?: string; reviewedAt?: string };
}

describe('POST /v1/inspection-reports/{id}/review', () => {
  it('stores the reviewed fields beside the extraction, re-links the orders and enqueues the review', async () => {
    const first = await createOrder({ orderNumber: `47${digits(8)}` });
    const second = await createOrder({ orderNumber: `47${digits(8)}` });
    const text = `Inspection record. Order No: ${first.orderNumber} (parts came from order ${second.orderNumber}). Lot L24-${digits(3)}, 3 pcs porosity on flange, severity minor, use as is.`;
    const created = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    const got = await call('GET', `/v1/inspection-reports/${created.id}`);
    expect(got.headers.get('etag')).toBe('"0"');
    const before = (await got.json()) as Doc;
    expect(before.review).toEqual({ status: created.extraction.needsReview ? 'pending' : 'not_needed', revision: 0 });

    // The reviewer says the report is about the second order, 3 pieces of porosity, nothing else.
    const fields = [
      { name: 'order_number', ...at(text, second.orderNumber) },
      { name: 'quantity', ...at(text, '3 pcs') },
      { name: 'defect_type', ...at(text, 'porosity') },
    ];
    const res = await post(`/v1/inspection-reports/${created.id}/review`, { fields, note: 'Order per traveller card.' }, { 'if-match': '"0"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    const reviewed = (await res.json()) as Doc;
    expect(reviewed.review).toMatchObject({ status: 'reviewed', revision: 1, note: 'Order per traveller card.', reviewedBy: ADMIN_CLIENT.id });
    expect(reviewed.review.fields?.map((f) => [f.name, f.value, f.text, f.source, f.confidence, f.needsReview])).toEqual([
      ['order_number', second.orderNumber, second.orderNumber, 'review', 1, false],
      ['quantity', { value: 3, unit: 'PCE' }, '3 pcs', 'review', 1, false],
      ['defect_type', 'porosity', 'porosity', 'review', 1, false],
    ]);
    const changes = reviewed.review.changes as { confirmed: number; corrected: number; added: number; removed: number };
    expect(changes.confirmed + changes.corrected + changes.added).toBe(3);
    expect(changes.confirmed + changes.corrected + changes.removed).toBe(created.extraction.fields.length);
    // The model's extraction is kept as it was (the answer is masked for the viewer as GET is); the links follow the review.
    expect(reviewed.extraction).toEqual(before.extraction);
    expect(reviewed.links).toEqual([{ orderId: second.id, orderNumber: second.orderNumber, matchedBy: 'order_number' }]);
    const listed = async (orderId: string) => ((await (await call('GET', `/v1/production-orders/${orderId}/inspections`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await listed(second.id)).toEqual([created.id]);
    expect(await listed(first.id)).toEqual([]);

    const { rows } = await api.pg.query(`SELECT topic, event_type, payload FROM outbox WHERE message_key = $1 ORDER BY id`, [created.id]);
    expect(rows.map((r) => [r.topic, r.event_type])).toEqual([
      ['quality.inspections.v1', 'com.millwright.inspection-report.extracted.v1'],
      ['quality.inspections.v1', 'com.millwright.inspection-report.reviewed.v1'],
    ]);
    const data = rows[1].payload.data;
    expect(data).toMatchObject({ documentId: created.id, revision: 1, needsReview: false, reviewedBy: ADMIN_CLIENT.id, changes, links: [{ orderId: second.id }] });
    expect(data.fields.map((f: { name: string }) => f.name)).toEqual(['order_number', 'quantity', 'defect_type']);
    const linkedBefore = created.links.map((l) => l.orderId);
    expect(data.unlinkedOrderIds).toEqual(linkedBefore.filter((id) => id !== second.id));
    expect(data.text).toBeUndefined();

    // The review is a write in the audit log (sealed into audit_log shortly after; pending until then).
    const audit = await api.pg.query(
      `SELECT action FROM audit_log WHERE resource = $1 UNION ALL SELECT action FROM audit_pending WHERE resource = $1`,
      [`inspection-reports/${created.id}`],
    );
    expect(audit.rows.map((r) => r.action)).toContain('inspection-report.review');
  });

  it('a review that keeps every extracted field confirms them all and keeps the links', async () => {
    const order = await createOrder({ orderNumber: `47${digits(8)}` });
    const text = `Order ${order.orderNumber}: part HX-2210, lot L23-118, 5 pcs with scratches on the housing, bore 12.53 mm, severity major, rework. Inspector: Ann Lee, 2026-03-05.`;
    const created = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    const fields = created.extraction.fields.map((f) => ({ name: f.name, start: f.start, end: f.end }));
    const res = await post(`/v1/inspection-reports/${created.id}/review`, { fields }, { 'if-match': '"0"' });
    expect(res.status).toBe(200);
    const reviewed = (await res.json()) as Doc;
    expect(reviewed.review.changes).toEqual({ confirmed: created.extraction.fields.length, corrected: 0, added: 0, removed: 0 });
    expect(reviewed.links).toEqual(created.links);
  });

  it('needs If-Match: none is 428, an outdated revision is 412, and a second review builds on the first', async () => {
    const text = 'Part HX-1200, lot L20-118: 2 pcs dented, severity major, scrap.';
    const doc = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    const body = { fields: [{ name: 'lot_number', ...at(text, 'L20-118') }] };
    await expectProblem(await post(`/v1/inspection-reports/${doc.id}/review`, body), 428, 'precondition-required');
    await expectProblem(await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'if-match': 'revision one' }), 412, 'precondition-failed');
    expect((await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'if-match': '"0"' })).status).toBe(200);
    const stale = await expectProblem(await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'if-match': '"0"' }), 412, 'precondition-failed');
    expect(stale.detail).toContain('revision 1');
    const again = await post(`/v1/inspection-reports/${doc.id}/review`, { fields: [...body.fields, { name: 'part_number', ...at(text, 'HX-1200') }] }, { 'if-match': '"1"' });
    expect(again.status).toBe(200);
    const second = (await again.json()) as Doc;
    expect(second.review.revision).toBe(2);
    // Changes compare with the model's extraction, not with the previous review.
    expect(second.review.fields?.map((f) => f.name)).toEqual(['part_number', 'lot_number']);
    const { rows } = await api.pg.query(`SELECT revision FROM quality_document_reviews WHERE document_id = $1 ORDER BY revision`, [doc.id]);
    expect(rows.map((r) => r.revision)).toEqual([1, 2]);
  });

  it('refuses fields that do not fit the document with a problem naming each one; nothing is stored', async () => {
    const text = 'Lot L20-200: 1 pc cracked.';
    const doc = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    const bad = await post(
      `/v1/inspection-reports/${doc.id}/review`,
      { fields: [{ name: 'claimant_name', start: 0, end: 3 }, { name: 'lot_number', start: 4, end: 400 }, { name: 'quantity', start: 2, end: 1 }] },
      { 'if-match': '"0"' },
    );
    const problem = await expectProblem(bad, 400, 'validation-failed');
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toEqual(['fields[0].name', 'fields[1].end', 'fields[2].end']);
    await expectProblem(await post(`/v1/inspection-reports/${doc.id}/review`, { fields: 'all of them' }, { 'if-match': '"0"' }), 400, 'validation-failed');
    await expectProblem(await post(`/v1/inspection-reports/${doc.id}/review`, { fields: [{ name: 'lot_number', start: -1, end: 2 }] }, { 'if-match': '"0"' }), 400, 'validation-failed');
    await expectProblem(await post(`/v1/claims/${doc.id}/review`, { fields: [] }, { 'if-match': '"0"' }), 404, 'not-found');
    await expectProblem(await post(`/v1/inspection-reports/${crypto.randomUUID()}/review`, { fields: [] }, { 'if-match': '"0"' }), 404, 'not-found');
    expect(((await (await call('GET', `/v1/inspection-reports/${doc.id}`)).json()) as Doc).review.revision).toBe(0);
  });

  it('replays with the same Idempotency-Key; reviewing needs the write scope and the plant', async () => {
    const text = 'Lot L20-300: 4 pcs scratched, rework.';
    const doc = (await (await post('/v1/inspection-reports', { text, plant: 'P100' })).json()) as Doc;
    const key = crypto.randomUUID();
    const body = { fields: [{ name: 'lot_number', ...at(text, 'L20-300') }] };
    const first = await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'idempotency-key': key, 'if-match': '"0"' });
    const replay = await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'idempotency-key': key, 'if-match': '"0"' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.text()).toBe(await first.text());

    const reader = await createClient(api.server.url, api.token, { name: `reader-${digits(6)}`, scopes: ['inspections:read'], plants: ['*'] });
    const readerToken = await fetchToken(api.server.url, reader.client_id, reader.client_secret);
    expect((await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'if-match': '"1"' }, readerToken)).status).toBe(403);
    const other = await createClient(api.server.url, api.token, { name: `p200-${digits(6)}`, scopes: ['inspections:write', 'inspections:read'], plants: ['P200'] });
    const otherToken = await fetchToken(api.server.url, other.client_id, other.client_secret);
    await expectProblem(await post(`/v1/inspection-reports/${doc.id}/review`, body, { 'if-match': '"1"' }, otherToken), 404, 'not-found');
  });
});

describe('GET /v1/inspection-reports?reviewStatus=pending (the review queue)', () => {
  it('lists the plant\'s documents by review state, oldest first, in pages', async () => {
    const plant = `RV${digits(6)}`;
    const docs: Doc[] = [];
    for (const text of ['Lot L21-001: 2 pcs scratched.', 'lot L21-002 dent x1', '批次B2310-07 发现气孔 12件 判定报废', 'Part HX-9 ok, no findings.']) {
      docs.push((await (await post('/v1/inspection-reports', { text, plant })).json()) as Doc);
    }
    const ids = async (query: string) => {
      const res = await call('GET', `/v1/inspection-reports?plant=${plant}${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string; reviewStatus: string; flaggedFields: string[] }[] }).items;
    };
    const pending = docs.filter((d) => d.extraction.needsReview);
    const pendingItems = await ids('&reviewStatus=pending');
    expect(pendingItems.map((i) => i.id)).toEqual(pending.map((d) => d.id));
    for (const item of pendingItems) {
      const doc = docs.find((d) => d.id === item.id) as Doc;
      expect(item.flaggedFields).toEqual(doc.extraction.fields.filter((f) => f.needsReview).map((f) => f.name));
    }
    expect((await ids('&reviewStatus=not_needed')).map((i) => i.id)).toEqual(docs.filter((d) => !d.extraction.needsReview).map((d) => d.id));

    // Reviewing takes a document out of the queue, whatever state it was in.
    const target = docs[0] as Doc;
    expect((await post(`/v1/inspection-reports/${target.id}/review`, { fields: [] }, { 'if-match': '"0"' })).status).toBe(200);
    expect((await ids('&reviewStatus=reviewed')).map((i) => i.id)).toEqual([target.id]);
    expect((await ids('&reviewStatus=pending')).map((i) => i.id)).toEqual(pending.filter((d) => d.id !== target.id).map((d) => d.id));
    // Without a review state: every document of the plant, oldest first.
    expect((await ids('')).map((i) => i.id)).toEqual(docs.map((d) => d.id));

    // Pages of one: `next` leads through every document of a state exactly once.
    const all: string[] = [];
    let after = '';
    for (let page = 0; page < 10; page++) {
      const res = (await (await call('GET', `/v1/inspection-reports?plant=${plant}&reviewStatus=not_needed&limit=1${after}`)).json()) as { items: { id: string }[]; next?: string };
      all.push(...res.items.map((i) => i.id));
      if (!res.next) break;
      after = `&after=${res.next}`;
    }
    expect(all).toEqual((await ids('&reviewStatus=not_needed')).map((i) => i.id));
  });

  it('refuses an unknown review state or page size, and shows other plants to nobody', async () => {
    await expectProblem(await call('GET', '/v1/inspection-reports?reviewStatus=maybe'), 400, 'validation-failed');
    await expectProblem(await call('GET', '/v1/claims?limit=0'), 400, 'validation-failed');
    const plant = `RV${digits(6)}`;
    await post('/v1/claims', { text: '报案号CLM-2026-0001，报案人张伟，联系电话138 1234 5678', plant });
    const p200 = await createClient(api.server.url, api.token, { name: `q200-${digits(6)}`, scopes: ['claims:read'], plants: ['P200'] });
    const t200 = await fetchToken(api.server.url, p200.client_id, p200.client_secret);
    for (const state of ['pending', 'not_needed']) {
      const res = await call('GET', `/v1/claims?plant=${plant}&reviewStatus=${state}`, undefined, {}, t200);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    }
  });
});

describe('GET /v1/inspection-reports, /v1/claims by identifier (traceability search)', () => {
  it('finds every document naming a lot, part or order however it is written, from the reviewed fields once reviewed', async () => {
    const plant = `TR${digits(6)}`;
    const lot = `L${digits(2)}-${digits(3)}`;
    const texts = [`Lot ${lot}, part HX-2210: 5 pcs scratched.`, `lot ${lot.toLowerCase().replace('-', ' ')} part hx 2210 - 2 dents`, 'Lot L99-999, part HX-2210: porosity.'];
    const docs: Doc[] = [];
    for (const text of texts) docs.push((await (await post('/v1/inspection-reports', { text, plant })).json()) as Doc);
    const find = async (query: string, path = '/v1/inspection-reports') => {
      const res = await call('GET', `${path}?plant=${plant}&${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    // The reviewer decides what each document names; the search follows the review, not the model.
    for (const [i, doc] of docs.entries()) {
      const text = texts[i] as string;
      const written = i === 1 ? lot.toLowerCase().replace('-', ' ') : i === 0 ? lot : 'L99-999';
      const part = i === 1 ? 'hx 2210' : 'HX-2210';
      const fields = [{ name: 'lot_number', ...at(text, written) }, { name: 'part_number', ...at(text, part) }];
      expect((await post(`/v1/inspection-reports/${doc.id}/review`, { fields }, { 'if-match': '"0"' })).status).toBe(200);
    }
    const [first, second, third] = docs.map((d) => d.id);
    expect(await find(`lotNumber=${lot}`)).toEqual([first, second]);
    expect(await find(`lotNumber=${encodeURIComponent(lot.toLowerCase().replace('-', ' '))}`)).toEqual([first, second]);
    expect(await find('partNumber=hx2210')).toEqual([first, second, third]);
    expect(await find(`partNumber=HX-2210&lotNumber=L99999`)).toEqual([third]);
    expect(await find(`lotNumber=L00-000`)).toEqual([]);
    // A review that takes the lot out takes the document out of the search.
    const text = texts[0] as string;
    expect((await post(`/v1/inspection-reports/${first}/review`, { fields: [{ name: 'part_number', ...at(text, 'HX-2210') }] }, { 'if-match': '"1"' })).status).toBe(200);
    expect(await find(`lotNumber=${lot}`)).toEqual([second]);
    // Claims are searched by their own identifiers; a filter the kind has no field for is refused.
    const claim = `CLM-2026-${digits(5)}`;
    const claimText = `Claim no. ${claim}, VIN LSVAM4187C2184847, part HX-2210 lot ${lot}.`;
    const claimDoc = (await (await post('/v1/claims', { text: claimText, plant })).json()) as Doc;
    const claimFields = [
      { name: 'claim_number', ...at(claimText, claim) },
      { name: 'serial_number', ...at(claimText, 'LSVAM4187C2184847') },
      { name: 'lot_number', ...at(claimText, lot) },
    ];
    expect((await post(`/v1/claims/${claimDoc.id}/review`, { fields: claimFields }, { 'if-match': '"0"' })).status).toBe(200);
    expect(await find(`claimNumber=${claim.toLowerCase()}`, '/v1/claims')).toEqual([claimDoc.id]);
    expect(await find('serialNumber=LSVAM4187C2184847', '/v1/claims')).toEqual([claimDoc.id]);
    expect(await find(`lotNumber=${lot}`, '/v1/claims')).toEqual([claimDoc.id]);
    const refused = await expectProblem(await call('GET', `/v1/inspection-reports?claimNumber=${claim}`), 400, 'validation-failed');
    expect((refused.errors as { field: string }[]).map((e) => e.field)).toEqual(['claimNumber']);
  });

  it('lists claims by loss category, from the reviewed loss once reviewed', async () => {
    const plant = `LC${digits(6)}`;
    const texts = ['Claim 1: kitchen fire at the depot, stock lost.', 'Claim 2: burst pipe flooded the store room.', '报案：3号仓库因暴雨进水，货物受潮。'];
    const losses = ['kitchen fire', 'burst pipe', '暴雨进水'];
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const doc = (await (await post('/v1/claims', { text, plant })).json()) as Doc;
      ids.push(doc.id);
      const fields = [{ name: 'loss_type', ...at(text, losses[i] as string) }];
      expect((await post(`/v1/claims/${doc.id}/review`, { fields }, { 'if-match': '"0"' })).status).toBe(200);
    }
    const find = async (query: string, path = '/v1/claims') => {
      const res = await call('GET', `${path}?plant=${plant}&${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await find('lossCategory=fire')).toEqual([ids[0]]);
    expect(await find('lossCategory=water')).toEqual([ids[1]]);
    expect(await find('lossCategory=weather')).toEqual([ids[2]]);
    expect(await find('lossCategory=theft')).toEqual([]);
    // A second review that reads the first claim's loss as the stock lost moves it to another category.
    const text = texts[0] as string;
    expect((await post(`/v1/claims/${ids[0]}/review`, { fields: [{ name: 'loss_type', ...at(text, 'stock lost') }] }, { 'if-match': '"1"' })).status).toBe(200);
    expect(await find('lossCategory=fire')).toEqual([]);
    expect(await find('lossCategory=lost')).toEqual([ids[0]]);
    // Inspection reports have no loss; an unknown category is refused.
    const refused = await expectProblem(await call('GET', `/v1/inspection-reports?lossCategory=fire`), 400, 'validation-failed');
    expect((refused.errors as { field: string }[]).map((e) => e.field)).toEqual(['lossCategory']);
    await expectProblem(await call('GET', `/v1/claims?lossCategory=meteor`), 400, 'validation-failed');
  });
});

describe('possible duplicates', () => {
  it('names a document sent again (same text) and a claim filed twice under one number, within the kind and plant', async () => {
    const plant = `DU${digits(6)}`;
    const text = `Lot L${digits(2)}-${digits(3)}: 3 pcs cracked, scrap.`;
    const first = (await (await post('/v1/inspection-reports', { text, plant })).json()) as Doc & { possibleDuplicates: { id: string; matchedBy: string }[] };
    expect(first.possibleDuplicates).toEqual([]);
    const again = (await (await post('/v1/inspection-reports', { text, plant })).json()) as typeof first;
    expect(again.possibleDuplicates.map((d) => [d.id, d.matchedBy])).toEqual([[first.id, 'same_text']]);
    // Both ways: the first now has a twin too; another plant's copy is no duplicate.
    await post('/v1/inspection-reports', { text, plant: `${plant}X` });
    const firstNow = (await (await call('GET', `/v1/inspection-reports/${first.id}`)).json()) as typeof first;
    expect(firstNow.possibleDuplicates.map((d) => [d.id, d.matchedBy])).toEqual([[again.id, 'same_text']]);

    // A claim e-mailed by the customer and filed by the broker: other words, one claim number (as the reviewer confirms it).
    const claim = `CLM-2026-${digits(5)}`;
    const byMail = `Claim ${claim}: housing cracked on 3 Mar 2026, please call back.`;
    const byBroker = `FNOL via broker. Claim no. ${claim.toLowerCase()}; loss: cracked housing; date 2026-03-03.`;
    const a = (await (await post('/v1/claims', { text: byMail, plant })).json()) as typeof first;
    const b = (await (await post('/v1/claims', { text: byBroker, plant })).json()) as typeof first;
    for (const [doc, t, written] of [[a, byMail, claim], [b, byBroker, claim.toLowerCase()]] as const) {
      expect((await post(`/v1/claims/${doc.id}/review`, { fields: [{ name: 'claim_number', ...at(t, written) }] }, { 'if-match': '"0"' })).status).toBe(200);
    }
    const bNow = (await (await call('GET', `/v1/claims/${b.id}`)).json()) as typeof first;
    expect(bNow.possibleDuplicates.map((d) => [d.id, d.matchedBy])).toEqual([[a.id, 'claim_number']]);
    // An inspection report is never a claim's duplicate.
    expect(firstNow.possibleDuplicates.map((d) => d.id)).not.toContain(a.id);
  });
});

describe('GET /v1/production-orders/{id}/claims', () => {
  it("masks personal data per role and purpose as GET of the document does, audits the read, and shows each document's review", async () => {
    const part = `HX-${digits(4)}`;
    const lot = `L24-${digits(3)}`;
    const order = await createOrder({ orderNumber: `47${digits(8)}`, material: { code: part }, attributes: { lotNumber: lot } });
    const nationalId = '11010519491231002X';
    const text = `Claim no. CLM-2026-0${digits(4)}. Claimant: Wang Fang, ID no. ${nationalId}, phone 13812345678. Part ${part}, lot ${lot}: housing cracked. Claimed ¥12,500.`;
    const created = (await (await post('/v1/claims', { text, plant: 'P100' })).json()) as Doc;
    // The claim names the order by part and lot; the review keeps those and marks the ID number.
    const fields = [
      { name: 'part_number', ...at(text, part) },
      { name: 'lot_number', ...at(text, lot) },
      { name: 'national_id', ...at(text, nationalId) },
    ];
    expect((await post(`/v1/claims/${created.id}/review`, { fields }, { 'if-match': '"0"' })).status).toBe(200);

    const mes = await createClient(api.server.url, api.token, { name: `mes-${digits(6)}`, scopes: ['claims:read'], plants: ['P100'], roles: ['mes'], purposes: ['production'] });
    const handler = await createClient(api.server.url, api.token, { name: `ch-${digits(6)}`, scopes: ['claims:read'], plants: ['P100'], roles: ['claims_handler'], purposes: ['claims_processing'] });
    const list = async (c: { client_id: string; client_secret: string }) => {
      const res = await call('GET', `/v1/production-orders/${order.id}/claims`, undefined, {}, await fetchToken(api.server.url, c.client_id, c.client_secret));
      expect(res.status).toBe(200);
      return { raw: await res.clone().text(), body: (await res.json()) as { items: (Doc & { matchedBy: string })[] } };
    };
    const asMes = await list(mes);
    expect(asMes.body.items.map((i) => [i.id, i.matchedBy, i.review.status, i.review.revision])).toEqual([[created.id, 'part_lot', 'reviewed', 1]]);
    expect(asMes.raw).not.toContain(nationalId);
    expect(asMes.raw).not.toContain('13812345678');
    expect(asMes.raw).not.toContain('Wang Fang');
    const reviewedId = asMes.body.items[0]?.review.fields?.find((f) => f.name === 'national_id');
    expect(reviewedId?.value).not.toBe(nationalId);
    const asHandler = await list(handler);
    // claims_handler sees the last four digits of an ID number (config/privacy-policy.yaml) and names in full.
    expect(asHandler.raw).not.toContain(nationalId);
    expect(asHandler.body.items[0]?.review.fields?.find((f) => f.name === 'national_id')?.value).toEqual(expect.stringMatching(/002X$/));
    const audit = await api.pg.query(
      `SELECT client_id FROM audit_log WHERE resource = $1 UNION ALL SELECT client_id FROM audit_pending WHERE resource = $1`,
      [`production-orders/${order.id}/claims`],
    );
    expect(audit.rows.map((r) => r.client_id).sort()).toEqual([mes.client_id, handler.client_id].sort());
  });
});

describe('millwright reviews export', () => {
  it('writes each reviewed document at its newest revision as labelled text, and audits the export', async () => {
    const plant = `EX${digits(6)}`;
    const en = 'Lot L22-010: 3 pcs scratched on the cover, spec 12.50 ± 0.02 mm, measured 12.55 mm.';
    const zh = '批次B2310-07 发现气孔 12件 判定报废';
    const enDoc = (await (await post('/v1/inspection-reports', { text: en, plant })).json()) as Doc;
    const zhDoc = (await (await post('/v1/inspection-reports', { text: zh, plant })).json()) as Doc;
    await post('/v1/inspection-reports', { text: 'Lot L22-011 fine.', plant }); // not reviewed: not exported
    expect((await post(`/v1/inspection-reports/${enDoc.id}/review`, { fields: [{ name: 'lot_number', ...at(en, 'L22-010') }] }, { 'if-match': '"0"' })).status).toBe(200);
    const enSpans = [
      { name: 'measurement', ...at(en, '12.55 mm') },
      { name: 'lot_number', ...at(en, 'L22-010') },
      { name: 'spec_limit', ...at(en, '12.50 ± 0.02 mm') },
    ];
    expect((await post(`/v1/inspection-reports/${enDoc.id}/review`, { fields: enSpans }, { 'if-match': '"1"' })).status).toBe(200);
    const zhSpans = [
      { name: 'lot_number', ...at(zh, 'B2310-07') },
      { name: 'defect_type', ...at(zh, '气孔') },
      { name: 'quantity', ...at(zh, '12件') },
      { name: 'disposition', ...at(zh, '报废') },
    ];
    expect((await post(`/v1/inspection-reports/${zhDoc.id}/review`, { fields: zhSpans }, { 'if-match': '"0"' })).status).toBe(200);

    const ds = createDataSource({ url: api.db.url, dataDir: '', poolSize: 2, statementTimeoutMs: 5000 });
    await ds.initialize();
    const out = join(api.tmp, 'export');
    const printed: string[] = [];
    try {
      const program = new Command().exitOverride();
      registerReviewCommands(program, async () => ({ db: await createDb(ds), close: async () => undefined }), (line) => printed.push(line));
      await program.parseAsync(['node', 'cli', 'reviews', 'export', '--out', out, '--plant', plant]);
    } finally {
      await ds.destroy();
    }
    expect(printed).toEqual([`exported 2 reviewed document(s) to ${out}`]);
    const read = (lang: string) =>
      readFileSync(join(out, `${lang}-reviewed.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as LabelledDocument);
    const label = (spans: { name: string; start: number; end: number }[]) =>
      spans.map((s) => ({ label: s.name, start: s.start, end: s.end })).sort((a, b) => a.start - b.start);
    // The newest revision, in the hand-written sets' format, spec limits included.
    expect(read('en')).toEqual([{ id: `review-${enDoc.id}`, kind: 'inspection', lang: 'en', text: en, spans: label(enSpans) }]);
    expect(read('zh')).toEqual([{ id: `review-${zhDoc.id}`, kind: 'inspection', lang: 'zh', text: zh, spans: label(zhSpans) }]);
    const audit = await api.pg.query(`SELECT client_id FROM audit_log WHERE action = 'review.export' UNION ALL SELECT client_id FROM audit_pending WHERE action = 'review.export'`);
    expect(audit.rows.map((r) => r.client_id)).toEqual(['cli']);
  });
});

