/**
 * Shapes for the answer fields an adapter reads but can live without. Providers leave many fields open
 * (provider-apis.md "unknown"): such a field that is absent, null or of another shape reads as undefined,
 * so it never fails the whole answer. Fields the adapter cannot do without stay strict in its schema.
 * @module
 */
import { z } from 'zod';

// null (a common "no value") reads as undefined too, so callers see one kind of absence.
const text = z.string().nullish().transform((v) => v ?? undefined).catch(undefined);
const number = z.number().nullish().transform((v) => v ?? undefined).catch(undefined);

type Fields<K extends string, T> = { [P in K]: T };

function fields<K extends string, T>(names: readonly K[], shape: T): Fields<K, T> {
  const out: Partial<Fields<K, T>> = {};
  for (const name of names) out[name] = shape;
  return out as Fields<K, T>;
}

/** `{name: optional text}` for each name. */
export const textFields = <K extends string>(...names: K[]) => fields(names, text);

/** `{name: optional number}` for each name. */
export const numberFields = <K extends string>(...names: K[]) => fields(names, number);

/** A provider's status word through its table, case-insensitively; a word the table lacks → undefined. */
export function statusWord<T>(table: Readonly<Record<string, T>>, word: string | null | undefined): T | undefined {
  const key = word?.toLowerCase();
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
