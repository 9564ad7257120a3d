import type { Page } from '@playwright/test';
import path from 'node:path';
import { SCREENSHOTS } from '../fixtures';

/** Saves docs/screenshots/<name>.png in the light scheme and <name>-dark.png in the dark one (for the README). */
export async function screenshotLightAndDark(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}
