import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { Db } from './db';
import { createDataSource, createDb, runMigrations } from './data-source';
import { UnitOfWork } from './unit-of-work';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: Function[] = []): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const logger = new Logger('Database');
            const dataSource = createDataSource(
              {
                url: config.database.url?.reveal(),
                dataDir: config.dataDir,
                poolSize: config.database.poolSize,
                statementTimeoutMs: config.database.statementTimeoutMs,
                applicationName: `millwright-${config.roles.join('+')}`,
              },
              entities,
            );
            await dataSource.initialize();
            if (config.database.migrateOnStart) {
              const applied = await runMigrations(dataSource);
              if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
            }
            logger.log(config.database.url ? 'connected to PostgreSQL' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`);
            return dataSource;
          },
        },
        { provide: Db, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => createDb(ds) },
        UnitOfWork,
        DatabaseLifecycle,
      ],
      exports: [DATA_SOURCE, Db, UnitOfWork],
    };
  }
}
