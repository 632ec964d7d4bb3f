import { ConfigError } from '@mw/config';
import { auditSettings } from './audit-settings';

describe('auditSettings', () => {
  it('audits by default, seals every 250 ms and anchors every minute', () => {
    expect(auditSettings({})).toEqual({ enabled: true, anchorIntervalMs: 60_000, sealIntervalMs: 250 });
  });

  it('reads AUDIT_ENABLED and AUDIT_ANCHOR_INTERVAL_MS', () => {
    expect(auditSettings({ AUDIT_ENABLED: 'false', AUDIT_ANCHOR_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '20' })).toEqual({ enabled: false, anchorIntervalMs: 0, sealIntervalMs: 20 });
    expect(auditSettings({ AUDIT_ENABLED: 'on' }).enabled).toBe(true);
  });

  it('names the variable when a value is bad', () => {
    expect(() => auditSettings({ AUDIT_ENABLED: 'maybe' })).toThrow(ConfigError);
    expect(() => auditSettings({ AUDIT_ENABLED: 'maybe' })).toThrow(/AUDIT_ENABLED/);
    expect(() => auditSettings({ AUDIT_ANCHOR_INTERVAL_MS: '-5' })).toThrow(/AUDIT_ANCHOR_INTERVAL_MS/);
    expect(() => auditSettings({ AUDIT_SEAL_INTERVAL_MS: 'soon' })).toThrow(/AUDIT_SEAL_INTERVAL_MS/);
  });
});
