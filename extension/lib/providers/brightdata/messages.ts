/**
 * Bright Data error answers → readable messages and ProviderErrors (provider-apis.md §1 Errors).
 * @module
 */
import { ProviderError } from '../errors';
import { bodyMessage, errorFor, type HttpResponse } from '../kit/http';
import type { ProviderDeps } from '../types';
import { ErrorBody } from './schemas';

/**
 * Plain text for most errors, JSON `{error, code, errors: [[field, reason]]}` for validation and
 * parse errors (provider-apis.md §1 Errors).
 */
export function brightDataMessage(text: string): string {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { error, errors } = parsed.data;
      const details = (errors ?? []).map((pair) => pair.filter(Boolean).join(': ')).filter(Boolean);
      return details.length ? `${error} (${details.join('; ')})` : error;
    }
  } catch {
    // plain text: the common case
  }
  return bodyMessage(text);
}

/** Errors common to every endpoint; callers handle their own 202/400/404 meanings first. */
export function brightDataError(deps: ProviderDeps, res: HttpResponse, what: string): ProviderError {
  const message = brightDataMessage(res.text);
  if (res.status === 401 || res.status === 403) {
    return new ProviderError('auth', `Bright Data rejected the API key (${message}). Fix the key in Options.`, {
      status: res.status,
    });
  }
  return errorFor(deps, res, (status) => `Bright Data ${what} failed: HTTP ${status}: ${message}`);
}
