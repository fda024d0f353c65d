import type Database from 'better-sqlite3';
import type { EpochMetrics } from '../train/types';
import { packEpochs } from './chunks';
import { packSnapshots } from './snapshots';

/**
 * Ordered schema migrations; the database's PRAGMA user_version is the number applied. Never edit
 * a shipped migration: add the next one. A database whose version is above the last here was
 * written by a newer Knobs and is refused without being touched.
 */
export const MIGRATIONS: (string | ((db: Database.Database) => void))[] = [
  // 1: projects, data sets, searches, rounds with their boxes, trials, epochs.
  `
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
  );
  CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
  );
  CREATE TABLE searches (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    planned_trials INTEGER NOT NULL,
    stop_reason TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    UNIQUE (project_id, name)
  );
  CREATE TABLE rounds (
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    box TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (search_id, round)
  );
  CREATE TABLE trials (
    id INTEGER PRIMARY KEY,
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    round INTEGER NOT NULL,
    status TEXT NOT NULL,
    knobs TEXT NOT NULL,
    seed INTEGER NOT NULL,
    objective REAL,
    best_epoch INTEGER,
    stopped_epoch INTEGER,
    stop_reason TEXT,
    train_loss REAL,
    val_loss REAL,
    train_accuracy REAL,
    val_accuracy REAL,
    val_rmse REAL,
    val_mae REAL,
    val_r2 REAL,
    duration_s REAL,
    error TEXT,
    notes TEXT NOT NULL DEFAULT '',
    started_at TEXT,
    finished_at TEXT,
    UNIQUE (search_id, number)
  );
  CREATE INDEX trials_by_search ON trials (search_id, status);
  CREATE TABLE epochs (
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    fold INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    train_loss REAL,
    val_loss REAL,
    penalty REAL,
    train_accuracy REAL,
    val_accuracy REAL,
    val_rmse REAL,
    val_mae REAL,
    val_r2 REAL,
    lr REAL,
    grad_norms TEXT,
    seconds REAL,
    PRIMARY KEY (trial_id, fold, epoch)
  ) WITHOUT ROWID;
  `,
  // 2: per-trial diagnostics snapshots and the once-per-search test evaluation.
  `
  CREATE TABLE diagnostics (
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    fold INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    layers TEXT NOT NULL,
    PRIMARY KEY (trial_id, fold, epoch)
  ) WITHOUT ROWID;
  CREATE TABLE test_evaluations (
    id INTEGER PRIMARY KEY,
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
    trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    metrics TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  ALTER TABLE searches ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: epochs are stored packed, one row per run of consecutive epochs of a trial's fold (see
  // chunks.ts): a 100-epoch trial writes one row instead of a hundred. Diagnostics snapshots (about
  // 1 KB of JSON each) move to a rowid table: as a WITHOUT ROWID table each took most of a page.
  (db) => {
    db.exec(`
    CREATE TABLE epoch_chunks (
      trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
      fold INTEGER NOT NULL,
      first_epoch INTEGER NOT NULL,
      n INTEGER NOT NULL,
      layers INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (trial_id, fold, first_epoch)
    );
    CREATE TABLE diagnostics_v3 (
      id INTEGER PRIMARY KEY,
      trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
      fold INTEGER NOT NULL,
      epoch INTEGER NOT NULL,
      layers TEXT NOT NULL,
      UNIQUE (trial_id, fold, epoch)
    );
    INSERT INTO diagnostics_v3 (trial_id, fold, epoch, layers) SELECT trial_id, fold, epoch, layers FROM diagnostics ORDER BY trial_id, fold, epoch;
    DROP TABLE diagnostics;
    ALTER TABLE diagnostics_v3 RENAME TO diagnostics;
    `);
    const insert = db.prepare(`INSERT INTO epoch_chunks (trial_id, fold, first_epoch, n, layers, data) VALUES (?, ?, ?, ?, ?, ?)`);
    const rows = db.prepare(`SELECT * FROM epochs WHERE trial_id = ? ORDER BY fold, epoch`);
    for (const { trial_id: trialId } of db.prepare(`SELECT DISTINCT trial_id FROM epochs`).all() as { trial_id: number }[]) {
      const epochs = (rows.all(trialId) as Record<string, number | string | null>[]).map((r): EpochMetrics => ({
        fold: r.fold as number, epoch: r.epoch as number, trainLoss: (r.train_loss as number) ?? NaN, valLoss: (r.val_loss as number) ?? NaN,
        penalty: (r.penalty as number) ?? NaN, trainAccuracy: r.train_accuracy as number | null, valAccuracy: r.val_accuracy as number | null, valBalancedAccuracy: null,
        valRmse: r.val_rmse as number | null, valMae: r.val_mae as number | null, valR2: r.val_r2 as number | null, lr: (r.lr as number) ?? NaN,
        gradNorms: r.grad_norms ? (JSON.parse(r.grad_norms as string) as (number | null)[]).map((x) => x ?? NaN) : [], seconds: (r.seconds as number) ?? NaN,
      }));
      for (const c of packEpochs(epochs)) insert.run(trialId, c.fold, c.first, c.n, c.layers, Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength));
    }
    db.exec(`DROP TABLE epochs`);
  },
  // 4: a trial's diagnostics snapshots are one row, their JSON deflated (snapshots.ts): eleven
  // rows of ~1 KB a trial cost the main thread more than its epochs did.
  (db) => {
    db.exec(`CREATE TABLE trial_diagnostics (
      trial_id INTEGER PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
      snapshots BLOB NOT NULL
    )`);
    const rows = db.prepare(`SELECT fold, epoch, layers FROM diagnostics WHERE trial_id = ? ORDER BY fold, epoch`);
    const insert = db.prepare(`INSERT INTO trial_diagnostics (trial_id, snapshots) VALUES (?, ?)`);
    for (const { trial_id: trialId } of db.prepare(`SELECT DISTINCT trial_id FROM diagnostics`).all() as { trial_id: number }[]) {
      const snapshots = (rows.all(trialId) as { fold: number; epoch: number; layers: string }[]).map((r) => ({ fold: r.fold, epoch: r.epoch, layers: JSON.parse(r.layers) }));
      insert.run(trialId, packSnapshots(snapshots));
    }
    db.exec(`DROP TABLE diagnostics`);
  },
  // 5: seed re-runs, replay, notes and tags. A re-run search points at the search whose trials it
  // runs again (parent_id); a trial records its data split's seed when it is not the search's
  // (split_seed) and the kernel path it trained on (kernel_path), so a replay can say whether it
  // ran the same arithmetic. Searches get notes; projects, searches and trials get tags (a JSON
  // array of words).
  `
  ALTER TABLE searches ADD COLUMN parent_id INTEGER REFERENCES searches(id) ON DELETE SET NULL;
  ALTER TABLE searches ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE searches ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE projects ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE trials ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE trials ADD COLUMN split_seed INTEGER;
  ALTER TABLE trials ADD COLUMN kernel_path TEXT;
  CREATE INDEX searches_by_parent ON searches (parent_id);
  `,
  // 6: `pruned` is a trial status of its own: trials a pruner stopped were stored as complete
  // with stop reason pruned.
  `UPDATE trials SET status = 'pruned' WHERE stop_reason = 'pruned' AND status = 'complete';`,
  // 7: why a pruned trial was stopped (the rule, the step, its value and the one it had to match,
  // in the objective's units; JSON, see PruneInfo in api/contract.ts), for the trial drawer and the
  // epochs a search saved.
  `ALTER TABLE trials ADD COLUMN prune TEXT;`,
  // 8: which process runs a running search, and when it last said so: opening the file must
  // not mark a search as interrupted while another process (a CLI run) is still training it.
  `ALTER TABLE searches ADD COLUMN runner_pid INTEGER;
  ALTER TABLE searches ADD COLUMN runner_seen TEXT;`,
  // 9: how many workers the process that last ran a search trained it on (a terminal's
  // `knobs run --workers 1` next to an app that would use two): what its budget panel says.
  `ALTER TABLE searches ADD COLUMN runner_workers INTEGER;`,
  // 10: project and search ids are never given again once deleted (AUTOINCREMENT): a link or a
  // bookmark to /searches/5 must not open another search after search 5 was deleted. SQLite adds
  // AUTOINCREMENT only by building the table again (foreign keys are off while migrating).
  (db) => {
    for (const table of ['projects', 'searches']) rebuildWithAutoincrement(db, table);
  },
  // 11: a trial with no epoch of finite validation loss (diverged or failed at once, cancelled
  // before its first epoch) has no best epoch: earlier trainers stored the epoch it stopped at, or 0.
  `UPDATE trials SET best_epoch = NULL
    WHERE best_epoch = 0 OR (status IN ('failed', 'diverged') AND objective IS NULL AND val_loss IS NULL);`,
  // 12: the SHA-256 of each data file (CSV, IDX) a search read when it started (JSON, see
  // datahash.ts), so resume, replay, re-run and bundle export refuse a file that changed since.
  // Searches stored before have none and are not checked.
  `ALTER TABLE searches ADD COLUMN data_sha256 TEXT;`,
  // 13: a classification trial's confusion matrix on its validation rows at the best epoch (JSON,
  // { classes, counts[true][predicted] }; see Confusion in api/contract.ts), for the trial drawer.
  // Trials stored before have none.
  `ALTER TABLE trials ADD COLUMN confusion TEXT;`,
  // 14: a regression trial's validation rows at the best epoch, actual and predicted (JSON,
  // { rows, actual, predicted }, at most PREDICTIONS_MAX_ROWS of them; see ValPredictions in
  // train/types.ts), for the trial drawer's chart. A table of its own, so the lists of trials
  // (SELECT * FROM trials) do not read them. Trials stored before have none.
  `CREATE TABLE trial_predictions (
    trial_id INTEGER PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
    data TEXT NOT NULL
  );`,
  // 15: a classification trial's balanced accuracy (the mean recall over classes), at the best
  // epoch and at every epoch. Each packed epoch record gains the field after val_accuracy: chunks
  // written before are rewritten with it missing (NaN). A chunk's field count is its record width
  // (bytes / 8 / n) less its layers; chunks that already have 12 (written by migration 3 with this
  // code's layout) are left as they are.
  (db) => {
    db.exec(`ALTER TABLE trials ADD COLUMN val_balanced_accuracy REAL;`);
    const OLD_FIELDS = 11;
    const AT_NEW = 6;
    // A page of chunks at a time (a connection cannot write while it iterates), so a big file's chunks are never all in memory.
    const page = db.prepare(`SELECT rowid AS id, n, layers, data FROM epoch_chunks WHERE rowid > ? ORDER BY rowid LIMIT 1000`).raw();
    const update = db.prepare(`UPDATE epoch_chunks SET data = ? WHERE rowid = ?`);
    for (let after = 0, rows = page.all(after) as [number, number, number, Buffer][]; rows.length > 0; after = rows[rows.length - 1][0], rows = page.all(after) as [number, number, number, Buffer][]) {
      for (const [id, n, layers, blob] of rows) {
        if (n === 0 || blob.byteLength / 8 / n - layers !== OLD_FIELDS) continue;
        const bytes = blob.byteOffset % 8 === 0 ? blob : Buffer.from(blob);
        const old = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
        const wOld = OLD_FIELDS + layers;
        const out = new Float64Array(n * (wOld + 1));
        for (let i = 0; i < n; i++) {
          const a = i * wOld;
          const b = i * (wOld + 1);
          out.set(old.subarray(a, a + AT_NEW), b);
          out[b + AT_NEW] = NaN;
          out.set(old.subarray(a + AT_NEW, a + wOld), b + AT_NEW + 1);
        }
        update.run(Buffer.from(out.buffer), id);
      }
    }
  },
];

/**
 * Build `table` again with `id INTEGER PRIMARY KEY AUTOINCREMENT`, every column, row and index kept
 * (SQLite's documented way to change a table's definition: create the new one, copy, drop the old,
 * rename). Its SQL is read from the schema, so columns added by earlier migrations come along.
 */
function rebuildWithAutoincrement(db: Database.Database, table: string): void {
  const { sql } = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string };
  const created = new RegExp(`^CREATE TABLE "?${table}"?\\s*\\(`);
  if (!created.test(sql) || !/\bid INTEGER PRIMARY KEY\b/.test(sql)) throw new Error(`cannot rebuild ${table}: unexpected schema ${sql}`);
  const indexes = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table) as { sql: string }[]).map((r) => r.sql);
  db.exec(sql.replace(created, `CREATE TABLE ${table}_rebuilt (`).replace(/\bid INTEGER PRIMARY KEY\b/, 'id INTEGER PRIMARY KEY AUTOINCREMENT'));
  db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
  for (const index of indexes) db.exec(index);
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Apply migrations up to `target` in one transaction each, setting user_version. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current >= target) return;
  // Foreign keys are off while migrating (a table built again must not cascade its drop to the
  // rows that point at it) and checked at the end of each migration, inside its transaction.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  // Rows that already pointed at nothing (a file from elsewhere) are not a migration's doing.
  const brokenBefore = (db.pragma('foreign_key_check') as unknown[]).length;
  try {
    for (let v = current; v < target; v++) {
      db.transaction(() => {
        const m = MIGRATIONS[v];
        if (typeof m === 'string') db.exec(m);
        else m(db);
        const broken = (db.pragma('foreign_key_check') as unknown[]).length;
        if (broken > brokenBefore) throw new Error(`migration ${v + 1} left ${broken - brokenBefore} row(s) pointing at nothing; the database was left at schema ${v}`);
        db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
