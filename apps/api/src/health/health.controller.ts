import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { EVENT_STORE, type EventStore, type StoreStatus } from '#eventstore';
import { Public, type HttpResponse } from '#platform';

export class StoreHealth {
  @ApiProperty({ enum: ['sqlite', 'postgres', 'eventstoredb'] }) backend!: StoreStatus['backend'];
  @ApiProperty() ok!: boolean;
  @ApiProperty({ required: false, description: 'Position of the last record of the log (on EventStoreDB system records included)' }) headPosition?: number;
  @ApiProperty({ required: false, description: 'Why the store is not ok (absent when it is)' }) detail?: string;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ type: StoreHealth }) store!: StoreHealth;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @SkipThrottle()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The event store is not reachable' })
  async check(@Res({ passthrough: true }) response: HttpResponse): Promise<HealthResponse> {
    const { detail, ...store } = await this.readStatus();
    if (store.ok) return { status: 'ok', store };
    response.status(503);
    return { status: 'unavailable', store: { ...store, ...(detail !== undefined && { detail }) } };
  }

  private async readStatus(): Promise<StoreStatus> {
    try {
      return await this.store.status();
    } catch (error) {
      return { backend: 'sqlite', ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
