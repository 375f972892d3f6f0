import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { lazy, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from '../../../libs/web/src/auth/auth-context';
import { createUserManager } from '../../../libs/web/src/auth/oidc-client';
import { SignInCallback } from '../../../libs/web/src/auth/sign-in-callback';
import { ApiProvider } from './api/api-context';
import { ApiRefusedError, ApiUnauthenticatedError } from './api/api.errors';
import type { ConsoleConfig } from './config/console-config';
import { ConsoleShell } from './shell/console-shell';
import { CONSOLE_PATHS } from './shell/console-paths';
import { NotFound } from './shell/not-found';
import { SignedIn } from './shell/signed-in';

const APP_BASE = import.meta.env.BASE_URL;

// Each screen is its own chunk, loaded when first shown: the map and the charts weigh most.
const AuditScreen = lazy(() =>
  import('./audit/audit-screen').then((module) => ({ default: module.AuditScreen })),
);
const DeadLettersScreen = lazy(() =>
  import('./dead-letters/dead-letters-screen').then((module) => ({ default: module.DeadLettersScreen })),
);
const KeysScreen = lazy(() =>
  import('./keys/keys-screen').then((module) => ({ default: module.KeysScreen })),
);
const NatsScreen = lazy(() =>
  import('./nats/nats-screen').then((module) => ({ default: module.NatsScreen })),
);
const NetworkScreen = lazy(() =>
  import('./network/network-screen').then((module) => ({ default: module.NetworkScreen })),
);
const TrafficScreen = lazy(() =>
  import('./traffic/traffic-screen').then((module) => ({ default: module.TrafficScreen })),
);

/** The console: its language, the operator's session, the API and the screens. */
export function ConsoleApp(props: { config: ConsoleConfig; i18n: I18n }) {
  const { config } = props;
  const manager = useMemo(() => createUserManager({ ...config, appBase: APP_BASE }), [config]);
  return (
    <I18nextProvider i18n={props.i18n}>
      <AuthProvider manager={manager} appBase={APP_BASE}>
        <ConsoleQueries>
          <BrowserRouter>
            <Routes>
              <Route path={CONSOLE_PATHS.callback} element={<SignInCallback />} />
              <Route
                element={
                  <SignedIn>
                    <ApiProvider>
                      <ConsoleShell />
                    </ApiProvider>
                  </SignedIn>
                }
              >
                <Route index element={<NetworkScreen />} />
                <Route path={CONSOLE_PATHS.traffic} element={<TrafficScreen />} />
                <Route path={CONSOLE_PATHS.nats} element={<NatsScreen />} />
                <Route path={CONSOLE_PATHS.deadLetters} element={<DeadLettersScreen />} />
                <Route path={`${CONSOLE_PATHS.deadLetters}/:id`} element={<DeadLettersScreen />} />
                <Route path={CONSOLE_PATHS.audit} element={<AuditScreen />} />
                <Route path={CONSOLE_PATHS.keys} element={<KeysScreen />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </ConsoleQueries>
      </AuthProvider>
    </I18nextProvider>
  );
}

/**
 * The query cache of the screens. A refusal is final (asking again gets the same answer); an
 * unreachable server is asked again. A 401 means the token is no longer taken: sign in again, back
 * to the same screen.
 */
function ConsoleQueries(props: { children: ReactNode }) {
  const { signInAgain } = useAuth();
  const [lost, setLost] = useState(false);
  const client = useMemo(() => {
    const onError = (error: unknown) => {
      if (error instanceof ApiUnauthenticatedError) setLost(true);
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: {
          retry: (failures, error) => !(error instanceof ApiRefusedError) && failures < 3,
          refetchOnWindowFocus: false,
        },
      },
    });
  }, []);
  useEffect(() => {
    if (lost && !signedInAgainLately()) void signInAgain();
  }, [lost, signInAgain]);
  return <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;
}

const SIGNED_IN_AGAIN_KEY = 'borderlink.console.signedInAgainAt';
const SIGNED_IN_AGAIN_PAUSE_MS = 60_000;

// A server that refuses even a fresh token (its audience or issuer set wrong) would send the operator
// round the provider for ever: after one new sign-in within a minute, the screens say the refusal
// instead.
function signedInAgainLately(): boolean {
  try {
    const last = Number(window.sessionStorage.getItem(SIGNED_IN_AGAIN_KEY));
    if (Date.now() - last < SIGNED_IN_AGAIN_PAUSE_MS) return true;
    window.sessionStorage.setItem(SIGNED_IN_AGAIN_KEY, String(Date.now()));
  } catch {
    // No session storage: sign in again each time.
  }
  return false;
}
