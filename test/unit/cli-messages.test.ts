// Small words the CLI prints: a replay of one epoch says "1 epoch"; an empty --db and a spec path
// that is a folder are refused naming what was wrong, not "<cwd> is a folder" or "EISDIR".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayMessage } from '../../src-core/service/replay';
import { jsonErrorText, readSpecFile } from '../../src-main/cli/common';
import { databasePath } from '../../src-main/cli/output';

const replay = {
  searchId: 1, number: 0, identical: true, storedKernelPath: 'scalar', kernelPath: 'scalar', samePath: true,
  epochs: { stored: 1, replayed: 1 }, differing: 0, firstDifference: null, maxAbsDifference: 0, objective: { stored: 0.5, replayed: 0.5 },
};

describe('CLI words', () => {
  it('a replay of one epoch says "1 epoch"; of four, "4 epochs"', () => {
    expect(replayMessage(replay)).toContain(': 1 epoch, every loss');
    expect(replayMessage({ ...replay, epochs: { stored: 4, replayed: 4 } })).toContain(': 4 epochs, every loss');
    const differs = { ...replay, identical: false, differing: 1, firstDifference: { fold: 0, epoch: 1, metric: 'val_loss', stored: 1, replayed: 2 } };
    expect(replayMessage(differs)).toContain(': 1 of 1 epoch differs (first val_loss at epoch 1');
    expect(replayMessage({ ...differs, differing: 0 })).toContain('its 1 epoch matches bit for bit');
  });

  it('broken JSON says the line and column and shows the line with a caret under the spot', () => {
    const text = '{\n\t"a": 1,,\n}';
    // Node 20's message gives the position (10: the second comma, 9th character of line 2 after a tab) only.
    expect(jsonErrorText(text, 'Unexpected token , in JSON at position 10')).toBe(`Unexpected token , in JSON at position 10 (line 2, column 9)\n    2 |  "a": 1,,\n${' '.repeat(4 + 4 + 8)}^`);
    // Newer engines name the line themselves; a message without a position is kept as it is.
    expect(jsonErrorText(text, 'Expected x in JSON at position 13 (line 2 column 10)')).toBe('Expected x in JSON at position 13 (line 2 column 10)');
    expect(jsonErrorText(text, 'Unexpected end of JSON input')).toBe('Unexpected end of JSON input');
    // A long line is cut around the spot, the caret still under it.
    const long = `{"a": "${'x'.repeat(300)}" "b"}`;
    const shown = jsonErrorText(long, 'Expected , in JSON at position 309').split('\n');
    expect(shown[0]).toMatch(/\(line 1, column 310\)$/);
    expect(shown[1].length).toBeLessThan(120);
    expect(shown[1][shown[2].indexOf('^')]).toBe('"');
  });

  it('a spec path that is a folder says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-spec-folder-'));
    expect(() => readSpecFile(dir)).toThrow(`${dir} is a folder; give a spec file (.json)`);
  });

  it('an empty --db says the option is empty', () => {
    expect(() => databasePath('')).toThrow(/^--db is empty; give --db FILE/);
    expect(() => databasePath('  ')).toThrow(/^--db is empty/);
  });
});
