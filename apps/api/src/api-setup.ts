import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountAuthorizationServer } from '@mw/auth';
import type { AppConfig } from '@mw/config';
import { Db } from '@mw/database';
import { buildOpenApiDocument, HttpAppOptions, serveOpenApi } from '@mw/http';
import { version } from '../../../package.json';

export function apiHttpOptions(config: AppConfig): HttpAppOptions {
  return {
    multipartPaths: [/^\/v1\/(inspection-reports|claims)$/],
    before: async (app) => {
      // Without an external issuer this process is its own OAuth2 authorization server.
      if (config.oauth.issuer === undefined) await mountAuthorizationServer(app, config, app.get(Db));
    },
  };
}

export async function publishDocs(app: NestExpressApplication, config: AppConfig): Promise<void> {
  serveOpenApi(app, buildOpenApiDocument(app, config.publicUrl, version));
}
