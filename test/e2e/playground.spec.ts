// The optimizer playground.
import { expect, setNumber, shot, test } from './fixtures';

test.use({ database: 'playground' });

test('the optimizer playground: paths over contours, knobs live, click to move the start', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('nav-playground').click();
  await page.getByTestId('pg-chart').locator('canvas').waitFor();
  const results = page.getByTestId('pg-results');
  await results.filter({ hasText: 'sgd' }).waitFor();
  const before = await results.innerText();
  for (const name of ['sgd', 'adam', 'momentum']) expect(before, 'results').toContain(name);
  await shot(page, '24-playground');
  await page.getByTestId('pg-surface').getByText('Rosenbrock', { exact: false }).click();
  await page.waitForTimeout(300);
  const box = await page.getByTestId('pg-chart').boundingBox();
  expect(box, 'the chart has a box').not.toBeNull();
  await page.getByTestId('pg-chart').click({ position: { x: box!.width * 0.3, y: box!.height * 0.7 } });
  await page.waitForTimeout(300);
  const after = await results.innerText();
  expect(after, 'the results should change with the surface and the start').not.toBe(before);
  const startText = await page.getByText(/^start \(/).innerText();
  expect(startText, 'the click should move the start').not.toMatch(/\(-1\.5, 2\)/);
  await setNumber(page, 'pg-steps', 200);
  await page.waitForTimeout(300);
  await shot(page, '25-playground-rosenbrock');
});
