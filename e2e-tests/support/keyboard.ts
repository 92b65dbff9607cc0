import { expect, Locator, Page } from '@playwright/test';

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, as someone without a mouse
 * would; fails when it is not reached within `maxPresses` (it is not in the tab order).
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { maxPresses?: number; backwards?: boolean } = {},
) {
  const max = options.maxPresses ?? 150;
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate(el => el === document.activeElement)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached with ${max} presses of Tab`).toBeFocused();
}

/**
 * Presses Tab until the focus is inside `container` (a grid is one stop in the tab order: react-aria's
 * tables take the focus on a row, and Tab leaves the table).
 */
export async function tabInto(
  page: Page,
  container: Locator,
  options: { maxPresses?: number } = {},
) {
  const max = options.maxPresses ?? 150;
  for (let presses = 0; presses <= max; presses++) {
    if (await container.evaluate(el => el.contains(document.activeElement))) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`The focus did not enter the container in ${max} presses`);
}

/**
 * Inside a grid, moves the focus to `target` with the arrow keys as the WAI-ARIA grid pattern has it:
 * Down through the rows until the focused row holds the target, then Right across its cells.
 */
export async function arrowTo(page: Page, target: Locator, maxPresses = 60) {
  for (let presses = 0; presses <= maxPresses; presses++) {
    const where = await target.evaluate(el => {
      const active = document.activeElement;
      if (active === el) return 'there';
      const row = el.closest('[role=row]');
      return row && active && row.contains(active) ? 'row' : 'elsewhere';
    });
    if (where === 'there') return;
    await page.keyboard.press(where === 'row' ? 'ArrowRight' : 'ArrowDown');
  }
  await expect(target, `reached with ${maxPresses} arrow keys`).toBeFocused();
}
