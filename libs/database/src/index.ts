export { Db, DatabaseUnavailableError, constraintOf, isUnavailable, pgCode } from './db';
export type { Queryable, Row } from './db';
export { createDataSource, createDb, runMigrations } from './data-source';
export type { DatabaseSettings } from './data-source';
export { DATA_SOURCE, DatabaseModule } from './database.module';
export { uuidv7 } from './uuidv7';
export { UnitOfWork } from './unit-of-work';
export type { CapturedUnitOfWork } from './unit-of-work';
