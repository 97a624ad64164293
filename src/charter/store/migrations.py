"""Numbered schema migrations of the store; append only, never edit a shipped one.

``PRAGMA user_version`` holds the number of the last migration applied. Each entry runs
in its own transaction, so a crash mid-migration leaves the previous version intact.
Migrations are SQL; the one SQL function they may call, ``charter_project_root(root)``,
is defined by :class:`charter.store.db.Store` on its connection.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: runs, planned cases, results, every model call, the response cache.
    """
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        created REAL NOT NULL,
        finished REAL,
        status TEXT NOT NULL,
        model TEXT NOT NULL,
        spec_root TEXT NOT NULL,
        spec_hash TEXT NOT NULL,
        options TEXT NOT NULL,
        total INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE cases (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        repeat INTEGER NOT NULL,
        module TEXT NOT NULL,
        clause TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (run_id, case_id, repeat)
    ) WITHOUT ROWID;
    CREATE TABLE results (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        repeat INTEGER NOT NULL,
        module TEXT NOT NULL,
        clause TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        cached INTEGER NOT NULL DEFAULT 0,
        response_key TEXT,
        response TEXT,
        model_version TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cost REAL,
        latency_s REAL,
        attempts INTEGER NOT NULL DEFAULT 0,
        grader TEXT,
        finished REAL NOT NULL,
        PRIMARY KEY (run_id, case_id, repeat)
    ) WITHOUT ROWID;
    CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        repeat INTEGER NOT NULL,
        role TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER,
        error TEXT,
        model_version TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        latency_s REAL,
        created REAL NOT NULL
    );
    CREATE INDEX calls_by_case ON calls (run_id, case_id, repeat);
    CREATE TABLE responses (
        key TEXT PRIMARY KEY,
        parts TEXT NOT NULL,
        text TEXT NOT NULL,
        model_version TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        latency_s REAL,
        created REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2: judge verdict cache and calibration results (charter calibrate).
    """
    CREATE TABLE verdicts (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE calibrations (
        id INTEGER PRIMARY KEY,
        created REAL NOT NULL,
        spec_root TEXT NOT NULL,
        spec_hash TEXT NOT NULL,
        spec_version TEXT,
        grader TEXT NOT NULL,
        judge TEXT NOT NULL,
        n INTEGER NOT NULL,
        scored INTEGER NOT NULL,
        agreement REAL,
        kappa REAL,
        report TEXT NOT NULL
    );
    CREATE INDEX calibrations_by_spec ON calibrations (spec_hash, grader, created);
    """,
    # 3: what each call cost (USD, from the provider's configured price), judge calls too.
    """
    ALTER TABLE calls ADD COLUMN cost REAL;
    """,
    # 4: spec roots as absolute paths, so runs of one spec match from any working folder.
    # Older rows hold the root as typed (often "."): relative to the folder whose
    # .charter/ holds this store, which charter_project_root() (see charter.store.db)
    # returns; a store elsewhere (--store) keeps them as they are.
    """
    UPDATE runs SET spec_root = charter_project_root(spec_root);
    UPDATE calibrations SET spec_root = charter_project_root(spec_root);
    """,
    # 5: the judge's verdict as a column (pass, fail, partial, n/a, unscored; NULL when no
    # judge decided), instead of a "[verdict]" prefix of the reason read back by pattern.
    # Older rows are filled from that prefix by charter_verdict() (see charter.store.db).
    """
    ALTER TABLE results ADD COLUMN verdict TEXT;
    UPDATE results SET verdict = charter_verdict(grader, reason);
    """,
    # 6: each judge's verdict when a panel graded (a JSON list of {"judge", "verdict",
    # "reason"}; NULL otherwise), and "unreadable" for what older rows called "unscored".
    """
    ALTER TABLE results ADD COLUMN judge_votes TEXT;
    UPDATE results SET verdict = 'unreadable' WHERE verdict = 'unscored';
    """,
)
