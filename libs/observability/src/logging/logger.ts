import { formatWithOptions } from 'node:util';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { requestInfo, traceIds } from '../tracing/trace-context';
import type { LogRedactor } from './log-redactor';

export type { Logger };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerSettings {
  level: LogLevel;
  service: string;
  redactor: LogRedactor;
  /** Defaults to stdout; tests pass a stream. */
  destination?: DestinationStream;
}

/**
 * pino, JSON to stdout: `level` (name), `time` (ISO), `msg`, and from the active context
 * `requestId`, `clientId`, `traceId`, `spanId`. Every argument of every call is redacted in the
 * logMethod hook before pino serialises it, so no call site can forget.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const { redactor } = settings;
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    // The logMethod hook already turned errors into redacted {type, message, stack, code, cause}.
    serializers: { err: (err: unknown) => err },
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const info = requestInfo();
      const ids = traceIds();
      const clientId = info?.clientId();
      return {
        ...(info ? { requestId: info.requestId } : {}),
        ...(clientId !== undefined ? { clientId } : {}),
        ...(ids ?? {}),
      };
    },
    hooks: {
      logMethod(args, method) {
        const cleaned: unknown[] = args.map((a) => redactor.value(a));
        const first = args[0];
        if (first instanceof Error) {
          // pino's own err handling expects an Error; ours is already a flat, redacted copy.
          cleaned[0] = { err: cleaned[0] };
          if (args.length === 1) cleaned.push((cleaned[0] as { err: { message: string } }).err.message);
        }
        method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  };
  return pino(options, settings.destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * Third-party code that prints with console.* (oidc-provider's runtime warning, for one) goes
 * through the same JSON, redacted path instead of leaving plain lines on stdout.
 */
export function captureConsole(logger: Logger): void {
  const forward =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]): void =>
      logger[level]({ context: 'console' }, formatWithOptions({ colors: false }, ...args));
  console.log = forward('info');
  console.info = forward('info');
  console.warn = forward('warn');
  console.error = forward('error');
  console.debug = forward('debug');
}
