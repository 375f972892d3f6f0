import { LIMITS } from '#contracts';

/**
 * The largest JSON body the node parses. The hub refuses a message whose protobuf encoding exceeds
 * LIMITS.maxBodyBytes (256 KiB); the JSON mapping of the same message is larger (field names, enum
 * names, quotes, doubles printed in full). json-body-limit.spec.ts measures the worst case it knows:
 * an alert whose area is polygons of full-precision vertices, at the wire limit, takes about 680 KB
 * of compact JSON, 2.6 times its protobuf. Four times the wire limit (1 MiB) admits it with room for
 * some whitespace, and half of the 2 MB parsed before.
 */
export const MAX_JSON_BODY_BYTES = 4 * LIMITS.maxBodyBytes;
