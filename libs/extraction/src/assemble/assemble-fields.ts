import { fieldsOf, type DocumentKind, type ExtractedField, type FieldName, type Language, type SpanSource } from '../schema/fields';
import { type ConfidenceCalibration, calibratedConfidence, outrankedSpans } from './confidence-calibration';
import { normalizeAmount } from '../normalize/amounts';
import { normalizeDate } from '../normalize/dates';
import { normalizeMeasurement, normalizeSpecLimit, type Measurement, type SpecLimit } from '../normalize/measurement';
import { normalizePhone } from '../normalize/phone';
import { isKnownDefect, normalizeDefectType, normalizeDisposition, normalizeLossType, normalizeSeverity } from '../normalize/taxonomy';
import { cleanText, normalizeCompactId, normalizeEmail, normalizeIdentifier, normalizeName } from '../normalize/text';
import { normalizeQuantity, type Quantity } from '../normalize/units';
import {
  VALID,
  validateAmount,
  validateDate,
  validateEmail,
  validateMeasurement,
  validateNationalId,
  validateNonEmpty,
  validatePhone,
  validateQuantity,
  validateSerialOrVin,
  type ValidationResult,
} from '../validate/validators';

/** A decoded span: label, offsets into the text, and the decoder's confidence in it. */
export interface ScoredSpan {
  label: string;
  start: number;
  end: number;
  confidence: number;
  /** The decoder's extra signals (DecodedSpan); absent on rule spans. */
  min?: number;
  edge?: number;
  /** Absent = the model. */
  source?: SpanSource;
}

export interface AssembleOptions {
  /** "Now" for future-date checks and the year of dates written without one. */
  now: Date;
  /** Fields whose final confidence is below this are flagged for review. Default 0.6 (for raw scores). */
  reviewThreshold?: number;
  /** Turns the decoder's scores into the probability that a field is exactly right; raw scores without it. */
  calibration?: ConfidenceCalibration;
  /** Document language; detected from the text (any CJK ideograph → zh) when absent. */
  lang?: Language;
  /** Year for dates written without one; defaults to the UTC year of `now`. */
  referenceYear?: number;
  /** Reading of ambiguous all-numeric dates in English documents (05/03/2026). Default day-first. */
  dateOrder?: 'dmy' | 'mdy';
  /** Currency for bare amounts; defaults to CNY for Chinese documents and none for English ones. */
  defaultCurrency?: string;
  /** Maximum characters between a spec_limit span and the measurement it qualifies. Default 80. */
  specLimitWindow?: number;
}

interface Normalised {
  value: unknown;
  check: ValidationResult;
}

const DATE_FIELDS = new Set<FieldName>(['inspection_date', 'incident_date', 'report_date']);
const IDENTIFIER_FIELDS = new Set<FieldName>(['order_number', 'part_number', 'lot_number', 'claim_number', 'policy_number']);
const TEXT_FIELDS = new Set<FieldName>(['line', 'station', 'defect_location', 'location', 'loss_type']);

function normaliseField(name: FieldName, raw: string, opts: Required<Pick<AssembleOptions, 'now' | 'lang'>> & AssembleOptions): Normalised {
  if (IDENTIFIER_FIELDS.has(name)) {
    const value = normalizeIdentifier(raw);
    return { value, check: validateNonEmpty(value) };
  }
  if (TEXT_FIELDS.has(name)) {
    const value = cleanText(raw);
    return { value, check: validateNonEmpty(value) };
  }
  if (DATE_FIELDS.has(name)) {
    const value = normalizeDate(raw, {
      now: opts.now,
      lang: opts.lang,
      ...(opts.referenceYear !== undefined ? { referenceYear: opts.referenceYear } : {}),
      ...(opts.dateOrder !== undefined ? { order: opts.dateOrder } : {}),
    });
    return { value, check: validateDate(value, opts.now) };
  }
  switch (name) {
    case 'serial_number': {
      const check = validateSerialOrVin(raw);
      const compact = normalizeCompactId(raw);
      return { value: compact.length === 17 && check.issue !== 'vin_format' ? compact : normalizeIdentifier(raw), check };
    }
    case 'national_id':
      return { value: normalizeCompactId(raw), check: validateNationalId(raw, opts.now) };
    case 'inspector':
    case 'claimant_name': {
      const value = normalizeName(raw);
      return { value, check: validateNonEmpty(value) };
    }
    case 'email': {
      const value = normalizeEmail(raw);
      return { value, check: validateEmail(value) };
    }
    case 'phone': {
      const phone = normalizePhone(raw);
      return { value: phone.value, check: validatePhone(phone) };
    }
    case 'amount': {
      const currency = opts.defaultCurrency ?? (opts.lang === 'zh' ? 'CNY' : undefined);
      const value = normalizeAmount(raw, currency !== undefined ? { defaultCurrency: currency } : {});
      return { value, check: validateAmount(value) };
    }
    case 'quantity':
    case 'sample_size': {
      const value = normalizeQuantity(raw);
      return { value, check: validateQuantity(value) };
    }
    case 'measurement': {
      const value = normalizeMeasurement(raw);
      return { value, check: validateMeasurement(value) };
    }
    case 'defect_type':
      // `other` is a legitimate value, but one the dictionary did not recognise deserves a second look.
      return {
        value: normalizeDefectType(raw),
        check: isKnownDefect(raw) ? VALID : { ok: true, confidenceFactor: 0.85, issue: 'defect_type_unlisted' },
      };
    case 'severity': {
      const value = normalizeSeverity(raw);
      return { value, check: value === null ? { ok: false, confidenceFactor: 0.5, issue: 'severity_unrecognised' } : VALID };
    }
    case 'disposition': {
      const value = normalizeDisposition(raw);
      return { value, check: value === null ? { ok: false, confidenceFactor: 0.5, issue: 'disposition_unrecognised' } : VALID };
    }
    default:
      return { value: cleanText(raw), check: VALID };
  }
}

function gap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, a.start - b.end, b.start - a.end);
}

function applySpec(m: Measurement, spec: SpecLimit): Measurement {
  const out: Measurement = { ...m };
  if (spec.lower !== undefined) out.lower = spec.lower;
  if (spec.upper !== undefined) out.upper = spec.upper;
  if (spec.tolerance !== undefined && spec.lower === undefined && spec.upper === undefined) out.tolerance = spec.tolerance;
  // "Ra 3.9" against "≤ 3.2 µm": the unit written once applies to both.
  if (out.unit === undefined && spec.unit !== undefined) out.unit = spec.unit;
  return out;
}

/** A document's language as extraction reads it: any CJK ideograph makes it Chinese. */
export function languageOf(text: string): Language {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}

/**
 * Turns decoded spans into the API's fields for one document kind: keeps the kind's labels,
 * normalises each value, runs the validators, folds every spec_limit into the nearest measurement
 * (same line preferred) and flags low-confidence or objected-to fields for review instead of
 * dropping them. Fields come back in document order.
 */
export function assembleFields(kind: DocumentKind, text: string, spans: readonly ScoredSpan[], options: AssembleOptions): ExtractedField[] {
  const opts = { ...options, lang: options.lang ?? languageOf(text) } as const;
  const threshold = options.reviewThreshold ?? 0.6;
  const window = options.specLimitWindow ?? 80;
  const allowed = new Set<string>(fieldsOf(kind));

  const fields: (ExtractedField & { factor: number })[] = [];
  const specs: { span: ScoredSpan; spec: SpecLimit | null }[] = [];
  const outranked = opts.calibration ? outrankedSpans(text, spans) : new Set<ScoredSpan>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.end <= span.start || span.start < 0 || span.end > text.length) continue;
    const raw = text.slice(span.start, span.end);
    if (span.label === 'spec_limit') {
      if (kind === 'inspection') specs.push({ span, spec: normalizeSpecLimit(raw) });
      continue;
    }
    if (!allowed.has(span.label)) continue;
    const name = span.label as FieldName;
    const { value, check } = normaliseField(name, raw, opts);
    fields.push({
      name,
      value,
      text: raw,
      start: span.start,
      end: span.end,
      confidence: opts.calibration ? calibratedConfidence(opts.calibration, span, opts.lang, outranked.has(span)) : span.confidence,
      source: span.source ?? 'model',
      factor: check.confidenceFactor,
      needsReview: false,
      ...(check.issue ? { issues: [check.issue] } : {}),
      // The description stays the value, as written; the category is what claims are sorted by.
      ...(name === 'loss_type' ? { category: normalizeLossType(raw) } : {}),
    });
  }

  const measurements = fields.filter((f) => f.name === 'measurement' && f.value !== null);
  for (const { span, spec } of specs) {
    if (spec === null) continue;
    let best: (typeof measurements)[number] | undefined;
    let bestScore = Infinity;
    for (const m of measurements) {
      const d = gap(span, m);
      if (d > window) continue;
      const between = text.slice(Math.min(span.end, m.end), Math.max(span.start, m.start));
      // A line break between them costs more than any in-line distance; a measurement before its spec wins ties.
      const score = d + (between.includes('\n') ? 1000 : 0) + (m.start > span.start ? 0.5 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = m;
      }
    }
    if (best) best.value = applySpec(best.value as Measurement, spec);
  }

  const quantities = fields.filter((f) => f.name === 'quantity');
  const samples = fields.filter((f) => f.name === 'sample_size');
  if (quantities.length === 1 && samples.length === 1) {
    const q = quantities[0]?.value as Quantity | null;
    const n = samples[0]?.value as Quantity | null;
    if (q && n && q.value > n.value && quantities[0]) {
      quantities[0].factor *= 0.7;
      quantities[0].issues = [...(quantities[0].issues ?? []), 'quantity_exceeds_sample_size'];
    }
  }

  return fields.map(({ factor, ...f }) => {
    const confidence = Math.round(Math.min(1, Math.max(0, f.confidence * factor)) * 1e4) / 1e4;
    return { ...f, confidence, needsReview: confidence < threshold || (f.issues?.length ?? 0) > 0 };
  });
}
