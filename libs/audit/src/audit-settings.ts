import { ConfigError } from '@mw/config';

export interface AuditSettings {
  /** AUDIT_ENABLED (default true). Off turns every append into a no-op: for benchmarks, never production. */
  enabled: boolean;
  /** AUDIT_ANCHOR_INTERVAL_MS (default 60000, 0 = off): how often the head is logged as an anchor when it moved. */
  anchorIntervalMs: number;
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
  const rawInterval = env.AUDIT_ANCHOR_INTERVAL_MS?.trim() ?? '';
  let anchorIntervalMs = 60_000;
  if (rawInterval !== '') {
    const n = Number(rawInterval);
    if (!Number.isInteger(n) || n < 0 || n > 86_400_000) problems.push(`AUDIT_ANCHOR_INTERVAL_MS: expected an integer between 0 and 86400000, got "${rawInterval}"`);
    else anchorIntervalMs = n;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { enabled, anchorIntervalMs };
}
