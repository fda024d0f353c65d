import type Database from 'better-sqlite3';

/** PRAGMA application_id of a bundle ("KNOB"), so a bundle is told apart from a database at a glance. */
export const BUNDLE_APPLICATION_ID = 0x4b4e4f42;

/**
 * Why an SQLite file is not a Knobs database, or null when it is one (or is empty, so Knobs may make
 * one in it). Another program's database (tables but none of Knobs's) and a project bundle are
 * refused: migrating either would add Knobs's tables to a file that is not Knobs's.
 */
export function notKnobsReason(db: Database.Database, version = db.pragma('user_version', { simple: true }) as number): string | null {
  if ((db.pragma('application_id', { simple: true }) as number) === BUNDLE_APPLICATION_ID) return 'it is a Knobs project bundle; "knobs bundle import" or Import project… reads it';
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  if (tables.length === 0 && version === 0) return null;
  if (version > 0 && tables.includes('searches') && tables.includes('trials')) return null;
  const shown = tables.slice(0, 3).map((t) => JSON.stringify(t)).join(', ') + (tables.length > 3 ? ` and ${tables.length - 3} more` : '');
  return tables.length ? `another program's SQLite database: its tables are ${shown}` : "an SQLite database without Knobs's tables";
}
