import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { db } from '@/lib/db/db';
import { createJobsRepo, type JobsRepo } from '@/lib/db/jobs-repo';
import { sendMessage } from '@/lib/messaging/client';

/**
 * What a page talks to: typed messages to the background (all writes) and the jobs repo (reads).
 * Provided once in each page's main.tsx, so components can be rendered against fakes.
 */
export interface PageServices {
  send: typeof sendMessage;
  repo: JobsRepo;
}

export function createPageServices(): PageServices {
  return { send: sendMessage, repo: createJobsRepo(db) };
}

export const ServicesContext = createContext<PageServices | null>(null);

export function useServices(): PageServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  return services;
}
