import { Injectable } from '@nestjs/common';
import type { EventHandler } from './event-handler';

/** Feature modules register their handlers here in onModuleInit; the runner subscribes them at bootstrap. */
@Injectable()
export class HandlerRegistry {
  private readonly handlers = new Map<string, EventHandler>();

  register(handler: EventHandler): void {
    if (this.handlers.has(handler.name)) throw new Error(`event handler "${handler.name}" registered twice`);
    this.handlers.set(handler.name, handler);
  }

  all(): EventHandler[] {
    return [...this.handlers.values()];
  }
}
