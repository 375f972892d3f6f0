import { Controller, Get, Header } from '@nestjs/common';
import type { NetworkView } from './network.dto.js';
import { NetworkService } from './network.service.js';

/** `GET /v1/network`: every node, its processes and their heartbeats. */
@Controller('v1/network')
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(): NetworkView {
    return this.network.network();
  }
}
