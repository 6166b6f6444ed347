import { Component, type ReactNode } from 'react';

/**
 * Keeps one broken part from blanking the panel: a page, a dialog or a single record that fails to render shows
 * what went wrong in its own place, and everything around it keeps working.
 */
export class ErrorBoundary extends Component<{ what: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <strong>{this.props.what} could not be shown.</strong> The rest of the panel still works. ({this.state.error.message})
        <button type="button" className="small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
