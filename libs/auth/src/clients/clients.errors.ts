import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';

export class ClientNotFoundError extends NotFoundException {
  constructor(readonly clientId: string) {
    super({ code: 'client_not_found', detail: `client ${clientId} does not exist` });
    this.message = `client ${clientId} does not exist`;
  }
}

export class ClientExistsError extends ConflictException {
  constructor(readonly clientId: string) {
    super({ code: 'client_exists', detail: `client ${clientId} already exists` });
    this.message = `client ${clientId} already exists`;
  }
}

export class InvalidClientError extends BadRequestException {
  constructor(readonly problems: string[]) {
    super({ code: 'invalid_client_definition', detail: problems.join('; ') });
    this.message = `invalid client: ${problems.join('; ')}`;
  }
}
