/**
 * One typed configuration object, built once at boot from the environment. A bad variable stops
 * start-up with a message naming it; secrets are wrapped so they never print.
 */
export class Secret {
  constructor(private readonly value: string) {}
  reveal(): string {
    return this.value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Role = 'api' | 'worker';

export interface AppConfig {
  roles: Role[];
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: { url?: Secret; poolSize: number; migrateOnStart: boolean; statementTimeoutMs: number };
  kafka: {
    brokers: string[];
    clientId: string;
    partitions: number;
    replicationFactor: number;
    consumerGroup: string;
    /** Prepended to every topic name (isolates environments sharing one cluster). */
    topicPrefix: string;
  };
  oauth: { issuer?: string; audience: string; jwksUri?: string; tokenTtlSeconds: number };
  bootstrapClient?: { id: string; secret: Secret };
  idempotency: { ttlHours: number; lockSeconds: number };
  http: { bodyLimitBytes: number; rateLimitPerMinute: number; corsOrigins: string[]; shutdownGraceMs: number };
  outbox: { pollIntervalMs: number; batchSize: number; retentionHours: number };
  consumers: { maxAttempts: number; retryBaseMs: number; partitionsAtOnce: number };
  extraction: {
    modelPath: string;
    maxBatch: number;
    maxDelayMs: number;
    maxQueue: number;
    threads: number;
    /** `int8`: weight MatMuls quantized when the model loads (libs/extraction/src/model/quantize.ts). */
    precision: 'fp32' | 'int8';
    maxTextChars: number;
    uploadLimitBytes: number;
    /** Fields below this confidence are flagged for review; absent = the model's calibration decides. */
    reviewThreshold?: number;
  };
  /** Reading uploaded PDFs, in worker threads off the event loop. */
  pdf: {
    /** Most threads reading PDFs at once (started on the first PDF, gone when idle). */
    threads: number;
    /** Longest one PDF may take to read before it is refused with 422. */
    timeoutMs: number;
    /** PDFs waiting for a thread beyond which uploads get 503. */
    maxQueue: number;
  };
  privacy: { policyFile: string; hmacKey?: Secret; encryptionKey?: Secret };
  metrics: { port?: number; token?: Secret };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  otel: { enabled: boolean; endpoint?: string; serviceName: string };
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback: string): string {
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  opt(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.opt(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name}: expected an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  }

  /** An optional fraction in [0, 1]: absent means "the component decides". */
  fraction(name: string): number | undefined {
    const raw = this.opt(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      this.problems.push(`${name}: expected a number between 0 and 1, got "${raw}"`);
      return undefined;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.opt(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name}: expected true or false, got "${raw}"`);
    return fallback;
  }

  list(name: string): string[] {
    const raw = this.opt(name);
    return raw === undefined ? [] : raw.split(',').map((s) => s.trim()).filter(Boolean);
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.opt(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name}: expected a ${protocols.join(' or ')} URL`);
      return undefined;
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.opt(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, defaultRoles: Role[] = ['api', 'worker']): AppConfig {
  const r = new Reader(env);
  const roles = r.list('MILLWRIGHT_ROLES');
  for (const role of roles) if (role !== 'api' && role !== 'worker') r.problems.push(`MILLWRIGHT_ROLES: unknown role "${role}"`);
  const port = r.int('PORT', 3000, 0, 65535);
  const host = r.str('HOST', '0.0.0.0');
  const brokers = r.list('KAFKA_BROKERS');
  for (const b of brokers) if (!/^[\w.-]+:\d+$/.test(b)) r.problems.push(`KAFKA_BROKERS: "${b}" is not host:port`);
  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const issuer = r.url('OAUTH_ISSUER', ['http:', 'https:']);
  const bootstrapId = r.opt('BOOTSTRAP_CLIENT_ID');
  const bootstrapSecret = r.opt('BOOTSTRAP_CLIENT_SECRET');
  if ((bootstrapId === undefined) !== (bootstrapSecret === undefined)) {
    r.problems.push('BOOTSTRAP_CLIENT_ID and BOOTSTRAP_CLIENT_SECRET: set both or neither');
  }
  if (bootstrapSecret !== undefined && bootstrapSecret.length < 12) {
    r.problems.push('BOOTSTRAP_CLIENT_SECRET: must be at least 12 characters');
  }
  const metricsToken = r.opt('METRICS_TOKEN');
  const hmacKey = r.opt('PRIVACY_HMAC_KEY');
  const encryptionKey = r.opt('PRIVACY_ENCRYPTION_KEY');
  const metricsPort = r.opt('METRICS_PORT') === undefined ? undefined : r.int('METRICS_PORT', 9464, 1, 65535);

  const config: AppConfig = {
    roles: roles.length > 0 ? (roles as Role[]) : defaultRoles,
    port,
    host,
    publicUrl: (r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir: r.str('DATA_DIR', './data'),
    database: {
      url: databaseUrl === undefined ? undefined : new Secret(databaseUrl),
      poolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
      migrateOnStart: r.bool('MIGRATE_ON_START', true),
      statementTimeoutMs: r.int('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    kafka: {
      brokers,
      clientId: r.str('KAFKA_CLIENT_ID', 'millwright'),
      partitions: r.int('KAFKA_TOPIC_PARTITIONS', 3, 1, 1000),
      replicationFactor: r.int('KAFKA_REPLICATION_FACTOR', 1, 1, 10),
      consumerGroup: r.str('KAFKA_CONSUMER_GROUP', 'millwright-worker'),
      topicPrefix: r.str('KAFKA_TOPIC_PREFIX', ''),
    },
    oauth: {
      issuer,
      audience: r.str('OAUTH_AUDIENCE', 'millwright-api'),
      jwksUri: r.url('OAUTH_JWKS_URI', ['http:', 'https:']),
      tokenTtlSeconds: r.int('OAUTH_TOKEN_TTL_SECONDS', 3600, 60, 86_400),
    },
    bootstrapClient:
      bootstrapId !== undefined && bootstrapSecret !== undefined
        ? { id: bootstrapId, secret: new Secret(bootstrapSecret) }
        : undefined,
    idempotency: {
      ttlHours: r.int('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
      lockSeconds: r.int('IDEMPOTENCY_LOCK_SECONDS', 30, 1, 3600),
    },
    http: {
      bodyLimitBytes: r.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
      rateLimitPerMinute: r.int('RATE_LIMIT_PER_MINUTE', 600_000, 1, 100_000_000),
      corsOrigins: r.list('CORS_ORIGINS'),
      shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 10_000, 0, 300_000),
    },
    outbox: {
      pollIntervalMs: r.int('OUTBOX_POLL_INTERVAL_MS', 50, 5, 60_000),
      batchSize: r.int('OUTBOX_BATCH_SIZE', 500, 1, 10_000),
      retentionHours: r.int('OUTBOX_RETENTION_HOURS', 72, 0, 24 * 365),
    },
    consumers: {
      maxAttempts: r.int('CONSUMER_MAX_ATTEMPTS', 5, 1, 100),
      retryBaseMs: r.int('CONSUMER_RETRY_BASE_MS', 200, 1, 60_000),
      partitionsAtOnce: r.int('CONSUMER_PARTITIONS_AT_ONCE', 3, 1, 1000),
    },
    extraction: {
      modelPath: r.str('EXTRACTION_MODEL_PATH', 'models/extractor.onnx'),
      maxBatch: r.int('EXTRACTION_MAX_BATCH', 32, 1, 1024),
      maxDelayMs: r.int('EXTRACTION_MAX_DELAY_MS', 2, 0, 1000),
      maxQueue: r.int('EXTRACTION_MAX_QUEUE', 2048, 1, 1_000_000),
      threads: r.int('EXTRACTION_THREADS', 1, 1, 64),
      precision: r.oneOf('EXTRACTION_PRECISION', ['fp32', 'int8'] as const, 'int8'),
      maxTextChars: r.int('EXTRACTION_MAX_TEXT_CHARS', 100_000, 100, 10_000_000),
      uploadLimitBytes: r.int('EXTRACTION_UPLOAD_LIMIT_BYTES', 10 * 1_048_576, 1024, 512 * 1_048_576),
      reviewThreshold: r.fraction('EXTRACTION_REVIEW_THRESHOLD'),
    },
    pdf: {
      threads: r.int('PDF_THREADS', 1, 1, 64),
      timeoutMs: r.int('PDF_TIMEOUT_MS', 10_000, 100, 600_000),
      maxQueue: r.int('PDF_MAX_QUEUE', 16, 0, 10_000),
    },
    privacy: {
      policyFile: r.str('PRIVACY_POLICY_FILE', 'config/privacy-policy.yaml'),
      hmacKey: hmacKey === undefined ? undefined : new Secret(hmacKey),
      encryptionKey: encryptionKey === undefined ? undefined : new Secret(encryptionKey),
    },
    metrics: { port: metricsPort, token: metricsToken === undefined ? undefined : new Secret(metricsToken) },
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    otel: {
      enabled: r.bool('OTEL_ENABLED', false),
      endpoint: r.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
      serviceName: r.str('OTEL_SERVICE_NAME', 'millwright'),
    },
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** Injection token for the typed config object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
