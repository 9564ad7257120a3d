import { z } from 'zod';

/** Port name between the picker content script and the page that started it. */
export const PICKER_PORT = 'sq-picker';

/** Page → content script. */
export const ToPicker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), rowSelector: z.string() }),
  z.object({ type: z.literal('cancel') }),
]);
export type ToPicker = z.infer<typeof ToPicker>;

/** Content script → page. */
export const FromPicker = z.discriminatedUnion('type', [
  /** After each click: what is highlighted now. */
  z.object({ type: z.literal('state'), selector: z.string(), count: z.number().int() }),
  z.object({
    type: z.literal('picked'),
    use: z.enum(['rows', 'field']),
    selector: z.string(),
    count: z.number().int(),
    name: z.string(),
    kind: z.enum(['text', 'link', 'image']),
  }),
  z.object({ type: z.literal('cancel') }),
]);
export type FromPicker = z.infer<typeof FromPicker>;
