import { Fragment } from 'react';
import { accessSummary, NOTHING_MORE } from '../../../shared/access-summary.ts';

/**
 * What an app could do with these permissions, in one line of plain words, risky parts first and marked in words and
 * weight, not colour alone: "Could permanently delete clients · could see your earnings · could change bookings".
 */
export function AccessSummary({ scopes, id, live = false }: { scopes: Iterable<string>; id?: string; live?: boolean }) {
  const parts = accessSummary(scopes);
  return (
    <p className="access-summary" id={id} aria-live={live ? 'polite' : undefined} data-testid="access-summary">
      {parts.length === 0
        ? NOTHING_MORE
        : parts.map((part, i) => {
            const text = i === 0 ? part.text.charAt(0).toUpperCase() + part.text.slice(1) : part.text;
            return (
              <Fragment key={`${part.risk ?? ''}${part.verb}`}>
                {i > 0 && ' · '}
                {part.risk ? (
                  <strong className="risky-text" data-risk={part.risk}>
                    {text}
                  </strong>
                ) : (
                  <span>{text}</span>
                )}
              </Fragment>
            );
          })}
    </p>
  );
}
