import { Module } from '@nestjs/common';
import { RegistryController } from './registry.controller.js';

/** The registry as loaded (the index itself is the core's, watched for changes). */
@Module({ controllers: [RegistryController] })
export class ConsoleRegistryModule {}
