/** NODE_SITE names a site the registry does not place this node in (its `country`). */
export class SiteMembershipError extends Error {
  override readonly name = 'SiteMembershipError';

  constructor(node: string, site: string, registered: string | undefined, options?: { cause?: unknown }) {
    super(
      `NODE_SITE is ${site}, but the registry places ${node} ` +
        (registered === undefined ? 'in no site (no country)' : `in site ${registered}`),
      options,
    );
  }
}
