import 'reflect-metadata';
import { apiHttpOptions, publishDocs } from '@apps/api-setup';
import { runHttpProcess } from '@mw/runtime';
import { AllInOneModule } from './all-in-one.module';

/** `npm start`: API and worker roles in one process (MILLWRIGHT_ROLES can narrow it). */
void runHttpProcess({
  name: 'millwright',
  defaultRoles: ['api', 'worker'],
  module: (config) => AllInOneModule.forRoot(config),
  http: (config) => (config.roles.includes('api') ? apiHttpOptions(config) : {}),
  afterInit: async (app, config) => {
    if (config.roles.includes('api')) await publishDocs(app, config);
  },
});
