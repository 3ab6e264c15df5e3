-- contacts_name_norm_trgm_idx (V4) serves no query: the duplicate scan pairs names through (account_id, birthdate)
-- and only filters them with pg_trgm's % and similarity() (docs/duplicates.md), the contact search matches
-- first/last name, nickname and company with ILIKE, and auto-merge compares name_norm for equality within one
-- import's contacts. Every contact insert paid for a GIN entry per trigram of the name (file imports: docs/file-imports.md).
DROP INDEX contacts_name_norm_trgm_idx;
