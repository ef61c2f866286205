/** Cross-origin isolation and the engine's paths: what the page says and offers (the suspension path without headers: unisolated.spec.ts). */
import { expect, test } from './fixtures';
import { openPage, run, setCode, signalButton, stopButton, transcriptText, waitForExit, waitForOutput, waitForPython } from './helpers';

test('neither JSPI nor isolation (asked for with ?engine=none): one line says so, programs run, Stop works', async ({ page }) => {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/?engine=none');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await waitForPython(page);
  await expect(page.getByTestId('isolation-banner')).toContainText('Typing input and sending signals are unavailable here');
  await page.getByTestId('engine-state').click();
  await expect(page.getByTestId('engine-path')).toHaveAttribute('data-path', 'none');
  await page.getByTestId('engine-state').click();

  await setCode(page, 'print("still runs")\n');
  await run(page);
  expect(await waitForExit(page)).toMatch(/^exit status 0/);
  expect(await transcriptText(page)).toBe('$ python main.py\nstill runs\n[exit status 0]');

  await setCode(page, 'print("spin", flush=True)\nwhile True:\n    pass\n');
  await run(page);
  await waitForOutput(page, 'spin');
  await expect(signalButton(page, 'SIGTERM')).toBeDisabled();
  await expect(signalButton(page, 'SIGINT')).toBeDisabled();
  await stopButton(page).click();
  expect(await waitForExit(page)).toBe('killed by SIGKILL (137) · no cleanup ran');
});

test('an isolated page offers both paths; the choice is kept across reloads', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await page.getByTestId('engine-state').click();
  await expect(page.getByTestId('engine-path')).toHaveAttribute('data-path', 'suspension');
  await page.getByRole('button', { name: 'Use shared memory instead (reloads the page)' }).click();
  await waitForPython(page);
  await page.getByTestId('engine-state').click();
  await expect(page.getByTestId('engine-path')).toHaveAttribute('data-path', 'shared-memory');
  await page.reload();
  await waitForPython(page);
  await page.getByTestId('engine-state').click();
  await expect(page.getByTestId('engine-path')).toHaveAttribute('data-path', 'shared-memory');
});

test('the headers are sent by the server', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
    const r = await page.request.get(`/pyodide/${file}`);
    expect(r.status(), file).toBe(200);
    expect(r.headers()['cross-origin-resource-policy'], file).toBe('same-origin');
  }
});
