import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { displayNameOf, useAuth } from '../../../../libs/web/src/auth/auth-context';
import { LanguageSwitcher, usePersonLanguage } from '../../../../libs/web/src/i18n/language-switcher';
import { AppShell, type NavItem } from '../../../../libs/web/src/layout/app-shell';
import { useApi } from '../api/api-context';
import { getMe } from '../api/me';
import { QUERY_KEYS } from '../api/query-keys';
import { CONSOLE_PATHS, KEEP_FOCUS } from './console-paths';

/**
 * The frame of every screen: who is signed in (the server's name for them once it answers), the
 * language, sign out, and the navigation between screens.
 */
export function ConsoleShell() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const api = useApi();
  const me = useQuery({ queryKey: QUERY_KEYS.me, queryFn: () => getMe(api), staleTime: 5 * 60_000 });
  const person = user?.profile.sub;
  usePersonLanguage(person);
  const name = me.data?.user ?? displayNameOf(user) ?? '';

  const nav: NavItem[] = [
    { to: CONSOLE_PATHS.network, label: t('console.nav.network'), end: true },
    { to: CONSOLE_PATHS.traffic, label: t('console.nav.traffic') },
    { to: CONSOLE_PATHS.nats, label: t('console.nav.nats') },
    { to: CONSOLE_PATHS.deadLetters, label: t('console.nav.deadLetters') },
    { to: CONSOLE_PATHS.audit, label: t('console.nav.audit') },
    { to: CONSOLE_PATHS.keys, label: t('console.nav.keys') },
  ];

  return (
    <AppShell
      appName={t('console.appName')}
      nav={nav}
      headerEnd={
        <>
          <span className="console-operator">{t('web.auth.signedInAs', { name })}</span>
          <LanguageSwitcher person={person} />
          <button type="button" className="button-banner" onClick={() => void signOut()}>
            {t('web.auth.signOut')}
          </button>
        </>
      }
    >
      <FocusOnNavigation />
      <Suspense
        fallback={
          <p className="query-state" role="status">
            {t('console.state.loading')}
          </p>
        }
      >
        <Outlet />
      </Suspense>
    </AppShell>
  );
}

// After moving to another screen, focus goes to the main content (as after a page load, a screen
// reader starts from there); not on the first screen, where the browser's own start applies, nor
// when the screen navigating says it places focus itself.
function FocusOnNavigation() {
  const { pathname, state } = useLocation();
  const first = useRef(true);
  const keep = (state as Partial<typeof KEEP_FOCUS> | null)?.keepFocus === true;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!keep) document.getElementById('main')?.focus();
  }, [pathname, keep]);
  return null;
}
