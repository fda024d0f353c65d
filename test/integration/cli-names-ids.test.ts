// Names that look like ids, as a user types them: real processes on a real database file. When
// "2" is one project's (or search's) id and another's name, `bundle export 2`, `export 1` and the
// other commands that take a search refuse (exit 2) naming both, instead of taking the id.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src-core/store/store';
import { refused, runKnobs, type Ran } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'knobs-cli-names-ids-'));
const db = join(dir, 'k.db');

const knobs = (...args: string[]): Ran => runKnobs([...args, '--db', db], { cwd: dir });

beforeAll(() => {
  const s = Store.open(db);
  const a = s.projects.create('first'); // id 1
  s.projects.create('second'); // id 2
  const c = s.projects.create('2'); // id 3, named "2"
  const spec = { project: 'first', dataset: { builtin: 'digits' }, budget: { trials: 1 } };
  s.searches.create(a.id, 'sweep', spec, 1); // id 1
  s.searches.create(c.id, '1', { ...spec, project: '2' }, 1); // id 2, named "1"
  s.close();
});

describe('an argument that is one object\'s id and another\'s name', () => {
  it('bundle export 2 is refused naming project 2 and the project named "2"; nothing is written', () => {
    const out = join(dir, 'p.knobs');
    refused(knobs('bundle', 'export', '2', '--out', out), /^knobs: "2" names two projects: project 2 by its id \("second"\) and project 3 by its name; give project 2 by its name or project 3 by its id\n$/);
    expect(existsSync(out)).toBe(false);
    expect(knobs('bundle', 'export', 'second', '--out', out).code).toBe(0);
    expect(knobs('bundle', 'export', '3', '--out', join(dir, 'p3.knobs')).stdout).toContain('project "2"');
  });

  it('export 1 (and the other search commands) are refused naming search 1 and the search named "1"', () => {
    const both = /^knobs: "1" names two searches: search 1 by its id \("sweep", project "first"\) and search 2 \(project "2"\) by its name; give search 1 by its name or search 2 by its id\n$/;
    refused(knobs('export', '1', '--out', join(dir, 't.csv')), both);
    refused(knobs('importance', '1'), both);
    refused(knobs('resume', '1'), both);
    expect(existsSync(join(dir, 't.csv'))).toBe(false);
    expect(knobs('export', 'sweep', '--out', join(dir, 't.csv')).code).toBe(0);
  });
});
