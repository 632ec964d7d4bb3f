import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Sorts object keys recursively so the committed spec diffs cleanly. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

export function buildOpenApiDocument(app: INestApplication, publicUrl: string, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Millwright API')
    .setDescription(
      'Integration middleware between ERP and MES: production orders, confirmations, document field extraction and enriched records. ' +
        'Every POST and PATCH under /v1 takes an Idempotency-Key header. Errors are RFC 9457 application/problem+json.',
    )
    .setVersion(version)
    .setLicense('Proprietary', 'https://millwright.dev/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addOAuth2(
      { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${publicUrl}/oauth/token`, scopes: {} } } },
      'oauth2',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_c, method) => method });
  addProblemResponses(document);
  return sortKeys(document) as OpenAPIObject;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', customSiteTitle: 'Millwright API' });
}

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://millwright.dev/problems/validation-failed' },
    title: { type: 'string', example: 'Request validation failed' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } }, required: ['field', 'reason'] },
    },
  },
};

/**
 * Every operation can fail with problem+json; public operations (health, discovery) need no token,
 * every other one a bearer token from the OAuth2 client credentials flow.
 */
function addProblemResponses(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const op of Object.values(item) as { responses?: Record<string, unknown>; security?: unknown[] }[]) {
      if (typeof op !== 'object' || op === null || op.responses === undefined) continue;
      op.responses['4XX'] ??= { description: 'Client error (problem details).', ...problem };
      op.responses['5XX'] ??= { description: 'Server error or temporarily unavailable (problem details).', ...problem };
      if (path.startsWith('/health')) op.security = [];
      else op.security ??= [{ bearer: [] }, { oauth2: [] }];
    }
  }
}
