/**
 * A lesson written in the browser: the frontmatter checked as you type (monaco-yaml against the
 * lesson schema), "Check" filling the expectations from the engine, "Share" giving a link that
 * a fresh profile opens as a lesson from a link (never run by itself), and "Export" saving a
 * file that `exitlab check` accepts. Also: hostile content in a lesson link never becomes
 * HTML, and a malformed or oversized lesson link gives a notice and the default content.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, freshContext, test } from './fixtures';
import { BOOT_TIMEOUT, DRAFT_KEY } from './helpers';
import { NEW_LESSON_BODY, NEW_LESSON_FRONTMATTER, lessonFileText } from '../src/lessons/author';
import { makeLessonLinkHash } from '../src/links/lesson-link';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Replaces the text of one of the lesson editor's Monaco editors by pasting. */
async function setPart(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.press('ControlOrMeta+Home'); // the first lines in view, where the markers are drawn
}

test.describe('writing a lesson in the browser', () => {
  test.setTimeout(120_000);

  test('validated as you type, checked by the engine, shared as a link, exported for exitlab check', async ({ page, browser, baseURL }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'New lesson' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lesson editor' });
    const yaml = dialog.getByTestId('author-frontmatter');
    await expect(yaml).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect(dialog.getByTestId('author-body')).toHaveAttribute('data-state', 'ready');
    await expect(dialog.getByTestId('author-title')).toHaveText('Cleanup that runs, and cleanup that does not');
    await expect(dialog.getByTestId('author-program')).toHaveCount(2);

    // A wrong field: monaco-yaml marks it in the editor, the preview names it.
    await setPart(page, yaml, NEW_LESSON_FRONTMATTER.replace('runtime: python', 'runtime: ruby'));
    await expect(yaml.locator('.squiggly-error, .squiggly-warning').first()).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByTestId('author-problems')).toContainText('runtime');
    await expect(dialog.getByRole('button', { name: 'Check' })).toBeDisabled();
    await setPart(page, yaml, NEW_LESSON_FRONTMATTER);
    await expect(dialog.getByTestId('author-problems')).toHaveCount(0);
    await expect(yaml.locator('.squiggly-error, .squiggly-warning')).toHaveCount(0, { timeout: 15_000 });

    // Check: each program's outcome and timeline from the engine, written into the frontmatter.
    await dialog.getByRole('button', { name: 'Check' }).click();
    await expect(dialog.getByTestId('author-report')).toContainText('os-exit: status 2', { timeout: BOOT_TIMEOUT });
    await expect(dialog.getByTestId('author-report')).toContainText('exit: status 2, 2 timeline step(s)');
    await expect(dialog.getByTestId('author-preview')).toContainText('raise SystemExit → finally');
    await expect(yaml.locator('.view-lines')).toContainText('expect:');

    // Export: a file exitlab check accepts.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe('90-my-lesson.md');
    const dir = mkdtempSync(join(tmpdir(), 'exitlab-exported-'));
    await download.saveAs(join(dir, download.suggestedFilename()));
    const exported = readFileSync(join(dir, '90-my-lesson.md'), 'utf8');
    expect(exported).toContain(NEW_LESSON_BODY);
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('PYTHON')) delete env[k];
    const check = spawnSync('node', [join(ROOT, 'bin/exitlab.mjs'), 'check', dir], { encoding: 'utf8', env });
    expect(check.stdout).toContain('exitlab check: 2 passed, 0 failed');

    // The draft survives a reload.
    await page.reload();
    await page.getByRole('button', { name: 'New lesson' }).click();
    await expect(page.getByTestId('author-preview')).toContainText('raise SystemExit → finally', { timeout: 30_000 });

    // Share: the link opens in a fresh profile as the same lesson, marked as from a link, not run.
    await page.getByRole('dialog', { name: 'Lesson editor' }).getByRole('button', { name: 'Share' }).click();
    const link = await page.getByTestId('author-share-link').inputValue();
    expect(link).toMatch(/#lessonfile\/[A-Za-z0-9+\-$]+&v=1&h=[0-9a-f]{8}$/);
    const ctx = await freshContext(browser, baseURL);
    const other = await ctx.newPage();
    await other.goto(link);
    const article = other.getByTestId('lesson-article');
    await expect(article.getByRole('heading', { name: 'Cleanup that runs, and cleanup that does not' })).toBeVisible({ timeout: 30_000 });
    await expect(other.getByTestId('lesson-from-link')).toBeVisible();
    await expect(other.getByTestId('lesson-prose')).toContainText('Predict which of them prints the finally line.');
    await expect(other.getByRole('tab')).toHaveText([/sys\.exit\(\)$/, /os\._exit\(\)$/]);
    await expect(other.locator('.monaco-editor .view-lines')).toContainText('sys.exit(2)', { timeout: 30_000 });
    await other.waitForTimeout(1500);
    await expect(other.getByTestId('exit-status')).toHaveText('');
    // The learner's own playground draft is untouched by it.
    expect(await other.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toBeNull();
    await ctx.close();
  });
});

test.describe('lesson links with bad content', () => {
  test('hostile prose, titles and labels are shown as text, never as HTML', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const payloads = [
      '<script>alert("script")</script>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<img src=x onerror="alert(1)">',
      '<div onmouseover="alert(1)" style="position:fixed;inset:0">cover</div>',
      '<style>body { display: none }</style>',
      '[click me](javascript:alert(1))',
      '<a href="javascript:alert(1)">raw link</a>',
      '<svg onload="alert(1)"></svg>',
    ];
    const frontmatter = [
      'id: hostile',
      'title: "<img src=x onerror=alert(1)>Hostile"',
      'order: 5',
      'runtime: python',
      'summary: "<script>alert(2)</script>"',
      'topics: ["<style>*{}</style>"]',
      'programs:',
      '  - name: main',
      '    label: "<b onclick=alert(3)>bold</b>"',
      '    command: "python main.py"',
      '    source: |',
      '      print("hi")',
      '    expect:',
      '      status: 0',
      '      stdout: "hi\\n"',
      '  - name: second',
      '    label: "<iframe src=javascript:alert(4)>"',
      '    command: "python main.py"',
      '    source: |',
      '      pass',
      '    expect:',
      '      status: 0',
      '      stdout: ""',
    ].join('\n');
    const body = `Intro.\n\n${payloads.join('\n\n')}\n\n## Remember\n\n- ${payloads[0]}\n`;
    await page.goto(`/${makeLessonLinkHash(lessonFileText(frontmatter, body))}`);
    const article = page.getByTestId('lesson-article');
    await expect(article.locator('h2#lesson-title')).toHaveText('<img src=x onerror=alert(1)>Hostile', { timeout: 30_000 });
    await expect(article.locator('.lesson-summary')).toHaveText('<script>alert(2)</script>');
    await expect(page.getByRole('tab')).toHaveText([/<b onclick=alert\(3\)>bold<\/b>$/, /<iframe src=javascript:alert\(4\)>$/]);
    const prose = page.getByTestId('lesson-prose');
    for (const p of payloads.slice(0, 5)) await expect(prose).toContainText(p);
    for (const sel of ['script', 'iframe', 'img', 'style', 'svg', '[onerror]', '[onmouseover]', '[onload]', '[onclick]', '[style]', 'a[href^="javascript"]']) {
      await expect(page.locator(`[data-testid="lesson-article"] ${sel}, .program-tabs ${sel}`)).toHaveCount(0);
    }
    await page.getByTestId('lesson-prose').hover();
    expect(dialogs).toEqual([]);
  });

  test('a malformed or oversized lesson link gives a notice and the default content', async ({ page }) => {
    for (const hash of ['#lessonfile/not-a-lesson&v=1&h=00000000', `#lessonfile/${'A'.repeat(70_000)}&v=1&h=00000000`]) {
      await page.goto(`/${hash}`);
      await expect(page.getByTestId('link-notice')).toContainText('This link could not be opened.', { timeout: 30_000 });
      await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('.monaco-editor .view-lines')).toContainText('Run me');
      await expect(page.getByTestId('lesson-article')).toHaveCount(0);
    }
    // A readable link whose lesson is not valid says which field is wrong.
    await page.goto(`/${makeLessonLinkHash(lessonFileText(NEW_LESSON_FRONTMATTER.replace('order: 90', 'order: -1'), 'x'))}`);
    await expect(page.getByTestId('link-notice')).toContainText('order', { timeout: 30_000 });
  });
});
