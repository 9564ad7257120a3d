import type { ProviderDescriptor } from '@/lib/providers/descriptor';

/** What the user set in the provider's popup extras, by extra key (text as typed, checkboxes as ticked). */
export type ExtraValues = Readonly<Record<string, string | boolean>>;

/** The `options` of queueUrls for this provider, or the reason the form can't be sent. */
export function queueOptions(
  provider: Pick<ProviderDescriptor, 'popupExtras' | 'queueOptions'>,
  values: ExtraValues,
): { options: Record<string, unknown> } | { error: string } {
  const options: Record<string, unknown> = {};
  // Only this provider's extras are read: choices made for another provider are never sent.
  for (const extra of provider.popupExtras) {
    const value = values[extra.key];
    if (extra.kind === 'checkbox') {
      if (value === true) options[extra.key] = extra.checkedValue ?? true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) options[extra.key] = extra.kind === 'number' ? Number(text) : text;
  }
  const parsed = provider.queueOptions.safeParse(options);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the options above.' };
  return { options };
}
