-- one.sql with every insert giving its rows back (RETURNING), as idoneo's
-- intake does: the baseline for group8sel.sql.  Used by bench/groupwrite/run.
SELECT nextval('bench_ids') AS cid \gset
\startpipeline
BEGIN;
INSERT INTO cases (id, comune_id, protocol_no, protocol_year, tracking_code, channel, api_key_id, purpose, title, state, received_on, term_days, due_on, notes, created_at, updated_at, search_key) VALUES (:cid, 1, 0 - :cid::bigint, 2026, 'T' || :cid, 'api', 1, 'family_reunification', 'tenant', 'submitted', '2026-11-27', 30, '2026-12-27', '', '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z', 'rossi mario') RETURNING *;
INSERT INTO applicants VALUES (:cid, 'Rossi', 'Mario', 'M', '1980-01-01', 'Tirana', 'Albania', 'Albania', NULL, 'foreign', 'passport', 'X1', NULL, 'lavoro', 'P1', NULL, '+39333', 'a@b.it', 'it', 1, 1) RETURNING *;
INSERT INTO dwellings (case_id, street, house_number, cap) VALUES (:cid, 'Via Roma', '1', '59100') RETURNING *;
INSERT INTO rooms (case_id, position, name, use, area, height) VALUES (:cid,1,'a','bedroom',1600,270),(:cid,2,'b','living',1400,270),(:cid,3,'c','kitchen',500,270) RETURNING *;
INSERT INTO persons (case_id, kind, surname, given_names) VALUES (:cid,'resident','A','B'),(:cid,'hosted','C','D') RETURNING *;
INSERT INTO payments (case_id, kind, amount_cents, channel, reference) VALUES (:cid,'fee',5000,'pagopa','R1') RETURNING *;
INSERT INTO documents (case_id, kind, received) VALUES (:cid,'a',1),(:cid,'b',1),(:cid,'c',0),(:cid,'d',0),(:cid,'e',1),(:cid,'f',0),(:cid,'g',0),(:cid,'h',1) RETURNING *;
INSERT INTO assessments (case_id, rule_set, rule_version, max_occupants, surface_capacity, bedroom_capacity, habitable_area, total_area, binding, residents, requested, places_available, fits, explanation, at, actor) VALUES (:cid,'prato',1,3,3,3,3500,3500,'surface',1,1,2,1,'[]','2026-11-27T00:00:00Z','api:1') RETURNING *;
INSERT INTO events (case_id, at, effective_on, actor, actor_name, action, to_state, due_on) VALUES (:cid,'2026-11-27T00:00:00Z','2026-11-27','api:1','API','submit','submitted','2026-12-27') RETURNING *;
INSERT INTO audit (at, comune_id, actor, ip, action, entity, entity_id) VALUES ('2026-11-27T00:00:00Z',1,'api:1','-','case_create','case',:cid);
INSERT INTO counters (comune_id, year, kind, last) VALUES (1, 2026, 'protocol', 1) ON CONFLICT (comune_id, year, kind) DO UPDATE SET last = counters.last + 1;
UPDATE cases SET protocol_no = (SELECT last FROM counters WHERE comune_id = 1 AND year = 2026 AND kind = 'protocol') WHERE id = :cid;
COMMIT;
\endpipeline
