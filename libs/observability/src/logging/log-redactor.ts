import { Masker, loadPolicyFile } from '@mw/privacy';

/** Field names whose values never reach a log line, wherever they sit in the logged object. */
export const SECRET_KEYS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'password',
  'passphrase',
  'secret',
  'client_secret',
  'clientSecret',
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'id_token',
  'api_key',
  'apiKey',
  'x-api-key',
];
const SECRET_KEY_SET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));
export const REDACTED = '[redacted]';

/** Credentials inside free text: bearer/basic values, JWTs, `client_secret=...` in a form body or URL. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(client_secret|password|access_token|refresh_token|token|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, `$1$2${REDACTED}`],
];

const MAX_DEPTH = 8;
const CACHE_LIMIT = 4000;
const CACHEABLE_LENGTH = 200;

/**
 * The one place log content is cleaned: credentials by field name and by pattern, then personal
 * data (national ids, phones, emails, bank accounts, names, addresses) through the privacy lib's
 * redactForLogs. Its detector costs ~0.1 ms a string, so short strings (messages, routes, methods,
 * which repeat endlessly) are remembered; a cached original stays in this process' memory only.
 */
export class LogRedactor {
  private readonly cache = new Map<string, string>();

  constructor(private readonly masker: Pick<Masker, 'redactForLogs'>) {}

  static fromPolicyFile(file: string): LogRedactor {
    // Log redaction uses detection only, never the keyed operators, so the keys are not needed here.
    const masker = new Masker(loadPolicyFile(file), { hmacKey: Buffer.alloc(32), encryptionKey: Buffer.alloc(32) });
    return new LogRedactor(masker);
  }

  text(value: string): string {
    if (value.length < 3) return value;
    const cacheable = value.length <= CACHEABLE_LENGTH;
    if (cacheable) {
      const hit = this.cache.get(value);
      if (hit !== undefined) return hit;
    }
    let out = value;
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    out = this.masker.redactForLogs(out);
    if (cacheable) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(value, out);
    }
    return out;
  }

  /** A redacted deep copy: secret-named fields censored, every string cleaned, errors flattened. */
  value(input: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (depth > MAX_DEPTH) return '[depth limit]';
    if (seen.has(input)) return '[circular]';
    seen.add(input);
    if (input instanceof Error) {
      const err: Record<string, unknown> = { type: input.name, message: this.text(input.message) };
      if (input.stack) err['stack'] = this.text(input.stack);
      const code = (input as { code?: unknown }).code;
      if (typeof code === 'string' || typeof code === 'number') err['code'] = code;
      if (input.cause !== undefined) err['cause'] = this.value(input.cause, depth + 1, seen);
      return err;
    }
    if (input instanceof Date) return input.toISOString();
    if (Buffer.isBuffer(input)) return `[${input.length} bytes]`;
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1, seen));
    // Secret (config) and similar wrappers decide their own printed form.
    const toJSON = (input as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return this.value(toJSON.call(input), depth + 1, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      out[k] = SECRET_KEY_SET.has(k.toLowerCase()) ? REDACTED : this.value(v, depth + 1, seen);
    }
    return out;
  }
}
