import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { JetStreamPublisher } from './jetstream-publisher.js';
import { MESSAGING_OPTIONS, type MessagingAsyncOptions, type MessagingOptions } from './messaging.options.js';
import { NatsConnectionService } from './nats-connection.service.js';

/**
 * The JetStream layer, global: `NatsConnectionService` (connection, streams) and `JetStreamPublisher`.
 * Consumers are attached separately, as a `JetStreamServer` microservice strategy.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions | MessagingAsyncOptions): DynamicModule {
    const optionsProvider: Provider =
      'useFactory' in options
        ? { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }
        : { provide: MESSAGING_OPTIONS, useValue: options };
    return {
      module: MessagingModule,
      global: true,
      imports: 'useFactory' in options ? (options.imports ?? []) : [],
      providers: [optionsProvider, NatsConnectionService, JetStreamPublisher],
      exports: [NatsConnectionService, JetStreamPublisher],
    };
  }
}
