// Small words the CLI prints: a replay of one epoch says "1 epoch"; an empty --db and a spec path
// that is a folder are refused naming what was wrong, not "<cwd> is a folder" or "EISDIR".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayMessage } from '../../src-core/service/replay';
import { readSpecFile } from '../../src-main/cli/common';
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

  it('a spec path that is a folder says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knobs-spec-folder-'));
    expect(() => readSpecFile(dir)).toThrow(`${dir} is a folder; give a spec file (.json)`);
  });

  it('an empty --db says the option is empty', () => {
    expect(() => databasePath('')).toThrow(/^--db is empty; give --db FILE/);
    expect(() => databasePath('  ')).toThrow(/^--db is empty/);
  });
});
