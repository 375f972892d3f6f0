import { BaseConfig, IsSubjectToken } from '#runtime';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Environment of one agency node, validated once at boot by `validateConfig(NodeConfig)`. */
export class NodeConfig extends BaseConfig {
  /** Registry id of this node; it names the node on every subject, so it must be a subject token. */
  @IsSubjectToken()
  NODE_ID: string;

  /** Path of the file holding this node's nkey seed (`SU…`), the key it signs with. */
  @IsString()
  @IsNotEmpty()
  NODE_SEED_FILE: string;

  /**
   * Path of this node's store (an SQLite file): its outbox, where submissions wait on disk until
   * JetStream has acknowledged them, and the ids of the messages it has handed to the agency's
   * systems. One file per node; required, so two nodes can never share one by default.
   */
  @IsString()
  @IsNotEmpty()
  NODE_STORE_FILE: string;

  /**
   * How long a submission waits for JetStream's ack before the REST answer says `queued` instead of
   * `accepted` (the message stays in the outbox either way).
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  NODE_PUBLISH_WAIT_MS: number = 1_500;

  /**
   * The national site (lowercase country code, `kz`) whose leaf server NATS_URL names: the node then
   * also sends its messages straight to the entitled nodes of its site (the site fast path), and
   * reaches the hub through the leaf server as it would directly. Absent: NATS_URL is the hub's servers.
   */
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'NODE_SITE must be a lowercase country code, e.g. kz' })
  NODE_SITE?: string;

  /**
   * Failures of the node's handler on one delivery before it is dead-lettered (a delivery that can
   * never be taken in, such as a malformed one, is dead-lettered at once).
   */
  @IsInt()
  @Min(1)
  @Max(10_000)
  NODE_MAX_ATTEMPTS: number = 10;

  // Validated by BaseConfig; the node only gives it a default.
  override HTTP_PORT: number = 3000;
}
