import type { Scope } from '@mw/auth';
import type { DocumentKind } from '@mw/extraction';

/** How one document kind appears in the API. The per-kind controllers (documents, reviews) are built from it. */
export interface DocumentRoute {
  kind: DocumentKind;
  /** Under /v1, and the OpenAPI tag. */
  path: string;
  read: Scope;
  write: Scope;
  /** Operation id stems: create/get/review + `one`, list + `many`. */
  names: { one: string; many: string };
  /** The kind in summaries: 'an inspection report' / 'inspection reports'. */
  words: { one: string; many: string };
  /** Audit action of a read that shows the document. */
  readAction: string;
}

export const INSPECTION_REPORTS: DocumentRoute = {
  kind: 'inspection',
  path: 'inspection-reports',
  read: 'inspections:read',
  write: 'inspections:write',
  names: { one: 'InspectionReport', many: 'InspectionReports' },
  words: { one: 'an inspection report', many: 'inspection reports' },
  readAction: 'inspection-report.read',
};

export const CLAIMS: DocumentRoute = {
  kind: 'claim',
  path: 'claims',
  read: 'claims:read',
  write: 'claims:write',
  names: { one: 'Claim', many: 'Claims' },
  words: { one: 'a claim document', many: 'claim documents' },
  readAction: 'claim.read',
};
