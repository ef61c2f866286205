/**
 * Lessons in the browser: going through them in order, progress, predicting before a
 * run, lesson links opened in a fresh profile, `#lesson/<id>` URLs, prose code blocks, search.
 */
import type { Page } from '@playwright/test';
import { expect, freshContext, test } from './fixtures';
import {
  BOOT_TIMEOUT,
  editorText,
  exitStatus,
  openPage,
  run,
  runButton,
  setCode,
  signalButton,
  transcript,
  waitForExit,
  waitForOutput,
  waitForPython,
} from './helpers';

const TOTAL = 25;

function article(page: Page) {
  return page.getByTestId('lesson-article');
}

function lessonHeading(page: Page) {
  return article(page).getByRole('heading', { level: 2 });
}

/** The progress marker of a lesson, in the rail or in the full sidebar (whichever is shown). */
function progressItem(page: Page, id: string) {
  return page.locator(`[data-testid="lesson-rail"] li[data-lesson="${id}"], [data-testid="lesson-sidebar"].open li[data-lesson="${id}"]`);
}

test('a newcomer goes through every lesson in order with Next, and progress follows the runs', async ({ page }) => {
  test.setTimeout(180_000); // the first run in a profile boots Python; then 25 lessons
  await openPage(page);
  // The playground opens by default, with the lessons listed beside it.
  const sidebar = page.getByRole('navigation', { name: 'Lessons', exact: true });
  await expect(sidebar.getByRole('link', { name: 'Playground' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('lesson-progress')).toHaveText(`0 of ${TOTAL} done`);
  await sidebar.getByRole('link', { name: /^1\. exit\(\) and quit\(\)/ }).click();
  await expect(page).toHaveURL(/#lesson\/exit-and-quit$/);
  await expect(lessonHeading(page)).toHaveText('exit() and quit(): helpers for the prompt');
  await expect(page.getByTestId('lesson-prose')).toContainText('Remember');
  await expect.poll(() => editorText(page)).toMatch(/^import sys/);

  // Lesson 2: run it; it counts as done.
  await page.getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(/#lesson\/sys-exit-codes$/);
  await expect(lessonHeading(page)).toHaveText(/sys\.exit\(\)/);
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue(/^python main\.py 0; echo \$\?/);
  await expect(progressItem(page, 'sys-exit-codes')).toHaveAttribute('data-done', 'false');
  await waitForPython(page);
  await run(page);
  await waitForExit(page);
  await expect(progressItem(page, 'sys-exit-codes')).toHaveAttribute('data-done', 'true');
  await expect(progressItem(page, 'exit-and-quit')).toHaveAttribute('data-done', 'false');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('exitlab:lessons:done'))).toBe('["sys-exit-codes"]');

  // On to the last lesson, one Next at a time: each shows its prose and has its own URL.
  const seen = new Set<string>();
  for (let n = 3; n <= TOTAL; n++) {
    await page.getByRole('link', { name: /^Next/ }).click();
    await expect(article(page).locator('.eyebrow')).toContainText(`Lesson ${n} of ${TOTAL}`);
    const title = (await lessonHeading(page).textContent()) ?? '';
    expect(title.length).toBeGreaterThan(5);
    expect(seen.has(title)).toBe(false);
    seen.add(title);
    await expect(page.getByTestId('lesson-prose')).not.toBeEmpty();
    expect(page.url()).toMatch(/#lesson\/[a-z0-9-]+$/);
  }
  await expect(article(page)).toContainText('That was the last lesson');
  await expect(page.getByRole('link', { name: /^Next/ })).toHaveCount(0);

  // One history entry per lesson change: Back is the previous lesson.
  await page.goBack();
  await expect(article(page).locator('.eyebrow')).toContainText(`Lesson ${TOTAL - 1} of ${TOTAL}`);
  await page.getByRole('link', { name: /^← Previous/ }).click();
  await expect(article(page).locator('.eyebrow')).toContainText(`Lesson ${TOTAL - 2} of ${TOTAL}`);

  // Progress survives a reload.
  await page.reload();
  await expect(progressItem(page, 'sys-exit-codes')).toHaveAttribute('data-done', 'true');
});

test('predict, run, and see what was right and wrong', async ({ page }) => {
  await openPage(page, '#lesson/atexit');
  await expect(lessonHeading(page)).toHaveText(/^atexit/);
  const card = page.getByTestId('predict-card');
  await expect(card).toContainText('Predict before you run');

  // All right: status 2, the four handlers in reverse order of registration.
  const status = card.getByRole('radiogroup', { name: 'Predicted exit status' });
  await status.getByRole('radio', { name: '2', exact: true }).check();
  const steps = card.getByRole('group', { name: /Predicted cleanup steps/ });
  for (const name of ['atexit notify_server', 'atexit upload_stats', 'atexit close_log', 'atexit say_goodbye']) {
    await steps.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
  }
  // A distractor from the lesson's other program, left unpicked.
  await expect(steps.getByRole('checkbox', { name: /^atexit remove_pid_file/ })).not.toBeChecked();
  await expect(card).toContainText('Locked in when you run');

  await waitForPython(page);
  await run(page);
  await waitForExit(page);
  await expect(page.getByTestId('predict-headline')).toHaveText('You called it: atexit upload_stats ran after atexit notify_server.');
  await expect(page.getByTestId('predict-score')).toHaveText('6/6');

  // The other program, predicted wrong: status 0, and the atexit handler running.
  await page.getByRole('tab', { name: /Killed by SIGTERM/ }).click();
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue('python main.py');
  await expect(page.getByTestId('lesson-bar')).toContainText('send SIGTERM once it prints “serving”');
  await card.getByRole('radio', { name: '0', exact: true }).check();
  await card.getByRole('checkbox', { name: /^atexit remove_pid_file/ }).check();
  await run(page);
  await waitForOutput(page, 'serving');
  await signalButton(page, 'SIGTERM').click();
  expect(await waitForExit(page)).toMatch(/^killed by SIGTERM \(143\)/);
  await expect(page.getByTestId('predict-headline')).toContainText('Not this time');
  await expect(card).toContainText('Exit status 143');
  await expect(card).toContainText('128 + SIGTERM (15)');
  await expect(card).toContainText('you said 0');
  await expect(card).toContainText('atexit remove_pid_file was skipped — you said it would');

  // Back on the first tab, its verdict is still there; Predict again starts over.
  await page.getByRole('tab', { name: /Order, arguments, failure/ }).click();
  await expect(page.getByTestId('predict-headline')).toContainText('You called it');
  await card.getByRole('button', { name: 'Predict again' }).click();
  await expect(card).toContainText('Predict before you run');
  // Skipping is fine: the run then just says how it ended.
  await card.getByRole('button', { name: 'Skip' }).click();
  await expect(card).toContainText('Prediction skipped');
  await run(page);
  await waitForExit(page);
  await expect(card).toContainText('Ended with exit status 2');
});

test('a lesson link opens the lesson and the edited program in a fresh profile, not run, with the notice', async ({ page, browser, baseURL }) => {
  await openPage(page, '#lesson/atexit');
  await page.getByRole('tab', { name: /Killed by SIGTERM/ }).click();
  await expect.poll(() => editorText(page)).toMatch(/^import atexit/);
  const original = await editorText(page);
  const edited = 'import atexit\nimport time\n\n@atexit.register\ndef bye():\n    print("shared edit")\n';
  await setCode(page, edited);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this code' }).inputValue();
  expect(link).toMatch(/#code\/[A-Za-z0-9+\-$]+&lesson=atexit&program=killed&h=[0-9a-f]{8}$/);
  expect(link.length).toBeLessThan(2000);

  // The author keeps editing: their own draft differs from the link.
  const mine = 'print("my own draft of the killed program")\n';
  await setCode(page, mine);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('exitlab:draft:atexit:killed'))).toBe(mine);

  // Same profile: the link shows its code; the learner's draft is one click away.
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(lessonHeading(other)).toHaveText(/^atexit/);
  await expect(other.getByRole('tab', { name: /Killed by SIGTERM/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => editorText(other)).toBe(edited);
  await expect(other.getByTestId('link-notice')).toContainText('Opened from a link');
  await other.getByRole('button', { name: 'Back to your draft' }).click();
  await expect.poll(() => editorText(other)).toBe(mine);
  await other.close();

  // A fresh profile: the lesson, the program, the edited code, the notice; nothing runs.
  const ctx = await freshContext(browser, baseURL);
  try {
    const fresh = await ctx.newPage();
    await fresh.goto(link);
    await expect(fresh.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(lessonHeading(fresh)).toHaveText(/^atexit/);
    await expect(fresh.getByRole('tab', { name: /Killed by SIGTERM/ })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => editorText(fresh)).toBe(edited);
    const notice = fresh.getByTestId('link-notice');
    await expect(notice).toContainText('Opened from a link');
    await expect(notice).toContainText('atexit: handlers for the end of the program');
    await expect(fresh.getByText('from a link', { exact: true })).toBeVisible();
    await fresh.waitForTimeout(1500);
    await expect(exitStatus(fresh)).toHaveText('');
    await expect(transcript(fresh)).toHaveText(/^\$ python main\.py\n?$/);
    // Reset to the original: the lesson's program comes back (undoable).
    await notice.getByRole('button', { name: 'Reset to the original' }).click();
    await expect.poll(() => editorText(fresh)).toBe(original);
    await expect(fresh.getByTestId('link-notice')).toHaveCount(0);
    await fresh.getByRole('button', { name: 'Undo reset' }).click();
    await expect.poll(() => editorText(fresh)).toBe(edited);
  } finally {
    await ctx.close();
  }
});

test('#lesson/<id> opens that lesson; a bad one shows a notice and the playground', async ({ page }) => {
  await openPage(page, '#lesson/ctrl-c');
  await expect(lessonHeading(page)).toHaveText(/KeyboardInterrupt/);
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
  // Exactly one Run, Stop, SIGINT and SIGTERM on a lesson page too.
  for (const name of ['Run', 'Stop', 'SIGINT', 'SIGTERM']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }

  await page.goto('about:blank');
  await openPage(page, '#lesson/nope');
  await expect(page.getByTestId('link-notice')).toContainText('There is no lesson “nope”');
  await expect(article(page)).toHaveCount(0);
  await expect.poll(() => editorText(page)).toMatch(/^"""Run me/);
  await expect(page.getByRole('link', { name: 'Playground' }).first()).toHaveAttribute('aria-current', 'page');

  // Typing a lesson URL into the open page opens it (hashchange).
  await page.evaluate(() => (location.hash = '#lesson/atexit'));
  await expect(lessonHeading(page)).toHaveText(/^atexit/);
  // And an old #code link without a lesson still opens in the playground.
  await page.evaluate(() => (location.hash = '#code/A4JwlgdgLgFARAZwKYBskGMAWcCUQ&h=00000000'));
  await expect(article(page)).toHaveCount(0);
});

test('"Load into editor" loads a prose code block; program tabs keep their own drafts; Reset is undoable', async ({ page }) => {
  await openPage(page, '#lesson/exit-and-quit');
  await expect(lessonHeading(page)).toHaveText(/exit\(\) and quit\(\)/);
  const load = page.getByRole('button', { name: 'Load into editor', exact: true });
  await expect(load).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveCount(1);
  await load.click();
  await expect.poll(() => editorText(page)).toMatch(/^import sys\n\nif len\(sys\.argv\) < 2:/);
  await expect(page.getByText('Loaded into main.py')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('exitlab:draft:exit-and-quit:mistake')))
    .toMatch(/^import sys\n\nif len/);

  // The other tab has its own program; coming back shows the loaded draft again.
  await page.getByRole('tab', { name: /sys\.exit\(\) instead/ }).click();
  await expect.poll(() => editorText(page)).toMatch(/sys\.exit\(\)      # raises SystemExit/);
  await page.getByRole('tab', { name: /quit\(\) in a script/ }).click();
  await expect.poll(() => editorText(page)).toMatch(/^import sys\n\nif len/);

  // Reset puts back the lesson's program; Undo reset brings the draft back.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect.poll(() => editorText(page)).toMatch(/quit\(\)          # the prompt helper/);
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await expect.poll(() => editorText(page)).toMatch(/^import sys\n\nif len/);

  // Each program keeps its own command line.
  await page.goto('about:blank');
  await openPage(page, '#lesson/shell-status');
  await page.getByRole('tab', { name: /timeout: 124/ }).click();
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue('timeout 1 python main.py slow; echo $?');
  await expect(transcript(page)).toHaveText(/^\$ timeout 1 python main\.py slow; echo \$\?\n?$/);
  await page.getByRole('tab', { name: /&& and \|\|/ }).click();
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue(/^python main\.py fail && echo/);
});

test('search filters the sidebar by title or topic', async ({ page }) => {
  await openPage(page);
  const sidebar = page.getByRole('navigation', { name: 'Lessons', exact: true });
  const items = sidebar.locator('li[data-lesson]');
  await expect(items).toHaveCount(TOTAL);
  const search = sidebar.getByRole('searchbox', { name: 'Search lessons' });
  await search.fill('SIGTERM');
  await expect.poll(() => items.count()).toBeLessThan(TOTAL);
  await expect(sidebar.locator('li[data-lesson="sigterm-handlers"]')).toBeVisible();
  await expect(sidebar.locator('li[data-lesson="exit-and-quit"]')).toHaveCount(0);
  await search.fill('atexit unregister');
  await expect(sidebar.locator('li[data-lesson="atexit"]')).toBeVisible();
  await search.fill('no such thing');
  await expect(items).toHaveCount(0);
  await expect(sidebar).toContainText('No lesson matches');
  await sidebar.getByRole('button', { name: 'Clear the search' }).click();
  await expect(items).toHaveCount(TOTAL);

  // In a lesson the sidebar folds to a rail; a topic opens the list filtered by it.
  await sidebar.getByRole('link', { name: /^11\. atexit/ }).click();
  await expect(lessonHeading(page)).toHaveText(/^atexit/);
  await article(page).getByRole('button', { name: 'Lessons about shutdown' }).click();
  await expect(sidebar.getByRole('searchbox', { name: 'Search lessons' })).toHaveValue('shutdown');
  await expect(sidebar.locator('li[data-lesson="atexit"]')).toBeVisible();
  // The header button folds and unfolds it, and says so.
  const toggle = page.getByRole('button', { name: 'Lessons', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('lesson-rail')).toBeVisible();
});

test('phone width: the lessons are a drawer', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage(page, '#lesson/finally-traps');
  await expect(lessonHeading(page)).toHaveText(/finally/);
  const sidebar = page.getByRole('navigation', { name: 'Lessons', exact: true });
  await expect(sidebar).toBeHidden();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(sidebar).toBeVisible();
  await sidebar.getByRole('link', { name: /^10\. / }).click();
  await expect(sidebar).toBeHidden();
  await expect(article(page).locator('.eyebrow')).toContainText('Lesson 10 of 25');
  await expect(runButton(page)).toBeVisible();
  void BOOT_TIMEOUT;
});
