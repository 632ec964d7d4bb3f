import { Module } from '@nestjs/common';
import { MesProjectionHandler } from './mes-projection.handler';

/** Worker side: the MES status projection (the consumer runner subscribes its handler). */
@Module({ providers: [MesProjectionHandler], exports: [MesProjectionHandler] })
export class MesProjectionModule {}
