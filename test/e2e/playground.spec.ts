// The optimizer playground.
import { expect, setNumber, shot, test } from './fixtures';

test.use({ database: 'playground' });

test('the optimizer playground: paths over contours, knobs live, click to move the start', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('nav-playground').click();
  await page.getByTestId('pg-chart').locator('canvas').waitFor();
  const results = page.getByTestId('pg-results');
  await results.filter({ hasText: 'SGD' }).waitFor();
  const before = await results.innerText();
  for (const name of ['SGD', 'Adam', 'Momentum']) expect(before, 'results').toContain(name);
  // What this run shows agrees with the results table: plain SGD's place against Momentum is read from the paths.
  const f = (name: string): number => Number(new RegExp(`${name}\\s+f = (\\S+)`).exec(before)?.[1]);
  const story = await page.getByTestId('pg-story').innerText();
  expect(story).toMatch(/^Lowest f after 40 steps: /);
  if (f('SGD') < f('Momentum')) expect(story).toMatch(/Unlike the usual picture, plain SGD ended lower than .*Momentum/);
  else expect(story).not.toMatch(/ended lower than .*Momentum/);
  await expect(page.getByTestId('pg-usually')).toContainText('20 times steeper across');
  await shot(page, '24-playground');
  // Rosenbrock and Beale start from learning rates chosen for them: no path blows up.
  for (const [label, steps] of [['Beale', '200'], ['Rosenbrock', '500']] as const) {
    await page.getByTestId('pg-surface').getByText(label, { exact: false }).click();
    await expect(page.getByTestId('pg-steps').locator('input')).toHaveValue(steps);
    await expect(results).toContainText(`after ${steps} steps`);
    expect(await results.innerText(), `${label}: every default path stays finite`).not.toMatch(/diverged/);
  }
  const box = await page.getByTestId('pg-chart').boundingBox();
  expect(box, 'the chart has a box').not.toBeNull();
  const atDefaults = await results.innerText();
  await page.getByTestId('pg-chart').click({ position: { x: box!.width * 0.3, y: box!.height * 0.7 } });
  await page.waitForTimeout(300);
  await expect(results).not.toHaveText(atDefaults);
  const startText = await page.getByText(/^start \(/).innerText();
  expect(startText, 'the click should move the start').not.toMatch(/\(-1\.5, 2\)/);
  await setNumber(page, 'pg-steps', 200);
  await page.waitForTimeout(300);
  await shot(page, '25-playground-rosenbrock');
  // An emptied box: no stale paths under a raw schema message, but what is wanted, above the chart.
  await page.getByTestId('pg-steps').locator('input').fill('');
  await page.getByTestId('pg-steps').locator('input').press('Tab');
  await expect(page.getByTestId('pg-error')).toHaveText('Give a value for steps (1–2000): the paths are drawn once every box has one.');
  await expect(results.locator('tr')).toHaveCount(0);
  await shot(page, '25b-playground-steps-empty');
  await setNumber(page, 'pg-steps', 1);
  await expect(page.getByTestId('pg-error')).toHaveCount(0);
  await expect(results).toContainText('after 1 step');
  await expect(results).not.toContainText('after 1 steps');
});

test('the momentum and ρ sliders show their values, as the learning rates do, and follow the slider', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('nav-playground').click();
  await page.getByTestId('pg-chart').locator('canvas').waitFor();
  for (const id of ['pg-momentum', 'pg-rho']) {
    const value = page.getByTestId(`${id}-value`);
    await expect(value).toHaveText('0.90');
    await expect(value).toBeVisible();
    await page.getByTestId(id).getByRole('slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect(value).toHaveText('0.91');
  }
  await shot(page, '25c-playground-slider-values');
});
