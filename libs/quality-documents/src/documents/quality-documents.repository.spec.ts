import { Db, uuidv7 } from '@mw/database';
import { openMigratedDb } from '@mw/testing';
import { QualityDocumentsRepository } from './quality-documents.repository';

/** Order links and the order listings, on both database adapters (the migration must run on each). */
describe.each(['postgres', 'pglite'] as const)('QualityDocumentsRepository on %s', (kind) => {
  let db: Db;
  let repo: QualityDocumentsRepository;
  let close: () => Promise<void>;
  const orders: Record<string, string> = {};

  async function order(plant: string, orderNumber: string, material: string, attributes: Record<string, string> = {}): Promise<string> {
    const id = uuidv7();
    await db.query(
      `INSERT INTO production_orders (id, plant, order_number, status, material_code, quantity_value, quantity_unit, body, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'CREATED', $4, 1, 'PCE', $5, 'test', now(), now())`,
      [id, plant, orderNumber, material, JSON.stringify({ orderNumber, plant, material: { code: material }, quantity: { value: 1, unit: 'PCE' }, attributes })],
    );
    return id;
  }

  beforeAll(async () => {
    ({ db, close } = await openMigratedDb(kind, 3));
    repo = new QualityDocumentsRepository(db);
    orders.a = await order('P100', '4700000001', 'HX-2210', { lotNumber: 'L23-118' });
    orders.b = await order('P100', '4700000002', 'HX-2210', { lot: 'L23-119' });
    orders.c = await order('P100', '4700000003', 'HX-9999', { batch: 'L23-118' });
    orders.other = await order('P200', '4700000001', 'HX-2210', { lotNumber: 'L23-118' });
    orders.wo = await order('P100', 'WO-4471', 'BR-100');
    orders.dashA = await order('P100', '4471-A', 'BR-100');
    orders.plainA = await order('P100', '4471A', 'BR-100');
  }, 120_000);
  afterAll(() => close());

  it('matches by order number within the plant only', async () => {
    const links = await repo.matchOrders(db, 'P100', ['4700000001'], [], []);
    expect(links).toEqual([{ orderId: orders.a, orderNumber: '4700000001', matchedBy: 'order_number' }]);
  });

  it('matches by part and lot (lotNumber, lot or batch attribute), never by a part or a lot alone', async () => {
    expect(await repo.matchOrders(db, 'P100', [], ['HX-2210'], ['L23-118'])).toEqual([{ orderId: orders.a, orderNumber: '4700000001', matchedBy: 'part_lot' }]);
    expect((await repo.matchOrders(db, 'P100', [], ['HX-2210'], ['L23-119']))[0]?.orderId).toBe(orders.b);
    expect((await repo.matchOrders(db, 'P100', [], ['HX-9999'], ['L23-118']))[0]?.orderId).toBe(orders.c);
    expect(await repo.matchOrders(db, 'P100', [], ['HX-2210'], [])).toEqual([]);
    expect(await repo.matchOrders(db, 'P100', [], [], ['L23-118'])).toEqual([]);
  });

  it('matches identifiers as people write them: case, spaces, hyphens, a part with its revision', async () => {
    expect((await repo.matchOrders(db, 'P100', ['wo 4471'], [], []))[0]?.orderId).toBe(orders.wo);
    expect((await repo.matchOrders(db, 'P100', ['WO4471'], [], []))[0]?.orderId).toBe(orders.wo);
    expect((await repo.matchOrders(db, 'P100', [], ['hx2210 rev B'], ['l23 118']))[0]?.orderId).toBe(orders.a);
    expect((await repo.matchOrders(db, 'P100', [], ['HX-2210 REV. C'], ['L23118'])).map((l) => l.orderId)).toEqual([orders.a]);
    expect(await repo.matchOrders(db, 'P100', ['WO 4472'], [], [])).toEqual([]);
  });

  it('where one search form names two orders, the one written exactly wins', async () => {
    expect((await repo.matchOrders(db, 'P100', ['4471-A'], [], [])).map((l) => l.orderNumber)).toEqual(['4471-A']);
    expect((await repo.matchOrders(db, 'P100', ['4471a'], [], [])).map((l) => l.orderNumber)).toEqual(['4471A']);
    expect((await repo.matchOrders(db, 'P100', ['4471 a'], [], [])).map((l) => l.orderNumber).sort()).toEqual(['4471-A', '4471A']);
  });

  it('an order found both ways is linked once, by its number', async () => {
    const links = await repo.matchOrders(db, 'P100', ['4700000001'], ['HX-2210'], ['L23-118', 'L23-119']);
    expect(links.map((l) => [l.orderId, l.matchedBy]).sort()).toEqual(
      [
        [orders.a, 'order_number'],
        [orders.b, 'part_lot'],
      ].sort(),
    );
  });

  it('stores a document with its links, reads it back per kind and lists it under each order', async () => {
    const id = uuidv7();
    const fields = [{ name: 'order_number' as const, value: '4700000001', text: '4700000001', start: 6, end: 16, confidence: 0.99, source: 'model' as const, needsReview: false }];
    await db.tx(async (q) => {
      await repo.insert(q, {
        id, kind: 'inspection', plant: 'P100', mediaType: 'text/plain', fileName: 'a.txt', byteSize: 20, text: 'Order 4700000001 ok.', textSha256: 'x',
        modelVersion: 'm1', fields, needsReview: false, extractionMs: 1.5, createdBy: 'test',
      });
      await repo.insertLinks(q, id, 'inspection', await repo.matchOrders(q, 'P100', ['4700000001'], ['HX-2210'], ['L23-119']));
    });
    const doc = await repo.findById('inspection', id, null);
    expect(doc).toMatchObject({ id, kind: 'inspection', fileName: 'a.txt', extraction: { modelVersion: 'm1', timingMs: 1.5, fields } });
    expect(doc?.links.map((l) => l.matchedBy).sort()).toEqual(['order_number', 'part_lot']);
    expect(await repo.findById('claim', id, null)).toBeUndefined();
    expect(await repo.findById('inspection', id, ['P200'])).toBeUndefined();
    expect((await repo.listForOrder(orders.a as string, 'inspection', 10)).map((d) => [d.id, d.matchedBy])).toEqual([[id, 'order_number']]);
    expect(await repo.listForOrder(orders.a as string, 'claim', 10)).toEqual([]);
    expect(await repo.orderPlant(orders.a as string, ['P200'])).toBeUndefined();
    expect(await repo.orderPlant(orders.a as string, null)).toBe('P100');
  });
});
