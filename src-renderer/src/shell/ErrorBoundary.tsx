import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  failed: boolean;
}

/** A crash in one screen shows a way out instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Screen crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div className="state-panel state-error" role="alert">
            <h2>{t('app.crashed')}</h2>
            <p>{t('app.crashedText')}</p>
            <div className="state-actions">
              <button type="button" className="btn" onClick={() => this.setState({ failed: false })}>
                {t('common.retry')}
              </button>
              <button type="button" className="btn" onClick={() => window.location.reload()}>
                {t('app.reload')}
              </button>
            </div>
          </div>
        )}
      </Translation>
    );
  }
}
