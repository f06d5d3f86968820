import { Module } from '@nestjs/common';
import { ReportPositions } from './report-positions.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  controllers: [ReportsController],
  providers: [ReportPositions, ReportsService],
})
export class ReportsModule {}
