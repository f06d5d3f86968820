import { Injectable } from '@nestjs/common';
import { planCatalogDecider, planCatalogStream } from '../domain/plans/plan-catalog.js';
import type { PlanCatalog } from '../domain/plans/plan-terms.js';
import { planCatalogCodec } from './codecs.js';
import { StreamReader } from './stream-reader.js';

@Injectable()
export class PlanCatalogReader {
  constructor(private readonly reader: StreamReader) {}

  async current(): Promise<PlanCatalog> {
    const { state } = await this.reader.fold(planCatalogStream, planCatalogDecider, planCatalogCodec);
    return { version: state.version, plans: state.plans };
  }
}
