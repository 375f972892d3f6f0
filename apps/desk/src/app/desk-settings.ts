/** What the node tells its desk (GET /desk/config.json, apps/node/src/desk). */
export interface DeskSettings {
  node: string;
  signIn: { issuer: string; clientId: string; audience: string } | null;
}

export async function loadDeskSettings(base: string): Promise<DeskSettings> {
  const response = await fetch(`${base}config.json`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${base}config.json: ${response.status}`);
  return (await response.json()) as DeskSettings;
}
