import { startFakeBrightData } from '../fakes/brightdata';
import { startFakeScrapeDo } from '../fakes/scrapedo';
import { startFakeScrapeLlm } from '../fakes/scrapellm';
import { startFakeScrapingPros } from '../fakes/scrapingpros';
import { expect, test } from '../fixtures';
import type { PopupPage } from '../pages/popup';
import { changeApiKey, configureProvider, openPopup } from './setup';

interface Case {
  label: string;
  id: string;
  start: () => Promise<{ baseUrl: string; close(): Promise<void> }>;
  goodKey: string;
  /** Queues one job from the popup and returns the text that identifies its row. */
  queue: (popup: PopupPage) => Promise<string>;
}

const urlJob = (label: string, url: string) => async (popup: PopupPage) => {
  await popup.queueUrls(url, label);
  return url;
};

// ScraperAPI's pause → fix → resume story is in scraperapi.spec.ts; these are the other four.
const CASES: Case[] = [
  { label: 'Bright Data', id: 'brightdata', start: () => startFakeBrightData({ jobDurationMs: 500 }), goodKey: 'bd-test-key', queue: urlJob('Bright Data', 'https://example.com/bd/needs-a-key') },
  { label: 'Scrape.do', id: 'scrapedo', start: () => startFakeScrapeDo({ jobDurationMs: 500 }), goodKey: 'test-token', queue: urlJob('Scrape.do', 'https://example.com/sd/needs-a-key') },
  { label: 'ScrapingPros', id: 'scrapingpros', start: () => startFakeScrapingPros({ jobDurationMs: 500 }), goodKey: 'test-key', queue: urlJob('ScrapingPros', 'https://example.com/sp/needs-a-key') },
  {
    label: 'ScrapeLLM',
    id: 'scrapellm',
    start: () => startFakeScrapeLlm({ jobDurationMs: 500 }),
    goodKey: 'test-key',
    queue: async (popup) => {
      await popup.ask('Does this need a key?', ['Gemini']);
      return 'Does this need a key?';
    },
  },
];

for (const c of CASES) {
  test(`${c.label}: a wrong key pauses the job with "Fix your key"; fixing it in Options resumes it to done`, async ({ context, extensionId, worker }) => {
    const fake = await c.start();
    try {
      const provider = { label: c.label, id: c.id, apiKey: 'wrong-key', baseUrl: fake.baseUrl };
      const options = await configureProvider(context, extensionId, worker, provider);
      const popup = await openPopup(context, extensionId);
      const row = await c.queue(popup);

      await expect(popup.jobRow(row)).toContainText('Fix your key');
      await expect(popup.statusOf(row)).toHaveText('queued');

      await changeApiKey(options, worker, provider, c.goodKey);
      await expect(popup.statusOf(row)).toHaveText('done', { timeout: 30_000 });
      await expect(popup.jobRow(row)).not.toContainText('Fix your key');
    } finally {
      await fake.close();
    }
  });
}
