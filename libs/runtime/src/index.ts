export { loadConfigOrExit, runHttpProcess } from './run-http-process';
export type { ProcessSpec } from './run-http-process';
