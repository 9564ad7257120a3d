/**
 * What a provider folder gives the contract suite (contract.test.ts): how to start its fake, a job it
 * can run, and the variants of the fields provider-apis.md leaves open that the fake can serve. Test
 * support only: each folder's `contract-case.ts` exports one `contract` of this type.
 * @module
 */
import type { FakeWire } from '@@/e2e/fakes/server';
import type { JobInput, ScrapeRecord } from '@@/shared/schemas/job';
import type { ProviderDescriptor } from './descriptor';
import type { ProviderErrorKind } from './errors';
import type { KeyCheck } from './types';

/** A started fake, whatever else it offers. */
export interface ContractFake {
  baseUrl: string;
  wire: FakeWire;
  close(): Promise<void>;
}

/** One way the provider may shape a field the docs leave unknown, and what the job must then show. */
export interface ContractVariant<O> {
  name: string;
  /** The fake's options that serve this shape. */
  options: O;
  /** The job to run (default: the case's). */
  input?: JobInput;
  /** Assertions on the finished job's records beyond "every record has content and no error". */
  check?: (records: ScrapeRecord[]) => void;
  /** Records may carry per-URL errors here (a failing task's error-text field, say). */
  expectRecordErrors?: boolean;
  /** Records name their URLs but carry no content (an API version that does not return pages). */
  contentless?: boolean;
  /** Assertions on the good key check after the job (the variant may shape account fields). */
  checkKey?: (check: KeyCheck) => void;
}

/** How long every fake's job takes in the suite (fake time), and when the suite polls. */
export const CONTRACT_JOB_MS = 1_000;

export interface ContractCase<F extends ContractFake = ContractFake, O = object> {
  descriptor: ProviderDescriptor;
  /** Starts the fake; the suite passes its clock and CONTRACT_JOB_MS as `jobDurationMs`. */
  start: (options: O & { now: () => number; jobDurationMs: number }) => Promise<F>;
  /** The key the fake accepts. */
  key: (fake: F) => string;
  /** The job to run; default two URLs. */
  input?: JobInput;
  /** What a 403 means: auth (default), unless the provider documents another meaning (then fatal). */
  forbidden?: Extract<ProviderErrorKind, 'auth' | 'fatal'>;
  variants: ContractVariant<O>[];
  /** Assertions on what a good key check says (remaining credits where the API tells, say). */
  checkKey?: (fake: F) => { message?: RegExp; remainingCredits?: number };
}
