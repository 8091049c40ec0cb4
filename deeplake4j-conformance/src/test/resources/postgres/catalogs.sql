-- Catalogs: information_schema and pg_catalog, as clients read them at start-up (issue 19).
CREATE TABLE alpha (id INT, name TEXT, score DOUBLE PRECISION);
CREATE TABLE beta (k BIGINT, v BOOLEAN);
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
SELECT table_name, table_type FROM information_schema.tables WHERE table_name = 'alpha';
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'alpha' ORDER BY ordinal_position;
SELECT column_name, ordinal_position FROM information_schema.columns WHERE table_name = 'beta' ORDER BY ordinal_position;
SELECT count(*) FROM information_schema.columns WHERE table_name = 'alpha';
SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'beta' ORDER BY ordinal_position;
SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename;
SELECT tablename FROM pg_tables WHERE tablename = 'beta';
SELECT count(*) FROM information_schema.tables WHERE table_name = 'nosuch';
SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'alpha');
SELECT current_schema();
SELECT current_database() IS NOT NULL;
SHOW server_version_num;
SELECT version() LIKE 'PostgreSQL%';
DROP TABLE beta;
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
