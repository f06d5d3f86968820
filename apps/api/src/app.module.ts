import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type PlatformModuleOptions } from '#platform';
import { HealthController } from './health/health.controller.js';

@Module({})
export class AppModule {
  static forRoot(platform: PlatformModuleOptions, features: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(platform), ...features],
      controllers: [HealthController],
    };
  }
}
