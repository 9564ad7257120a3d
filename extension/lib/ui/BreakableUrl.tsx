import { Fragment } from 'preact';
import { urlBreakParts } from './url-breaks';

export interface BreakableUrlProps {
  text: string;
}

/** Text with <wbr> after URL separators, so a long URL wraps at path boundaries instead of mid-word. */
export function BreakableUrl({ text }: BreakableUrlProps) {
  return (
    <>
      {urlBreakParts(text).map((part, i) => (
        <Fragment key={i}>
          {part}
          <wbr />
        </Fragment>
      ))}
    </>
  );
}
