import { browser } from 'wxt/browser';

export interface OptionsLinkProps {
  /** Visible text beside the gear; the accessible name is "Options" either way. */
  text?: string;
}

/** A gear that opens the Options page (in a tab: options_ui.open_in_tab), from the popup, the side panel or an error row. */
export function OptionsLink({ text }: OptionsLinkProps) {
  const open = (e: Event) => {
    e.preventDefault();
    void browser.runtime.openOptionsPage();
  };
  return (
    <a class="options-link" href={browser.runtime.getURL('/options.html')} target="_blank" rel="noopener" title="Options" aria-label={text ? undefined : 'Options'} onClick={open}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M19.14 12.94a7.5 7.5 0 0 0 .05-.94 7.5 7.5 0 0 0-.05-.94l2.03-1.58a.5.5 0 0 0 .12-.64l-1.92-3.32a.5.5 0 0 0-.6-.22l-2.39.96a7.3 7.3 0 0 0-1.63-.94l-.36-2.54a.5.5 0 0 0-.5-.42h-3.84a.5.5 0 0 0-.5.42l-.36 2.54a7.3 7.3 0 0 0-1.63.94l-2.39-.96a.5.5 0 0 0-.6.22L2.65 8.84a.5.5 0 0 0 .12.64l2.03 1.58a7.5 7.5 0 0 0 0 1.88l-2.03 1.58a.5.5 0 0 0-.12.64l1.92 3.32a.5.5 0 0 0 .6.22l2.39-.96c.5.38 1.05.7 1.63.94l.36 2.54a.5.5 0 0 0 .5.42h3.84a.5.5 0 0 0 .5-.42l.36-2.54a7.3 7.3 0 0 0 1.63-.94l2.39.96a.5.5 0 0 0 .6-.22l1.92-3.32a.5.5 0 0 0-.12-.64zM12 15.5A3.5 3.5 0 1 1 12 8.5a3.5 3.5 0 0 1 0 7z"
        />
      </svg>
      {text && <span>{text}</span>}
    </a>
  );
}
