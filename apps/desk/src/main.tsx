import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createUserManager } from '../../../libs/web/src/auth/oidc-client';
import { createI18n } from '../../../libs/web/src/i18n/i18n-setup';
import { DeskApp } from './app/desk-app';
import { loadDeskSettings } from './app/desk-settings';
import { NoSignInPage } from './app/no-sign-in-page';
import { DESK_STRINGS } from './i18n/desk-strings';

// The node serves the desk under /desk/ (vite.config.ts `base`), its settings beside it.
const base = import.meta.env.BASE_URL;
const root = createRoot(document.getElementById('root')!);
const i18n = createI18n(DESK_STRINGS);

loadDeskSettings(base).then(
  (settings) => {
    root.render(
      <StrictMode>
        {settings.signIn === null ? (
          <I18nextProvider i18n={i18n}>
            <NoSignInPage node={settings.node} />
          </I18nextProvider>
        ) : (
          <DeskApp
            settings={settings}
            manager={createUserManager({ ...settings.signIn, appBase: base })}
            i18n={i18n}
            base={base}
          />
        )}
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(
      <main id="main">
        <h1>{i18n.t('app.name')}</h1>
        <p role="alert">{i18n.t('app.unreachable', { detail: String(error) })}</p>
      </main>,
    );
  },
);
