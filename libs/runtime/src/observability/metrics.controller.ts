import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { MetricsService } from './metrics.service.js';
import { OperatorRoute } from './route-access.js';

/** Prometheus scrape endpoint. */
@ApiExcludeController()
@OperatorRoute()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  exposition(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
