// The accessibility scan of the end-to-end suite: axe-core (every rule it runs by default) over
// the whole page as it is shown, keeping the serious and critical violations. Each scan's findings
// are written to test-results/e2e/axe/VIEW.json, so a failing run shows every view's problems at once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { shots } from './paths';

/** One rule that failed on a view, with the elements it failed on. */
export interface AxeProblem {
  view: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  /** axe's summary of the first element's failure (e.g. the contrast ratio and colours). */
  summary: string;
}

/** Scan the page for serious and critical violations; `view` names the JSON file and the findings. */
export async function axeScan(page: Page, view: string): Promise<AxeProblem[]> {
  // Let transitions (drawer, tab, theme) finish: axe reads computed colours.
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page }).analyze();
  const problems = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      view,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
    }));
  const dir = join(shots, 'axe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${view.replace(/[^\w-]+/g, '-')}.json`), JSON.stringify({ view, problems, all: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) }, null, 2));
  return problems;
}

/** The problems as readable lines: view, rule, impact, element count, first elements. */
export function describeProblems(problems: AxeProblem[]): string {
  return problems.map((p) => `${p.view}: ${p.rule} (${p.impact}, ${p.targets.length} element${p.targets.length === 1 ? '' : 's'}) ${p.help}\n    e.g. ${p.targets.slice(0, 3).join(' | ')}\n    ${p.summary}`).join('\n');
}
