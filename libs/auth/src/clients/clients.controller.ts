import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotencyRedact } from '@mw/idempotency';
import { RequireScopes } from '../decorators';
import { ClientsService } from './clients.service';
import { ClientCredentialsDto } from './dto/client-credentials.dto';
import { ClientDto } from './dto/client.dto';
import { CreateClientDto } from './dto/create-client.dto';

/**
 * Client management over HTTP: in embedded mode the server holds the database alone, so the CLI
 * cannot reach it while the server runs.
 */
@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('v1/admin/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @IdempotencyRedact('client_secret')
  @ApiOperation({ summary: 'Create an API client; the secret is shown only in this response' })
  @ApiCreatedResponse({ type: ClientCredentialsDto })
  create(@Body() body: CreateClientDto): Promise<ClientCredentialsDto> {
    // Fields picked one by one: the API never lets a caller choose the id or the secret.
    const { name, scopes, plants, roles, purposes } = body;
    return this.clients.create({ name, scopes, plants, roles, purposes });
  }

  @Get()
  @ApiOperation({ summary: 'List API clients (never their secrets)' })
  @ApiOkResponse({ type: ClientDto, isArray: true })
  list(): Promise<ClientDto[]> {
    return this.clients.list();
  }

  @Post(':id/rotate-secret')
  @IdempotencyRedact('client_secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the secret; the old one stops working at once' })
  @ApiOkResponse({ type: ClientCredentialsDto })
  rotateSecret(@Param('id') id: string): Promise<ClientCredentialsDto> {
    return this.clients.rotateSecret(id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the client: no new tokens, outstanding tokens refused' })
  @ApiOkResponse({ type: ClientDto })
  disable(@Param('id') id: string): Promise<ClientDto> {
    return this.clients.disable(id);
  }
}
