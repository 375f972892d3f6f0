import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import type { UserManager } from 'oidc-client-ts';
import { lazy, Suspense, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider } from '../../../../libs/web/src/auth/auth-context';
import { SignInCallback } from '../../../../libs/web/src/auth/sign-in-callback';
import { HttpError } from '../../../../libs/web/src/http/http-errors';
import { NodeClientProvider } from '../api/node-client-provider';
import { GroupsPage } from '../groups/groups-page';
import { InboxPage } from '../inbox/inbox-page';
import { LiveInbox } from '../inbox/live-inbox';
import { ReleasesPage } from '../releases/releases-page';
import { RequestsPage } from '../requests/requests-page';
import { SearchPage } from '../search/search-page';
import { DeskLayout } from './desk-layout';
import { DeskNodeContext } from './desk-node';
import { Loading } from './loading';
import type { DeskSettings } from './desk-settings';
import { NotFoundPage } from './not-found-page';
import './desk.css';

// The heaviest screens (the map, charts, the compose forms) load when first opened.
const ComposeAlertPage = lazy(() =>
  import('../compose/compose-alert-page').then((m) => ({ default: m.ComposeAlertPage })),
);
const ComposeNoticePage = lazy(() =>
  import('../compose/compose-notice-page').then((m) => ({ default: m.ComposeNoticePage })),
);
const MessagePage = lazy(() => import('../message/message-page').then((m) => ({ default: m.MessagePage })));
const PicturePage = lazy(() => import('../picture/picture-page').then((m) => ({ default: m.PicturePage })));

// A refusal will not change on retry; a network error or a 5xx may.
const retry = (failures: number, error: unknown): boolean =>
  failures < 2 && !(error instanceof HttpError && error.status < 500);

/** The desk: its providers (language, session, data, the node's client) and its screens by path. */
export function DeskApp(props: { settings: DeskSettings; manager: UserManager; i18n: i18n; base: string }) {
  const [queries] = useState(() => new QueryClient({ defaultOptions: { queries: { retry } } }));
  const node = props.settings.node;
  return (
    <I18nextProvider i18n={props.i18n}>
      <DeskNodeContext.Provider value={node}>
        <AuthProvider manager={props.manager} appBase={props.base}>
          <QueryClientProvider client={queries}>
            <NodeClientProvider>
              <BrowserRouter basename={props.base.replace(/\/$/, '')}>
                <LiveInbox>
                  <Suspense fallback={<Loading />}>
                    <Routes>
                      <Route path="callback" element={<SignInCallback />} />
                      <Route element={<DeskLayout node={node} />}>
                        <Route index element={<Navigate to="/inbox" replace />} />
                        <Route path="inbox" element={<InboxPage />} />
                        <Route path="messages/:id" element={<MessagePage />} />
                        <Route path="compose/alert" element={<ComposeAlertPage />} />
                        <Route path="compose/notice" element={<ComposeNoticePage />} />
                        <Route path="requests" element={<RequestsPage />} />
                        <Route path="releases" element={<ReleasesPage />} />
                        <Route path="groups" element={<GroupsPage />} />
                        <Route path="picture" element={<PicturePage />} />
                        <Route path="search" element={<SearchPage />} />
                        <Route path="*" element={<NotFoundPage />} />
                      </Route>
                    </Routes>
                  </Suspense>
                </LiveInbox>
              </BrowserRouter>
            </NodeClientProvider>
          </QueryClientProvider>
        </AuthProvider>
      </DeskNodeContext.Provider>
    </I18nextProvider>
  );
}
