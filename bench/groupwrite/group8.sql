-- Eight applications of one comune in one transaction, one statement per
-- table for all of them (the proposed group commit).  The same rows as
-- one.sql, eight times.  Used by bench/groupwrite/run.
SELECT nextval('bench_ids') * 8 AS c \gset
\startpipeline
BEGIN;
INSERT INTO cases (id, comune_id, protocol_no, protocol_year, tracking_code, channel, api_key_id, purpose, title, state, received_on, term_days, due_on, notes, created_at, updated_at, search_key) SELECT :c + k, 1, -(:c + k), 2026, 'G' || (:c + k), 'api', 1, 'family_reunification', 'tenant', 'submitted', '2026-11-27', 30, '2026-12-27', '', '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z', 'rossi mario' FROM generate_series(0, 7) k;
INSERT INTO applicants SELECT :c + k, 'Rossi', 'Mario', 'M', '1980-01-01', 'Tirana', 'Albania', 'Albania', NULL, 'foreign', 'passport', 'X1', NULL, 'lavoro', 'P1', NULL, '+39333', 'a@b.it', 'it', 1, 1 FROM generate_series(0, 7) k;
INSERT INTO dwellings (case_id, street, house_number, cap) SELECT :c + k, 'Via Roma', '1', '59100' FROM generate_series(0, 7) k;
INSERT INTO rooms (case_id, position, name, use, area, height) SELECT :c + k, r.p, r.n, r.u, r.a, 270 FROM generate_series(0, 7) k, (VALUES (1,'a','bedroom',1600),(2,'b','living',1400),(3,'c','kitchen',500)) r(p, n, u, a);
INSERT INTO persons (case_id, kind, surname, given_names) SELECT :c + k, r.kind, r.s, r.g FROM generate_series(0, 7) k, (VALUES ('resident','A','B'),('hosted','C','D')) r(kind, s, g);
INSERT INTO payments (case_id, kind, amount_cents, channel, reference) SELECT :c + k,'fee',5000,'pagopa','R1' FROM generate_series(0, 7) k;
INSERT INTO documents (case_id, kind, received) SELECT :c + k, r.kind, r.rec FROM generate_series(0, 7) k, (VALUES ('a',1),('b',1),('c',0),('d',0),('e',1),('f',0),('g',0),('h',1)) r(kind, rec);
INSERT INTO assessments (case_id, rule_set, rule_version, max_occupants, surface_capacity, bedroom_capacity, habitable_area, total_area, binding, residents, requested, places_available, fits, explanation, at, actor) SELECT :c + k,'prato',1,3,3,3,3500,3500,'surface',1,1,2,1,'[]','2026-11-27T00:00:00Z','api:1' FROM generate_series(0, 7) k;
INSERT INTO events (case_id, at, effective_on, actor, actor_name, action, to_state, due_on) SELECT :c + k,'2026-11-27T00:00:00Z','2026-11-27','api:1','API','submit','submitted','2026-12-27' FROM generate_series(0, 7) k;
INSERT INTO audit (at, comune_id, actor, ip, action, entity, entity_id) SELECT '2026-11-27T00:00:00Z',1,'api:1','-','case_create','case',:c + k FROM generate_series(0, 7) k;
INSERT INTO counters (comune_id, year, kind, last) VALUES (1, 2026, 'protocol', 8) ON CONFLICT (comune_id, year, kind) DO UPDATE SET last = counters.last + 8;
UPDATE cases SET protocol_no = (SELECT last FROM counters WHERE comune_id = 1 AND year = 2026 AND kind = 'protocol') - (7 - (id - :c)) WHERE id BETWEEN :c AND :c + 7;
COMMIT;
\endpipeline
