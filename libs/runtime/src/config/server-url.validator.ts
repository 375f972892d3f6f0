import { ValidateBy, type ValidationOptions } from 'class-validator';

function hasScheme(value: string, schemes: readonly string[]): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return schemes.includes(url.protocol.slice(0, -1)) && url.hostname !== '';
}

/**
 * The property is a server URL with one of `schemes` (without `://`) and a host. With `list`, it may
 * be a comma-separated list of such URLs, the form NATS clients take for a cluster's seed servers.
 */
export function IsServerUrl(
  schemes: readonly string[],
  options: { list?: boolean } = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  const expected = schemes.map((scheme) => `${scheme}://`).join(' or ');
  return ValidateBy(
    {
      name: 'isServerUrl',
      constraints: [schemes, options.list ?? false],
      validator: {
        validate: (value: unknown): boolean => {
          if (typeof value !== 'string') return false;
          const urls = options.list ? value.split(',').map((part) => part.trim()) : [value];
          return urls.every((url) => hasScheme(url, schemes));
        },
        defaultMessage: () =>
          options.list
            ? `$property must be a comma-separated list of ${expected} URLs`
            : `$property must be a ${expected} URL`,
      },
    },
    validationOptions,
  );
}
