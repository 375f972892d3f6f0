import { BadRequestException, Controller, Get, Header, Query } from '@nestjs/common';
import { TRAFFIC_WINDOW_MINUTES, TrafficService, type TrafficView } from './traffic.service.js';

/** `GET /v1/traffic?minutes=60`: accepted, rejected by reason, delivered and dead-lettered per minute. */
@Controller('v1/traffic')
export class TrafficController {
  constructor(private readonly traffic: TrafficService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(@Query('minutes') minutes = '60'): TrafficView {
    const count = /^\d{1,5}$/.test(minutes) ? Number(minutes) : Number.NaN;
    if (!(count >= 1 && count <= TRAFFIC_WINDOW_MINUTES)) {
      throw new BadRequestException({
        error: 'invalid',
        reason: `minutes must be a whole number from 1 to ${TRAFFIC_WINDOW_MINUTES}`,
      });
    }
    return this.traffic.traffic(count);
  }
}
