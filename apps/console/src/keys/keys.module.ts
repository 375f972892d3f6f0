import { Module } from '@nestjs/common';
import { KeysController } from './keys.controller.js';

/** The registry's public keys and their validity. */
@Module({ controllers: [KeysController] })
export class KeysModule {}
