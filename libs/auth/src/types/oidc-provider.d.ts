/*
 * oidc-provider ships no type declarations and @types/oidc-provider is not installed; this covers
 * only what the embedded authorization server uses.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcClient {
    clientId: string;
    clientSecret?: string;
    scope?: string;
    [metadata: string]: unknown;
  }

  export interface OidcContext {
    oidc: {
      route?: string;
      params?: Record<string, unknown>;
      client?: OidcClient;
    };
  }

  export interface AdapterPayload {
    [key: string]: unknown;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    readonly issuer: string;
    readonly Client: { prototype: { compareClientSecret(this: OidcClient, actual: string): Promise<boolean> | boolean } };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    InvalidScope: new (description: string, scope: string) => Error;
    InvalidTarget: new (description?: string) => Error;
  };

  export default Provider;
}
