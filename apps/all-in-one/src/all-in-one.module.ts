import { DynamicModule, Module } from '@nestjs/common';
import { ApiFeaturesModule, infrastructure } from '@apps/api';
import { WorkerFeaturesModule } from '@apps/worker';
import type { AppConfig } from '@mw/config';

/** Both roles in one process: the single-machine default behind `npm start`. */
@Module({})
export class AllInOneModule {
  static forRoot(config: AppConfig): DynamicModule {
    const roles = new Set(config.roles);
    return {
      module: AllInOneModule,
      imports: [...infrastructure(config), ...(roles.has('api') ? [ApiFeaturesModule] : []), ...(roles.has('worker') ? [WorkerFeaturesModule] : [])],
    };
  }
}
