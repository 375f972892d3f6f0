/**
 * The shared pieces' own strings, under the key `web`; each app merges them with its own. Russian
 * alongside English, as every visible string is translated.
 */
export const WEB_STRINGS = {
  en: {
    web: {
      skipToContent: 'Skip to content',
      mainNavigation: 'Main',
      language: 'Language',
      languages: { en: 'English', ru: 'Русский' },
      auth: {
        signIn: 'Sign in',
        signOut: 'Sign out',
        completing: 'Completing sign-in…',
        failedTitle: 'Sign-in failed',
        signedInAs: 'Signed in as {{name}}',
      },
      tlp: {
        label: 'Handling: {{label}}',
        prefix: 'Handling:',
        unknown: 'TLP:UNKNOWN',
      },
      map: {
        label: 'Map of Central Asia',
        loading: 'Loading the map…',
        failed: 'The map could not be loaded.',
        zoomIn: 'Zoom in',
        zoomOut: 'Zoom out',
        section: 'Border section {{name}}',
        crossing: 'Crossing point {{name}}',
      },
      http: {
        failed: 'The request failed ({{status}}).',
        offline: 'The server cannot be reached.',
      },
      loading: 'Loading…',
    },
  },
  ru: {
    web: {
      skipToContent: 'Перейти к содержимому',
      mainNavigation: 'Основная навигация',
      language: 'Язык',
      languages: { en: 'English', ru: 'Русский' },
      auth: {
        signIn: 'Войти',
        signOut: 'Выйти',
        completing: 'Завершение входа…',
        failedTitle: 'Не удалось войти',
        signedInAs: 'Вы вошли как {{name}}',
      },
      tlp: {
        label: 'Обращение: {{label}}',
        prefix: 'Обращение:',
        unknown: 'TLP:НЕИЗВЕСТНО',
      },
      map: {
        label: 'Карта Центральной Азии',
        loading: 'Загрузка карты…',
        failed: 'Не удалось загрузить карту.',
        zoomIn: 'Приблизить',
        zoomOut: 'Отдалить',
        section: 'Участок границы {{name}}',
        crossing: 'Пункт пропуска {{name}}',
      },
      http: {
        failed: 'Запрос не выполнен ({{status}}).',
        offline: 'Сервер недоступен.',
      },
      loading: 'Загрузка…',
    },
  },
} as const;
