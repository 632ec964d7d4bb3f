import { Command } from 'commander';
import { createDataSource, createDb, Db, runMigrations } from '@mw/database';
import { loadConfig, Secret } from '@mw/config';
import { createTestDatabase, TestDatabase } from '@mw/testing';
import { ALL_SCOPES, ClientExistsError, ClientNotFoundError, ClientsService, InvalidClientError, mountAuthorizationServer, registerClientCommands } from '@mw/auth';

describe('ClientsService and the clients CLI (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: Db;
  let destroy: () => Promise<void>;
  let service: ClientsService;

  beforeAll(async () => {
    testDb = await createTestDatabase('mw_auth_clients');
    const ds = createDataSource({ url: testDb.url, dataDir: '', poolSize: 4, statementTimeoutMs: 5000 });
    await ds.initialize();
    await runMigrations(ds);
    db = await createDb(ds);
    destroy = () => ds.destroy();
    service = ClientsService.forDb(db);
  });

  afterAll(async () => {
    await destroy?.();
    await testDb?.drop();
  });

  /** Runs the CLI in-process against the test database and returns what it printed. */
  async function cli(...args: string[]): Promise<string[]> {
    const printed: string[] = [];
    const program = new Command().exitOverride();
    registerClientCommands(program, async () => ({ db, close: async () => undefined }), (line) => printed.push(line));
    await program.parseAsync(['node', 'cli', ...args]);
    return printed;
  }

  describe('first start on an empty database', () => {
    it('creates one generated admin client, prints its credentials once, and does nothing on the next start', async () => {
      const config = loadConfig({ DATABASE_URL: testDb.url, PUBLIC_URL: 'http://127.0.0.1:1', LOG_LEVEL: 'silent' });
      const printed: string[] = [];
      const expressLike = { use: () => undefined };
      await mountAuthorizationServer(expressLike, config, db, { print: (text) => printed.push(text) });
      expect(printed).toHaveLength(1);
      const clientId = /client_id: +(\S+)/.exec(printed[0]!)?.[1];
      const secret = /client_secret: +(\S+)/.exec(printed[0]!)?.[1];
      expect(secret).toMatch(/^mws_[A-Za-z0-9_-]{43}$/);
      const admin = await service.get(clientId!);
      expect(admin).toMatchObject({ plants: ['*'], disabled: false });
      expect([...admin.scopes].sort()).toEqual([...ALL_SCOPES].sort());

      await mountAuthorizationServer(expressLike, config, db, { print: (text) => printed.push(text) });
      expect(printed).toHaveLength(1);
      expect(await service.ensureBootstrapClient()).toEqual({ action: 'none' });
    });

    it('creates the configured bootstrap client when it does not exist, once', async () => {
      const bootstrap = { id: 'configured-admin', secret: new Secret('configured-secret-123') };
      expect(await service.ensureBootstrapClient(bootstrap)).toEqual({ action: 'created_from_config', clientId: 'configured-admin' });
      expect(await service.ensureBootstrapClient(bootstrap)).toEqual({ action: 'none' });
      expect((await service.get('configured-admin')).plants).toEqual(['*']);
    });

    it('replicas starting together create a single generated admin client', async () => {
      const other = await createTestDatabase('mw_auth_race');
      const ds = createDataSource({ url: other.url, dataDir: '', poolSize: 4, statementTimeoutMs: 5000 });
      await ds.initialize();
      try {
        await runMigrations(ds);
        const otherService = ClientsService.forDb(await createDb(ds));
        const outcomes = await Promise.all([1, 2, 3].map(() => otherService.ensureBootstrapClient()));
        expect(outcomes.filter((o) => o.action === 'created_generated')).toHaveLength(1);
        expect(await otherService.list()).toHaveLength(1);
      } finally {
        await ds.destroy();
        await other.drop();
      }
    });
  });

  describe('service rules', () => {
    it('stores only a scrypt hash of the secret', async () => {
      const created = await service.create({ name: 'hash check', scopes: ['orders:read'], plants: ['P100'] });
      const rows = await db.query<{ secret_hash: string }>(`SELECT secret_hash FROM api_clients WHERE client_id = $1`, [created.client_id]);
      expect(rows[0]!.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(rows[0]!.secret_hash).not.toContain(created.client_secret);
    });

    it('rejects unknown scopes, bad plants, short secrets and taken ids', async () => {
      await expect(service.create({ name: 'x', scopes: ['root'], plants: ['P100'] })).rejects.toBeInstanceOf(InvalidClientError);
      await expect(service.create({ name: 'x', scopes: ['orders:read'], plants: ['P 100'] })).rejects.toBeInstanceOf(InvalidClientError);
      await expect(service.create({ name: 'x', scopes: [], plants: ['P100'] })).rejects.toBeInstanceOf(InvalidClientError);
      await expect(service.create({ name: 'x', scopes: ['orders:read'], plants: [], clientSecret: 'short' })).rejects.toBeInstanceOf(InvalidClientError);
      await service.create({ name: 'x', scopes: ['orders:read'], plants: [], clientId: 'taken-id' });
      await expect(service.create({ name: 'y', scopes: ['orders:read'], plants: [], clientId: 'taken-id' })).rejects.toBeInstanceOf(ClientExistsError);
    });

    it('answers not found for rotate and disable of an unknown client', async () => {
      await expect(service.rotateSecret('missing')).rejects.toBeInstanceOf(ClientNotFoundError);
      await expect(service.disable('missing')).rejects.toBeInstanceOf(ClientNotFoundError);
    });
  });

  describe('CLI', () => {
    it('create --json prints exactly {"client_id","client_secret"} with the given id and secret', async () => {
      const printed = await cli('clients', 'create', '--name', 'line 7', '--scopes', 'orders:read,orders:write', '--plants', 'P100,P200', '--id', 'line-7', '--secret', 'line-7-secret-abcdef', '--json');
      expect(printed).toHaveLength(1);
      expect(JSON.parse(printed[0]!)).toEqual({ client_id: 'line-7', client_secret: 'line-7-secret-abcdef' });
      expect(Object.keys(JSON.parse(printed[0]!))).toEqual(['client_id', 'client_secret']);
      expect(await service.get('line-7')).toMatchObject({ name: 'line 7', scopes: ['orders:read', 'orders:write'], plants: ['P100', 'P200'] });
    });

    it('create without --id/--secret generates both', async () => {
      const [line] = await cli('clients', 'create', '--name', 'generated', '--scopes', 'extract', '--json');
      const credentials = JSON.parse(line!) as { client_id: string; client_secret: string };
      expect(credentials.client_id).toMatch(/^mwc_/);
      expect(credentials.client_secret).toMatch(/^mws_/);
    });

    it('list, rotate-secret and disable', async () => {
      await cli('clients', 'create', '--name', 'cli target', '--scopes', 'orders:read', '--plants', 'P300', '--id', 'cli-target', '--secret', 'cli-target-secret-1');
      const listed = JSON.parse((await cli('clients', 'list', '--json'))[0]!) as Array<Record<string, unknown>>;
      expect(listed.find((c) => c.client_id === 'cli-target')).toMatchObject({ plants: ['P300'], disabled: false });
      expect(JSON.stringify(listed)).not.toMatch(/secret_hash|client_secret|scrypt\$/);

      const rotated = JSON.parse((await cli('clients', 'rotate-secret', 'cli-target', '--json'))[0]!) as { client_id: string; client_secret: string };
      expect(rotated.client_id).toBe('cli-target');
      expect(rotated.client_secret).not.toBe('cli-target-secret-1');

      const disabled = JSON.parse((await cli('clients', 'disable', 'cli-target', '--json'))[0]!) as { disabled: boolean };
      expect(disabled.disabled).toBe(true);
      expect(await db.query(`SELECT 1 FROM api_clients WHERE client_id = 'cli-target' AND disabled`)).toHaveLength(1);
    });

    it('rejects the command when the client is unknown or invalid', async () => {
      await expect(cli('clients', 'disable', 'nobody-here')).rejects.toThrow('client nobody-here does not exist');
      await expect(cli('clients', 'create', '--name', 'bad', '--scopes', 'root')).rejects.toThrow('unknown scope');
    });
  });
});
