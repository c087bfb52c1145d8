import { expect, Locator, test } from '@playwright/test';
import { signInAs, waitForBackend } from './signIn';

test.beforeAll(waitForBackend);

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The element's text colour, and the background it is seen on: the translucent backgrounds
 * of it and its ancestors laid over the first opaque one (MUI's hover tint is translucent).
 */
async function colours(locator: Locator) {
  return locator.evaluate(element => {
    const parse = (css: string) => {
      const [r, g, b, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a: css.startsWith('rgba') ? a : 1 };
    };
    const layers: { r: number; g: number; b: number; a: number }[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg.a > 0) layers.push(bg);
      if (bg.a >= 1) break;
    }
    // Without an opaque layer the page is white.
    let colour = { r: 255, g: 255, b: 255 };
    for (const layer of layers.reverse()) {
      colour = {
        r: layer.r * layer.a + colour.r * (1 - layer.a),
        g: layer.g * layer.a + colour.g * (1 - layer.a),
        b: layer.b * layer.a + colour.b * (1 - layer.a),
      };
    }
    // Secondary text is translucent too: it is seen blended into the background.
    const text = parse(getComputedStyle(element).color);
    const seen = (c: 'r' | 'g' | 'b') =>
      text[c] * text.a + colour[c] * (1 - text.a);
    return {
      text: `rgb(${seen('r')}, ${seen('g')}, ${seen('b')})`,
      background: `rgb(${colour.r}, ${colour.g}, ${colour.b})`,
    };
  });
}

test("the identity card reads well in the dark theme: a broken link's finding and its fix", async ({
  page,
}) => {
  await signInAs(page, 'olivia');
  // Backstage keeps the chosen theme in local storage, as the settings page sets it.
  await page.evaluate(() => localStorage.setItem('theme', 'dark'));
  await page.goto('/catalog/default/component/invoice-renderer/azure-access');
  const finding = page.getByTestId(
    'awi-finding-fic-subject-namespace-mismatch',
  );
  await expect(finding).toBeVisible({ timeout: 60_000 });

  const card = await colours(page.getByTestId('awi-chain-summary'));
  // The page is dark: a dark background behind light text.
  expect(contrast(card.background, 'rgb(0, 0, 0)')).toBeLessThan(3);
  for (const part of [
    page.getByTestId('awi-chain-summary'),
    finding.getByTestId('awi-fix'),
    finding
      .getByText('system:serviceaccount:invoices:invoice-renderer')
      .first(),
  ]) {
    const { text, background } = await colours(part);
    // WCAG AA for normal text.
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  }
  await page.screenshot({
    path: 'test-results/screenshots/chain-broken-dark.png',
    fullPage: true,
  });
});

test('broken and degraded links each have their own colour, readable in the light and the dark theme', async ({
  page,
}) => {
  await signInAs(page, 'olivia');
  for (const theme of ['light', 'dark']) {
    await page.evaluate(t => localStorage.setItem('theme', t), theme);
    // invoice-renderer's federated credential is broken; ledger-service's vault needs attention.
    await page.goto('/catalog/default/component/invoice-renderer/azure-access');
    const broken = page
      .getByTestId('awi-link-federation')
      .locator('[class*="MuiChip-root"]');
    await expect(broken).toHaveText('Broken', { timeout: 60_000 });
    const brokenColours = await colours(broken);
    await page.goto('/catalog/default/component/ledger-service/azure-access');
    const degraded = page
      .getByTestId('awi-link-resource')
      .locator('[class*="MuiChip-root"]');
    await expect(degraded).toHaveText('Needs attention', { timeout: 60_000 });
    const degradedColours = await colours(degraded);

    expect(
      contrast(brokenColours.background, degradedColours.background),
    ).toBeGreaterThan(1.5);
    for (const chip of [brokenColours, degradedColours]) {
      expect(contrast(chip.text, chip.background)).toBeGreaterThanOrEqual(4.5);
    }
  }
  await page.screenshot({
    path: 'test-results/screenshots/chain-degraded-dark.png',
    fullPage: true,
  });
});
