import { ConfigError } from '@mw/config';

export interface AuditSettings {
  /** AUDIT_ENABLED (default true). Off turns every append into a no-op: for benchmarks, never production. */
  enabled: boolean;
  /** AUDIT_ANCHOR_INTERVAL_MS (default 60000, 0 = off): how often the head is logged as an anchor when it moved. */
  anchorIntervalMs: number;
  /** AUDIT_SEAL_INTERVAL_MS (default 250, 0 = no sealer in this process): how often pending entries are chained. */
  sealIntervalMs: number;
}

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');

/**
 * Read from the environment here because the shared AppConfig has no audit section yet; same
 * contract as loadConfig: a bad value stops start-up naming the variable.
 */
export function auditSettings(env: Record<string, string | undefined> = process.env): AuditSettings {
  const problems: string[] = [];
  const rawEnabled = env.AUDIT_ENABLED?.trim() ?? '';
  let enabled = true;
  if (/^(0|false|no|off)$/i.test(rawEnabled)) enabled = false;
  else if (rawEnabled !== '' && !/^(1|true|yes|on)$/i.test(rawEnabled)) problems.push(`AUDIT_ENABLED: expected true or false, got "${rawEnabled}"`);
  const int = (name: string, fallback: number, max: number): number => {
    const raw = env[name]?.trim() ?? '';
    if (raw === '') return fallback;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0 && n <= max) return n;
    problems.push(`${name}: expected an integer between 0 and ${max}, got "${raw}"`);
    return fallback;
  };
  const anchorIntervalMs = int('AUDIT_ANCHOR_INTERVAL_MS', 60_000, 86_400_000);
  const sealIntervalMs = int('AUDIT_SEAL_INTERVAL_MS', 250, 60_000);
  if (problems.length > 0) throw new ConfigError(problems);
  return { enabled, anchorIntervalMs, sealIntervalMs };
}
