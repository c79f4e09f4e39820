import type { i18n } from 'i18next';
import { Suspense, useEffect, useState, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { ApiProvider } from './api/ApiProvider';
import type { ApiClient } from './api/client';
import { CareDialogsProvider } from './features/care/CareDialogs';
import { EditorsProvider } from './shell/EditorsProvider';
import { JournalDialogsProvider } from './features/journal/JournalDialogs';
import { LibraryImportProvider } from './features/library/LibraryImport';
import { SettingsProvider, useSettings } from './features/settings/SettingsProvider';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { FirstLookProvider } from './shell/FirstLook';
import { lazyNamed } from './shell/lazyNamed';
import { PageLoading } from './shell/PageLoading';
import { Shell } from './shell/Shell';
import { NotificationsProvider } from './ui/Notifications';
import { ViewStateProvider } from './ui/viewState';

// Each screen's code loads with its route (the Shell waits for it in a Suspense), so the first
// screen does not carry every other screen, chart.js and markdown with it.
const AtRiskPage = lazyNamed(() => import('./features/care/AtRiskPage'), 'AtRiskPage');
const ComplaintsPage = lazyNamed(() => import('./features/care/ComplaintsPage'), 'ComplaintsPage');
const FollowUpsPage = lazyNamed(() => import('./features/care/FollowUpsPage'), 'FollowUpsPage');
const CustomerDetailPage = lazyNamed(() => import('./features/customers/CustomerDetailPage'), 'CustomerDetailPage');
const CustomersPage = lazyNamed(() => import('./features/customers/CustomersPage'), 'CustomersPage');
const ExperimentsPage = lazyNamed(() => import('./features/experiments/ExperimentsPage'), 'ExperimentsPage');
const GoalDetailPage = lazyNamed(() => import('./features/goals/GoalDetailPage'), 'GoalDetailPage');
const GoalsPage = lazyNamed(() => import('./features/goals/GoalsPage'), 'GoalsPage');
const HomePage = lazyNamed(() => import('./features/home/HomePage'), 'HomePage');
const CoachPage = lazyNamed(() => import('./features/coach/CoachPage'), 'CoachPage');
const ReportsPage = lazyNamed(() => import('./features/reports/ReportsPage'), 'ReportsPage');
const ScorecardPage = lazyNamed(() => import('./features/goals/ScorecardPage'), 'ScorecardPage');
const ImportPage = lazyNamed(() => import('./features/imports/ImportPage'), 'ImportPage');
const JournalPage = lazyNamed(() => import('./features/journal/JournalPage'), 'JournalPage');
const ItemPage = lazyNamed(() => import('./features/library/ItemPage'), 'ItemPage');
const LibraryPage = lazyNamed(() => import('./features/library/LibraryPage'), 'LibraryPage');
const WelcomePage = lazyNamed(() => import('./features/onboarding/WelcomePage'), 'WelcomePage');
const SalesPage = lazyNamed(() => import('./features/sales/SalesPage'), 'SalesPage');
const SettingsPage = lazyNamed(() => import('./features/settings/SettingsPage'), 'SettingsPage');
const TechniquesPage = lazyNamed(() => import('./features/techniques/TechniquesPage'), 'TechniquesPage');
const TrainingPage = lazyNamed(() => import('./features/training/TrainingPage'), 'TrainingPage');
const WhatWorksPage = lazyNamed(() => import('./features/whatWorks/WhatWorksPage'), 'WhatWorksPage');
// The reminders speak after the first screen (see FirstLook): their code need not come before it.
const CareReminders = lazyNamed(() => import('./features/care/CareReminders'), 'CareReminders');
const GoalReminders = lazyNamed(() => import('./features/goals/GoalReminders'), 'GoalReminders');

export interface AppProps {
  client: ApiClient;
  i18n: i18n;
}

/** The whole renderer, minus the router, so tests can mount it in a MemoryRouter. */
export function App({ client, i18n }: AppProps): ReactElement {
  useDocumentLanguage(i18n);
  return (
    <I18nextProvider i18n={i18n}>
      <ErrorBoundary>
        <ApiProvider client={client}>
          <NotificationsProvider>
            <SettingsProvider>
              <ViewStateProvider>
                <Screens />
              </ViewStateProvider>
            </SettingsProvider>
          </NotificationsProvider>
        </ApiProvider>
      </ErrorBoundary>
    </I18nextProvider>
  );
}

/**
 * `<html lang>` follows the language the words are in, from the first render (before settings
 * arrive) through every switch: screen readers pick their voice from it, and Chromium its
 * hyphenation and fonts. Native date inputs do not follow it: Chromium formats them in the
 * browser's own locale.
 */
function useDocumentLanguage(i18n: i18n): void {
  useEffect(() => {
    const follow = (language: string): void => {
      document.documentElement.lang = language;
    };
    follow(i18n.resolvedLanguage ?? i18n.language);
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n]);
}

function Screens(): ReactElement {
  const { settings } = useSettings();
  // Whether this window showed the welcome: then the reminders wait until the seller has looked around.
  const [firstRun] = useState(!settings.onboarded);
  if (!settings.onboarded)
    return (
      <Suspense fallback={<PageLoading />}>
        <WelcomePage />
      </Suspense>
    );
  return (
    // Care and journal dialogs outside the editors: the sale form can open one (log a call, a journal entry) over itself.
    <FirstLookProvider firstRun={firstRun}>
      <CareDialogsProvider>
        <JournalDialogsProvider>
          <EditorsProvider>
            <LibraryImportProvider>
              <Suspense fallback={null}>
                <CareReminders />
                <GoalReminders />
              </Suspense>
              <Routes>
                <Route element={<Shell />}>
                  <Route index element={<Navigate to="/home" replace />} />
                  <Route path="home" element={<HomePage />} />
                  <Route path="sales" element={<SalesPage />} />
                  <Route path="customers" element={<CustomersPage />} />
                  <Route path="customers/:id" element={<CustomerDetailPage />} />
                  <Route path="followups" element={<FollowUpsPage />} />
                  <Route path="followups/at-risk" element={<AtRiskPage />} />
                  <Route path="followups/complaints" element={<ComplaintsPage />} />
                  <Route path="goals" element={<GoalsPage />} />
                  <Route path="goals/scorecard" element={<ScorecardPage />} />
                  <Route path="goals/:id" element={<GoalDetailPage />} />
                  <Route path="journal" element={<JournalPage />} />
                  <Route path="journal/techniques" element={<TechniquesPage />} />
                  <Route path="journal/what-works" element={<WhatWorksPage />} />
                  <Route path="journal/experiments" element={<ExperimentsPage />} />
                  <Route path="library" element={<LibraryPage />} />
                  <Route path="library/:id" element={<ItemPage />} />
                  <Route path="training" element={<TrainingPage />} />
                  <Route path="coach" element={<CoachPage />} />
                  <Route path="reports" element={<ReportsPage />} />
                  <Route path="import" element={<ImportPage />} />
                  <Route path="settings" element={<SettingsPage />} />
                  {/* Areas not built yet (and stale links to them) land on Home. */}
                  <Route path="*" element={<Navigate to="/home" replace />} />
                </Route>
              </Routes>
            </LibraryImportProvider>
          </EditorsProvider>
        </JournalDialogsProvider>
      </CareDialogsProvider>
    </FirstLookProvider>
  );
}
