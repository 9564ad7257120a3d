import { startFakeScrapeLlm, type FakeScrapeLlm } from '../fakes/scrapellm';
import { expect, test } from '../fixtures';
import { screenshotLightAndDark } from '../support/screenshots';
import { configureProvider, openPopup, openResultInPanel, fakeRunner } from './setup';

const provider = (fake: FakeScrapeLlm) => ({ label: 'ScrapeLLM', id: 'scrapellm', apiKey: fake.apiKey, baseUrl: fake.baseUrl });

const withFake = fakeRunner(startFakeScrapeLlm);

/** Prompt jobs share the prompt as label; the provider column ("ScrapeLLM · ChatGPT") tells the rows apart. */
const rowOf = (scraper: string): string => `ScrapeLLM · ${scraper}`;

test.describe('ScrapeLLM', () => {
  test('a prompt asked to three scrapers gives three answers, and the side panel shows an answer with its sources', async ({ context, extensionId, worker }) => {
    await withFake({ jobDurationMs: 1_000 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      const prompt = 'Which running shoes are best for trails?';
      await popup.ask(prompt, ['ChatGPT', 'Perplexity', 'Grok']);

      await expect(popup.report).toContainText('Queued 3 jobs');
      for (const scraper of ['ChatGPT', 'Perplexity', 'Grok']) await expect(popup.statusOf(rowOf(scraper))).toHaveText('done', { timeout: 30_000 });
      expect(fake.counts.submit).toBe(3);
      expect([...fake.jobs.values()].map((j) => j.scraper).toSorted()).toEqual(['chatgpt', 'grok', 'perplexity']);
      // Status calls need no key, so none is sent.
      expect(fake.counts.statusWithKey).toBe(0);

      const panel = await openResultInPanel(context, extensionId, popup, rowOf('Perplexity'));
      await expect(panel.heading).toHaveText(prompt);
      await expect(panel.panel).toContainText(`**Answer** from perplexity to: ${prompt}`);
      await expect(panel.panel.getByRole('link', { name: 'Source one' })).toHaveAttribute('href', 'https://source.example/1');
      await expect(panel.panel.getByRole('link', { name: 'Source two' })).toHaveAttribute('href', 'https://source.example/2');
      await panel.page.setViewportSize({ width: 480, height: 560 });
      await screenshotLightAndDark(panel.page, 'sidepanel-answer');
      await popup.page.setViewportSize({ width: 420, height: 580 });
      await screenshotLightAndDark(popup.page, 'popup-scrapellm');
    });
  });

  test('"Check ScrapeLLM key" accepts the right key and names the problem with a wrong one', async ({ context, extensionId, worker }) => {
    await withFake({}, async (fake) => {
      const options = await configureProvider(context, extensionId, worker, provider(fake));
      await expect(await options.checkKey('ScrapeLLM')).toHaveText('ScrapeLLM accepted the key (checked without starting a job)');

      await options.setApiKey('ScrapeLLM', 'not-the-key');
      await expect(await options.checkKey('ScrapeLLM')).toHaveText(
        'ScrapeLLM rejected the API key (Invalid or missing API key). Fix your key in Options; a 401 can also mean no credits left.',
      );
      // Neither check started a (billed) job.
      expect(fake.jobs.size).toBe(0);
    });
  });

  test('a job the server no longer has (404 after retention) ends expired, not failed', async ({ context, extensionId, worker }) => {
    // Retention shortened from 24 h to 0.5 s; the answer would take a minute, so the first poll already gets 404.
    await withFake({ jobDurationMs: 60_000, retentionMs: 500 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      await popup.ask('Summarise yesterday’s news', ['Gemini']);

      await expect(popup.statusOf(rowOf('Gemini'))).toHaveText('expired', { timeout: 30_000 });
      // Seconds after submitting, so the message points at the base URL rather than the 24 h retention.
      await expect(popup.jobRow(rowOf('Gemini'))).toContainText('ScrapeLLM no longer has this job (HTTP 404)');
      await expect(popup.action(rowOf('Gemini'), 'Retry')).toBeVisible();
      expect(fake.counts.status).toBe(1);
    });
  });

  test('a 429 with Retry-After backs off and the answer still arrives (never failed)', async ({ context, extensionId, worker }) => {
    await withFake({ jobDurationMs: 1_000, retryAfterSec: 1 }, async (fake) => {
      await configureProvider(context, extensionId, worker, provider(fake));
      const popup = await openPopup(context, extensionId);
      fake.injectError(429, 1);
      await popup.ask('Is it going to rain?', ['Copilot']);

      // Only Retry takes a job out of "failed", and it is never pressed here: done means it never failed.
      await expect(popup.statusOf(rowOf('Copilot'))).toHaveText('done', { timeout: 30_000 });
      expect(fake.counts.submit).toBe(2);
      expect(fake.jobs.size).toBe(1);
    });
  });
});
