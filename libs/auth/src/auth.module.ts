import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientsController } from './clients/clients.controller';
import { ClientsRepository } from './clients/clients.repository';
import { ClientsService } from './clients/clients.service';
import { AuthGuard } from './resource-server/auth.guard';
import { BearerStrategy } from './resource-server/bearer.strategy';
import { TokenVerifier } from './resource-server/token-verifier';

/**
 * Resource-server side of authentication: the bearer strategy, the global guard, and client
 * management. Needs the global `APP_CONFIG` and `Db` providers. The embedded authorization server
 * is mounted separately on Express (`mountAuthorizationServer`).
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      controllers: [ClientsController],
      providers: [TokenVerifier, BearerStrategy, ClientsRepository, ClientsService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenVerifier, ClientsService],
    };
  }
}
