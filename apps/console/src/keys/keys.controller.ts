import { Controller, Get, Header } from '@nestjs/common';
import { RegistryIndex } from '#registry';
import { Clock } from '../core/clock.js';
import { registryKeys, type KeyView } from './registry-keys.js';

/** `GET /v1/keys`: every registered key, its validity and how long it has left. */
@Controller('v1/keys')
export class KeysController {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  list(): { keys: KeyView[] } {
    return { keys: registryKeys(this.registry.current(), this.clock.now()) };
  }
}
