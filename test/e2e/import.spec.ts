// Importing data: a bad CSV's error in place, a CSV with preview, target and task, IDX files with a grid of images.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chartCaptions, expect, pick, setTheme, shot, test } from './fixtures';
import { root } from './paths';

test.use({ database: 'import' });
test.describe.configure({ mode: 'serial' });

test('a bad CSV shows the row and column in place', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles(knobs.files.badCsv);
  await page.getByTestId('import-preview').waitFor();
  // A small file's size in bytes (it read "0.0 kB"), a bigger one's in kB.
  await expect(page.getByTestId('csv-file')).toHaveText(`bad.csv · ${statSync(knobs.files.badCsv).size} bytes`);
  await pick(page, 'import-target', 'label');
  await page.getByTestId('import-go').click();
  const err = page.getByTestId('import-error');
  await err.waitFor();
  expect(await err.innerText(), 'the error should name row and column').toMatch(/Row 3, column "b"/);
  await expect(page.getByTestId('import-problems')).toContainText('1 of 3 rows misses a value.');
  await expect(page.getByTestId('import-drop-missing')).toHaveText('Drop the row that misses a value (2 of 3 left)');
  // The preview numbers its rows as the error does (the header is row 1), so row 3 is found.
  const row3 = page.getByTestId('import-preview').locator('tbody tr').nth(1);
  await expect(row3.locator('td').first()).toHaveText('3');
  await shot(page, '04-import-error');
});

test('a CSV saved with semicolons and decimal commas: its numbers stay numbers, and the view says so', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 4};${(i * 2.5).toFixed(1).replace('.', ',')};${i % 2 ? 'odd' : 'even'}`);
  await chooser.setFiles({ name: 'europe.csv', mimeType: 'text/csv', buffer: Buffer.from(['size;weight;kind', ...rows].join('\n')) });
  await page.getByTestId('import-preview').waitFor();
  await expect(page.getByTestId('import-decimal-comma')).toHaveText('Numbers written with a decimal comma are read as numbers (1,5 as 1.5) in columns “size”, “weight”.');
  const header = await page.getByTestId('import-preview').locator('thead').innerText();
  expect(header).toMatch(/size · numeric/);
  expect(header).toMatch(/weight · numeric/);
  await expect(page.getByTestId('import-preview').locator('tbody tr').nth(1)).toContainText('1.1');
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  // A spreadsheet's money and shares: read as numbers, the signs and separators dropped, and said.
  const [shop] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const sales = Array.from({ length: 12 }, (_, i) => `"$${(1000 + i * 250).toLocaleString('en-US')}.50",${5 + ((i * 7) % 13)}%,${i % 2 ? 'yes' : 'no'}`);
  await shop.setFiles({ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(['revenue,margin,repeat', ...sales].join('\n')) });
  await expect(page.getByTestId('import-unit-numbers')).toHaveText('Read as numbers, their signs and separators dropped: “revenue” ($1,000.50 as 1000.50), “margin” (5% as 5; percent points).');
  const shopHeader = await page.getByTestId('import-preview').locator('thead').innerText();
  expect(shopHeader).toMatch(/revenue · numeric/);
  expect(shopHeader).toMatch(/margin · numeric/);
  await shot(page, '05e-import-money');
  // A German spreadsheet's prices and areas: thousands by points and by (no-break) spaces, a decimal comma, a euro sign.
  const [euro] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const flats = ['Köln;"1.234,50 €";3;"1 250,5"', 'Berlin;"980,00 €";2;87', 'Köln;"2.100 €";5;"1\u00a0000"', 'Berlin;"1.500,25 €";3;92,5'];
  await euro.setFiles({ name: 'preise.csv', mimeType: 'text/csv', buffer: Buffer.from(['Ort;Preis;Zimmer;Fläche', ...flats, ...flats].join('\n')) });
  await expect(page.getByTestId('import-unit-numbers')).toHaveText('Read as numbers, their signs and separators dropped: “Preis” (1.234,50 € as 1234.50), “Fläche” (1 250,5 as 1250.5).');
  await expect(page.getByTestId('import-decimal-comma')).toContainText('“Preis”, “Fläche”');
  const euroHeader = await page.getByTestId('import-preview').locator('thead').innerText();
  for (const column of ['Preis', 'Zimmer', 'Fläche']) expect(euroHeader).toMatch(new RegExp(`${column}( ◎)? · numeric`));
  expect(euroHeader).toMatch(/Ort · categorical/);
  // Each price as the spreadsheet meant it: 1234.50, 980.00, 2100, 1500.25; the areas 1250.5, 87, 1000, 92.5.
  const first = page.getByTestId('import-preview').locator('tbody tr');
  await expect(first.nth(0)).toContainText('1234.50');
  await expect(first.nth(0)).toContainText('1250.5');
  await expect(first.nth(2)).toContainText('2100');
  await expect(first.nth(2)).toContainText('1000');
  await expect(first.nth(3)).toContainText('1500.25');
  await shot(page, '05h-import-euro');
  // What Import would refuse is said in the preview, before Import: missing cells by column, a file of one column.
  const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await again.setFiles({ name: 'gaps.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,y\n1,2,x\n3,,y\n5,NA,x\n,8,y\n') });
  await expect(page.getByTestId('import-problems')).toContainText('Missing values in columns “a” (1, the first in row 5), “b” (2, the first in row 3): 3 of 4 rows miss a value. ' +
    'Knobs does not fill values in: drop those rows, or untick a column in the table to leave it out; otherwise Import refuses the file.');
  await expect(page.getByTestId('import-drop-missing')).toHaveText('Drop the 3 rows that miss a value (1 of 4 left)');
  const [third] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await third.setFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('value\n1\n2\n3\n') });
  await expect(page.getByTestId('import-problems')).toContainText('The file has one column (“value”)');
  // 1,200 customers: not proposed as the target (names, not classes); chosen, the preview says the import would refuse them.
  const [fourth] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const customers = Array.from({ length: 1200 }, (_, i) => `${i % 9},${i % 4},Customer ${i}`);
  await fourth.setFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(['spend,visits,customer', ...customers].join('\n')) });
  await expect(page.getByTestId('import-target')).toContainText('visits');
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  await pick(page, 'import-target', 'customer');
  await expect(page.getByTestId('import-problems')).toContainText('“customer” has 1,000 different values or more: as classes, the import refuses more than 1,000');
});

test('the preview: a long header says itself in full on hover; missing cells are marked, in both themes', async ({ page }) => {
  const long = 'average_monthly_rainfall_at_the_nearest_weather_station_mm';
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles({ name: 'gaps.csv', mimeType: 'text/csv', buffer: Buffer.from(`${long},b,y\n1,2,x\n3,,y\n5,NA,x\n,8,y\n`) });
  const table = page.getByTestId('import-preview');
  await expect(page.getByTestId('import-problems')).toContainText('Missing values in columns');
  await expect(table.locator('thead').getByTitle(`${long} · numeric`)).toHaveCount(1);
  // The three cells the warning counts: marked, with a title saying why; the others not.
  const missing = table.locator('tbody td.missing-cell');
  await expect(missing).toHaveCount(3);
  for (const cell of await missing.all()) await expect(cell).toHaveAttribute('title', 'missing value');
  await expect(table.locator('tbody tr').nth(1).locator('td.missing-cell')).toHaveText('missing');
  await expect(table.locator('tbody tr').nth(2).locator('td.missing-cell')).toHaveText('NA');
  await expect(table.locator('tbody tr').nth(0).locator('td.missing-cell')).toHaveCount(0);
  const tint = async (): Promise<string> => missing.first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const plain = async (): Promise<string> => table.locator('tbody tr').nth(0).locator('td').nth(2).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await tint(), 'a missing cell is tinted').not.toBe(await plain());
  await shot(page, '04b-import-missing');
  await setTheme(page, 'dark');
  expect(await tint(), 'a missing cell is tinted in the dark theme too').not.toBe(await plain());
  await shot(page, '04c-import-missing-dark');
  await setTheme(page, 'light');
});

test('numbers with text in a few cells ("inf", "#VALUE!", "seven"): said as such, left out, and a problem when ticked or a regression\'s target', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const rows = Array.from({ length: 30 }, (_, i) => `${i === 4 ? 'inf' : (i * 0.7).toFixed(1)},${i === 2 ? 'seven' : 1 + (i % 5)},${i === 6 ? '#VALUE!' : 100 + i * 2.5},${i % 2}`);
  await chooser.setFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(['ratio,rooms,price,label', ...rows].join('\n')) });
  const table = page.getByTestId('import-preview');
  await table.waitFor();
  // Once: "ratio" left out as an identifier, "rooms" kept as 6 categories that Import then refused.
  await expect(page.getByTestId('import-left-out')).toHaveText('Left out of the features: “ratio” (numbers but for “inf” in row 6), “rooms” (numbers but for “seven” in row 4), “price” (numbers but for “#VALUE!” in row 8): ' +
    'write those cells as numbers, or empty them, to use them. Tick a column in the table to use it.');
  const header = await table.locator('thead').innerText();
  for (const column of ['ratio', 'rooms', 'price']) expect(header).toMatch(new RegExp(`${column} · numbers, 1 text`));
  await expect(table.locator('thead')).toContainText('seven (row 4)');
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  // Ticked again: Import would refuse it, said before, and its text cell is marked as a missing one is.
  await page.getByTestId('import-use-1').click();
  await expect(page.getByTestId('import-problems')).toHaveText('“rooms” holds numbers but for “seven” in row 4: as a feature it must hold numbers only, so Import refuses it. Write those cells as numbers, or empty them and drop their rows, or untick the column.');
  const marked = table.locator('tbody td[data-not-number]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveText('seven');
  await expect(marked).toHaveAttribute('title', 'not a number, in a column of numbers');
  await shot(page, '05f-import-text-among-numbers');
  // "price" as the target: a regression (once 29 classes, one of them "#VALUE!"), whose text cell is named before Import.
  await page.getByTestId('import-use-1').click();
  await pick(page, 'import-target', 'price');
  await expect(page.getByTestId('import-task').locator('.n-radio-button--checked')).toHaveText('regression');
  await expect(page.getByTestId('import-problems')).toContainText('“price” holds numbers but for “#VALUE!” in row 8: as the target of a regression it must hold numbers only, so Import refuses it.');
  await page.getByTestId('import-go').click();
  await expect(page.getByTestId('import-error')).toContainText('Row 8, column "price": "#VALUE!" is not a number, but a regression target must be numeric (29 of 30 values are numbers)');  // A file saved without a header row: its first row would be names; said before Import.
  const [bare] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await bare.setFiles({ name: 'iris.data', mimeType: 'text/csv', buffer: Buffer.from('5.1,3.5,1.4,0.2,Iris-setosa\n4.9,3.0,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.6,6.0,2.5,Iris-virginica\n') });
  await expect(page.getByTestId('import-problems')).toContainText('Row 1 (5.1, 3.5, 1.4, 0.2, Iris-setosa) is read as the column names, but it reads like data');
  await shot(page, '05g-import-header-like-data');
  // "yes" and "Yes": two classes, said under the table's notes.
  const [survey] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await survey.setFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(`age,answer\n${Array.from({ length: 12 }, (_, i) => `${20 + i},${i === 3 ? 'Yes' : i % 2 ? 'yes' : 'no'}`).join('\n')}\n`) });
  await expect(page.getByTestId('import-case-variants')).toHaveText('Texts that differ only in case are different values: “yes” (5 rows) and “Yes” (1) in “answer” (the target: each a class). If they are one, write them alike in the file.');
});

test('3,000 columns: the preview comes at once, drawing only the cells in sight, and its boxes, notes and marks work as in a narrow file', async ({ page }) => {
  // Drawn whole, such a file took 8 s to show and 1.6 s to redraw after each box.
  const genes = Array.from({ length: 3000 }, (_, j) => `g${j}`);
  const rows = Array.from({ length: 60 }, (_, i) => [...genes.map((_, j) => (i === 3 && j === 6 ? 'oops' : i === 2 && j === 4 ? '' : (((i * 7919 + j * 104729) % 2000) / 1000 - 1).toFixed(3))), i % 3 === 0 ? 'tumor' : 'normal'].join(','));
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles({ name: 'genes.csv', mimeType: 'text/csv', buffer: Buffer.from([[...genes, 'label'].join(','), ...rows].join('\n')) });
  const table = page.getByTestId('import-preview');
  await table.waitFor();
  expect(await table.locator('.n-data-table-th').count(), 'the header cells in sight, not 3,001').toBeLessThan(100);
  expect(await table.locator('.n-data-table-td').count(), 'the cells in sight, not 20 rows × 3,001 columns').toBeLessThan(500);
  await expect(page.getByTestId('import-left-out')).toHaveText('Left out of the features: “g6” (numbers but for “oops” in row 5): write those cells as numbers, or empty them, to use it. Tick a column in the table to use it.');
  await expect(page.getByTestId('import-problems')).toContainText('Missing values in column “g4” (1, the first in row 4)');
  // The marks of a narrow file's cells: the missing one, and the text among numbers once its column is ticked.
  await expect(table.locator('[data-missing]')).toHaveText('missing');
  await page.getByTestId('import-use-6').click();
  await expect(table.locator('[data-not-number]')).toHaveText('oops');
  await page.getByTestId('import-use-2').click();
  await expect(page.getByTestId('import-left-out')).toHaveText(/^Left out of the features: “g2” \(unticked\)\./);
  await expect(page.getByTestId('import-use-2')).not.toHaveClass(/n-checkbox--checked/);
  // Scrolled to the far right: the last gene and the target, with the row numbers still at the left.
  await table.locator('.v-vl').first().evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await expect(table.locator('.n-data-table-th').last()).toContainText('label ◎');
  await expect(table.locator('.n-data-table-th').filter({ hasText: 'g2999 · numeric' })).toHaveCount(1);
  await expect(table.locator('.row-number').nth(1)).toHaveText('2');
  await shot(page, '05h-import-wide');
});

test('import a CSV: preview, target, task, then listed with its class balance', async ({ page, knobs }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles(knobs.files.rings);
  await page.getByTestId('import-preview').waitFor();
  await expect(page.getByTestId('csv-file')).toHaveText(`rings.csv · ${(statSync(knobs.files.rings).size / 1024).toFixed(1)} kB`);
  await pick(page, 'import-target', 'label');
  await page.getByTestId('import-task').getByText('classification').waitFor();
  const header = await page.getByTestId('import-preview').locator('thead').innerText();
  expect(header, 'preview header').toMatch(/label/);
  expect(header, 'preview header').toMatch(/categorical/);
  await shot(page, '05-import-preview');
  await page.getByTestId('import-go').click();
  await page.getByTestId('dataset-rings').waitFor();
  await page.getByTestId('class-balance').locator('canvas').waitFor();
  expect(await page.getByText('360 rows × 5 features').count(), 'the imported data set should have 360 rows × 5 features (x, y, and colour one-hot as 3)').toBe(1);
  // The target comes first on the data set's page, marked, whatever its place in the file.
  await expect(page.getByTestId('dataset-preview').locator('thead th').first()).toHaveText('label ◎');
  expect(await page.locator('.n-tag', { hasText: 'classification' }).count(), 'the imported data set should be a classification task').toBe(1);
  await shot(page, '06-dataset-imported');
});

test('a messy CSV (an id, names, tickets, a mostly empty column, gaps): the preview leaves out what cannot help, and the rows missing a value can be dropped', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles(join(root, 'test', 'fixtures', 'csv', 'passengers.csv'));
  await page.getByTestId('import-preview').waitFor();
  // Eleven columns: the target is found by typing its name.
  await page.getByTestId('import-target').click();
  await page.keyboard.type('Surv');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-target')).toContainText('Survived (numeric, 2 distinct)');
  const leftOut = page.getByTestId('import-left-out');
  await expect(leftOut).toHaveText('Left out of the features: “PassengerId”, “Name”, “Ticket” (each a different value in every row, like an identifier: it tells the model nothing about a new row); ' +
    '“Cabin” (missing in 45 of 60 rows). Tick a column in the table to use it.');
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('Missing values in columns “Age” (9, the first in row 4), “Embarked” (2, the first in row 13): 11 of 60 rows miss a value.');
  // The columns left out: unticked, dimmed; their missing cells (the cabin's) no longer marked.
  const table = page.getByTestId('import-preview');
  await expect(table.getByRole('checkbox', { name: 'Use “PassengerId” as a feature' })).toHaveAttribute('aria-checked', 'false');
  await expect(table.getByRole('checkbox', { name: 'Use “Age” as a feature' })).toHaveAttribute('aria-checked', 'true');
  expect(await table.locator('tbody tr').first().locator('td.left-out-col').count()).toBe(4);
  await expect(table.locator('tbody td.missing-cell')).not.toHaveCount(0);
  const marked = await table.locator('tbody td.missing-cell').count();
  // Each header says what its column holds over all 60 rows: the port's commonest value (23 of 60 S, 3 values, its 2 missing cells not one),
  // a tie (30 male, 30 female) going to the one the file has first; numbers as a histogram.
  await expect(table.locator('thead th').filter({ hasText: 'Embarked' }).locator('.glance')).toHaveText('S 38% · 3 values');
  await expect(table.locator('thead th').filter({ hasText: 'Sex' }).locator('.glance')).toHaveText('male 50% · 2 values');
  await expect(table.locator('thead th').filter({ hasText: 'Age' }).getByRole('img', { name: 'Histogram of Age' })).toBeVisible();
  await shot(page, '05b-import-messy');
  await setTheme(page, 'dark');
  await shot(page, '05c-import-messy-dark');
  await setTheme(page, 'light');
  // Unticking Age: it is said as unticked, and fewer rows miss a value (only the port's 2).
  await table.getByRole('checkbox', { name: 'Use “Age” as a feature' }).click();
  await expect(leftOut).toContainText('“Age” (unticked)');
  await expect(problems).toContainText('Missing values in column “Embarked” (2, the first in row 13): 2 of 60 rows miss a value.');
  await expect(table.locator('tbody td.missing-cell')).not.toHaveCount(marked);
  await table.getByRole('checkbox', { name: 'Use “Age” as a feature' }).click();
  await expect(problems).toContainText('11 of 60 rows miss a value');
  // Import without dropping: refused, naming the first missing cell; then dropped: 49 rows, 9 features (the port and sex one-hot).
  await page.getByTestId('import-go').click();
  await expect(page.getByTestId('import-error')).toContainText('Row 4, column "Age": the value is missing');
  await page.getByTestId('import-drop-missing').click();
  await expect(page.getByTestId('import-drop-missing')).toHaveText('Drop the 11 rows that miss a value (49 of 60 left)');
  // The shown rows it will drop are struck through: of the first 20, those without an age or a port (rows 4, 11, 13 and 18, as Python's csv module finds them).
  await expect(table.locator('tbody tr.dropped-row td.row-number')).toHaveText(['4', '11', '13', '18']);
  await shot(page, '05d-import-messy-drop');
  await page.getByTestId('import-go').click();
  await page.getByTestId('dataset-passengers').waitFor();
  await expect(page.getByText('49 rows × 9 features')).toHaveCount(1);
  await expect(page.getByText('Imported CSV, target "Survived" (classification); left out "PassengerId", "Name", "Ticket", "Cabin"; 11 rows with a missing value dropped')).toHaveCount(1);
  const header = await page.getByTestId('dataset-preview').locator('thead').innerText();
  expect(header.split(/\s+/).filter(Boolean)).toEqual(['Survived', '◎', 'Pclass', 'Sex', 'Age', 'SibSp', 'Fare', 'Embarked']);
  // Each column over the 49 rows kept, as Python's csv and statistics modules read them: the target as its classes, text as one-hot
  // features with its commonest values, numbers by range, mean ± population sd and a histogram.
  const cols = page.getByTestId('dataset-columns');
  const row = (name: string) => cols.locator(`tr[data-column="${name}"]`);
  await expect(cols.locator('tbody tr')).toHaveCount(7);
  await expect(cols.locator('tbody tr').first()).toHaveAttribute('data-column', 'Survived');
  await expect(row('Survived')).toContainText('2 classes');
  await expect(row('Survived')).toContainText('0 55% · 1 45%');
  await expect(row('Sex')).toContainText('text, 2 features');
  await expect(row('Sex')).toContainText('male 53% · female 47%');
  await expect(row('Embarked')).toContainText('S 41% · Q 31% · C 29%');
  await expect(row('Age').locator('td')).toHaveText(['Age', 'numbers', /^2 to 5\.35: 3/, '33', '–', '2', '69', '28.92 ± 18.93']);
  await expect(row('Fare').locator('td').nth(7)).toHaveText('51.37 ± 24.02');
  // Its histogram: 20 bins of 3.35 years from 2 to 69, counted as Python counts them; each bar says its range and count on hover.
  const bars = await row('Age').getByRole('img', { name: 'Histogram of Age' }).locator('rect title').allTextContents();
  expect(bars.map((t) => Number(t.split(': ')[1]))).toEqual([3, 5, 5, 2, 3, 6, 2, 0, 5, 1, 1, 4, 1, 0, 2, 2, 3, 1, 2, 1]);
  expect(bars[19]).toBe('65.65 to 69: 1');
  await shot(page, '06b-dataset-messy-imported');
  // Saved as CSV: a row per column, the target first, every digit (the page rounds to four).
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dataset-columns-csv').click()]);
  expect(saved.suggestedFilename()).toBe('passengers-columns.csv');
  const lines = readFileSync(await saved.path(), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('column,role,holds,distinct,missing,min,max,mean,sd,commonest');
  expect(lines[1]).toBe('Survived,target,classes,2,0,,,,,0: 27; 1: 22');
  expect(lines.find((l) => l.startsWith('Sex,'))).toBe('Sex,feature,text,2,0,,,,,male: 26; female: 23');
  const age = lines.find((l) => l.startsWith('Age,'))!.split(',');
  expect(age.slice(0, 7)).toEqual(['Age', 'feature', 'numbers', '33', '0', '2', '69']);
  expect(Number(age[7])).toBeCloseTo(28.918367346938776, 12);
  expect(Number(age[8])).toBeCloseTo(18.929338781959583, 12);
  await page.getByText('Downloaded 7 rows as passengers-columns.csv').waitFor();
  // A chart's data too: the class balance, as its data table lists it.
  await page.getByTestId('class-balance').locator('xpath=..').getByTestId('chart-table-toggle').click();
  const [chart] = await Promise.all([page.waitForEvent('download'), page.getByTestId('class-balance').locator('xpath=..').getByTestId('chart-table-csv').click()]);
  expect(readFileSync(await chart.path(), 'utf8')).toBe('category,rows\n0,27\n1,22\n');
});

test('a class named "none": read as missing at first, the dialog offers to read it as a value, and the data set keeps it', async ({ page, knobs }) => {
  await page.goto(knobs.url);
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  // Symptoms graded none, mild or severe by dose; one dose is a real gap ("?").
  const rows = Array.from({ length: 30 }, (_, i) => `${i === 7 ? '?' : ((i % 10) / 2).toFixed(1)},${['none', 'mild', 'severe'][Math.floor((i % 10) / 4)]}`);
  await chooser.setFiles({ name: 'symptoms.csv', mimeType: 'text/csv', buffer: Buffer.from(['dose,symptoms', ...rows].join('\n')) });
  await page.getByTestId('import-preview').waitFor();
  await expect(page.getByTestId('import-problems')).toContainText('Missing values in columns “dose” (1, the first in row 9), “symptoms” (12, the first in row 2): 13 of 30 rows miss a value.');
  const words = page.getByTestId('import-missing-words');
  await expect(words).toContainText('Words Knobs reads as missing unless you say they are values here');
  await expect(page.getByTestId('import-not-missing-none')).toHaveText('“none” (12 cells, in “symptoms”) is a value here');
  await expect(page.getByTestId('import-not-missing-?')).toHaveText('“?” (1 cell, in “dose”) is a value here');
  await expect(page.getByTestId('import-preview').locator('td[data-missing="true"]')).toHaveCount(9);
  // Each dose goes with one grade in every row: said, and the column kept (a dose decides a grade in a designed experiment).
  await expect(page.getByTestId('import-answers')).toHaveText('“dose” tells the target exactly: each of its values goes with one class in every row. If it is the answer written another way (known only once the answer is), ' +
    'leave it out: a new row would not have it, and a model trained on it learns it and nothing else.');
  await expect(page.getByTestId('import-use-0')).toHaveAttribute('aria-checked', 'true');
  await shot(page, '05f-import-none-missing');
  await page.getByTestId('import-not-missing-none').click();
  // Read again: only the "?" gap is left, and the preview marks only it.
  await expect(page.getByTestId('import-problems')).toContainText('Missing values in column “dose” (1, the first in row 9): 1 of 30 rows misses a value.');
  await expect(page.getByTestId('import-preview').locator('td[data-missing="true"]')).toHaveCount(1);
  await expect(page.getByTestId('import-not-missing-none')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('import-drop-missing').click();
  await shot(page, '05g-import-none-value');
  await page.getByTestId('import-go').click();
  await page.waitForURL(/\/datasets\/symptoms/);
  await expect(page.getByText('1 row with a missing value dropped; "none" read as a value, not as missing')).toBeVisible();
  const d = (await knobs.call('datasets.list', undefined)).find((x) => x.name === 'symptoms')!;
  expect(d).toMatchObject({ rows: 29, classes: ['mild', 'none', 'severe'] });
  // A search of it made in the editor reads the word as its data set does.
  await page.goto(`${knobs.origin}/new?dataset=symptoms`);
  await expect(page.getByTestId('ed-dataset-extra')).toHaveText('Also set for this file (kept from the data set or the spec it came from): {"notMissing":["none"]}');
  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = JSON.parse(await page.getByTestId('spec-json').locator('textarea').inputValue()) as { dataset: unknown };
  expect(json.dataset).toEqual(d.ref);
});

test('a regression data set: its target drawn as a histogram where classes would be, its money column read as numbers', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  // Revenue 1000.50 + 10·i² dollars for i = 0…39: skewed, most rows near the bottom.
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 5},"$${(1000 + 10 * i * i).toLocaleString('en-US')}.50"`);
  await chooser.setFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from(['staff,revenue', ...rows].join('\n')) });
  await page.getByTestId('import-preview').waitFor();
  await pick(page, 'import-target', 'revenue');
  await page.getByTestId('import-task').getByText('regression').waitFor();
  await page.getByTestId('import-go').click();
  await page.getByTestId('dataset-sales').waitFor();
  await expect(page.getByText('40 rows × 1 feature', { exact: true })).toHaveCount(1);
  await expect(page.getByTestId('class-balance')).toHaveCount(0);
  await page.getByTestId('target-histogram').locator('canvas').waitFor();
  // 20 bins of 760.50 from 1000.50 to 16210.50, counted by hand (Python): the rows pile up at the low end.
  const table = await chartCaptions(page, 'target-histogram');
  const counts = table.split('\n').filter((l) => l.includes('\t')).slice(1).map((l) => Number(l.split('\t')[1]));
  expect(counts).toEqual([9, 4, 3, 2, 2, 2, 2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1]);
  const revenue = page.getByTestId('dataset-columns').locator('tr[data-column="revenue"]');
  // $1,000.50 and $16,210.50 read as numbers, written whole from 1000 up, as every Knobs table writes them.
  await expect(revenue.locator('td').nth(5)).toHaveText('1001');
  await expect(revenue.locator('td').nth(6)).toHaveText('16211');
  await shot(page, '06c-dataset-regression');
});

test('a rating of 1 to 5 read as classes: the dialog says their order is lost and that regression keeps it; chosen, the data set is a regression', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const rows = Array.from({ length: 60 }, (_, i) => `${18 + ((i * 7) % 50)},${i % 31},${1 + Math.min(4, Math.floor(i / 12))}`);
  await chooser.setFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(['age,visits,rating', ...rows].join('\n')) });
  await page.getByTestId('import-preview').waitFor();
  const item = page.getByTestId('import-task-item');
  await expect(item).toContainText('“rating” holds 5 numbers from 1 to 5, read as 5 classes: classes have no order, so an answer one off counts as wrong as one far off. ' +
    'If their order matters (a rating, a count, a score), choosing “regression” reads them as a quantity.');
  await shot(page, '06d-import-number-classes');
  await page.getByTestId('import-task').getByText('regression').click();
  await expect(item).not.toContainText('read as 5 classes');
  await page.getByTestId('import-go').click();
  await page.getByTestId('dataset-ratings').waitFor();
  await expect(page.getByTestId('class-balance')).toHaveCount(0);
  await page.getByTestId('target-histogram').locator('canvas').waitFor();
});

test('a lab file: times and durations left out as such, "<0.5" named as below a limit of measure, answers of an ordered scale said so, and a duration as the target said to be no classes to learn', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const rows = Array.from({ length: 40 }, (_, i) => `${String(7 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')},${i % 5 === 0 ? '<0.5' : 1 + i},${i % 3}:${String(i).padStart(2, '0')}:00,${['Never', 'Sometimes', 'Often'][i % 3]},${i % 2 ? 'good' : 'bad'}`);
  await chooser.setFiles({ name: 'lab.csv', mimeType: 'text/csv', buffer: Buffer.from(['visit,crp,took,pain,outcome', ...rows].join('\n')) });
  await page.getByTestId('import-preview').waitFor();
  await expect(page.getByTestId('import-ordered-scales')).toHaveText('“pain” holds the answers of an ordered scale (Never … Often): read as text, each answer is a feature of its own and their order is lost. ' +
    'Written as numbers in the file (1 for “Never”, 2 for “Sometimes”, 3 for “Often”), a model reads the order.');
  const left = page.getByTestId('import-left-out');
  await expect(left).toContainText('“visit”, “took” (times of day or durations: as text each is a category of its own, which says nothing of the order of 08:15 and 08:20; to use them, add a column of numbers made from each, such as the minutes since midnight or a duration\'s seconds)');
  await expect(left).toContainText('“crp” (numbers but for 8 cells, the first “<0.5” in row 2, values below a limit of measure, for which half the limit, 0.25, is often written)');
  await pick(page, 'import-target', 'took');
  await expect(page.getByTestId('import-task-item')).toContainText('“took” holds 40 classes in 40 rows, each in a single row: a validation row whose class no training row has cannot be answered right, so no trial can do well.');
  await shot(page, '06g-import-lab-times');
});

test('a text column of 150 cities: left out with its count and the limit; ticked again, the problem is said before Import, not after', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  const rows = Array.from({ length: 600 }, (_, i) => `City ${(i * 7) % 150},${30 + (i % 17)},${1000 + 13 * i}`);
  await chooser.setFiles({ name: 'cities.csv', mimeType: 'text/csv', buffer: Buffer.from(['city,size,price', ...rows].join('\n')) });
  await page.getByTestId('import-preview').waitFor();
  await expect(page.getByTestId('import-left-out')).toHaveText('Left out of the features: “city” (150 different texts, more than the 100 one-hot encoding takes). Tick a column in the table to use it.');
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  await page.getByTestId('import-use-0').click();
  await expect(page.getByTestId('import-problems')).toHaveText('“city” holds 150 different texts: one-hot encoding takes at most 100, so Import refuses it as a feature. Group the rarer ones into one (such as “other”) in the file, or untick the column.');
  await shot(page, '06e-import-too-many-texts');
  await page.getByTestId('import-use-0').click();
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
});

test('a file in Windows-1252 is refused naming the word it garbles; Excel\'s "Unicode Text" (UTF-16) is read, its umlauts intact; one garbled by a resave is said so', async ({ page }) => {
  await page.getByTestId('import-csv').click();
  const rows = Array.from({ length: 40 }, (_, i) => [['Zürich', 'Genève', 'Köln', 'München'][i % 4], 20 + ((i * 7) % 50), i % 3 ? 'günstig' : 'teuer']);
  // Excel's plain "CSV (Comma delimited)" on Windows: Windows-1252, semicolons, \r\n. A browser's File.text() read its ü as U+FFFD, and the dialog showed "Z�rich".
  const ansi = Buffer.from(['Stadt;Größe;Preis', ...rows.map((r) => r.join(';'))].join('\r\n'), 'latin1');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await chooser.setFiles({ name: 'preise.csv', mimeType: 'text/csv', buffer: ansi });
  await expect(page.getByTestId('import-error')).toContainText('preise.csv: The file is not UTF-8 text: byte 0xf6 on line 1, in “Größe” as Windows-1252 reads it.');
  await expect(page.getByTestId('import-error')).toContainText('save the file as "CSV UTF-8 (Comma delimited)"');
  // The file chosen before (the cities of the test above) is gone with its preview: Import would have taken it.
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await expect(page.getByTestId('csv-file')).toHaveCount(0);
  await expect(page.getByTestId('import-go')).toHaveCount(0);
  await shot(page, '06f-import-windows-1252');
  // Excel's "Unicode Text": UTF-16 LE after a byte order mark, tab-separated.
  const unicode = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(['Stadt\tGröße\tPreis', ...rows.map((r) => r.join('\t'))].join('\r\n'), 'utf16le')]);
  const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await again.setFiles({ name: 'preise.txt', mimeType: 'text/plain', buffer: unicode });
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(preview.locator('thead')).toContainText('Größe');
  await expect(preview.locator('tbody tr').first()).toContainText('Zürich');
  await expect(page.getByTestId('import-mojibake')).toHaveCount(0);
  // The same file once opened in a program that took it for Windows-1252 and saved again as UTF-8: every fourth city garbled.
  const garbled = Buffer.from(['Stadt,Größe,Preis', ...rows.map((r, i) => [i % 4 === 0 ? Buffer.from(String(r[0]), 'utf8').toString('latin1') : r[0], r[1], r[2]].join(','))].join('\n'), 'utf8');
  const [third] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await third.setFiles({ name: 'resaved.csv', mimeType: 'text/csv', buffer: garbled });
  await expect(page.getByTestId('import-mojibake')).toHaveText('“ZÃ¼rich” in “Stadt” (and 9 more cells of it) reads as “Zürich” garbled: UTF-8 text that a program took for Windows-1252 and saved again, ' +
    'so each such text is a value of its own beside one written right. Export the file again from where it came from, as UTF-8, or open it as UTF-8 before saving it.');
  const [fourth] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-csv').click()]);
  await fourth.setFiles({ name: 'preise.txt', mimeType: 'text/plain', buffer: unicode });
  await expect(preview.locator('tbody tr').first()).toContainText('Zürich');
  await pick(page, 'import-target', 'Preis');
  await page.getByTestId('import-go').click();
  await page.getByTestId('dataset-preise').waitFor();
  await expect(page.getByTestId('dataset-preview')).toContainText('München');
});

test('import IDX files and see a grid of sample images', async ({ page, knobs }) => {
  await page.getByTestId('import-csv').click();
  const [imagesChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-idx-images').click()]);
  await imagesChooser.setFiles(knobs.files.idxImages);
  await page.getByTestId('idx-images-name').filter({ hasText: 'bars-images' }).waitFor();
  // The wrong file as labels first: the error names what is wrong, in place.
  const [wrong] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-idx-labels').click()]);
  await wrong.setFiles(knobs.files.badCsv);
  await page.getByTestId('idx-go').click();
  expect(await page.getByTestId('idx-error').innerText(), 'the error should name the labels file').toMatch(/labels file/);
  const [labelsChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-idx-labels').click()]);
  await labelsChooser.setFiles(knobs.files.idxLabels);
  await page.getByTestId('idx-name').locator('input').fill('bars');
  await page.getByTestId('idx-go').click();
  await page.getByTestId('image-grid').waitFor();
  expect(await page.getByTestId('image-grid').locator('figure').count(), '40 sample images').toBe(40);
  await shot(page, '26-idx-images', { fullPage: true });
  await page.getByTestId('dataset-new-search').click();
  await page.getByTestId('ed-csv').filter({ hasText: 'bars' }).waitFor();
});
