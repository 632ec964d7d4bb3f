export { createTestDatabase, openMigratedDb, TEST_PG_ADMIN_URL } from './test-database';
export type { AdapterKind, TestDatabase } from './test-database';
export { ADMIN_CLIENT, createClient, fetchToken, freePort, REPO_ROOT, serverEnv, startServer } from './server-process';
export type { AppEntry, ServerProcess } from './server-process';
export { productionOrderBody } from './factories';
export { eventually, KAFKA_BROKER, kafkaScript, readTopic, uniqueTopicPrefix } from './kafka';
export type { ReadMessage } from './kafka';
