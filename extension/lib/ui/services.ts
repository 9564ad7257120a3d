import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { db } from '@/lib/db/db';
import { createJobsRepo, type JobsRepo } from '@/lib/db/jobs-repo';
import { sendMessage } from '@/lib/messaging/client';
import { createPasteHandoff, type PasteHandoff } from '@/lib/messaging/paste-handoff';

/**
 * What a page talks to: typed messages to the background (all writes), the jobs repo (reads) and the
 * paste handoff (pasted text on its way to a queueUrls message).
 * Provided once in each page's main.tsx, so components can be rendered against fakes.
 */
export interface PageServices {
  send: typeof sendMessage;
  repo: JobsRepo;
  pastes: PasteHandoff;
}

export function createPageServices(): PageServices {
  return { send: sendMessage, repo: createJobsRepo(db), pastes: createPasteHandoff() };
}

export const ServicesContext = createContext<PageServices | null>(null);

export function useServices(): PageServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  return services;
}
