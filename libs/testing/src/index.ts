export { createTestDatabase, TEST_PG_ADMIN_URL } from './test-database';
export type { TestDatabase } from './test-database';
