import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Logger } from 'pino';

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const STACK = /\n\s+at /;

/**
 * Nest's LoggerService over pino, so framework lines and every `new Logger(ctx)` in our code come
 * out as the same JSON. Nest passes (message, ...params, context?) with the context last when the
 * Logger has one; an object as the message (`logger.error({ extra }, 'text')`) becomes fields.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Levels come from LOG_LEVEL through pino; Nest's own filter stays open. */
  setLogLevels(_levels: NestLogLevel[]): void {
    // pino's level is the single source of truth.
  }

  private write(level: PinoMethod, message: unknown, params: unknown[], mayHaveStack = false): void {
    const rest = params.filter((p) => p !== undefined);
    let context: string | undefined;
    // Nest appends the Logger's context as the last string; a lone string that is a stack is not one.
    const last = rest[rest.length - 1];
    if (typeof last === 'string' && !(mayHaveStack && STACK.test(last))) {
      context = last;
      rest.pop();
    }
    const fields: Record<string, unknown> = context !== undefined ? { context } : {};
    let msg: string | undefined;
    if (message instanceof Error) {
      fields['err'] = message;
      msg = message.message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else {
      msg = String(message);
    }
    for (const p of rest) {
      if (typeof p === 'string' && mayHaveStack && STACK.test(p)) fields['stack'] = p;
      else if (typeof p === 'string' && msg === undefined) msg = p;
      else if (p instanceof Error) fields['err'] = p;
      else if (typeof p === 'object' && p !== null) Object.assign(fields, p);
      else fields['detail'] = p;
    }
    this.pino[level](fields, msg ?? '');
  }
}
