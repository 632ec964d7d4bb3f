import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ApiFeaturesModule, infrastructure } from '@apps/api';
import { loadConfig } from '@mw/config';
import { buildOpenApiDocument } from '@mw/http';
import { Module } from '@nestjs/common';

/**
 * Writes openapi/openapi.json from the code (`npm run openapi`), or with `--check` fails when the
 * committed file differs. Runs the API module on a throw-away embedded database: no server needed.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-openapi-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
  @Module({ imports: [...infrastructure(config), ApiFeaturesModule] })
  class SpecModule {}
  const app = await NestFactory.create(SpecModule, { logger: false });
  await app.init();
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const spec = `${JSON.stringify(buildOpenApiDocument(app, config.publicUrl, version), null, 2)}\n`;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  const target = join(__dirname, '..', '..', 'openapi', 'openapi.json');
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== spec) {
      process.stderr.write('openapi/openapi.json is stale: run `npm run openapi` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('openapi/openapi.json is up to date\n');
    return;
  }
  writeFileSync(target, spec);
  process.stdout.write(`wrote ${target}\n`);
}

void main();
