export { APP_CONFIG, ConfigError, loadConfig, Secret } from './app-config';
export type { AppConfig, Role } from './app-config';
export { ConfigModule } from './config.module';
