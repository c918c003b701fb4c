"""The database: sqlite-utils, numbered migrations, one writing lane, repositories."""
