import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives single-machine defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('./data');
    expect(c.database.url).toBeUndefined();
    expect(c.kafka.brokers).toEqual([]);
    expect(c.roles).toEqual(['api', 'worker']);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'nohost', DATABASE_URL: 'mysql://x', BOOTSTRAP_CLIENT_ID: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'KAFKA_BROKERS', 'DATABASE_URL', 'BOOTSTRAP_CLIENT_ID']) expect(message).toContain(name);
  });

  it('never prints secrets', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:hunter22@h/db', BOOTSTRAP_CLIENT_ID: 'a', BOOTSTRAP_CLIENT_SECRET: 'supersecret-123' });
    const printed = JSON.stringify(c) + String(c.database.url);
    expect(printed).not.toContain('hunter22');
    expect(printed).not.toContain('supersecret-123');
    expect(c.bootstrapClient?.secret.reveal()).toBe('supersecret-123');
  });
});
