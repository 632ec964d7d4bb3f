import { Injectable } from '@nestjs/common';
import type { Secret } from '@mw/config';
import { Db } from '@mw/database';
import { ALL_PLANTS } from '../principal';
import { ALL_SCOPES, isScope, LABEL_PATTERN, PLANT_PATTERN } from '../scopes';
import { generateClientId, generateClientSecret, hashSecret } from './client-secret';
import { ClientExistsError, ClientNotFoundError, InvalidClientError } from './clients.errors';
import { ApiClientRow, ClientsRepository } from './clients.repository';

export interface NewClient {
  name: string;
  scopes: string[];
  plants: string[];
  roles?: string[];
  purposes?: string[];
  /** Chosen by the caller (bootstrap, CLI); generated otherwise. */
  clientId?: string;
  clientSecret?: string;
}

/** The only time a secret leaves the service in clear. */
export interface IssuedCredentials {
  client_id: string;
  client_secret: string;
}

export interface ClientView {
  client_id: string;
  name: string;
  scopes: string[];
  plants: string[];
  roles: string[];
  purposes: string[];
  disabled: boolean;
  created_at: string;
  updated_at: string;
  secret_rotated_at: string;
}

export type BootstrapOutcome =
  | { action: 'none' }
  | { action: 'created_from_config'; clientId: string }
  /** Credentials were generated: the caller prints them once, they are not recoverable later. */
  | { action: 'created_generated'; credentials: IssuedCredentials };

const CLIENT_ID_PATTERN = /^[A-Za-z0-9._~-]{3,64}$/;
export const MIN_SECRET_LENGTH = 12;

function toView(row: ApiClientRow): ClientView {
  return {
    client_id: row.client_id,
    name: row.name,
    scopes: row.scopes,
    plants: row.plants,
    roles: row.roles,
    purposes: row.purposes,
    disabled: row.disabled,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    secret_rotated_at: new Date(row.secret_rotated_at).toISOString(),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

function validate(input: NewClient): string[] {
  const problems: string[] = [];
  if (input.name.trim() === '' || input.name.length > 200) problems.push('name: 1 to 200 characters');
  if (input.scopes.length === 0) problems.push('scopes: at least one scope');
  for (const s of input.scopes) if (!isScope(s)) problems.push(`scopes: unknown scope "${s}" (known: ${ALL_SCOPES.join(', ')})`);
  for (const p of input.plants) if (!PLANT_PATTERN.test(p)) problems.push(`plants: "${p}" is not a plant code or '*'`);
  for (const r of input.roles ?? []) if (!LABEL_PATTERN.test(r)) problems.push(`roles: "${r}" is not a valid label`);
  for (const r of input.purposes ?? []) if (!LABEL_PATTERN.test(r)) problems.push(`purposes: "${r}" is not a valid label`);
  if (input.clientId !== undefined && !CLIENT_ID_PATTERN.test(input.clientId)) {
    problems.push('client id: 3 to 64 characters of A-Z a-z 0-9 . _ ~ -');
  }
  if (input.clientSecret !== undefined && input.clientSecret.length < MIN_SECRET_LENGTH) {
    problems.push(`client secret: at least ${MIN_SECRET_LENGTH} characters`);
  }
  return problems;
}

/** API clients of the embedded authorization server: created, listed, rotated and disabled here. */
@Injectable()
export class ClientsService {
  constructor(private readonly repository: ClientsRepository) {}

  static forDb(db: Db): ClientsService {
    return new ClientsService(new ClientsRepository(db));
  }

  async create(input: NewClient): Promise<IssuedCredentials> {
    const normalised: NewClient = {
      ...input,
      scopes: unique(input.scopes),
      plants: unique(input.plants),
      roles: unique(input.roles ?? []),
      purposes: unique(input.purposes ?? []),
    };
    const problems = validate(normalised);
    if (problems.length > 0) throw new InvalidClientError(problems);
    const clientId = normalised.clientId ?? generateClientId();
    const clientSecret = normalised.clientSecret ?? generateClientSecret();
    const inserted = await this.repository.insert({
      client_id: clientId,
      name: normalised.name.trim(),
      secret_hash: await hashSecret(clientSecret),
      scopes: normalised.scopes,
      plants: normalised.plants,
      roles: normalised.roles ?? [],
      purposes: normalised.purposes ?? [],
    });
    if (!inserted) throw new ClientExistsError(clientId);
    return { client_id: clientId, client_secret: clientSecret };
  }

  async list(): Promise<ClientView[]> {
    return (await this.repository.list()).map(toView);
  }

  async get(clientId: string): Promise<ClientView> {
    const row = await this.repository.findById(clientId);
    if (row === undefined) throw new ClientNotFoundError(clientId);
    return toView(row);
  }

  /** The old secret stops working at once (tokens already issued stay valid until they expire). */
  async rotateSecret(clientId: string): Promise<IssuedCredentials> {
    const clientSecret = generateClientSecret();
    const row = await this.repository.updateSecret(clientId, await hashSecret(clientSecret));
    if (row === undefined) throw new ClientNotFoundError(clientId);
    return { client_id: clientId, client_secret: clientSecret };
  }

  /** A disabled client can no longer get tokens, and its outstanding tokens are refused within seconds. */
  async disable(clientId: string): Promise<ClientView> {
    const row = await this.repository.disable(clientId);
    if (row === undefined) throw new ClientNotFoundError(clientId);
    return toView(row);
  }

  /**
   * With BOOTSTRAP_CLIENT_ID/SECRET set, creates that admin client if it does not exist; without
   * them, creates a generated admin client only when there are no clients at all. Runs under an
   * advisory lock so replicas starting together create at most one.
   */
  async ensureBootstrapClient(bootstrap?: { id: string; secret: Secret }): Promise<BootstrapOutcome> {
    const definition = { name: 'bootstrap admin', scopes: [...ALL_SCOPES], plants: [ALL_PLANTS], roles: [], purposes: [] };
    return this.repository.withStartupLock(async (q) => {
      if (bootstrap !== undefined) {
        if ((await this.repository.findById(bootstrap.id, q)) !== undefined) return { action: 'none' } as const;
        const problems = validate({ ...definition, clientId: bootstrap.id, clientSecret: bootstrap.secret.reveal() });
        if (problems.length > 0) throw new InvalidClientError(problems);
        await this.repository.insert(
          { ...definition, client_id: bootstrap.id, secret_hash: await hashSecret(bootstrap.secret.reveal()) },
          q,
        );
        return { action: 'created_from_config', clientId: bootstrap.id } as const;
      }
      if ((await this.repository.count(q)) > 0) return { action: 'none' } as const;
      const credentials = { client_id: generateClientId(), client_secret: generateClientSecret() };
      await this.repository.insert(
        { ...definition, client_id: credentials.client_id, secret_hash: await hashSecret(credentials.client_secret) },
        q,
      );
      return { action: 'created_generated', credentials } as const;
    });
  }
}
