import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../libs/web/src/i18n/i18n-setup';
import { ConsoleApp } from './console-app';
import { loadConsoleConfig } from './config/console-config';
import { CONSOLE_STRINGS } from './i18n/console-strings';
import { BootFailure } from './shell/boot-failure';
import './console.css';

const i18n = createI18n(CONSOLE_STRINGS);
const root = createRoot(document.getElementById('root')!);

// The provider's settings come from the server first: nothing can be shown signed out.
loadConsoleConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ConsoleApp config={config} i18n={i18n} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <BootFailure reason={error instanceof Error ? error.message : String(error)} />
      </I18nextProvider>,
    ),
);
