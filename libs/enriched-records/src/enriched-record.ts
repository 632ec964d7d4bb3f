import { normalizeLossType } from '@mw/extraction';
import type { OrderEventData, ProductionOrderDto } from '@mw/production-orders';
import type { DocumentEventData, EventField } from '@mw/quality-documents';

/** What one linked inspection report contributes to its orders' records. */
export interface InspectionSummary {
  documentId: string;
  matchedBy: string;
  createdAt: string;
  modelVersion: string;
  needsReview: boolean;
  defectTypes: string[];
  quantity?: number;
  sampleSize?: number;
  severity?: string;
  disposition?: string;
  defectLocation?: string;
  lotNumber?: string;
  partNumber?: string;
  inspector?: string;
  inspectionDate?: string;
}

/** What one linked claim contributes; `claimant` and `location` carry personal data. */
export interface ClaimSummary {
  documentId: string;
  matchedBy: string;
  createdAt: string;
  needsReview: boolean;
  claimNumber?: string;
  policyNumber?: string;
  amount?: unknown;
  lossType?: string;
  /** The loss_type's category (docs/extraction-taxonomy.md); read from the description for events sent before categories. */
  lossCategory?: string;
  incidentDate?: string;
  reportDate?: string;
  partNumber?: string;
  serialNumber?: string;
  lotNumber?: string;
  location?: string;
  claimant: { name?: string; nationalId?: string; phone?: string; email?: string };
}

/** Everything a plant system needs about one production order in one read. */
export interface EnrichedRecord {
  orderId: string;
  plant: string;
  orderNumber: string;
  status: string;
  material: ProductionOrderDto['material'];
  quantity: ProductionOrderDto['quantity'];
  scheduledStart: string;
  scheduledEnd: string;
  totals: ProductionOrderDto['totals'];
  orderVersion: number;
  inspections: {
    count: number;
    needsReview: number;
    defectsByType: Record<string, { reports: number; quantity: number }>;
    severities: Record<string, number>;
    dispositions: Record<string, number>;
    reports: InspectionSummary[];
  };
  claims: { count: number; byLossCategory: Record<string, number>; items: ClaimSummary[] };
  /** Increases with every change of this record; the ETag is its quoted value. */
  version: number;
  updatedAt: string;
}

/** Where personal data sits in a record, by the privacy lib's data classes; masking follows this map. */
export const RECORD_DATA_CLASSES = {
  'inspections.reports[*].inspector': 'person_name',
  'inspections.reports[*].defectLocation': 'free_text',
  'claims.items[*].claimant.name': 'person_name',
  'claims.items[*].claimant.nationalId': 'national_id',
  'claims.items[*].claimant.phone': 'phone',
  'claims.items[*].claimant.email': 'email',
  'claims.items[*].location': 'address',
} as const;

/** The first loss's category: carried by the event, or, in events sent before categories existed, read from its description. */
function lossCategoryOf(fields: EventField[]): string | undefined {
  const loss = fields.find((f) => f.name === 'loss_type');
  if (loss === undefined) return undefined;
  return loss.category ?? (typeof loss.value === 'string' ? normalizeLossType(loss.value) : undefined);
}

function first(fields: EventField[], name: string): unknown {
  return fields.find((f) => f.name === name)?.value;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { value?: unknown }).value === 'number') return (v as { value: number }).value;
  return undefined;
};

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function summarise(event: DocumentEventData, orderId: string): InspectionSummary | ClaimSummary {
  const link = event.links.find((l) => l.orderId === orderId);
  const f = event.fields;
  const common = { documentId: event.documentId, matchedBy: link?.matchedBy ?? 'unknown', createdAt: event.createdAt, needsReview: event.needsReview };
  if (event.kind === 'inspection') {
    return strip<InspectionSummary>({
      ...common,
      modelVersion: event.modelVersion,
      defectTypes: [...new Set(f.filter((x) => x.name === 'defect_type').map((x) => str(x.value)).filter((x): x is string => x !== undefined))],
      quantity: num(first(f, 'quantity')),
      sampleSize: num(first(f, 'sample_size')),
      severity: str(first(f, 'severity')),
      disposition: str(first(f, 'disposition')),
      defectLocation: str(first(f, 'defect_location')),
      lotNumber: str(first(f, 'lot_number')),
      partNumber: str(first(f, 'part_number')),
      inspector: str(first(f, 'inspector')),
      inspectionDate: str(first(f, 'inspection_date')),
    });
  }
  return strip<ClaimSummary>({
    ...common,
    claimNumber: str(first(f, 'claim_number')),
    policyNumber: str(first(f, 'policy_number')),
    amount: first(f, 'amount'),
    lossType: str(first(f, 'loss_type')),
    lossCategory: lossCategoryOf(f),
    incidentDate: str(first(f, 'incident_date')),
    reportDate: str(first(f, 'report_date')),
    partNumber: str(first(f, 'part_number')),
    serialNumber: str(first(f, 'serial_number')),
    lotNumber: str(first(f, 'lot_number')),
    location: str(first(f, 'location')),
    claimant: strip({
      name: str(first(f, 'claimant_name')),
      nationalId: str(first(f, 'national_id')),
      phone: str(first(f, 'phone')),
      email: str(first(f, 'email')),
    }),
  });
}

/** Builds the record from the order snapshot and the summaries of its linked documents (oldest first). */
export function buildRecord(
  order: OrderEventData['order'],
  documents: { kind: 'inspection' | 'claim'; summary: InspectionSummary | ClaimSummary }[],
  version: number,
  updatedAt: string,
): EnrichedRecord {
  const reports = documents.filter((d) => d.kind === 'inspection').map((d) => d.summary as InspectionSummary);
  const claims = documents.filter((d) => d.kind === 'claim').map((d) => d.summary as ClaimSummary);
  const defectsByType: Record<string, { reports: number; quantity: number }> = {};
  const severities: Record<string, number> = {};
  const dispositions: Record<string, number> = {};
  for (const r of reports) {
    for (const type of r.defectTypes) {
      const entry = (defectsByType[type] ??= { reports: 0, quantity: 0 });
      entry.reports++;
      entry.quantity += r.quantity ?? 0;
    }
    if (r.severity) severities[r.severity] = (severities[r.severity] ?? 0) + 1;
    if (r.disposition) dispositions[r.disposition] = (dispositions[r.disposition] ?? 0) + 1;
  }
  const byLossCategory: Record<string, number> = {};
  for (const c of claims) if (c.lossCategory) byLossCategory[c.lossCategory] = (byLossCategory[c.lossCategory] ?? 0) + 1;
  return {
    orderId: order.id,
    plant: order.plant,
    orderNumber: order.orderNumber,
    status: order.status,
    material: order.material,
    quantity: order.quantity,
    scheduledStart: order.scheduledStart,
    scheduledEnd: order.scheduledEnd,
    totals: order.totals,
    orderVersion: order.version,
    inspections: { count: reports.length, needsReview: reports.filter((r) => r.needsReview).length, defectsByType, severities, dispositions, reports },
    claims: { count: claims.length, byLossCategory, items: claims },
    version,
    updatedAt,
  };
}
