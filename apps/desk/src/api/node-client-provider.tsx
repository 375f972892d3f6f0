import { useMemo, useRef, type ReactNode } from 'react';
import { useAuth } from '../../../../libs/web/src/auth/auth-context';
import { createNodeClient, NodeClientContext } from './node-client';

/**
 * Gives the screens a client of the node with the person's current token; a 401 (the token expired
 * or was revoked) sends them to sign in again, back to the same page.
 */
export function NodeClientProvider(props: { children: ReactNode }) {
  const { user, signInAgain } = useAuth();
  // The client lives as long as the page; it reads the token of the moment on every call.
  const token = useRef<string | undefined>(undefined);
  token.current = user?.access_token;
  const again = useRef(signInAgain);
  again.current = signInAgain;
  const client = useMemo(
    () =>
      createNodeClient(
        () => token.current,
        () => void again.current(),
      ),
    [],
  );
  return <NodeClientContext.Provider value={client}>{props.children}</NodeClientContext.Provider>;
}
