import { randomBytes } from 'node:crypto';

let counter = 0;

/** A valid production order body; override any field. Order numbers are unique per call. */
export function productionOrderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    orderNumber: `47${Date.now().toString().slice(-6)}${String(counter).padStart(4, '0')}${randomBytes(1).toString('hex')}`,
    plant: 'P100',
    material: { code: 'HX-2210', description: 'Pump housing', revision: 'B' },
    quantity: { value: 500, unit: 'PCE' },
    scheduledStart: '2026-12-01T06:00:00Z',
    scheduledEnd: '2026-12-03T18:00:00Z',
    priority: 3,
    operations: [
      { sequence: 10, workCenter: 'CNC-01', description: 'Rough milling', setupMinutes: 30, runMinutes: 240 },
      { sequence: 20, workCenter: 'CNC-02', description: 'Finish milling', setupMinutes: 15, runMinutes: 120 },
    ],
    components: [{ material: 'AL-6061-BAR', quantity: { value: 250, unit: 'KGM' } }],
    attributes: { customerOrder: 'SO-88812' },
    ...overrides,
  };
}
