import type { ExtractedField } from '@mw/extraction';
import type { DocumentReviewDto } from '../review/dto/review.response';
import type { DocumentView } from './document-view';

/** The explanation of one extraction, as JSON: what the HTML page shows. */
export interface ExplanationReport {
  document: { id: string; kind: string; plant: string; source?: string; createdAt?: string; mediaType: string };
  model: { version: string; timingMs: number };
  viewer: { role: string | null; purpose: string | null };
  text: string;
  textShown: boolean;
  fields: (Omit<ExtractedField, 'name'> & { name: string; masked?: { op: string; reason: string } })[];
  masked: { dataClass: string; source: string; op: string; reason: string; shown: string }[];
  links: unknown[];
  /** Where the document stands in review; a review's fields are what a person said the document has. */
  review: DocumentReviewDto;
}

export function explain(view: DocumentView): ExplanationReport {
  const d = view.document;
  return {
    document: { id: d.id, kind: d.kind, plant: d.plant, source: d.source, createdAt: (d as { createdAt?: string }).createdAt, mediaType: d.mediaType },
    model: { version: d.extraction.modelVersion, timingMs: d.extraction.timingMs },
    viewer: { role: view.viewer.role, purpose: view.viewer.purpose },
    text: d.text,
    textShown: view.textShown,
    fields: d.extraction.fields.map((f, i) => ({
      name: f.name,
      value: f.value,
      text: f.text,
      start: f.start,
      end: f.end,
      confidence: f.confidence,
      // Extractions stored before the source was recorded have none.
      source: f.source,
      needsReview: f.needsReview,
      ...(f.issues ? { issues: f.issues } : {}),
      ...(f.category ? { category: f.category } : {}),
      ...(view.fieldMasks[i] ? { masked: view.fieldMasks[i] } : {}),
    })),
    masked: view.masked.map(({ dataClass, source, op, reason, shown }) => ({ dataClass, source, op, reason, shown })),
    links: (d as { links?: unknown[] }).links ?? [],
    review: d.review,
  };
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function hue(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A self-contained HTML page (no scripts, inline styles only, everything escaped). */
export function renderReportHtml(r: ExplanationReport): string {
  const fields = [...r.fields].filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
  let body = '';
  let cursor = 0;
  for (const f of fields) {
    if (f.start < cursor) continue; // overlapping spans: the first one wins the highlight
    body += esc(r.text.slice(cursor, f.start));
    const title = `${f.name} = ${show(f.value)} (confidence ${f.confidence.toFixed(2)})${f.masked ? `; masked: ${f.masked.op}` : ''}`;
    body += `<mark class="span" data-field="${esc(f.name)}" data-confidence="${f.confidence.toFixed(3)}"${f.masked ? ' data-masked="true"' : ''}${
      f.needsReview ? ' data-review="true"' : ''
    } style="background:hsl(${hue(f.name)} 85% 82%)" title="${esc(title)}">${esc(r.text.slice(f.start, f.end))}<sub>${esc(f.name)}</sub></mark>`;
    cursor = f.end;
  }
  body += esc(r.text.slice(cursor));
  const rows = r.fields
    .map(
      (f) => `<tr data-field="${esc(f.name)}"${f.needsReview ? ' class="review"' : ''}>
  <td><span class="swatch" style="background:hsl(${hue(f.name)} 85% 82%)"></span>${esc(f.name)}</td>
  <td><code>${esc(show(f.value))}</code>${f.category ? ` <small>(${esc(f.category)})</small>` : ''}</td>
  <td>${esc(f.text)}</td>
  <td class="num">${f.confidence.toFixed(2)}</td>
  <td>${esc(f.source ?? '')}</td>
  <td>${f.needsReview ? `review${f.issues?.length ? `: ${esc(f.issues.join(', '))}` : ''}` : ''}</td>
  <td>${f.masked ? `${esc(f.masked.op)}<br><small>${esc(f.masked.reason)}</small>` : ''}</td>
</tr>`,
    )
    .join('\n');
  const review = r.review;
  const reviewRows = (review.fields ?? [])
    .map((f) => `<tr data-field="${esc(f.name)}"><td>${esc(f.name)}</td><td><code>${esc(show(f.value))}</code></td><td>${esc(f.text)}</td></tr>`)
    .join('\n');
  const reviewSection =
    review.status !== 'reviewed'
      ? `<p id="review" data-status="${esc(review.status)}">${review.status === 'pending' ? 'Waiting for review: a field is flagged.' : 'No field was flagged; nobody has reviewed it.'}</p>`
      : `<div id="review" data-status="reviewed" data-revision="${review.revision}">
<p class="meta">Revision <b>${review.revision}</b>, by <b>${esc(review.reviewedBy ?? '')}</b> at ${esc(review.reviewedAt ?? '')}${
          review.changes
            ? ` · model fields confirmed ${review.changes.confirmed}, corrected ${review.changes.corrected}, removed ${review.changes.removed}; added ${review.changes.added}`
            : ''
        }</p>
${review.note ? `<p>${esc(review.note)}</p>` : ''}
<table id="reviewed-fields"><thead><tr><th>field</th><th>normalised value</th><th>as written</th></tr></thead><tbody>
${reviewRows}
</tbody></table>
</div>`;
  const maskedRows = r.masked.length
    ? r.masked
        .map((m) => `<li data-class="${esc(m.dataClass)}"><b>${esc(m.dataClass)}</b> (${esc(m.source)}): <code>${esc(m.op)}</code> — ${esc(m.reason)}</li>`)
        .join('\n')
    : '<li>Nothing was masked for this viewer.</li>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Extraction report — ${esc(r.document.kind)} ${esc(r.document.id)}</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1d232a; }
  h1 { font-size: 1.4rem; margin-bottom: .2rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  .meta { color: #555; } .meta b { color: #1d232a; }
  .doc { white-space: pre-wrap; border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem; background: #fbfbfc; font-size: 1rem; }
  mark.span { border-radius: 3px; padding: 0 2px; } mark.span sub { font-size: .65em; color: #444; margin-left: 2px; }
  mark[data-masked] { outline: 1px dashed #b00; } mark[data-review] { border-bottom: 2px solid #d97706; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.review td { background: #fff7ed; }
  .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em; vertical-align: -1px; }
  code { font-size: .9em; } small { color: #666; }
</style>
</head>
<body>
<h1>Extraction report: ${esc(r.document.kind === 'claim' ? 'claim document' : 'inspection report')}</h1>
<p class="meta">Document <b>${esc(r.document.id)}</b> · plant <b>${esc(r.document.plant)}</b>${r.document.source ? ` · source ${esc(r.document.source)}` : ''} · model <b data-model-version>${esc(r.model.version)}</b> · ${r.model.timingMs.toFixed(1)} ms · viewed as role <b>${esc(r.viewer.role ?? 'none')}</b>, purpose <b>${esc(r.viewer.purpose ?? 'none')}</b></p>
<h2>Document</h2>
${r.textShown ? `<div class="doc" id="document">${body}</div>` : '<p id="document">The document text is not shown to this viewer (policy for free text).</p>'}
<h2>Fields</h2>
<table id="fields">
<thead><tr><th>field</th><th>normalised value</th><th>as written</th><th>confidence</th><th>source</th><th>review</th><th>masking</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Review</h2>
${reviewSection}
<h2>Personal data: what this viewer sees, and why</h2>
<ul id="masked">
${maskedRows}
</ul>
</body>
</html>
`;
}
