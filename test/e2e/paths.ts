// Paths the end-to-end suite shares (kept apart from the fixtures so the global setup can import them).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the views' screenshots go (cleared by the global setup). */
export const shots = join(root, 'test-results', 'e2e');
