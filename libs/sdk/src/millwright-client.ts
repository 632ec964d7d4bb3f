import { randomUUID } from 'node:crypto';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema';

export interface MillwrightClientOptions {
  /** e.g. http://localhost:3000 */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to `${baseUrl}/oauth/token` (the embedded authorization server). */
  tokenUrl?: string;
  /** Space-separated scopes to ask for; the server grants all of the client's scopes when absent. */
  scope?: string;
  /** Attempts per logical call for network errors, 429, 503 and 409-in-progress. Default 4. */
  maxAttempts?: number;
  fetch?: typeof globalThis.fetch;
}

/** The client supplies Idempotency-Key itself, so callers may omit the header the spec requires. */
type OptionalKey<Op> = Op extends { parameters: { header: infer H } }
  ? Omit<Op, 'parameters'> & {
      parameters: Omit<Op['parameters'], 'header'> & { header?: Omit<H, 'Idempotency-Key'> & { 'Idempotency-Key'?: string } };
    }
  : Op;
export type SdkPaths = { [P in keyof paths]: { [M in keyof paths[P]]: OptionalKey<paths[P][M]> } };

export type MillwrightClient = Client<SdkPaths> & {
  /** Fetches (or returns the cached) access token. */
  token(): Promise<string>;
};

const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * Typed client over the generated schema. It fetches and renews the OAuth2 token itself, gives
 * every POST/PATCH an Idempotency-Key (one UUID per logical call) and retries that same request,
 * key included, on transient failures, so a retry can never create a second order.
 */
export function createMillwrightClient(options: MillwrightClientOptions): MillwrightClient {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const tokenUrl = options.tokenUrl ?? `${options.baseUrl.replace(/\/$/, '')}/oauth/token`;
  const maxAttempts = options.maxAttempts ?? 4;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const token = async (): Promise<string> => {
    if (cached && cached.expiresAt - 30_000 > Date.now()) return cached.token;
    pending ??= (async () => {
      const body = new URLSearchParams({ grant_type: 'client_credentials', ...(options.scope ? { scope: options.scope } : {}) });
      const res = await baseFetch(tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')}`,
        },
        body,
      });
      if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
      const json = (await res.json()) as { access_token: string; expires_in?: number };
      cached = { token: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 300) * 1000 };
      return json.access_token;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await token()}`);
      if ((request.method === 'POST' || request.method === 'PATCH') && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', randomUUID());
      }
      return request;
    },
  };

  const retryingFetch = async (input: Request): Promise<Response> => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        const res = await baseFetch(input.clone());
        const inProgress = res.status === 409 && (res.headers.get('content-type') ?? '').includes('problem') && res.headers.has('retry-after');
        if ((!RETRYABLE.has(res.status) && !inProgress) || attempt === maxAttempts) return res;
        if (res.status === 401) cached = undefined;
        const retryAfter = Number(res.headers.get('retry-after') ?? '0');
        await res.body?.cancel();
        await new Promise((r) => setTimeout(r, Math.min(5000, retryAfter > 0 ? retryAfter * 1000 : 100 * 2 ** attempt)));
      } catch (error) {
        lastError = error;
        if (attempt === maxAttempts) throw error;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
    throw lastError;
  };

  const client = createClient<SdkPaths>({ baseUrl: options.baseUrl, fetch: retryingFetch }) as MillwrightClient;
  client.use(auth);
  client.token = token;
  return client;
}
