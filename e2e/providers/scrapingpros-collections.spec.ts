import { startFakeScrapingPros } from '../fakes/scrapingpros';
import { expect, test } from '../fixtures';
import { batchLabel, configureProvider, openPopup, popupExtras } from './setup';

test.describe('ScrapingPros saved collections', () => {
  test('a collection queued from the popup is listed in Options, renamed there, and run again as a new job', async ({ context, extensionId, worker }) => {
    const fake = await startFakeScrapingPros({ apiKey: 'test-key', jobDurationMs: 1_000 });
    try {
      const options = await configureProvider(context, extensionId, worker, {
        label: 'ScrapingPros',
        id: 'scrapingpros',
        apiKey: 'test-key',
        baseUrl: fake.baseUrl,
      });

      const popup = await openPopup(context, extensionId);
      await popup.chooseProvider('ScrapingPros');
      await popupExtras(popup).collectionName.fill('Spring catalogue');
      const urls = ['https://example.com/scrapingpros/collection-1', 'https://example.com/scrapingpros/collection-2'];
      await popup.queueUrls(urls.join('\n'));
      await expect(popup.statusOf(batchLabel(urls))).toHaveText('done', { timeout: 30_000 });
      const [created] = [...fake.collections.values()];
      expect(created?.name).toBe('Spring catalogue');

      // Someone else's collection on the same account: listed, but its URLs are unknown to this browser.
      fake.collections.set('made-elsewhere', { id: 'made-elsewhere', name: 'Made elsewhere', requests: [{ url: 'https://example.com/elsewhere' }] });

      const list = await options.loadCollections();
      await expect(options.collectionsStatus).toHaveText('Loaded 2 collections');
      await expect(list.getByRole('listitem')).toHaveCount(2);
      await expect(options.collection('Spring catalogue')).toContainText('Spring catalogue');

      await expect(await options.renameCollection('Spring catalogue', 'Autumn catalogue')).toHaveText('Renamed to Autumn catalogue');
      // Name only: the fake's GET returns no requests, so none are sent (which would replace the stored ones).
      expect(fake.updates).toEqual([{ name: 'Autumn catalogue' }]);
      expect(created?.name).toBe('Autumn catalogue');
      await expect(options.collection('Autumn catalogue')).toContainText('Autumn catalogue');
      await expect(options.collection('Spring catalogue')).toHaveCount(0);

      await expect(await options.rerunCollection('Autumn catalogue')).toHaveText('Queued 1 job for 2 URLs');
      await expect(popup.jobRow(batchLabel(urls))).toHaveCount(2);
      await expect(popup.statusOf(batchLabel(urls))).toHaveText(['done', 'done'], { timeout: 30_000 });
      // The same collection ran twice; no second collection was created.
      expect(fake.counts.submit).toBe(1);
      expect([...fake.runs.values()].map((r) => r.collection_id)).toEqual([created?.id, created?.id]);

      await expect(await options.rerunCollection('Made elsewhere')).toHaveText(
        'This collection was not created from this browser, so its URLs are unknown here; queue its URLs again instead.',
      );
      expect(fake.runs.size).toBe(2);
      await expect(popup.jobList.getByRole('listitem')).toHaveCount(2);
    } finally {
      await fake.close();
    }
  });
});
