import type { i18n } from 'i18next';
import { useEffect, useState, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { ApiProvider } from './api/ApiProvider';
import type { ApiClient } from './api/client';
import { AtRiskPage } from './features/care/AtRiskPage';
import { CareDialogsProvider } from './features/care/CareDialogs';
import { CareReminders } from './features/care/CareReminders';
import { ComplaintsPage } from './features/care/ComplaintsPage';
import { FollowUpsPage } from './features/care/FollowUpsPage';
import { CustomerDetailPage } from './features/customers/CustomerDetailPage';
import { CustomersPage } from './features/customers/CustomersPage';
import { ExperimentsPage } from './features/experiments/ExperimentsPage';
import { EditorsProvider } from './shell/EditorsProvider';
import { GoalDetailPage } from './features/goals/GoalDetailPage';
import { GoalReminders } from './features/goals/GoalReminders';
import { GoalsPage } from './features/goals/GoalsPage';
import { HomePage } from './features/home/HomePage';
import { CoachPage } from './features/coach/CoachPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { ScorecardPage } from './features/goals/ScorecardPage';
import { ImportPage } from './features/imports/ImportPage';
import { JournalDialogsProvider } from './features/journal/JournalDialogs';
import { JournalPage } from './features/journal/JournalPage';
import { ItemPage } from './features/library/ItemPage';
import { LibraryImportProvider } from './features/library/LibraryImport';
import { LibraryPage } from './features/library/LibraryPage';
import { WelcomePage } from './features/onboarding/WelcomePage';
import { SalesPage } from './features/sales/SalesPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { SettingsProvider, useSettings } from './features/settings/SettingsProvider';
import { TechniquesPage } from './features/techniques/TechniquesPage';
import { TrainingPage } from './features/training/TrainingPage';
import { WhatWorksPage } from './features/whatWorks/WhatWorksPage';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { FirstLookProvider } from './shell/FirstLook';
import { Shell } from './shell/Shell';
import { NotificationsProvider } from './ui/Notifications';
import { ViewStateProvider } from './ui/viewState';

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
  if (!settings.onboarded) return <WelcomePage />;
  return (
    // Care and journal dialogs outside the editors: the sale form can open one (log a call, a journal entry) over itself.
    <FirstLookProvider firstRun={firstRun}>
      <CareDialogsProvider>
        <JournalDialogsProvider>
          <EditorsProvider>
            <LibraryImportProvider>
              <CareReminders />
              <GoalReminders />
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
