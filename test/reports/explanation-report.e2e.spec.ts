/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { chromium, Browser } from 'playwright-core';
import { ADMIN_CLIENT, createClient, createTestDatabase, fetchToken, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/**
 * The explanation report in a real browser (Debian's Chromium via playwright-core): every extracted
 * span highlighted with its field, the model version shown, personal data masked for the viewer
 * with the reason listed; the JSON form carries the same facts.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let db: TestDatabase;
let server: ServerProcess;
let browser: Browser;
let admin: string;
let claimId: string;
let inspectionId: string;
const nationalId = '11010519491231002X';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (the CI script does)`);
  db = await createTestDatabase();
  server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret });
  admin = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const post = async (path: string, text: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ plant: 'P100', text }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  claimId = await post('/v1/claims', `Claim no. CLM-2026-0042, policy PL-778812. Claimant: Wang Fang, ID no. ${nationalId}, phone 13812345678, email wang.fang@example.cn. Incident 2026-03-05 at Suzhou plant: housing cracked, part HX-2210, lot L23-118. Claimed amount ¥12,500.`);
  inspectionId = await post('/v1/inspection-reports', '批次B2310-07 3号线 发现气孔 12件 严重 判定报废 检验员：李明');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

async function open(path: string, token: string): Promise<import('playwright-core').Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const page = await context.newPage();
  const res = await page.goto(`${server.url}${path}`);
  expect(res?.status()).toBe(200);
  return page;
}

describe('explanation report', () => {
  it('highlights every extracted span with its field and shows the model version', async () => {
    const json = (await (await fetch(`${server.url}/v1/claims/${claimId}/report?format=json`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      model: { version: string };
      fields: { name: string; end: number; start: number }[];
    };
    const claims = await createClient(server.url, admin, { name: 'handler', scopes: ['claims:read'], plants: ['P100'], roles: ['claims_handler'], purposes: ['claims_processing'] });
    const token = await fetchToken(server.url, claims.client_id, claims.client_secret);
    const page = await open(`/v1/claims/${claimId}/report`, token);
    expect(await page.title()).toContain('Extraction report');
    const marks = page.locator('#document mark.span');
    const highlighted = await marks.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(highlighted.length).toBeGreaterThanOrEqual(6);
    for (const name of ['claim_number', 'claimant_name', 'phone', 'amount']) expect(highlighted).toContain(name);
    expect(await page.locator('[data-model-version]').textContent()).toBe(json.model.version);
    const rows = await page.locator('#fields tbody tr').count();
    expect(rows).toBe(json.fields.length);
    // Highlights are visible: a background colour and a non-zero box.
    const box = await marks.first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(0);
    const bg = await marks.first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: 'test/.tmp/claim-report.png', fullPage: true }).catch(() => undefined);
  });

  it('masks personal data for a viewer who may not see it and says why', async () => {
    const mes = await createClient(server.url, admin, { name: 'mes-reader', scopes: ['claims:read', 'inspections:read'], plants: ['P100'], roles: ['mes'], purposes: ['production'] });
    const token = await fetchToken(server.url, mes.client_id, mes.client_secret);
    const page = await open(`/v1/claims/${claimId}/report`, token);
    const html = await page.content();
    expect(html).not.toContain(nationalId);
    expect(html).not.toContain('13812345678');
    expect(html).not.toContain('wang.fang@example.cn');
    const reasons = await page.locator('#masked li').allTextContents();
    expect(reasons.join('\n')).toMatch(/role=mes purpose=production/);
    expect(await page.locator('#document mark[data-masked="true"]').count()).toBeGreaterThan(0);
    const json = await (await fetch(`${server.url}/v1/claims/${claimId}?`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(json).not.toContain(nationalId);
  });

  it('renders Chinese inspection reports', async () => {
    const qe = await createClient(server.url, admin, { name: 'qe', scopes: ['inspections:read'], plants: ['P100'], roles: ['quality_engineer'], purposes: ['quality_analysis'] });
    const page = await open(`/v1/inspection-reports/${inspectionId}/report`, await fetchToken(server.url, qe.client_id, qe.client_secret));
    const fields = await page.locator('#document mark.span').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(fields).toContain('lot_number');
    expect(fields).toContain('defect_type');
    expect(await page.locator('#document').textContent()).toContain('气孔');
  });

  it('escapes document text (no markup injection)', async () => {
    const res = await fetch(`${server.url}/v1/inspection-reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ plant: 'P100', text: 'lot L1-2 <script>window.pwned=1</script><img src=x onerror=alert(1)> 3 pcs dent' }),
    });
    const id = ((await res.json()) as { id: string }).id;
    const qe = await createClient(server.url, admin, { name: 'qe2', scopes: ['inspections:read'], plants: ['P100'], roles: ['quality_engineer'], purposes: ['quality_analysis'] });
    const page = await open(`/v1/inspection-reports/${id}/report`, await fetchToken(server.url, qe.client_id, qe.client_secret));
    expect(await page.locator('#document').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('#document img').count()).toBe(0);
  });
});
