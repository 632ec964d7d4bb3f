export { HealthModule } from './health.module';
export { HealthRegistry } from './health.registry';
export type { HealthCheck, HealthResult, HealthStatus } from './health.registry';
