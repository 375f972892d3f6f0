import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useAccessToken } from '../../../../libs/web/src/auth/auth-context';
import { ApiClient } from './api-client';

const ApiContext = createContext<ApiClient | null>(null);

/** The console server's API for the screens beneath, with the operator's current token. */
export function ApiProvider(props: { children: ReactNode }) {
  const token = useAccessToken();
  const api = useMemo(() => new ApiClient(() => token), [token]);
  return <ApiContext.Provider value={api}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi needs an ApiProvider above it');
  return api;
}
