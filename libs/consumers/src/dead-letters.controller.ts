import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@mw/auth';
import { DeadLettersService } from './dead-letters.service';
import { DeadLetterDto, ListDeadLettersQuery, ReplayAllDto, ReplayAllResultDto } from './dto/dead-letter.dto';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly service: DeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'List dead-lettered events', operationId: 'listDeadLetters' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterDto[]> {
    return this.service.list(query.consumer, query.pending ?? true, query.limit ?? 100);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every pending dead letter (optionally of one consumer)', operationId: 'replayAllDeadLetters' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: ReplayAllResultDto })
  replayAll(@Body() body: ReplayAllDto): Promise<ReplayAllResultDto> {
    return this.service.replayAll(body.consumer);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay one dead letter after a fix', operationId: 'replayDeadLetter' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: DeadLetterDto })
  replay(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterDto> {
    return this.service.replay(id);
  }
}
