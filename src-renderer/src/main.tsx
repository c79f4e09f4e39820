import './jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './App';
import { getBridge } from './api/bridge';
import { createApiClient } from './api/client';
import { createI18n, guessLanguage, loadCatalogue } from './i18n';
import { applyTheme } from './features/settings/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/import.css';
import './styles/care.css';
import './styles/goals.css';
import './styles/whatworks.css';
import './styles/journal.css';
import './styles/library.css';
import './styles/training.css';
import './styles/home.css';
import './styles/coach.css';
import './styles/reports.css';

// Follow the OS until settings arrive, so a dark desktop never flashes a white window.
applyTheme('system');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

const language = guessLanguage();
// Only the shown language's words load; the first render waits for them so it is translated.
void loadCatalogue(language).then((catalogue) => {
  // A hash router: the app is served from rapport://app/index.html, where path routes would 404.
  createRoot(root).render(
    <StrictMode>
      <HashRouter>
        <App client={createApiClient(getBridge())} i18n={createI18n(language, { [language]: catalogue })} />
      </HashRouter>
    </StrictMode>,
  );
});
