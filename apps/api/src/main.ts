import 'reflect-metadata';
import { runHttpProcess } from '@mw/runtime';
import { ApiModule } from './api.module';
import { apiHttpOptions, publishDocs } from './api-setup';

/** The HTTP role alone (scale-out): `npm run start:api`. */
void runHttpProcess({
  name: 'millwright-api',
  defaultRoles: ['api'],
  module: (config) => ApiModule.forRoot(config),
  http: apiHttpOptions,
  afterInit: publishDocs,
});
