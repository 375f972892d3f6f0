import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Where a sign-in started, so the callback can return there (a path inside the app). */
interface SignInState {
  returnTo: string;
}

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in';

/** The signed-in person as the browser knows them; what they may do is the server's (`/v1/me`). */
export interface Auth {
  status: AuthStatus;
  user: User | null;
  /** Sends the browser to the provider; back at `returnTo` (an app path such as `/inbox`) afterwards. */
  signIn(returnTo?: string): Promise<void>;
  /** Completes the sign-in on the callback page; resolves the app path to return to. */
  completeSignIn(): Promise<string>;
  /** Forgets the tokens and ends the session at the provider. */
  signOut(): Promise<void>;
  /** The token is no longer accepted (expired, revoked): forget it and sign in again. */
  signInAgain(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

// The current app path (without the app's base), to come back to after signing in.
function currentAppPath(appBase: string): string {
  const { pathname, search, hash } = window.location;
  const inside = pathname.startsWith(appBase) ? pathname.slice(appBase.length - 1) : '/';
  return `${inside}${search}${hash}`;
}

function returnToOf(user: User): string {
  const state = user.state as Partial<SignInState> | undefined;
  // Only a path inside the app: never an absolute URL an attacker could have planted in the state.
  return typeof state?.returnTo === 'string' &&
    state.returnTo.startsWith('/') &&
    !state.returnTo.startsWith('//')
    ? state.returnTo
    : '/';
}

/**
 * Holds the person's session for the app beneath it. When the access token expires it signs in
 * again, back to the same page, rather than leaving screens failing with 401s.
 */
export function AuthProvider(props: { manager: UserManager; appBase: string; children: ReactNode }) {
  const { manager, appBase } = props;
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');

  useEffect(() => {
    let live = true;
    manager.getUser().then(
      (stored) => {
        if (!live) return;
        const valid = stored !== null && !stored.expired ? stored : null;
        setUser(valid);
        setStatus(valid === null ? 'signed-out' : 'signed-in');
      },
      () => live && setStatus('signed-out'),
    );
    const loaded = (next: User) => {
      setUser(next);
      setStatus('signed-in');
    };
    const unloaded = () => {
      setUser(null);
      setStatus('signed-out');
    };
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(unloaded);
    return () => {
      live = false;
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(unloaded);
    };
  }, [manager]);

  const signIn = useCallback(
    (returnTo?: string) =>
      manager.signinRedirect({
        state: { returnTo: returnTo ?? currentAppPath(appBase) } satisfies SignInState,
      }),
    [manager, appBase],
  );

  const signInAgain = useCallback(async () => {
    const returnTo = currentAppPath(appBase);
    await manager.removeUser();
    await manager.signinRedirect({ state: { returnTo } satisfies SignInState });
  }, [manager, appBase]);

  useEffect(() => {
    const expired = () => void signInAgain();
    manager.events.addAccessTokenExpired(expired);
    return () => manager.events.removeAccessTokenExpired(expired);
  }, [manager, signInAgain]);

  const completeSignIn = useCallback(
    async () => returnToOf(await manager.signinRedirectCallback()),
    [manager],
  );

  const signOut = useCallback(async () => {
    const idToken = user?.id_token;
    await manager.removeUser();
    try {
      // No `resource` here: the settings' extra parameters are the sign-in's, not the end session's.
      await manager.signoutRedirect({
        extraQueryParams: {},
        ...(idToken === undefined ? {} : { id_token_hint: idToken }),
      });
    } catch {
      // A provider without an end-session endpoint: the local sign-out is all there is.
      window.location.assign(appBase);
    }
  }, [manager, user, appBase]);

  const value = useMemo<Auth>(
    () => ({ status, user, signIn, completeSignIn, signOut, signInAgain }),
    [status, user, signIn, completeSignIn, signOut, signInAgain],
  );
  return <AuthContext.Provider value={value}>{props.children}</AuthContext.Provider>;
}

/** The session; only beneath an AuthProvider. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth needs an AuthProvider above it');
  return auth;
}

/** The person's access token for the app's audience, or undefined when nobody is signed in. */
export function useAccessToken(): string | undefined {
  const { user } = useAuth();
  return user === null || user.expired === true ? undefined : user.access_token;
}

/** A name to show for the signed-in person, from their ID token (the server's `/v1/me` has the rest). */
export function displayNameOf(user: User | null): string | undefined {
  if (user === null) return undefined;
  const profile = user.profile;
  return profile.name ?? profile.preferred_username ?? profile.sub;
}
