import { ValidateBy, type ValidationOptions } from 'class-validator';

// The user part of a URL, or undefined when it does not parse (the URL's own validator says so).
function credentialsOf(url: unknown): { username: string; password: string } | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const { username, password } = new URL(url);
  return { username, password };
}

/**
 * The property names a password file for the user of the URL in `urlProperty`: that URL must name a
 * user (Redis's `default` user is disabled) and carry no password of its own, so there is one source.
 */
export function IsPasswordFileFor(
  urlProperty: string,
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPasswordFileFor',
      constraints: [urlProperty],
      validator: {
        validate: (value: unknown, args): boolean => {
          if (typeof value !== 'string' || value.trim() === '') return false;
          const credentials = credentialsOf((args?.object as Record<string, unknown>)[urlProperty]);
          return credentials === undefined || (credentials.username !== '' && credentials.password === '');
        },
        defaultMessage: () =>
          `$property must name a file, and ${urlProperty} must then name its user without a password (redis://user@host:port)`,
      },
    },
    validationOptions,
  );
}
