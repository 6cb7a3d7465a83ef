-- H2 (embedded default) has no procedural trigger language without a Java class. Evidence stays
-- append-only by design of the application code (no update or delete statement exists), and the
-- hash chain shows any change made from outside. PostgreSQL enforces it in the database too.
select 1;
