-- Two applications of one comune in one transaction, one statement per
-- table, the rows bound as typed arrays (unnest of $n::bigint[], $n::text[])
-- as a group writer would send them: the same rows as one.sql, twice.  The
-- array texts are built by a SELECT first, which costs this script a
-- statement that a real writer would not pay.  Like one.sql, the inserts
-- give nothing back.  Used by bench/groupwrite/run.
SELECT nextval('bench_ids') * 2 AS c \gset
SELECT '{' || :c::bigint || ',' || (:c::bigint + 1) || '}' AS ids, '{' || (0 - :c::bigint) || ',' || (-1 - :c::bigint) || '}' AS ph, '{T' || :c::bigint || ',T' || (:c::bigint + 1) || '}' AS trk,
 '{' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || '}' AS rids,
 '{' || :c::bigint || ',' || :c::bigint || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || '}' AS pids,
 '{' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || :c::bigint || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || ',' || (:c::bigint + 1) || '}' AS dids \gset
\startpipeline
BEGIN;
INSERT INTO cases (id, comune_id, protocol_no, protocol_year, tracking_code, channel, api_key_id, purpose, title, state, received_on, term_days, due_on, notes, created_at, updated_at, search_key) SELECT * FROM unnest(:ids::bigint[], '{1,1}'::bigint[], :ph::bigint[], '{2026,2026}'::bigint[], :trk::text[], '{api,api}'::text[], '{1,1}'::bigint[], '{family_reunification,family_reunification}'::text[], '{tenant,tenant}'::text[], '{submitted,submitted}'::text[], '{2026-11-27,2026-11-27}'::text[], '{30,30}'::bigint[], '{2026-12-27,2026-12-27}'::text[], '{"",""}'::text[], '{2026-11-27T00:00:00Z,2026-11-27T00:00:00Z}'::text[], '{2026-11-27T00:00:00Z,2026-11-27T00:00:00Z}'::text[], '{"rossi mario","rossi mario"}'::text[]);
INSERT INTO applicants SELECT * FROM unnest(:ids::bigint[], '{Rossi,Rossi}'::text[], '{Mario,Mario}'::text[], '{M,M}'::text[], '{1980-01-01,1980-01-01}'::text[], '{Tirana,Tirana}'::text[], '{Albania,Albania}'::text[], '{Albania,Albania}'::text[], '{NULL,NULL}'::text[], '{foreign,foreign}'::text[], '{passport,passport}'::text[], '{X1,X1}'::text[], '{NULL,NULL}'::text[], '{lavoro,lavoro}'::text[], '{P1,P1}'::text[], '{NULL,NULL}'::text[], '{+39333,+39333}'::text[], '{a@b.it,a@b.it}'::text[], '{it,it}'::text[], '{1,1}'::bigint[], '{1,1}'::bigint[]);
INSERT INTO dwellings (case_id, street, house_number, cap) SELECT * FROM unnest(:ids::bigint[], '{"Via Roma","Via Roma"}'::text[], '{1,1}'::text[], '{59100,59100}'::text[]);
INSERT INTO rooms (case_id, position, name, use, area, height) SELECT * FROM unnest(:rids::bigint[], '{1,2,3,1,2,3}'::bigint[], '{a,b,c,a,b,c}'::text[], '{bedroom,living,kitchen,bedroom,living,kitchen}'::text[], '{1600,1400,500,1600,1400,500}'::bigint[], '{270,270,270,270,270,270}'::bigint[]);
INSERT INTO persons (case_id, kind, surname, given_names) SELECT * FROM unnest(:pids::bigint[], '{resident,hosted,resident,hosted}'::text[], '{A,C,A,C}'::text[], '{B,D,B,D}'::text[]);
INSERT INTO payments (case_id, kind, amount_cents, channel, reference) SELECT * FROM unnest(:ids::bigint[], '{fee,fee}'::text[], '{5000,5000}'::bigint[], '{pagopa,pagopa}'::text[], '{R1,R1}'::text[]);
INSERT INTO documents (case_id, kind, received) SELECT * FROM unnest(:dids::bigint[], '{a,b,c,d,e,f,g,h,a,b,c,d,e,f,g,h}'::text[], '{1,1,0,0,1,0,0,1,1,1,0,0,1,0,0,1}'::bigint[]);
INSERT INTO assessments (case_id, rule_set, rule_version, max_occupants, surface_capacity, bedroom_capacity, habitable_area, total_area, binding, residents, requested, places_available, fits, explanation, at, actor) SELECT * FROM unnest(:ids::bigint[], '{prato,prato}'::text[], '{1,1}'::bigint[], '{3,3}'::bigint[], '{3,3}'::bigint[], '{3,3}'::bigint[], '{3500,3500}'::bigint[], '{3500,3500}'::bigint[], '{surface,surface}'::text[], '{1,1}'::bigint[], '{1,1}'::bigint[], '{2,2}'::bigint[], '{1,1}'::bigint[], '{[],[]}'::text[], '{2026-11-27T00:00:00Z,2026-11-27T00:00:00Z}'::text[], '{api:1,api:1}'::text[]);
INSERT INTO events (case_id, at, effective_on, actor, actor_name, action, to_state, due_on) SELECT * FROM unnest(:ids::bigint[], '{2026-11-27T00:00:00Z,2026-11-27T00:00:00Z}'::text[], '{2026-11-27,2026-11-27}'::text[], '{api:1,api:1}'::text[], '{API,API}'::text[], '{submit,submit}'::text[], '{submitted,submitted}'::text[], '{2026-12-27,2026-12-27}'::text[]);
INSERT INTO audit (at, comune_id, actor, ip, action, entity, entity_id) SELECT * FROM unnest('{2026-11-27T00:00:00Z,2026-11-27T00:00:00Z}'::text[], '{1,1}'::bigint[], '{api:1,api:1}'::text[], '{-,-}'::text[], '{case_create,case_create}'::text[], '{case,case}'::text[], :ids::bigint[]);
INSERT INTO counters (comune_id, year, kind, last) VALUES (1, 2026, 'protocol', 2) ON CONFLICT (comune_id, year, kind) DO UPDATE SET last = counters.last + 2;
UPDATE cases SET protocol_no = (SELECT last FROM counters WHERE comune_id = 1 AND year = 2026 AND kind = 'protocol') - 2 + u.n FROM unnest(:ids::bigint[]) WITH ORDINALITY AS u(id, n) WHERE cases.id = u.id RETURNING cases.id, cases.protocol_no;
COMMIT;
\endpipeline
