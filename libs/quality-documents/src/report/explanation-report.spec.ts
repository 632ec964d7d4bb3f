import type { QualityDocumentDto } from '../documents/dto/quality-document.response';
import type { DocumentView } from './document-view';
import { explain, renderReportHtml } from './explanation-report';

const text = 'Lot L23-118: 5 pcs <scratched>, rework.';
const field = (name: string, s: string, source: 'model' | 'review', value: unknown = s) => ({
  name,
  value,
  text: s,
  start: text.indexOf(s),
  end: text.indexOf(s) + s.length,
  confidence: source === 'review' ? 1 : 0.5,
  source,
  needsReview: source === 'model',
});

function view(review: QualityDocumentDto['review']): DocumentView {
  const document = {
    id: '01a2249f-95fb-7000-b05b-a58411cf442a',
    kind: 'inspection',
    plant: 'P100',
    mediaType: 'application/json',
    byteSize: text.length,
    text,
    extraction: { modelVersion: 'm-1', timingMs: 3, needsReview: true, fields: [field('lot_number', 'L23-118', 'model')] },
    links: [],
    review,
    possibleDuplicates: [],
    createdAt: '2026-11-30T00:00:00Z',
  } as QualityDocumentDto;
  return { document, viewer: { role: null, purpose: null }, masked: [], textShown: true, fieldMasks: [undefined] };
}

describe('explanation report', () => {
  it('says a flagged document waits for review', () => {
    const html = renderReportHtml(explain(view({ status: 'pending', revision: 0 })));
    expect(html).toContain('<p id="review" data-status="pending">Waiting for review');
  });

  it('shows the review beside the extraction: who, when, what changed, the reviewed fields escaped', () => {
    const report = explain(
      view({
        status: 'reviewed',
        revision: 2,
        fields: [field('lot_number', 'L23-118', 'review'), field('defect_type', '<scratched>', 'review', 'scratch')],
        changes: { confirmed: 1, corrected: 0, added: 1, removed: 0 },
        note: 'Checked <on site>',
        reviewedBy: 'qe-1',
        reviewedAt: '2026-11-30T10:00:00.000Z',
      }),
    );
    expect(report.review.revision).toBe(2);
    const html = renderReportHtml(report);
    expect(html).toContain('data-status="reviewed" data-revision="2"');
    expect(html).toContain('by <b>qe-1</b> at 2026-11-30T10:00:00.000Z · model fields confirmed 1, corrected 0, removed 0; added 1');
    expect(html).toContain('<p>Checked &lt;on site&gt;</p>');
    expect(html).toContain('<tr data-field="defect_type"><td>defect_type</td><td><code>scratch</code></td><td>&lt;scratched&gt;</td></tr>');
    expect(html).not.toContain('<scratched>');
  });
});
