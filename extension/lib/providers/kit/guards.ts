/**
 * "This provider takes URLs / prompts" guards: the queue refuses wrong input kinds already, so these
 * only meet jobs stored by an older version or a bug; they fail that job with a clear message.
 * @module
 */
import type { JobInput } from '@@/shared/schemas/job';
import { ProviderError } from '../errors';
import type { JobView } from '../types';

type Input<K extends JobInput['kind']> = Extract<JobInput, { kind: K }>;

const NOUN: Record<JobInput['kind'], string> = { urls: 'URLs', prompt: 'prompts', discover: 'discovery keywords' };

/** The job's input when it is one of `kinds`; otherwise a fatal error naming what the provider takes. */
export function inputOf<K extends JobInput['kind']>(job: Pick<JobView, 'input'>, provider: string, ...kinds: K[]): Input<K> {
  const input = job.input;
  if ((kinds as JobInput['kind'][]).includes(input.kind)) return input as Input<K>;
  const takes = kinds.map((k) => NOUN[k]).join(' or ');
  throw new ProviderError('fatal', `${provider} takes ${takes}, not ${NOUN[input.kind]}`);
}

/** The URLs of a URL job. */
export const urlsOf = (job: Pick<JobView, 'input'>, provider: string): string[] => inputOf(job, provider, 'urls').urls;
