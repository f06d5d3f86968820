import 'reflect-metadata';
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CLOCK, type Clock } from '#kernel';
import { InMemoryEventStore } from '#testing';
import { CommandPipeline } from './cqrs/command-pipeline.service.js';
import { loadConfig } from './config/platform-config.js';
import { createRootLogger } from './logging/pino-logger.js';
import { configureHttp } from './http/configure-http.js';
import { PlatformModule } from './platform.module.js';
import { Public } from './auth/decorators.js';

@Controller('probe')
class ProbeController {
  constructor(
    readonly pipeline: CommandPipeline,
    @Inject(CLOCK) readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  probe() {
    return { pipeline: this.pipeline instanceof CommandPipeline, now: this.clock.now().toString() };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('PlatformModule compiled by tsc', () => {
  let dataDir: string;
  let app: NestExpressApplication;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-platform-'));
    const config = loadConfig({ HOURBANK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const logger = createRootLogger('silent');
    const root = { module: class Root {}, imports: [PlatformModule.forRoot({ config, logger, openEventStore: () => new InMemoryEventStore() }), ProbeModule] };
    app = await NestFactory.create<NestExpressApplication>(root, { bodyParser: false, logger: false });
    configureHttp(app, config, logger);
    await app.listen(0, '127.0.0.1');
  });

  after(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('injects class and token providers into a controller (decorator metadata survives the build)', async () => {
    const response = await fetch(`${await app.getUrl()}/probe`);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { pipeline: boolean; now: string };
    expect(body.pipeline).to.equal(true);
    expect(body.now).to.match(/^\d{4}-\d{2}-\d{2}T/);
  });
});
