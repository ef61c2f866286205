/** Without cross-origin isolation the page still runs programs and says what is missing. */
import { expect, test } from './fixtures';
import { openPage, run, setCode, signalButton, stopButton, transcriptText, waitForExit, waitForOutput, waitForPython } from './helpers';

test('served without COOP/COEP: a banner, programs still run, Stop still works', async ({ page }) => {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await openPage(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('isolation-banner')).toContainText('input and sending signals are unavailable');

  await waitForPython(page);
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
