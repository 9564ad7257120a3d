/**
 * What a provider folder exports: one descriptor. The popup, Options page, messaging and background
 * services render and route from descriptors, so adding a provider means adding a folder and one line
 * in the registry (see README "Adding a provider").
 * @module
 */
import type { z } from 'zod';
import type { AdapterBehaviour, AdapterDeps, ProviderFacts } from './types';

/**
 * A choice the popup shows under the provider picker. Its value goes into `job.options[key]`:
 * a ticked checkbox as `checkedValue` (default `true`), a non-empty text as trimmed text, a non-empty
 * number as a number. The provider's `queueOptions` schema then validates the whole object.
 */
export type PopupExtra =
  | { kind: 'checkbox'; key: string; label: string; checkedValue?: string | boolean }
  | { kind: 'text'; key: string; label: string; placeholder?: string; maxLength?: number }
  | { kind: 'number'; key: string; label: string; placeholder?: string };

/** An Options field stored in the provider's settings `extra[key]` and handed to the adapter as config. */
export interface SettingsField {
  key: string;
  label: string;
  placeholder?: string;
}

/** A provider that takes prompts: whom it asks (e.g. which assistant), by id → display name. */
export interface PromptSpec {
  /** The legend of the target checkboxes, e.g. "Scrapers". */
  targetsLabel: string;
  targets: Readonly<Record<string, string>>;
  /** Ticked when nothing was used before. */
  defaultTarget: string;
  maxLength: number;
}

/** A user-tunable cap on parallel requests, shown in Options' General section. */
export interface ConcurrencySetting {
  label: string;
  min: number;
  max: number;
}

export interface ProviderDescriptor extends ProviderFacts {
  /** Builds the provider's behaviour with injected fetch, clock, logger (and page access where used). */
  createAdapter: (deps: AdapterDeps) => AdapterBehaviour;
  /** The `job.options` this provider reads; other keys pass through. */
  queueOptions: z.ZodType<Record<string, unknown>>;
  popupExtras: readonly PopupExtra[];
  settingsFields: readonly SettingsField[];
  /** Placeholder of the API key field. */
  keyPlaceholder?: string;
  /** Set when `capabilities.inputKinds` has 'prompt'. */
  prompt?: PromptSpec;
  /** Set when `capabilities.inputKinds` has 'discover': the keyword field's label. */
  discovery?: { label: string };
  concurrencySetting?: ConcurrencySetting;
}
