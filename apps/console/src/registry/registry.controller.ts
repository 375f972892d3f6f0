import { Controller, Get, Header } from '@nestjs/common';
import { RegistryIndex, type Registry } from '#registry';

/**
 * `GET /v1/registry`: the registry as the console loaded it (regions, sections, crossing points,
 * organisations, nodes with their kinds, subscriptions and public keys). It holds no secret.
 */
@Controller('v1/registry')
export class RegistryController {
  constructor(private readonly registry: RegistryIndex) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(): Readonly<Registry> {
    return this.registry.current();
  }
}
