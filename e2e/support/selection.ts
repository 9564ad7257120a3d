import type { Page } from '@playwright/test';

/** Selects everything inside the element with this id, as a user dragging over it would. */
export async function selectContents(page: Page, elementId: string): Promise<void> {
  await page.evaluate((id) => {
    const target = document.getElementById(id);
    const selection = getSelection();
    if (!target || !selection) throw new Error(`nothing to select: #${id}`);
    const range = document.createRange();
    range.selectNodeContents(target);
    selection.removeAllRanges();
    selection.addRange(range);
  }, elementId);
}
