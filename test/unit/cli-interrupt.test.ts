import { describe, expect, it } from 'vitest';
import { onInterrupt, SAME_INTERRUPT_MS } from '../../src-main/cli/common';

/**
 * Ctrl+C while a search runs (`knobs run`, `knobs serve`): the first press pauses, the same press
 * delivered twice (`timeout -s INT` signals the process and then its group) counts once, and a press
 * made later, while the pause still waits, exits at once saying what that leaves. The clock and the
 * exit are the test's, the signals real events on the process (emitted, not sent).
 */
describe('Ctrl+C pressed once, delivered twice, and pressed again', () => {
  function listen(signals?: NodeJS.Signals[]) {
    let t = 1_000_000;
    const firsts: number[] = [];
    const lines: string[] = [];
    const exits: number[] = [];
    const stop = onInterrupt(() => firsts.push(t), (l) => lines.push(l), 'the search will read as interrupted', { signals, now: () => t, exit: (c) => exits.push(c) });
    return { firsts, lines, exits, stop, at: (ms: number) => (t = 1_000_000 + ms) };
  }

  it('pauses on the first, ignores the same press delivered again, exits 130 on a later one', () => {
    const l = listen();
    try {
      process.emit('SIGINT', 'SIGINT');
      expect(l.firsts).toHaveLength(1);
      l.at(50);
      process.emit('SIGINT', 'SIGINT');
      l.at(SAME_INTERRUPT_MS - 1);
      process.emit('SIGINT', 'SIGINT');
      expect([l.firsts.length, l.lines, l.exits]).toEqual([1, [], []]);
      l.at(SAME_INTERRUPT_MS + 300);
      process.emit('SIGINT', 'SIGINT');
      expect(l.lines).toEqual(['knobs: stopping now without waiting: the search will read as interrupted']);
      expect(l.exits).toEqual([130]);
      expect(l.firsts).toHaveLength(1);
    } finally {
      l.stop();
    }
    // After a press the listener stays (the command is ending): a late second delivery is still its, not a kill.
    expect(process.listenerCount('SIGINT')).toBeGreaterThan(0);
    process.removeAllListeners('SIGINT');
  });

  it('stops listening when no press came', () => {
    const before = process.listenerCount('SIGINT');
    const l = listen();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    l.stop();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('a server listens for SIGTERM too: 128 + 15 when pressed on', () => {
    const l = listen(['SIGINT', 'SIGTERM']);
    try {
      process.emit('SIGTERM', 'SIGTERM');
      l.at(2000);
      process.emit('SIGTERM', 'SIGTERM');
      expect(l.exits).toEqual([143]);
    } finally {
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
    }
  });
});
