import type { ComponentChildren } from 'preact';
import { OptionsLink } from './OptionsLink';

export interface AppHeaderProps {
  /** The popup names the product as its page heading; the side panel keeps h1 for the job it shows. */
  asHeading?: boolean;
  children?: ComponentChildren;
}

/** Product name and icon, optional controls, and the Options gear. */
export function AppHeader({ asHeading = false, children }: AppHeaderProps) {
  const Name = asHeading ? 'h1' : 'span';
  return (
    <header class="app-header">
      <img class="app-icon" src="/icon-48.png" width={22} height={22} alt="" />
      <Name class="app-name">Scrape Queue</Name>
      <span class="app-header-extra">{children}</span>
      <OptionsLink />
    </header>
  );
}
