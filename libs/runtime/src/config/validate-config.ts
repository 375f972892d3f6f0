import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigError } from './config.errors.js';

function problemsOf(errors: readonly ValidationError[]): string[] {
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

/**
 * Reads the configuration class `cls` from the environment, once, at boot: each declared variable is
 * converted to its property type and checked by the class's class-validator decorators; variables the
 * class does not declare are dropped, and an empty variable counts as unset so the default applies.
 * Returns a frozen instance.
 *
 * @throws ConfigError with one line per failed constraint, each naming its variable (never its value,
 *   which may be a secret).
 */
export function validateConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(cls, set, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(problemsOf(errors), { cause: errors });
  }
  return Object.freeze(config);
}
