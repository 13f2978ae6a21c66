"""The store's schema as named migrations, applied in order and recorded in ``schema_migrations``.

Times are stored as ``TIMESTAMP`` holding UTC (no time zone arithmetic in the store).
Ids are ``platform:native_id`` strings; native ids stay strings (many exceed 2^53).
"""

from __future__ import annotations

#: bump when a migration is added; recorded in ``meta.schema_version``
SCHEMA_VERSION = 6

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE accounts (
            id VARCHAR PRIMARY KEY,
            platform VARCHAR NOT NULL,
            native_id VARCHAR NOT NULL,
            handle VARCHAR,
            display_name VARCHAR,
            followers BIGINT,
            bio VARCHAR,
            created_at TIMESTAMP,
            source_file VARCHAR,
            importer VARCHAR,
            importer_version VARCHAR,
            imported_at TIMESTAMP
        );
        CREATE TABLE brands (
            name VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL  -- 'config' or 'inferred:<importer>'
        );
        CREATE TABLE brand_accounts (
            brand VARCHAR NOT NULL,
            platform VARCHAR NOT NULL,
            ref VARCHAR NOT NULL,  -- a native id or a handle (without @), matched case-insensitively
            source VARCHAR NOT NULL,
            PRIMARY KEY (brand, platform, ref)
        );
        CREATE TABLE messages (
            id VARCHAR PRIMARY KEY,
            platform VARCHAR NOT NULL,
            native_id VARCHAR NOT NULL,
            author_id VARCHAR NOT NULL,
            created_at TIMESTAMP,
            text VARCHAR NOT NULL,
            text_hash VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            parent_id VARCHAR,
            root_id VARCHAR,
            to_account_id VARCHAR,
            likes BIGINT,
            reposts BIGINT,
            replies BIGINT,
            views BIGINT,
            permalink VARCHAR,
            title VARCHAR,
            deleted BOOLEAN NOT NULL DEFAULT false,
            edited_at TIMESTAMP,
            source_file VARCHAR NOT NULL,
            importer VARCHAR NOT NULL,
            importer_version VARCHAR NOT NULL,
            imported_at TIMESTAMP NOT NULL
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            file VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            importer_version VARCHAR NOT NULL,
            records_read BIGINT NOT NULL,
            imported BIGINT NOT NULL,
            duplicates BIGINT NOT NULL,
            updated BIGINT NOT NULL,
            skipped BIGINT NOT NULL,
            imported_at TIMESTAMP NOT NULL
        );
        CREATE TABLE import_skips (
            import_id INTEGER NOT NULL,
            record VARCHAR,
            reason VARCHAR NOT NULL
        );
        CREATE TABLE signal_values (
            key VARCHAR NOT NULL,      -- text hash, or pair hash for pair signals
            signal VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            value DOUBLE,
            label VARCHAR,
            PRIMARY KEY (key, signal)
        );
        """,
    ),
    (
        "0002_views",
        """
        CREATE VIEW brand_account_map AS
        SELECT DISTINCT ON (a.id) b.brand, a.id AS account_id
        FROM brand_accounts b
        JOIN accounts a
          ON a.platform = b.platform
         AND (a.native_id = b.ref OR lower(a.handle) = lower(b.ref))
        ORDER BY a.id, b.brand;

        CREATE VIEW threads AS
        SELECT coalesce(root_id, id) AS root_id,
               any_value(platform) AS platform,
               count(*) AS n_messages,
               count(DISTINCT author_id) AS n_authors,
               min(created_at) AS first_at,
               max(created_at) AS last_at
        FROM messages
        GROUP BY coalesce(root_id, id);
        """,
    ),
    (
        # The TWCS corpus numbers its tweets and anonymised customers 1, 2, 3, ...: those ids
        # now live in their own namespace (twitter:twcs:<id>, native id twcs:<id>) so that they
        # never merge with real tweet and user ids. Brand accounts (handles) stay twitter:<handle>.
        # Rows written by the twcs importer are moved; parents, roots and addressed customers
        # (all-digit ids) follow. A customer account another export had described (it has a
        # handle or a name) stays the real account, and the corpus gets its own bare one.
        "0003_twcs_namespace",
        """
        UPDATE messages SET
            id = 'twitter:twcs:' || native_id,
            native_id = 'twcs:' || native_id,
            author_id = CASE WHEN regexp_full_match(substr(author_id, 9), '[0-9]+')
                             THEN 'twitter:twcs:' || substr(author_id, 9) ELSE author_id END,
            parent_id = CASE WHEN regexp_full_match(substr(parent_id, 9), '[0-9]+')
                             THEN 'twitter:twcs:' || substr(parent_id, 9) ELSE parent_id END,
            root_id = CASE WHEN regexp_full_match(substr(root_id, 9), '[0-9]+')
                           THEN 'twitter:twcs:' || substr(root_id, 9) ELSE root_id END,
            to_account_id = CASE WHEN regexp_full_match(substr(to_account_id, 9), '[0-9]+')
                                 THEN 'twitter:twcs:' || substr(to_account_id, 9)
                                 ELSE to_account_id END
        WHERE importer = 'twcs' AND platform = 'twitter' AND regexp_full_match(native_id, '[0-9]+');

        UPDATE accounts SET id = 'twitter:twcs:' || native_id, native_id = 'twcs:' || native_id
        WHERE importer = 'twcs' AND platform = 'twitter' AND regexp_full_match(native_id, '[0-9]+')
          AND handle IS NULL AND display_name IS NULL;

        INSERT INTO accounts (id, platform, native_id, source_file, importer, importer_version,
                              imported_at)
        SELECT DISTINCT ON (m.author_id) m.author_id, m.platform,
               substr(m.author_id, length(m.platform) + 2), m.source_file, m.importer,
               m.importer_version, m.imported_at
        FROM messages m ANTI JOIN accounts a ON a.id = m.author_id
        ORDER BY m.author_id, m.imported_at;
        """,
    ),
    (
        # Every account a message names (@handle), not only the first: a brand named as a later
        # mention, or in another case, still receives the message. Handles are stored
        # lower-cased and without "@". Filled by importers from now on; the TWCS rows already
        # in the store get theirs from their text (the importer's own rule), the others on
        # their next import.
        "0004_message_mentions",
        r"""
        CREATE TABLE message_mentions (
            message_id VARCHAR NOT NULL,
            platform VARCHAR NOT NULL,
            handle VARCHAR NOT NULL,  -- lower-cased, without "@"
            PRIMARY KEY (message_id, handle)
        );

        INSERT INTO message_mentions
        SELECT DISTINCT id, platform, lower(h)
        FROM (SELECT id, platform, unnest(regexp_extract_all(text, '@(\w{1,30})', 1)) AS h
              FROM messages WHERE importer = 'twcs');
        """,
    ),
    (
        # How many posts quote a message (Bluesky ``quoteCount``, X ``quote_count``, Mastodon
        # ``quotes_count``), where the source counts them. NULL = unknown: rows stored before
        # keep NULL until their next import fills it. The column comes last in every store
        # (a new store runs this migration too), after the provenance columns.
        "0005_message_quotes",
        """
        ALTER TABLE messages ADD COLUMN quotes BIGINT;
        """,
    ),
    (
        # signal_values without its (key, signal) primary key. DuckDB keeps that index in
        # memory and never spills it: 27 bytes a row, about 1.3 GB for the ~48M values of 3M
        # TWCS messages, more than the rest of an import needs. The one writer
        # (store/signal_cache.py) keeps the pairs unique itself: it writes only values the
        # store lacks at the current version, after deleting that signal's values of other
        # versions. The rows are kept as they were; DuckDB cannot drop a constraint, so the
        # table is copied.
        "0006_signal_values_without_index",
        """
        CREATE TABLE signal_values_new (
            key VARCHAR NOT NULL,      -- text hash, or pair hash for pair signals
            signal VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            value DOUBLE,
            label VARCHAR
        );
        INSERT INTO signal_values_new
        SELECT key, signal, version, value, label FROM signal_values ORDER BY signal, key;
        DROP TABLE signal_values;
        ALTER TABLE signal_values_new RENAME TO signal_values;
        """,
    ),
]
