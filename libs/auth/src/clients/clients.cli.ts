import type { Command } from 'commander';
import type { Db } from '@mw/database';
import { ClientsService, ClientView } from './clients.service';

type OpenDb = () => Promise<{ db: Db; close(): Promise<void> }>;
type Out = (line: string) => void;

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function describe(client: ClientView): string {
  return [
    client.client_id,
    client.disabled ? 'DISABLED' : 'active',
    client.name,
    `scopes=${client.scopes.join(',')}`,
    `plants=${client.plants.join(',')}`,
  ].join('  ');
}

/**
 * `clients create|list|rotate-secret|disable`. Errors reject `parseAsync` (the CLI entry prints
 * them and exits non-zero). `out` exists so tests can read what is printed.
 */
export function registerClientCommands(program: Command, openDb: OpenDb, out: Out = (line) => process.stdout.write(`${line}\n`)): Command {
  const withService = async <T>(fn: (service: ClientsService) => Promise<T>): Promise<T> => {
    const { db, close } = await openDb();
    try {
      return await fn(ClientsService.forDb(db));
    } finally {
      await close();
    }
  };

  const clients = program.command('clients').description('manage API clients of the embedded authorization server');

  clients
    .command('create')
    .description('create a client and print its credentials (the secret is shown only once)')
    .requiredOption('--name <name>', 'human-readable name')
    .requiredOption('--scopes <list>', 'comma-separated scopes', list)
    .option('--plants <list>', "comma-separated plants, '*' for all", list, [])
    .option('--roles <list>', 'comma-separated roles', list, [])
    .option('--purposes <list>', 'comma-separated purposes', list, [])
    .option('--id <clientId>', 'client id (generated when omitted)')
    .option('--secret <secret>', 'client secret (generated when omitted; visible in the process list)')
    .option('--json', 'print {"client_id","client_secret"} as JSON')
    .action(async (opts: { name: string; scopes: string[]; plants: string[]; roles: string[]; purposes: string[]; id?: string; secret?: string; json?: boolean }) => {
      const credentials = await withService((s) =>
        s.create({
          name: opts.name,
          scopes: opts.scopes,
          plants: opts.plants,
          roles: opts.roles,
          purposes: opts.purposes,
          clientId: opts.id,
          clientSecret: opts.secret,
        }),
      );
      if (opts.json) out(JSON.stringify({ client_id: credentials.client_id, client_secret: credentials.client_secret }));
      else out(`client_id:     ${credentials.client_id}\nclient_secret: ${credentials.client_secret}\n(store the secret now: it cannot be shown again)`);
    });

  clients
    .command('list')
    .description('list clients (never their secrets)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const all = await withService((s) => s.list());
      if (opts.json) out(JSON.stringify(all));
      else for (const c of all) out(describe(c));
    });

  clients
    .command('rotate-secret')
    .description('replace a client secret; the old one stops working at once')
    .argument('<clientId>')
    .option('--json', 'print {"client_id","client_secret"} as JSON')
    .action(async (clientId: string, opts: { json?: boolean }) => {
      const credentials = await withService((s) => s.rotateSecret(clientId));
      if (opts.json) out(JSON.stringify(credentials));
      else out(`client_id:     ${credentials.client_id}\nclient_secret: ${credentials.client_secret}`);
    });

  clients
    .command('disable')
    .description('disable a client: no new tokens, outstanding tokens refused')
    .argument('<clientId>')
    .option('--json', 'print JSON')
    .action(async (clientId: string, opts: { json?: boolean }) => {
      const client = await withService((s) => s.disable(clientId));
      if (opts.json) out(JSON.stringify(client));
      else out(describe(client));
    });

  return clients;
}
