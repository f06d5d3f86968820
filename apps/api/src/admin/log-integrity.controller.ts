import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkpointLine } from '#integrity';
import { ApiProblems, ProblemError, Roles, type HttpResponse } from '#platform';
import { LogNotaryHost } from '../../../worker/src/log-notary.host.js';

const afterOf = (value: string | undefined): number => {
  if (value === undefined) return -1;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new ProblemError(400, 'INVALID_POSITION', 'Invalid position', '?after= is a log position');
  return Number(value);
};

class SignerDto {
  @ApiProperty({ description: 'The first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo DER)' }) keyId!: string;
  @ApiProperty({ description: 'The Ed25519 public key, base64 of its SubjectPublicKeyInfo DER (pass it to verify --public-key)' }) publicKey!: string;
}

class CheckpointDto {
  @ApiProperty({ enum: [1] }) v!: 1;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: 'integer' }) events!: number;
  @ApiProperty() chain!: string;
  @ApiProperty() signedAt!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty() signature!: string;
}

class LogNotaryStatusDto {
  @ApiProperty({ type: 'integer', description: 'The last log position the notary witnessed (-1: none yet)' }) witnessedUpTo!: number;
  @ApiProperty({ type: 'integer' }) events!: number;
  @ApiProperty({ description: 'The global chain head there' }) chainHead!: string;
  @ApiPropertyOptional({ type: CheckpointDto, nullable: true }) lastCheckpoint!: CheckpointDto | null;
  @ApiProperty({ type: SignerDto }) signer!: SignerDto;
}

/** What an auditor takes out of the system: the signed checkpoints of the log, and the key they are signed with. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/log')
export class LogIntegrityController {
  constructor(private readonly host: LogNotaryHost) {}

  @Get()
  @Roles('auditor', 'manager')
  @ApiOperation({ summary: "The log notary: how far it has witnessed the log, the chain head there, the last signed checkpoint and the signing key" })
  @ApiOkResponse({ type: LogNotaryStatusDto })
  @ApiProblems(403)
  async status() {
    const head = await this.host.witness.head();
    return {
      witnessedUpTo: head.position, events: head.events, chainHead: head.chain,
      lastCheckpoint: (await this.host.witness.lastCheckpoint()) ?? null, signer: this.host.signer,
    };
  }

  @Get('checkpoints')
  @Roles('auditor', 'manager')
  @ApiOperation({ summary: 'The signed checkpoints as JSON lines (what `npm run cli -- export-checkpoints` prints), for `verify --checkpoints`' })
  @ApiOkResponse({ description: 'One signed checkpoint (JSON) per line', content: { 'application/x-ndjson': { schema: { type: 'string', description: 'JSON lines, each a CheckpointDto' } } } })
  @ApiQuery({ name: 'after', required: false, description: 'only checkpoints after this log position' })
  @ApiProblems(400, 403)
  async checkpoints(@Query('after') after: string | undefined, @Res() response: HttpResponse): Promise<void> {
    const text = (await this.host.witness.checkpoints(afterOf(after))).map(checkpointLine).join('');
    response.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    response.status(200).end(text);
  }
}
