import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import './web.css';

/** One entry of the main navigation: an app path and its (translated) name. */
export interface NavItem {
  to: string;
  label: string;
  /** Only this exact path marks it current (for the app's root). */
  end?: boolean;
}

/**
 * The page frame both web apps share: a skip link, a banner with the app's name and whatever the app
 * puts at its end (who is signed in, the language, sign out), the main navigation, then the main
 * content, which the skip link and each new page focus.
 */
export function AppShell(props: {
  appName: string;
  nav?: readonly NavItem[];
  headerEnd?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="bl-shell">
      <a className="bl-skip-link" href="#main">
        {t('web.skipToContent')}
      </a>
      <header className="bl-banner">
        <p className="bl-app-name">{props.appName}</p>
        <div className="bl-banner-end">{props.headerEnd}</div>
      </header>
      {props.nav !== undefined && props.nav.length > 0 && (
        <nav className="bl-nav" aria-label={t('web.mainNavigation')}>
          <ul>
            {props.nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" className="bl-main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
