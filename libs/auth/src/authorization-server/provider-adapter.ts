import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ClientsRepository } from '../clients/clients.repository';

/** What oidc-provider sees of a stored client; the `client_secret` it holds is the scrypt hash. */
export function clientMetadata(row: {
  client_id: string;
  name: string;
  secret_hash: string;
  scopes: string[];
  plants: string[];
  roles: string[];
  purposes: string[];
}): AdapterPayload {
  return {
    client_id: row.client_id,
    client_name: row.name,
    client_secret: row.secret_hash,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: row.scopes.join(' '),
    mw_plants: row.plants,
    mw_roles: row.roles,
    mw_purposes: row.purposes,
  };
}

const MAX_ENTRIES = 10_000;

/**
 * Clients come from `api_clients` (disabled ones are invisible, so they get invalid_client). Only
 * the client credentials grant with JWT access tokens is enabled, which stores nothing, so the
 * other models need no more than a bounded in-memory map.
 */
export function createAdapterFactory(clients: ClientsRepository): (name: string) => Adapter {
  const memory = new Map<string, { payload: AdapterPayload; expiresAtMs: number }>();

  return (name: string): Adapter => {
    const key = (id: string): string => `${name}:${id}`;
    const read = (id: string): AdapterPayload | undefined => {
      const entry = memory.get(key(id));
      if (entry === undefined) return undefined;
      if (entry.expiresAtMs <= Date.now()) {
        memory.delete(key(id));
        return undefined;
      }
      return entry.payload;
    };
    return {
      async find(id) {
        if (name !== 'Client') return read(id);
        const row = await clients.findById(id);
        return row === undefined || row.disabled ? undefined : clientMetadata(row);
      },
      async upsert(id, payload, expiresIn) {
        if (memory.size >= MAX_ENTRIES) {
          const oldest = memory.keys().next();
          if (!oldest.done) memory.delete(oldest.value);
        }
        memory.set(key(id), { payload, expiresAtMs: Date.now() + expiresIn * 1000 });
      },
      async findByUid(uid) {
        for (const [k, entry] of memory) if (k.startsWith(`${name}:`) && entry.payload['uid'] === uid) return read(k.slice(name.length + 1));
        return undefined;
      },
      async findByUserCode(userCode) {
        for (const [k, entry] of memory) if (k.startsWith(`${name}:`) && entry.payload['userCode'] === userCode) return read(k.slice(name.length + 1));
        return undefined;
      },
      async consume(id) {
        const payload = read(id);
        if (payload !== undefined) payload['consumed'] = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        memory.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [k, entry] of memory) if (entry.payload['grantId'] === grantId) memory.delete(k);
      },
    };
  };
}
