/**
 * A Redis ACL user cannot be made for a principal: its id is not a node id, or it is a name the ACL
 * reserves (`default`, the hub's `hub` for an agency node). `name` says which.
 */
export class RedisAclError extends Error {
  override readonly name = 'RedisAclError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A Redis password file is missing, unreadable or empty. The message names the file, never its
 * content.
 */
export class RedisPasswordError extends Error {
  override readonly name = 'RedisPasswordError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
