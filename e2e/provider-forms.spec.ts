import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';

test.describe('popup forms follow the provider', () => {
  test('ScrapeLLM shows only its prompt form, ChatGPT ticked at first and the last used scrapers after', async ({ context, extensionId }) => {
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.chooseProvider('ScrapeLLM');
    const page = popup.page;
    await expect(page.getByRole('textbox', { name: 'Prompt' })).toBeVisible();
    await expect(popup.urlsBox).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Queue', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Scrape current tab' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ask', exact: true })).toBeVisible();
    await expect(popup.scrapers.getByRole('checkbox', { checked: true })).toHaveCount(1);
    await expect(popup.scrapers.getByRole('checkbox', { name: 'ChatGPT', exact: true })).toBeChecked();

    // No key is set, so the jobs wait paused; what matters here is that the choice is remembered.
    await popup.ask('Which scrapers were used last?', ['Perplexity', 'Grok']);
    await expect(popup.report).toContainText('Queued 2 jobs');
    await popup.open();
    await popup.chooseProvider('ScrapeLLM');
    await expect(popup.scrapers.getByRole('checkbox', { name: 'Perplexity', exact: true })).toBeChecked();
    await expect(popup.scrapers.getByRole('checkbox', { name: 'Grok', exact: true })).toBeChecked();
    await expect(popup.scrapers.getByRole('checkbox', { checked: true })).toHaveCount(2);
  });

  for (const provider of ['This browser', 'ScraperAPI', 'Scrape.do', 'ScrapingPros']) {
    test(`${provider} shows the URL form and no prompt form`, async ({ context, extensionId }) => {
      const popup = await new PopupPage(await context.newPage(), extensionId).open();
      await popup.chooseProvider(provider);
      await expect(popup.urlsBox).toBeVisible();
      await expect(popup.page.getByRole('button', { name: 'Queue', exact: true })).toBeVisible();
      await expect(popup.page.getByRole('textbox', { name: 'Prompt' })).toHaveCount(0);
      await expect(popup.page.getByRole('button', { name: 'Ask', exact: true })).toHaveCount(0);
    });
  }
});
