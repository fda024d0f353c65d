/**
 * Ordered schema migrations; the database's PRAGMA user_version is the number applied. Never edit
 * a shipped migration: add the next one. A database whose version is above the last here was
 * written by a newer Knobs and is refused without being touched.
 */
export const MIGRATIONS: string[] = [
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
];
