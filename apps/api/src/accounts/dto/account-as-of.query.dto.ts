import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '#platform';

export class AccountAsOfQueryDto {
  @ApiPropertyOptional({
    description: 'The instant the figures are asked for (default now), from the events that had taken effect then; 2000-01-01T00:00:00Z to 2100-12-31T23:59:59.999Z',
    example: '2026-01-15T12:00:00Z',
  })
  @IsOptional() @IsInstant()
  asOf?: string;
}
