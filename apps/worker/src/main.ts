import 'reflect-metadata';
import { runHttpProcess } from '@mw/runtime';
import { WorkerModule } from './worker.module';

/** The worker role alone (scale-out): outbox relay and event consumers; HTTP only for health. */
void runHttpProcess({
  name: 'millwright-worker',
  defaultRoles: ['worker'],
  module: (config) => WorkerModule.forRoot(config),
});
