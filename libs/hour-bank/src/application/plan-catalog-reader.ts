import { Injectable } from '@nestjs/common';
import { type PlanCatalogState, catalogFor, planCatalogDecider, planCatalogStream } from '../domain/plans/plan-catalog.js';
import type { PlanCatalog } from '../domain/plans/plan-terms.js';
import { planCatalogCodec } from './codecs.js';
import { StreamReader } from './stream-reader.js';

/** The plan catalog as its stream says now: every revision, and the catalog that applies to a period. */
@Injectable()
export class PlanCatalogReader {
  constructor(private readonly reader: StreamReader) {}

  async state(): Promise<{ state: PlanCatalogState; revision: number }> {
    return this.reader.fold(planCatalogStream, planCatalogDecider, planCatalogCodec);
  }

  async forPeriod(period: string): Promise<PlanCatalog> {
    return catalogFor((await this.state()).state, period);
  }
}
