/** A registry that cannot be read or does not validate; `problems` lists every finding, one line each. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';

  constructor(
    readonly problems: string[],
    source = 'registry',
    options?: { cause?: unknown },
  ) {
    super(
      `${source}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}\n  - ${problems.join('\n  - ')}`,
      options,
    );
  }
}
