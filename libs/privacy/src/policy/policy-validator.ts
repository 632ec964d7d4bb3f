import { DATA_CLASSES, PURPOSES, ROLES, isDataClass, isPurpose, isRole } from '../data-classes';
import { OPERATORS, type OperatorSpec } from '../operators';
import { PolicyError } from './policy-error';
import type { PolicyRule, PrivacyPolicy } from './policy.types';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const MAX_KEEP_LAST = 64;
const DEFAULT_MIN_SCORE = 0.5;

/**
 * Validates an already-parsed policy document and returns the typed policy, or throws a PolicyError
 * that lists every problem found (not just the first), each prefixed with its path.
 */
export function validatePolicy(doc: unknown, source = '<inline>'): PrivacyPolicy {
  const issues: string[] = [];
  const policy = readPolicy(doc, issues);
  if (issues.length > 0 || !policy) throw new PolicyError(source, issues);
  return policy;
}

function readPolicy(doc: unknown, issues: string[]): PrivacyPolicy | null {
  if (!isPlainObject(doc)) {
    issues.push('(root): expected a mapping with version, keys and rules');
    return null;
  }
  checkKnownKeys(doc, ['version', 'keys', 'detection', 'rules'], '', issues);

  if (doc['version'] !== 1) issues.push(`version: expected 1, got ${show(doc['version'])}`);

  const keys = readKeys(doc['keys'], issues);
  const minScore = readDetection(doc['detection'], issues);

  const rulesRaw = doc['rules'];
  const rules: PolicyRule[] = [];
  if (!Array.isArray(rulesRaw) || rulesRaw.length === 0) {
    issues.push('rules: expected a non-empty list of {role, purpose, classes}');
  } else {
    const seen = new Map<string, number>();
    rulesRaw.forEach((raw, i) => {
      const rule = readRule(raw, `rules[${i}]`, issues);
      if (!rule) return;
      const id = `${rule.role}/${rule.purpose}`;
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push(`rules[${i}]: duplicate rule for role=${rule.role} purpose=${rule.purpose} (first at rules[${first}])`);
      } else {
        seen.set(id, i);
      }
      rules.push(rule);
    });
  }

  if (!keys) return null;
  return { version: 1, keys, detection: { minScore }, rules };
}

function readKeys(raw: unknown, issues: string[]): PrivacyPolicy['keys'] | null {
  if (raw === undefined) return { hmacKeyEnv: 'PRIVACY_HMAC_KEY', encryptionKeyEnv: 'PRIVACY_ENCRYPTION_KEY' };
  if (!isPlainObject(raw)) {
    issues.push('keys: expected a mapping {hmacKeyEnv, encryptionKeyEnv}');
    return null;
  }
  checkKnownKeys(raw, ['hmacKeyEnv', 'encryptionKeyEnv'], 'keys', issues);
  const out = { hmacKeyEnv: 'PRIVACY_HMAC_KEY', encryptionKeyEnv: 'PRIVACY_ENCRYPTION_KEY' };
  for (const field of ['hmacKeyEnv', 'encryptionKeyEnv'] as const) {
    const v = raw[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !ENV_NAME.test(v)) {
      issues.push(`keys.${field}: expected an environment variable name like PRIVACY_HMAC_KEY, got ${show(v)}`);
    } else {
      out[field] = v;
    }
  }
  return out;
}

function readDetection(raw: unknown, issues: string[]): number {
  if (raw === undefined) return DEFAULT_MIN_SCORE;
  if (!isPlainObject(raw)) {
    issues.push('detection: expected a mapping {minScore}');
    return DEFAULT_MIN_SCORE;
  }
  checkKnownKeys(raw, ['minScore'], 'detection', issues);
  const v = raw['minScore'];
  if (v === undefined) return DEFAULT_MIN_SCORE;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    issues.push(`detection.minScore: expected a number between 0 and 1, got ${show(v)}`);
    return DEFAULT_MIN_SCORE;
  }
  return v;
}

function readRule(raw: unknown, path: string, issues: string[]): PolicyRule | null {
  if (!isPlainObject(raw)) {
    issues.push(`${path}: expected a mapping {role, purpose, classes}`);
    return null;
  }
  checkKnownKeys(raw, ['role', 'purpose', 'classes'], path, issues);
  let ok = true;
  const role = raw['role'];
  if (!isRole(role)) {
    issues.push(`${path}.role: unknown role ${show(role)}${suggest(role, ROLES)} (known: ${ROLES.join(', ')})`);
    ok = false;
  }
  const purpose = raw['purpose'];
  if (!isPurpose(purpose)) {
    issues.push(`${path}.purpose: unknown purpose ${show(purpose)}${suggest(purpose, PURPOSES)} (known: ${PURPOSES.join(', ')})`);
    ok = false;
  }
  const classesRaw = raw['classes'];
  const classes: PolicyRule['classes'] = {};
  if (!isPlainObject(classesRaw)) {
    issues.push(`${path}.classes: expected a mapping of data class to {op: ...}`);
    ok = false;
  } else {
    for (const [cls, specRaw] of Object.entries(classesRaw)) {
      const clsPath = `${path}.classes.${cls}`;
      if (!isDataClass(cls)) {
        issues.push(`${clsPath}: unknown data class "${cls}"${suggest(cls, DATA_CLASSES)} (known: ${DATA_CLASSES.join(', ')})`);
        ok = false;
        continue;
      }
      const spec = readOperator(specRaw, clsPath, cls === 'free_text', issues);
      if (spec) classes[cls] = spec;
      else ok = false;
    }
  }
  return ok && isRole(role) && isPurpose(purpose) ? { role, purpose, classes } : null;
}

function readOperator(raw: unknown, path: string, allowDetect: boolean, issues: string[]): OperatorSpec | null {
  // `phone: deny` is a natural shorthand; accept it for parameterless operators.
  const obj = typeof raw === 'string' ? { op: raw } : raw;
  if (!isPlainObject(obj)) {
    issues.push(`${path}: expected {op: <operator>}, got ${show(raw)}`);
    return null;
  }
  const op = obj['op'];
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    issues.push(`${path}.op: unknown operator ${show(op)}${suggest(op, OPERATORS)} (known: ${OPERATORS.join(', ')})`);
    return null;
  }
  const before = issues.length;
  switch (op) {
    case 'mask': {
      checkKnownKeys(obj, ['op', 'keepLast', 'maskChar'], path, issues);
      const keepLast = obj['keepLast'];
      if (!Number.isInteger(keepLast) || (keepLast as number) < 0 || (keepLast as number) > MAX_KEEP_LAST) {
        issues.push(`${path}.keepLast: mask needs an integer keepLast between 0 and ${MAX_KEEP_LAST}, got ${show(keepLast)}`);
      }
      const maskChar = obj['maskChar'];
      if (maskChar !== undefined && (typeof maskChar !== 'string' || Array.from(maskChar).length !== 1)) {
        issues.push(`${path}.maskChar: expected a single character, got ${show(maskChar)}`);
      }
      if (issues.length > before) return null;
      return maskChar === undefined
        ? { op: 'mask', keepLast: keepLast as number }
        : { op: 'mask', keepLast: keepLast as number, maskChar: maskChar as string };
    }
    case 'replace': {
      checkKnownKeys(obj, ['op', 'value'], path, issues);
      const value = obj['value'];
      if (value !== undefined && typeof value !== 'string') {
        issues.push(`${path}.value: expected a string, got ${show(value)}`);
      }
      if (issues.length > before) return null;
      return value === undefined ? { op: 'replace' } : { op: 'replace', value: value as string };
    }
    case 'detect':
      checkKnownKeys(obj, ['op'], path, issues);
      if (!allowDetect) {
        issues.push(`${path}.op: "detect" is only valid for free_text`);
        return null;
      }
      return issues.length > before ? null : { op: 'detect' };
    case 'show':
    case 'redact':
    case 'hash':
    case 'encrypt':
    case 'deny':
      checkKnownKeys(obj, ['op'], path, issues);
      return issues.length > before ? null : { op };
    default:
      return null;
  }
}

function checkKnownKeys(obj: Record<string, unknown>, known: readonly string[], path: string, issues: string[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      const where = path ? `${path}.${key}` : key;
      issues.push(`${where}: unknown field${suggest(key, known)} (allowed: ${known.join(', ')})`);
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  return JSON.stringify(v) ?? String(v);
}

/** `; did you mean "mask"?` when the typo is close to a known word. */
function suggest(value: unknown, known: readonly string[]): string {
  if (typeof value !== 'string') return '';
  let best: string | null = null;
  let bestDist = Infinity;
  for (const k of known) {
    const d = editDistance(value.toLowerCase(), k.toLowerCase());
    if (d < bestDist) {
      best = k;
      bestDist = d;
    }
  }
  return best !== null && bestDist > 0 && bestDist <= 2 ? `; did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
