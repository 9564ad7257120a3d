import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { SidePanelPage } from './pages/sidepanel';
import { startImageServer } from './support/image-server';
import { jobIdFor } from './support/state';

test('the Rendered view loads no remote image until "Load remote images" is on for the site, and remembers it', async ({
  context,
  extensionId,
  site,
  worker,
}) => {
  const images = await startImageServer();
  try {
    site.setPage(
      '/with-image',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>With image</title></head><body><h1>Picture page</h1><img alt="Remote pixel" src="${images.url('/pixel.png')}"></body></html>`,
    );
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.queueUrls(site.url('/with-image'), 'This browser');
    await expect(popup.statusOf(site.url('/with-image'))).toHaveText('done');
    // Capturing the live page in a tab may itself fetch the image: only requests after this count.
    const afterScrape = images.hits('/pixel.png');
    const jobId = await jobIdFor(worker, '/with-image');

    const panel = await new SidePanelPage(await context.newPage(), extensionId).open(jobId);
    await expect(panel.renderedFrame().getByRole('heading', { name: 'Picture page' })).toBeVisible();
    await expect(panel.remoteImages).toBeEnabled();
    await expect(panel.remoteImages).not.toBeChecked();
    // The image has settled (refused by the policy): nothing reached the image server.
    await expect.poll(() => panel.renderedImage('Remote pixel')).toEqual({ complete: true, width: 0 });
    expect(images.hits('/pixel.png')).toBe(afterScrape);

    await panel.remoteImages.check();
    await expect.poll(() => images.hits('/pixel.png')).toBe(afterScrape + 1);
    await expect.poll(() => panel.renderedImage('Remote pixel')).toEqual({ complete: true, width: 1 });

    // Reopened, the record's site keeps the choice: the image loads again at once.
    await panel.open(jobId);
    await expect(panel.remoteImages).toBeChecked();
    await expect.poll(() => images.hits('/pixel.png')).toBe(afterScrape + 2);
    await expect.poll(() => panel.renderedImage('Remote pixel')).toEqual({ complete: true, width: 1 });

    // Turned off again: a reopened record loads nothing.
    await panel.remoteImages.uncheck();
    await panel.open(jobId);
    await expect(panel.remoteImages).toBeEnabled();
    await expect(panel.remoteImages).not.toBeChecked();
    await expect.poll(() => panel.renderedImage('Remote pixel')).toEqual({ complete: true, width: 0 });
    expect(images.hits('/pixel.png')).toBe(afterScrape + 2);
  } finally {
    await images.close();
  }
});
