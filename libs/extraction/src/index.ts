// Contract: field names per document kind, span labels, the API's field shape.
export { CLAIM_FIELDS, INSPECTION_FIELDS, SPAN_LABELS, fieldsOf, spanLabelsOf } from './schema/fields';
export type { ClaimField, DocumentKind, ExtractedField, FieldName, InspectionField, LabelledDocument, Language, Span, SpanLabel } from './schema/fields';

// Decoding, assembly, normalisers and validators.
export { decodeSpans, viterbiPath } from './decode/viterbi';
export type { DecodedSpan, ViterbiOptions } from './decode/viterbi';
export { assembleFields, languageOf } from './assemble/assemble-fields';
export type { AssembleOptions, ScoredSpan } from './assemble/assemble-fields';
export { normalizeAmount } from './normalize/amounts';
export type { AmountOptions, MonetaryAmount } from './normalize/amounts';
export { isFutureDate, normalizeDate } from './normalize/dates';
export type { DateOptions } from './normalize/dates';
export { normalizeMeasurement, normalizeSpecLimit } from './normalize/measurement';
export type { Measurement, SpecLimit } from './normalize/measurement';
export { parseAnyNumber, parseChineseNumeral, parseNumber } from './normalize/numbers';
export { normalizePhone } from './normalize/phone';
export type { PhoneKind, PhoneNumber } from './normalize/phone';
export { DEFECT_TYPES, DISPOSITIONS, LOSS_CATEGORIES, SEVERITIES, isKnownDefect, normalizeDefectType, normalizeDisposition, normalizeLossType, normalizeSeverity } from './normalize/taxonomy';
export type { DefectType, Disposition, LossCategory, Severity } from './normalize/taxonomy';
export { canonicalValue } from './normalize/canonical-value';
export { cleanText, normalizeCompactId, normalizeEmail, normalizeIdentifier, normalizeName, toHalfWidth } from './normalize/text';
export { normalizeQuantity, unitToRec20 } from './normalize/units';
export type { Quantity } from './normalize/units';
export {
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
} from './validate/validators';
export type { ValidationIssue, ValidationResult } from './validate/validators';

// The model's input side (featurizer and tag list), for tools that run the ONNX file directly.
export { FEATURE_VERSION, SLOT_COUNT, featurize, packBatch } from './model/features';
export { TAGS } from './model/tags';

// The regex/dictionary baseline.
export { extractBaseline } from './baseline/regex-extractor';

// The inference runtime.
export { ExtractionModule, inferenceSettingsFrom } from './extraction.module';
export { InferenceService } from './inference/inference.service';
export type { BatchListener, ExtractionResult, InferenceSettings, ModelState } from './inference/inference.service';
export { MicroBatcher, QueueFullError } from './inference/micro-batcher';
export type { BatcherHooks, BatcherOptions, BatchRunner } from './inference/micro-batcher';
export { DEFAULT_WINDOWS, splitWindows, stitchSpans, windowsFor } from './inference/windows';
export { RUN_POSITIONS, runBudget, runChunks } from './inference/run-chunks';
export { createModelSession } from './model/onnx-tagger';
export { quantizeWeights, SERVING_PRECISION } from './model/quantize';
export type { ModelPrecision } from './model/quantize';
export type { TextWindow, WindowOptions } from './inference/windows';
export { readModelManifest } from './inference/model-manifest';
export type { ModelManifest } from './inference/model-manifest';
export { writeRandomModel } from './inference/random-model';
export { type CombinableSpan, combineSpans, RULE_CONFIDENCE, servedSpans } from './ensemble/combine-spans';
export { FIELD_SOURCES } from './ensemble/field-sources';
