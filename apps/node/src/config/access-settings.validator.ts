import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * `from=to,from=to`: how the identity provider's values (group names, clearance levels) map to the
 * node's words; each `to` must be one of `allowed`. Parsed by `parseClaimMap`.
 */
export function IsClaimMap(
  allowed: readonly string[],
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isClaimMap',
      constraints: [allowed],
      validator: {
        validate: (value: unknown): boolean => {
          if (typeof value !== 'string') return false;
          const pairs = parseClaimMap(value);
          return (
            pairs !== undefined &&
            [...pairs.values()].every((to) => to.every((name) => allowed.includes(name)))
          );
        },
        defaultMessage: () =>
          `$property must be a list of idp-value=name pairs separated by commas, each name one of ${allowed.join(', ')}`,
      },
    },
    validationOptions,
  );
}

/** `a=x,b=y,a=z` as a map from each identity provider value to the names it grants; undefined when malformed. */
export function parseClaimMap(text: string): Map<string, string[]> | undefined {
  const map = new Map<string, string[]>();
  for (const pair of text.split(',')) {
    const at = pair.lastIndexOf('=');
    const from = pair.slice(0, at).trim();
    const to = pair.slice(at + 1).trim();
    if (at <= 0 || from === '' || to === '') return undefined;
    map.set(from, [...(map.get(from) ?? []), to]);
  }
  return map;
}

/**
 * An identity provider's issuer URL: https, or http on a loopback address only (a local test or
 * demo provider), without a query or fragment, as OpenID Connect Discovery requires.
 */
export function IsIssuerUrl(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIssuerUrl',
      validator: {
        validate: (value: unknown): boolean => {
          if (typeof value !== 'string' || !URL.canParse(value)) return false;
          const url = new URL(value);
          const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
          const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
          return scheme && url.search === '' && url.hash === '';
        },
        defaultMessage: () =>
          '$property must be an https URL (http only on a loopback address) without query or fragment',
      },
    },
    validationOptions,
  );
}
