import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useAuth } from '../../../../libs/web/src/auth/auth-context';
import { RequireSignIn } from '../../../../libs/web/src/auth/require-sign-in';
import { usePersonLanguage } from '../../../../libs/web/src/i18n/language-switcher';
import { AppShell, type NavItem } from '../../../../libs/web/src/layout/app-shell';
import { useMe } from '../api/use-me';
import { LandingPage } from './landing-page';
import { PersonHeader } from './person-header';

/** The desk's frame: the banner with the person, the navigation their roles open, the page. */
export function DeskLayout(props: { node: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePersonLanguage(user?.profile.sub);
  const me = useMe();
  const roles = useMemo(() => me.data?.roles ?? [], [me.data]);
  const location = useLocation();

  // Each new page is announced from its start: focus moves to the main content.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  const nav: NavItem[] =
    user === null
      ? []
      : [
          { to: '/inbox', label: t('nav.inbox') },
          ...(roles.includes('author')
            ? [
                { to: '/compose/alert', label: t('nav.composeAlert') },
                { to: '/compose/notice', label: t('nav.composeNotice') },
              ]
            : []),
          { to: '/requests', label: t('nav.requests') },
          ...(roles.includes('supervisor') ? [{ to: '/releases', label: t('nav.releases') }] : []),
          { to: '/groups', label: t('nav.groups') },
          { to: '/picture', label: t('nav.picture') },
          { to: '/search', label: t('nav.search') },
        ];

  return (
    <AppShell appName={t('app.nameAt', { node: props.node })} nav={nav} headerEnd={<PersonHeader />}>
      <RequireSignIn signedOut={<LandingPage node={props.node} />}>
        <Outlet />
      </RequireSignIn>
    </AppShell>
  );
}
