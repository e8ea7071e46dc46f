-- The SQLite migrations' triggers and seed rows, in PL/pgSQL (#18). Each block names the SQLite
-- migration it translates; the behaviour is the same, row by row, in the same transaction as the write.
-- Differences, all because PostgreSQL differs: ON CONFLICT names its target; JSON arrays are jsonb
-- (jsonb_array_elements_text for json_each, `?` for instr on the officers' text); the legal month is
-- one function (yifa_legal_month) where SQLite repeats strftime with the offset; TRUNCATE, which skips
-- row triggers, is refused on the append-only tables.

-- 0013: the one row of statistics settings, the legal month's offset from UTC ('+480 minutes' is also
-- a PostgreSQL interval, so the same text serves both stores).
INSERT INTO "statistics_settings" ("id", "month_offset") VALUES (1, '+480 minutes');
--> statement-breakpoint

-- 0005: the audit chain (执法全过程记录) is append-only. SQLite's third trigger (refusing INSERT OR
-- REPLACE onto an existing seq) has no counterpart to guard: PostgreSQL has no INSERT OR REPLACE, the
-- primary key refuses a second seq, and INSERT … ON CONFLICT DO UPDATE fires the UPDATE trigger.
CREATE FUNCTION "yifa_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
FOR EACH ROW EXECUTE FUNCTION "yifa_refuse"('audit_events is append-only: UPDATE is refused');
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
FOR EACH ROW EXECUTE FUNCTION "yifa_refuse"('audit_events is append-only: DELETE is refused');
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
FOR EACH STATEMENT EXECUTE FUNCTION "yifa_refuse"('audit_events is append-only: TRUNCATE is refused');
--> statement-breakpoint

-- 0014: a published assessment run is frozen, with its results.
CREATE TRIGGER "assessment_runs_frozen_update" BEFORE UPDATE ON "assessment_runs"
FOR EACH ROW WHEN (OLD."status" = 'published') EXECUTE FUNCTION "yifa_refuse"('a published assessment run is frozen');
--> statement-breakpoint
CREATE TRIGGER "assessment_runs_frozen_delete" BEFORE DELETE ON "assessment_runs"
FOR EACH ROW WHEN (OLD."status" = 'published') EXECUTE FUNCTION "yifa_refuse"('a published assessment run is frozen');
--> statement-breakpoint
CREATE FUNCTION "yifa_assessment_results_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT "status" FROM "assessment_runs" WHERE "id" = (CASE WHEN TG_OP = 'INSERT' THEN NEW."run_id" ELSE OLD."run_id" END)) = 'published' THEN
		RAISE EXCEPTION 'a published assessment run is frozen' USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "assessment_results_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "assessment_results"
FOR EACH ROW EXECUTE FUNCTION "yifa_assessment_results_frozen"();
--> statement-breakpoint
CREATE TRIGGER "assessment_runs_no_truncate" BEFORE TRUNCATE ON "assessment_runs"
FOR EACH STATEMENT EXECUTE FUNCTION "yifa_refuse"('a published assessment run is frozen: TRUNCATE is refused');
--> statement-breakpoint
CREATE TRIGGER "assessment_results_no_truncate" BEFORE TRUNCATE ON "assessment_results"
FOR EACH STATEMENT EXECUTE FUNCTION "yifa_refuse"('a published assessment run is frozen: TRUNCATE is refused');
--> statement-breakpoint

-- 0028, 0031 and 0032: the statistics rollups. The legal month (YYYY-MM) of a UTC time: SQLite's
-- strftime('%Y-%m', at, month_offset); a time without a zone is UTC, as in SQLite.
CREATE FUNCTION "yifa_legal_month"("at" text) RETURNS text LANGUAGE sql STABLE SET "TimeZone" = 'UTC' AS $$
	SELECT to_char("at"::timestamptz + coalesce((SELECT "month_offset" FROM "statistics_settings" WHERE "id" = 1), '+0 minutes')::interval, 'YYYY-MM')
$$;
--> statement-breakpoint
-- One case counted once in each rollup (by its legal month and its year), or taken out again: a row
-- whose count reaches zero is deleted.
CREATE FUNCTION "yifa_case_counts_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	INSERT INTO "case_counts" ("period", "subject_org", "matter_code", "closed", "cases")
	SELECT p, c."subject_org", c."matter_code", c."closed_at" IS NOT NULL, 1 FROM unnest(ARRAY[m, left(m, 4)]) AS u(p)
	ON CONFLICT ("period", "subject_org", "matter_code", "closed") DO UPDATE SET "cases" = "case_counts"."cases" + 1;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_counts_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	DELETE FROM "case_counts" WHERE "period" IN (m, left(m, 4))
		AND "subject_org" = c."subject_org" AND "matter_code" = c."matter_code" AND "closed" = (c."closed_at" IS NOT NULL) AND "cases" = 1;
	UPDATE "case_counts" SET "cases" = "cases" - 1 WHERE "period" IN (m, left(m, 4))
		AND "subject_org" = c."subject_org" AND "matter_code" = c."matter_code" AND "closed" = (c."closed_at" IS NOT NULL);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_state_counts_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	INSERT INTO "case_state_counts" ("period", "subject_org", "matter_code", "state", "closed", "cases")
	SELECT p, c."subject_org", c."matter_code", c."state", c."closed_at" IS NOT NULL, 1 FROM unnest(ARRAY[m, left(m, 4)]) AS u(p)
	ON CONFLICT ("period", "subject_org", "matter_code", "state", "closed") DO UPDATE SET "cases" = "case_state_counts"."cases" + 1;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_state_counts_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	DELETE FROM "case_state_counts" WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org"
		AND "matter_code" = c."matter_code" AND "state" = c."state" AND "closed" = (c."closed_at" IS NOT NULL) AND "cases" = 1;
	UPDATE "case_state_counts" SET "cases" = "cases" - 1 WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org"
		AND "matter_code" = c."matter_code" AND "state" = c."state" AND "closed" = (c."closed_at" IS NOT NULL);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_closings_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	INSERT INTO "case_closings" ("period", "subject_org", "matter_code", "category", "closed_month", "cases")
	SELECT p, c."subject_org", c."matter_code", c."category", coalesce("yifa_legal_month"(c."closed_at"), ''), 1 FROM unnest(ARRAY[m, left(m, 4)]) AS u(p)
	ON CONFLICT ("period", "subject_org", "matter_code", "category", "closed_month") DO UPDATE SET "cases" = "case_closings"."cases" + 1;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_closings_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	DELETE FROM "case_closings" WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org" AND "matter_code" = c."matter_code"
		AND "category" = c."category" AND "closed_month" = coalesce("yifa_legal_month"(c."closed_at"), '') AND "cases" = 1;
	UPDATE "case_closings" SET "cases" = "cases" - 1 WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org" AND "matter_code" = c."matter_code"
		AND "category" = c."category" AND "closed_month" = coalesce("yifa_legal_month"(c."closed_at"), '');
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_officer_counts_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	INSERT INTO "officer_counts" ("period", "subject_org", "officer_id", "cases")
	SELECT DISTINCT p, c."subject_org", o, 1 FROM unnest(ARRAY[m, left(m, 4)]) AS u(p), jsonb_array_elements_text(c."officers") AS o
	ON CONFLICT ("period", "subject_org", "officer_id") DO UPDATE SET "cases" = "officer_counts"."cases" + 1;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_officer_counts_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	DELETE FROM "officer_counts" WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org"
		AND "officer_id" IN (SELECT jsonb_array_elements_text(c."officers")) AND "cases" = 1;
	UPDATE "officer_counts" SET "cases" = "cases" - 1 WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org"
		AND "officer_id" IN (SELECT jsonb_array_elements_text(c."officers"));
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_officer_matter_counts_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	INSERT INTO "officer_matter_counts" ("period", "subject_org", "officer_id", "matter_code", "closed", "cases")
	SELECT DISTINCT p, c."subject_org", o, c."matter_code", c."closed_at" IS NOT NULL, 1
	FROM unnest(ARRAY[m, left(m, 4)]) AS u(p), jsonb_array_elements_text(c."officers") AS o
	ON CONFLICT ("period", "subject_org", "officer_id", "matter_code", "closed") DO UPDATE SET "cases" = "officer_matter_counts"."cases" + 1;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_officer_matter_counts_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	DELETE FROM "officer_matter_counts" WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org"
		AND "officer_id" IN (SELECT jsonb_array_elements_text(c."officers"))
		AND "matter_code" = c."matter_code" AND "closed" = (c."closed_at" IS NOT NULL) AND "cases" = 1;
	UPDATE "officer_matter_counts" SET "cases" = "cases" - 1 WHERE "period" IN (m, left(m, 4)) AND "subject_org" = c."subject_org"
		AND "officer_id" IN (SELECT jsonb_array_elements_text(c."officers"))
		AND "matter_code" = c."matter_code" AND "closed" = (c."closed_at" IS NOT NULL);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_period_counts_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	INSERT INTO "case_period_counts" ("period", "matter_code", "closed", "cases")
	SELECT p, c."matter_code", c."closed_at" IS NOT NULL, 1 FROM unnest(ARRAY[m, left(m, 4)]) AS u(p)
	ON CONFLICT ("period", "matter_code", "closed") DO UPDATE SET "cases" = "case_period_counts"."cases" + 1;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_period_counts_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
DECLARE m text := "yifa_legal_month"(c."opened_at");
BEGIN
	DELETE FROM "case_period_counts" WHERE "period" IN (m, left(m, 4))
		AND "matter_code" = c."matter_code" AND "closed" = (c."closed_at" IS NOT NULL) AND "cases" = 1;
	UPDATE "case_period_counts" SET "cases" = "cases" - 1 WHERE "period" IN (m, left(m, 4))
		AND "matter_code" = c."matter_code" AND "closed" = (c."closed_at" IS NOT NULL);
END;
$$;
--> statement-breakpoint
-- case_officers (0032): one row per officer named on a case, not a count.
CREATE FUNCTION "yifa_case_officers_add"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "case_officers" ("officer_id", "opened_at", "number", "case_id", "subject_org", "subject_path", "matter_code")
	SELECT DISTINCT o, c."opened_at", c."number", c."id", c."subject_org", c."subject_path", c."matter_code"
	FROM jsonb_array_elements_text(c."officers") AS o;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "yifa_case_officers_remove"(c "cases") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "case_officers" WHERE "officer_id" IN (SELECT jsonb_array_elements_text(c."officers"))
		AND "opened_at" = c."opened_at" AND "number" = c."number";
END;
$$;
--> statement-breakpoint
-- case_rollups_insert (0028), officer_matter_counts_insert (0031), case_officers_insert and
-- case_period_counts_insert (0032).
CREATE FUNCTION "yifa_case_rollups_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_case_counts_add"(NEW);
	PERFORM "yifa_case_state_counts_add"(NEW);
	PERFORM "yifa_case_closings_add"(NEW);
	PERFORM "yifa_officer_counts_add"(NEW);
	PERFORM "yifa_officer_matter_counts_add"(NEW);
	PERFORM "yifa_case_officers_add"(NEW);
	PERFORM "yifa_case_period_counts_add"(NEW);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_rollups_insert" AFTER INSERT ON "cases" FOR EACH ROW EXECUTE FUNCTION "yifa_case_rollups_insert"();
--> statement-breakpoint
-- case_counts_update, case_state_counts_update, case_closings_update, officer_counts_update (0028),
-- officer_matter_counts_update (0031), case_officers_update and case_period_counts_update (0032), each
-- with its SQLite trigger's WHEN.
CREATE FUNCTION "yifa_case_rollups_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	moved boolean := OLD."subject_org" IS DISTINCT FROM NEW."subject_org" OR OLD."opened_at" IS DISTINCT FROM NEW."opened_at";
	closing boolean := (OLD."closed_at" IS NULL) IS DISTINCT FROM (NEW."closed_at" IS NULL);
	matter boolean := OLD."matter_code" IS DISTINCT FROM NEW."matter_code";
	officers boolean := OLD."officers" IS DISTINCT FROM NEW."officers";
BEGIN
	IF moved OR matter OR closing THEN
		PERFORM "yifa_case_counts_remove"(OLD);
		PERFORM "yifa_case_counts_add"(NEW);
	END IF;
	IF moved OR matter OR closing OR OLD."state" IS DISTINCT FROM NEW."state" THEN
		PERFORM "yifa_case_state_counts_remove"(OLD);
		PERFORM "yifa_case_state_counts_add"(NEW);
	END IF;
	IF moved OR matter OR OLD."category" IS DISTINCT FROM NEW."category" OR OLD."closed_at" IS DISTINCT FROM NEW."closed_at" THEN
		PERFORM "yifa_case_closings_remove"(OLD);
		PERFORM "yifa_case_closings_add"(NEW);
	END IF;
	IF moved OR officers THEN
		PERFORM "yifa_officer_counts_remove"(OLD);
		PERFORM "yifa_officer_counts_add"(NEW);
	END IF;
	IF moved OR matter OR closing OR officers THEN
		PERFORM "yifa_officer_matter_counts_remove"(OLD);
		PERFORM "yifa_officer_matter_counts_add"(NEW);
	END IF;
	IF OLD."id" IS DISTINCT FROM NEW."id" OR OLD."number" IS DISTINCT FROM NEW."number" OR OLD."opened_at" IS DISTINCT FROM NEW."opened_at"
		OR officers OR moved OR OLD."subject_path" IS DISTINCT FROM NEW."subject_path" OR matter THEN
		PERFORM "yifa_case_officers_remove"(OLD);
		PERFORM "yifa_case_officers_add"(NEW);
	END IF;
	IF OLD."opened_at" IS DISTINCT FROM NEW."opened_at" OR matter OR closing THEN
		PERFORM "yifa_case_period_counts_remove"(OLD);
		PERFORM "yifa_case_period_counts_add"(NEW);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_rollups_update"
AFTER UPDATE OF "id", "number", "subject_org", "subject_path", "opened_at", "matter_code", "state", "category", "closed_at", "officers" ON "cases"
FOR EACH ROW EXECUTE FUNCTION "yifa_case_rollups_update"();
--> statement-breakpoint
-- case_rollups_delete (0028), officer_matter_counts_delete (0031), case_officers_delete and
-- case_period_counts_delete (0032).
CREATE FUNCTION "yifa_case_rollups_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_case_counts_remove"(OLD);
	PERFORM "yifa_case_state_counts_remove"(OLD);
	PERFORM "yifa_case_closings_remove"(OLD);
	PERFORM "yifa_officer_counts_remove"(OLD);
	PERFORM "yifa_officer_matter_counts_remove"(OLD);
	PERFORM "yifa_case_officers_remove"(OLD);
	PERFORM "yifa_case_period_counts_remove"(OLD);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_rollups_delete" AFTER DELETE ON "cases" FOR EACH ROW EXECUTE FUNCTION "yifa_case_rollups_delete"();
--> statement-breakpoint

-- 0029: 我的待办 — forget the stored next steps of a case whenever anything they are computed from
-- changes. Deleting case_tasks also deletes its task_steps (ON DELETE CASCADE, always enforced here);
-- the steps are deleted first all the same, as in SQLite.
CREATE FUNCTION "yifa_forget_tasks"(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "task_steps" WHERE "case_id" = ANY(ids);
	DELETE FROM "case_tasks" WHERE "case_id" = ANY(ids);
END;
$$;
--> statement-breakpoint
-- case_tasks_case_update: the case and the cases linking to it.
CREATE FUNCTION "yifa_case_tasks_case_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_forget_tasks"(ARRAY[NEW."id"] || ARRAY(SELECT "id" FROM "cases" WHERE "linked_case_id" = NEW."id"));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_tasks_case_update" AFTER UPDATE ON "cases" FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_case_update"();
--> statement-breakpoint
-- case_tasks_{documents,reviews,disclosures}_{insert,update,delete}: the row's case (old and new).
CREATE FUNCTION "yifa_case_tasks_child"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_forget_tasks"(CASE TG_OP
		WHEN 'INSERT' THEN ARRAY[NEW."case_id"]
		WHEN 'UPDATE' THEN ARRAY[NEW."case_id", OLD."case_id"]
		ELSE ARRAY[OLD."case_id"] END);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_tasks_documents" AFTER INSERT OR UPDATE OR DELETE ON "documents" FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_child"();
--> statement-breakpoint
CREATE TRIGGER "case_tasks_reviews" AFTER INSERT OR UPDATE OR DELETE ON "reviews" FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_child"();
--> statement-breakpoint
CREATE TRIGGER "case_tasks_disclosures" AFTER INSERT OR UPDATE OR DELETE ON "disclosures" FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_child"();
--> statement-breakpoint
-- case_tasks_disclosures_linking{,_update,_delete}: the cases linking to a published decision's case.
CREATE FUNCTION "yifa_case_tasks_disclosures_linking"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_forget_tasks"(ARRAY(SELECT "id" FROM "cases" WHERE "linked_case_id" =
		(CASE WHEN TG_OP = 'DELETE' THEN OLD."case_id" ELSE NEW."case_id" END)));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_tasks_disclosures_linking" AFTER INSERT OR UPDATE OR DELETE ON "disclosures"
FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_disclosures_linking"();
--> statement-breakpoint
-- case_tasks_subject_update: a subject's name or type shows in its cases' steps.
CREATE FUNCTION "yifa_case_tasks_subject_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_forget_tasks"(ARRAY(SELECT t."case_id" FROM "case_tasks" AS t JOIN "cases" AS c ON c."id" = t."case_id" WHERE c."subject_org" = NEW."code"));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_tasks_subject_update" AFTER UPDATE OF "name", "type" ON "organisations"
FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_subject_update"();
--> statement-breakpoint
-- case_tasks_certificate_update: an officer's certificate decides the guards of their cases. SQLite
-- matches the id inside the officers' JSON text (instr); jsonb's `?` matches the array's element.
CREATE FUNCTION "yifa_case_tasks_certificate_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "yifa_forget_tasks"(ARRAY(SELECT t."case_id" FROM "case_tasks" AS t JOIN "cases" AS c ON c."id" = t."case_id" WHERE c."officers" ? NEW."id"));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_tasks_certificate_update" AFTER UPDATE OF "certificate_no", "certificate_valid_until" ON "users"
FOR EACH ROW EXECUTE FUNCTION "yifa_case_tasks_certificate_update"();
--> statement-breakpoint

-- 0030: review_marks, one row per case with a review, recounted from the case's reviews.
CREATE FUNCTION "yifa_review_marks_recount"(recounted text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "review_marks" WHERE "case_id" = recounted;
	INSERT INTO "review_marks" ("opened_at", "case_id", "subject_org", "workflow_code", "state_entered", "requested_at", "agreed_at")
	SELECT c."opened_at", c."id", c."subject_org", c."workflow_code", c."state_entered", max(r."requested_at"),
		max(CASE WHEN r."opinion" IN ('agree', 'agree-after-change') THEN r."requested_at" END)
	FROM "cases" AS c JOIN "reviews" AS r ON r."case_id" = c."id" WHERE c."id" = recounted GROUP BY c."id";
END;
$$;
--> statement-breakpoint
-- review_marks_review_{insert,update,delete}.
CREATE FUNCTION "yifa_review_marks_review"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM "yifa_review_marks_recount"(OLD."case_id");
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM "yifa_review_marks_recount"(NEW."case_id");
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "review_marks_review" AFTER INSERT OR DELETE OR UPDATE OF "case_id", "requested_at", "opinion" ON "reviews"
FOR EACH ROW EXECUTE FUNCTION "yifa_review_marks_review"();
--> statement-breakpoint
-- review_marks_case_update and review_marks_case_delete.
CREATE FUNCTION "yifa_review_marks_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "review_marks" WHERE "case_id" = OLD."id";
	IF TG_OP = 'UPDATE' THEN
		PERFORM "yifa_review_marks_recount"(NEW."id");
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "review_marks_case_update" AFTER UPDATE OF "id", "opened_at", "subject_org", "workflow_code", "state_entered" ON "cases"
FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."opened_at" IS DISTINCT FROM NEW."opened_at"
	OR OLD."subject_org" IS DISTINCT FROM NEW."subject_org" OR OLD."workflow_code" IS DISTINCT FROM NEW."workflow_code"
	OR OLD."state_entered" IS DISTINCT FROM NEW."state_entered")
EXECUTE FUNCTION "yifa_review_marks_case"();
--> statement-breakpoint
CREATE TRIGGER "review_marks_case_delete" AFTER DELETE ON "cases" FOR EACH ROW EXECUTE FUNCTION "yifa_review_marks_case"();
