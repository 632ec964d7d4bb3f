import { Client } from 'pg';
import { ADMIN_CLIENT, createClient, createTestDatabase, eventually, fetchToken, productionOrderBody, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/**
 * Enriched records: built by the worker from events, served with ETag/304 and compression, masked
 * per role and purpose, and a change feed that a follower walks without skipping or repeating a
 * change while many writers commit concurrently and out of order.
 */
let db: TestDatabase;
let server: ServerProcess;
let pg: Client;
let admin: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret });
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  admin = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
}, 120_000);

afterAll(async () => {
  await pg?.end();
  await server?.stop();
  await db?.drop();
});

async function call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(method === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function clientToken(spec: { name: string; scopes: string[]; plants: string[]; roles?: string[]; purposes?: string[] }): Promise<string> {
  const c = await createClient(server.url, admin, spec);
  return fetchToken(server.url, c.client_id, c.client_secret);
}

describe('enriched records', () => {
  let orderId: string;
  const nationalId = '11010519491231002X';

  it('combine the order, its inspection findings and its traced claims', async () => {
    const lot = `L${Date.now().toString().slice(-6)}`;
    const body = productionOrderBody({ orderNumber: `ER${Date.now()}`, attributes: { lotNumber: lot } });
    orderId = ((await (await call(admin, 'POST', '/v1/production-orders', body)).json()) as { id: string }).id;
    await call(admin, 'POST', `/v1/production-orders/${orderId}/release`);
    const inspection = await call(admin, 'POST', '/v1/inspection-reports', {
      plant: 'P100',
      text: `Order ${body.orderNumber as string}: lot ${lot}, part HX-2210 rev B, 5 pcs with scratches on the housing, severity major, rework. Inspector: John Miller`,
    });
    expect(inspection.status).toBe(201);
    const claim = await call(admin, 'POST', '/v1/claims', {
      plant: 'P100',
      text: `Claim no. CLM-2026-0042. Claimant: Wang Fang, ID no. ${nationalId}, phone 13812345678. Part HX-2210, lot ${lot}: housing cracked during use. Claimed amount ¥12,500.`,
    });
    expect(claim.status).toBe(201);
    const built = await eventually(async () => {
      const res = await call(admin, 'GET', `/v1/enriched-records/${orderId}`);
      if (res.status !== 200) return false;
      const r = (await res.json()) as { status: string; inspections: { count: number }; claims: { count: number } };
      return r.status === 'RELEASED' && r.inspections.count === 1 && r.claims.count === 1;
    });
    expect(built).toBe(true);
    const record = (await (await call(admin, 'GET', `/v1/enriched-records/${orderId}`)).json()) as {
      inspections: { defectsByType: Record<string, unknown>; severities: Record<string, number>; dispositions: Record<string, number> };
      claims: { byLossCategory: Record<string, number>; items: { lossType?: string; lossCategory?: string }[] };
    };
    expect(record.inspections.defectsByType.scratch).toBeDefined();
    expect(record.inspections.severities.major).toBe(1);
    expect(record.inspections.dispositions.rework).toBe(1);
    // The loss as the model reads it ("housing cracked" or "cracked": the lot in the text changes every run, and with
    // it the span's extent), sorted as the part's failure either way.
    expect(record.claims.items[0]?.lossType).toMatch(/cracked/);
    expect(record.claims.items[0]?.lossCategory).toBe('breakdown');
    expect(record.claims.byLossCategory).toEqual({ breakdown: 1 });
  });

  it('answers 304 to a matching If-None-Match and compresses large bodies', async () => {
    const first = await call(admin, 'GET', `/v1/enriched-records/${orderId}`, undefined, { 'accept-encoding': 'gzip' });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"\d+-/);
    const again = await call(admin, 'GET', `/v1/enriched-records/${orderId}`, undefined, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const raw = await fetch(`${server.url}/v1/enriched-records/${orderId}`, { headers: { authorization: `Bearer ${admin}`, 'accept-encoding': 'br' } });
    // undici decodes transparently; the header shows what travelled.
    expect(['br', 'gzip', null]).toContain(raw.headers.get('content-encoding'));
  });

  it('masks personal data by role and purpose, and never shows a planted ID number to a role that may not see it', async () => {
    const mes = await clientToken({ name: 'mes', scopes: ['records:read'], plants: ['P100'], roles: ['mes'], purposes: ['production'] });
    const handler = await clientToken({ name: 'claims', scopes: ['records:read'], plants: ['P100'], roles: ['claims_handler'], purposes: ['claims_processing'] });
    const nobody = await clientToken({ name: 'nobody', scopes: ['records:read'], plants: ['P100'] });
    const asMes = await (await call(mes, 'GET', `/v1/enriched-records/${orderId}`)).text();
    const asNobody = await (await call(nobody, 'GET', `/v1/enriched-records/${orderId}`)).text();
    expect(asMes).not.toContain(nationalId);
    expect(asNobody).not.toContain(nationalId);
    expect(asNobody).not.toContain('13812345678');
    const masking = (JSON.parse(asMes) as { masking: { role: string; fields: { path: string; reason: string }[] } }).masking;
    expect(masking.role).toBe('mes');
    expect(masking.fields.length).toBeGreaterThan(0);
    const asHandler = (await (await call(handler, 'GET', `/v1/enriched-records/${orderId}`)).json()) as { masking: { purpose: string } };
    expect(asHandler.masking.purpose).toBe('claims_processing');
    // A purpose the token does not grant is refused, not silently downgraded.
    expect((await call(mes, 'GET', `/v1/enriched-records/${orderId}`, undefined, { 'data-purpose': 'claims_processing' })).status).toBe(403);
    // The Kafka payload meant for the MES is masked too.
    const { rows } = await pg.query(`SELECT payload::text AS p FROM outbox WHERE topic = 'records.enriched.v1' AND message_key = $1`, [orderId]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.p).not.toContain(nationalId);
  });

  it('follow a review: the report moves to the order the reviewer names, with the reviewed findings', async () => {
    const first = productionOrderBody({ orderNumber: `RA${Date.now()}` });
    const second = productionOrderBody({ orderNumber: `RB${Date.now()}` });
    const firstId = ((await (await call(admin, 'POST', '/v1/production-orders', first)).json()) as { id: string }).id;
    const secondId = ((await (await call(admin, 'POST', '/v1/production-orders', second)).json()) as { id: string }).id;
    const text = `Order ${first.orderNumber as string}: 5 pcs with scratches on the housing, severity major (customer rates it critical), rework. Parts from order ${second.orderNumber as string}.`;
    const created = await call(admin, 'POST', '/v1/inspection-reports', { plant: 'P100', text });
    const doc = (await created.json()) as { id: string; links: { orderId: string }[] };
    const inspections = async (id: string) => {
      const res = await call(admin, 'GET', `/v1/enriched-records/${id}`);
      return res.status === 200 ? ((await res.json()) as { inspections: { count: number; severities: Record<string, number> } }).inspections : undefined;
    };
    for (const link of doc.links) expect(await eventually(async () => (await inspections(link.orderId))?.count === 1)).toBe(true);

    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const fields = [
      { name: 'order_number', ...at(second.orderNumber as string) },
      { name: 'quantity', ...at('5 pcs') },
      { name: 'defect_type', ...at('scratches') },
      { name: 'severity', ...at('critical') },
    ];
    const etag = (await call(admin, 'GET', `/v1/inspection-reports/${doc.id}`)).headers.get('etag') as string;
    expect((await call(admin, 'POST', `/v1/inspection-reports/${doc.id}/review`, { fields }, { 'if-match': etag })).status).toBe(200);
    expect(await eventually(async () => (await inspections(secondId))?.severities.critical === 1)).toBe(true);
    expect(await inspections(secondId)).toMatchObject({ count: 1, severities: { critical: 1 } });
    // The model linked the order the report opens with; the review took the report off it.
    expect(doc.links.map((l) => l.orderId)).toContain(firstId);
    expect(await eventually(async () => (await inspections(firstId))?.count === 0)).toBe(true);
  });

  it('a report stored before its order is linked when the order arrives, by number or by part and lot', async () => {
    const stamp = Date.now().toString().slice(-7);
    const byNumber = productionOrderBody({ orderNumber: `WO-${stamp}` });
    const lot = `LT-${stamp}`;
    const byPartLot = productionOrderBody({ orderNumber: `LL${stamp}`, material: { code: `HX-${stamp.slice(-4)}` }, attributes: { batch: lot } });
    // Written on the floor before the ERP's orders reached us: lower case, no hyphens.
    const text = `work order wo${stamp}: part hx-${stamp.slice(-4)} rev c, lot ${lot.toLowerCase()}, 3 pcs dented on the lid, severity minor, rework`;
    const doc = (await (await call(admin, 'POST', '/v1/inspection-reports', { plant: 'P100', text })).json()) as { id: string; links: unknown[] };
    expect(doc.links).toEqual([]);
    const numberId = ((await (await call(admin, 'POST', '/v1/production-orders', byNumber)).json()) as { id: string }).id;
    const partLotId = ((await (await call(admin, 'POST', '/v1/production-orders', byPartLot)).json()) as { id: string }).id;
    // Same plant, same number in another plant: not linked.
    await call(admin, 'POST', '/v1/production-orders', productionOrderBody({ orderNumber: `WO-${stamp}`, plant: 'P200' }));
    const links = async () => ((await (await call(admin, 'GET', `/v1/inspection-reports/${doc.id}`)).json()) as { links: { orderId: string; matchedBy: string }[] }).links;
    expect(await eventually(async () => (await links()).length === 2)).toBe(true);
    expect((await links()).map((l) => [l.orderId, l.matchedBy]).sort()).toEqual(
      [
        [numberId, 'order_number'],
        [partLotId, 'part_lot'],
      ].sort(),
    );
    for (const id of [numberId, partLotId]) {
      expect(await eventually(async () => {
        const res = await call(admin, 'GET', `/v1/enriched-records/${id}`);
        return res.status === 200 && ((await res.json()) as { inspections: { count: number } }).inspections.count === 1;
      })).toBe(true);
    }
    const { rows } = await pg.query(`SELECT event_type, payload FROM outbox WHERE message_key = $1 ORDER BY id`, [doc.id]);
    const linked = rows.filter((r) => r.event_type === 'com.millwright.inspection-report.linked.v1');
    expect(linked.map((r) => r.payload.data.linkedOrderIds).flat().sort()).toEqual([numberId, partLotId].sort());
    // An order change that names nothing new adds no link and no event.
    await call(admin, 'POST', `/v1/production-orders/${numberId}/release`);
    const patched = await call(admin, 'PATCH', `/v1/production-orders/${partLotId}`, { priority: 5 }, { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' });
    expect(patched.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await pg.query(`SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type LIKE '%.linked.v1'`, [doc.id]);
    expect(after.rows[0].n).toBe(2);
  });

  it('hides records of other plants', async () => {
    const other = await clientToken({ name: 'p200', scopes: ['records:read'], plants: ['P200'], roles: ['mes'], purposes: ['production'] });
    expect((await call(other, 'GET', `/v1/enriched-records/${orderId}`)).status).toBe(404);
    const feed = (await (await call(other, 'GET', '/v1/enriched-records?limit=1000')).json()) as { items: { record: { plant: string } }[] };
    expect(feed.items.every((i) => i.record.plant === 'P200')).toBe(true);
    expect((await call(other, 'GET', '/v1/enriched-records?plant=P100')).status).toBe(403);
  });
});

describe('change feed', () => {
  it('a follower sees every change exactly once while writers commit concurrently and out of order', async () => {
    const plant = `F${Date.now().toString(36).slice(-6)}`;
    const follower = await clientToken({ name: 'follower', scopes: ['records:read'], plants: [plant] });
    const writers = 12;
    const perWriter = 15;
    const record = (n: number) => JSON.stringify({ orderId: crypto.randomUUID(), plant, n, claims: { count: 0, items: [] }, inspections: { count: 0, reports: [] } });
    // Each writer opens a transaction, inserts a change, then waits a random while before
    // committing, so sequence numbers are taken in one order and made visible in another.
    const write = async (w: number) => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      try {
        for (let i = 0; i < perWriter; i++) {
          await c.query('BEGIN');
          await c.query(`INSERT INTO enriched_record_changes (order_id, plant, version, record) VALUES ($1, $2, 1, $3)`, [crypto.randomUUID(), plant, record(w * 1000 + i)]);
          await new Promise((r) => setTimeout(r, Math.random() * 40));
          await c.query('COMMIT');
        }
      } finally {
        await c.end();
      }
    };
    const seen: number[] = [];
    let after: string | null = null;
    let writing = true;
    // A naive follower beside it: a plain sequence cursor, as many feeds are built.
    const naiveSeen = new Set<string>();
    const naive = (async () => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      let cursor = 0;
      try {
        for (let last = false; ; ) {
          const { rows } = await c.query(`SELECT seq::int AS seq FROM enriched_record_changes WHERE plant = $1 AND seq > $2 ORDER BY seq`, [plant, cursor]);
          for (const r of rows) naiveSeen.add(String(r.seq));
          if (rows.length > 0) cursor = rows[rows.length - 1].seq;
          if (last) break;
          last = !writing; // one more read after the writers finished: what it missed now stays missed
          await new Promise((r) => setTimeout(r, 2));
        }
      } finally {
        await c.end();
      }
    })();
    const follow = (async () => {
      while (writing || seen.length < writers * perWriter) {
        const res = await call(follower, 'GET', `/v1/enriched-records?limit=7&wait=1${after ? `&after=${after}` : ''}`);
        expect(res.status).toBe(200);
        const page = (await res.json()) as { items: { record: { n?: number } }[]; nextCursor: string | null };
        for (const item of page.items) seen.push((item.record as { n: number }).n);
        after = page.nextCursor;
        if (!writing && page.items.length === 0) break;
      }
    })();
    await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
    writing = false;
    await Promise.all([follow, naive]);
    expect(seen.length).toBe(writers * perWriter);
    expect(new Set(seen).size).toBe(seen.length);
    // The naive follower skipped changes that committed after a larger sequence number: the
    // interleaving the feed must survive really happened in this run.
    expect(naiveSeen.size).toBeLessThan(writers * perWriter);
  });

  it('long polling returns as soon as a change arrives', async () => {
    const plant = `L${Date.now().toString(36).slice(-6)}`;
    const follower = await clientToken({ name: 'poller', scopes: ['records:read'], plants: [plant] });
    const started = Date.now();
    const poll = call(follower, 'GET', `/v1/enriched-records?wait=10&plant=${plant}`);
    await new Promise((r) => setTimeout(r, 500));
    await pg.query(`INSERT INTO enriched_record_changes (order_id, plant, version, record) VALUES ($1, $2, 1, '{"claims":{"count":0,"items":[]},"inspections":{"count":0,"reports":[]}}')`, [crypto.randomUUID(), plant]);
    const page = (await (await poll).json()) as { items: unknown[] };
    expect(page.items).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
