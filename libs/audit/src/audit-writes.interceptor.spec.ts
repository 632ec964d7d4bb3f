import { describeWrite, outcomeOf } from './audit-writes.interceptor';

describe('describeWrite', () => {
  const id = '0193a000-0000-7000-8000-0000000000aa';

  it.each([
    ['POST', '/v1/production-orders', '/v1/production-orders', `/v1/production-orders/${id}`, 'production-order.create', `production-orders/${id}`],
    ['POST', '/v1/production-orders', '/v1/production-orders', undefined, 'production-order.create', 'production-orders'],
    ['PATCH', '/v1/production-orders/:id', `/v1/production-orders/${id}`, undefined, 'production-order.update', `production-orders/${id}`],
    ['POST', '/v1/production-orders/:id/release', `/v1/production-orders/${id}/release`, undefined, 'production-order.release', `production-orders/${id}`],
    ['POST', '/v1/production-orders/:id/confirmations', `/v1/production-orders/${id}/confirmations`, `/v1/production-orders/${id}/confirmations/c1`, 'production-order.confirmation.create', `production-orders/${id}/confirmations/c1`],
    ['POST', '/v1/admin/clients/:clientId/rotate-secret', '/v1/admin/clients/abc/rotate-secret', undefined, 'admin.client.rotate-secret', 'admin/clients/abc'],
    ['DELETE', '/v1/enriched-records/:id', '/v1/enriched-records/r1', undefined, 'enriched-record.delete', 'enriched-records/r1'],
  ])('%s %s', (method, route, url, location, action, resource) => {
    expect(describeWrite(method, route, url, location)).toEqual({ action, resource });
  });
});

describe('outcomeOf', () => {
  it.each([
    [200, 'success'],
    [201, 'success'],
    [304, 'success'],
    [400, 'error'],
    [401, 'denied'],
    [403, 'denied'],
    [404, 'error'],
    [409, 'error'],
    [500, 'error'],
  ])('%i is %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});
