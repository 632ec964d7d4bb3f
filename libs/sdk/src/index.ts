export { createMillwrightClient } from './millwright-client';
export type { MillwrightClient, MillwrightClientOptions } from './millwright-client';
export type { components, operations, paths } from './generated/schema';
