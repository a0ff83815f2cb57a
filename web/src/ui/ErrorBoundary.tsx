import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translate } from '../../../common/src/i18n/client.js';
import { apiLocale } from '../api/client';

interface Props {
  children: ReactNode;
  /** When this changes (e.g. the page), a caught error is cleared. */
  resetKey?: string;
  /** Full-page variant for the top of the tree. */
  fullPage?: boolean;
}
interface State {
  error: Error | null;
  key: string | undefined;
}

/** Catches rendering errors so that one broken page does not blank the whole application. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    // Outside of the providers, so no hooks: read the locale the API client uses.
    const l = apiLocale();
    const body = (
      <div className="state error" role="alert">
        <div className="state-icon" aria-hidden>
          !
        </div>
        <h3>{translate(l, 'web.crash.title')}</h3>
        <p>{translate(l, 'web.crash.text')}</p>
        <p className="small mono">{this.state.error.message}</p>
        <div className="row" style={{ justifyContent: 'center' }}>
          <button className="btn btn-primary" type="button" onClick={() => window.location.reload()}>
            {translate(l, 'web.crash.reload')}
          </button>
          <a className="btn" href="/">
            {translate(l, 'web.crash.home')}
          </a>
        </div>
      </div>
    );
    return this.props.fullPage ? (
      <div className="center-page">{body}</div>
    ) : (
      <div className="card">{body}</div>
    );
  }
}
