/// <reference lib="dom" />
// The page-side callbacks (page.evaluate) run in the browser, with its document and window.
import { BOARD } from '../setup/test-app';
import { BrowserApp, checkPage, signInAs, startBrowserApp } from '../support/browser';

describe('the page frame in Chromium', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b.close());

  it('the public home page passes axe at 1280 and 320 px and reflows', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await checkPage(page, 'home');
  });

  it('the page check names a lasting fault: links too small and too close, and a page that scrolls sideways', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.evaluate(() => {
      document
        .querySelector('main')
        ?.insertAdjacentHTML(
          'afterbegin',
          '<p style="font-size:8px;line-height:8px"><a href="/a">a</a><a href="/b">b</a></p><div style="width:2000px">breed</div>',
        );
    });
    const check = checkPage(page, 'home-broken');
    await expect(check).rejects.toThrow(/1280px serious target-size: .*a\[href="\/a"\]/);
    await expect(check).rejects.toThrow(/320px: the page scrolls \d+px sideways/);
  });

  it('the skip link is the first stop of the keyboard and leads to the content', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#inhoud');
  });

  it('a signed-in board member sees the staff menu with the current section marked', async () => {
    const page = await b.newPage();
    await signInAs(page, BOARD.email, BOARD.password);
    expect(new URL(page.url()).pathname).toBe('/bestuur');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect(menu.getByRole('link', { name: 'Raadplegingen' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(menu.getByRole('link', { name: 'Financiën' }).isVisible()).resolves.toBe(true);
    await checkPage(page, 'board-dashboard');
  });
});
