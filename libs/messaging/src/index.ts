// Public surface of the messaging library: the JetStream layer for NestJS.
export {
  type StreamSpec,
  type ConsumerSpec,
  type MessagingOptions,
  type MessagingAsyncOptions,
} from './messaging.options.js';
export { MessagingModule } from './messaging.module.js';
export { NatsConnectionService } from './nats-connection.service.js';
export {
  JetStreamPublisher,
  type OutboundEnvelope,
  type PublishOptions,
  type PublishResult,
} from './jetstream-publisher.js';
export {
  JetStreamServer,
  JETSTREAM_TRANSPORT,
  type JetStreamServerOptions,
  type JetStreamServerEvents,
  type JetStreamServerStatus,
} from './jetstream-server.js';
export { JetStreamContext } from './jetstream-context.js';
export { JetStreamBatchContext } from './jetstream-batch-context.js';
export { PermanentFailure } from './permanent-failure.js';
export { JetStreamErrorFilter } from './jetstream-error.filter.js';
export {
  NotConnectedError,
  ProvisioningError,
  PublishError,
  MissingHandlerError,
} from './messaging.errors.js';
export { backoffDelay, exponentialDelay } from './backoff.js';
export { provisionStreams, type ProvisionStreamsOptions, type StreamDrift } from './stream-provisioning.js';
export { provisionConsumer } from './consumer-provisioning.js';
export { ensureKeyedStream } from './keyed-stream.js';
export { bindConsumer, type BindOptions } from './consumer-binding.js';
export { consumerLag, listConsumerLag, consumerLagOf, type ConsumerLag } from './consumer-lag.js';
export { inboxPrefixOf, seedFileAuthenticator } from './nats-identity.js';
export {
  DEAD_LETTER_HEADERS,
  deadLetterMsgId,
  publishDeadLetter,
  type DeadLetterId,
  type DeadLetterSource,
} from './dead-letter.js';
