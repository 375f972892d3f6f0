import type { NatsServerOptions } from '#process';

/** Options of `startNats`. */
export interface StartNatsOptions extends NatsServerOptions {
  /**
   * Use the server at `NATS_URL` when it is set. Only for tests that isolate themselves by unique
   * subjects and stream names; a test that provisions the fixed Borderlink streams (BL_INGRESS, …),
   * purges or deletes anything, or stops or kills the server must get a private one (the default).
   * Ignored when `config` is given: a shared server cannot take a config.
   */
  shared?: boolean;
  /**
   * Files the configuration refers to by absolute path (TLS certificates and keys): a container
   * gets a copy at the same path; a spawned server reads them where they are.
   */
  files?: readonly string[];
}

/** Options of `startRedis`. */
export interface StartRedisOptions {
  /**
   * Use the server at `REDIS_URL` when it is set. Only for tests that isolate themselves by unique
   * key prefixes and never flush, stop or kill the server; all others get a private one (the default).
   * Ignored when `acl` is given: a shared server cannot take an ACL.
   */
  shared?: boolean;
  /**
   * The text of the ACL file the server loads (`renderRedisAcl` from #runtime), e.g. to attack the
   * generated ACL. Absent: Redis's own open `default` user, and users added with `addRedisUser`.
   */
  acl?: string;
}
