import { Module, OnModuleInit } from '@nestjs/common';
import { HandlerRegistry } from '@mw/consumers';
import { MesProjectionHandler } from './mes-projection.handler';

@Module({ providers: [MesProjectionHandler], exports: [MesProjectionHandler] })
export class MesProjectionModule implements OnModuleInit {
  constructor(
    private readonly registry: HandlerRegistry,
    private readonly handler: MesProjectionHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.handler);
  }
}
