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
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addOAuth2(
      { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${publicUrl}/oauth/token`, scopes: {} } } },
      'oauth2',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_c, method) => method });
  return sortKeys(document) as OpenAPIObject;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', customSiteTitle: 'Millwright API' });
}
