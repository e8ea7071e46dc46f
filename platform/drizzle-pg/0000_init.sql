CREATE TABLE "alert_checks" (
	"case_id" text PRIMARY KEY NOT NULL,
	"checked_on" text NOT NULL,
	"watched" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_recipients" (
	"recipient" text NOT NULL,
	"alert_id" text NOT NULL,
	CONSTRAINT "alert_recipients_recipient_alert_id_pk" PRIMARY KEY("recipient","alert_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"key" text NOT NULL,
	"case_id" text,
	"subject_org" text NOT NULL,
	"subject_path" text NOT NULL,
	"pack_hash" text NOT NULL,
	"level" text NOT NULL,
	"severity" integer NOT NULL,
	"name" jsonb NOT NULL,
	"message" jsonb NOT NULL,
	"why" jsonb NOT NULL,
	"notify" jsonb NOT NULL,
	"status" text DEFAULT 'raised' NOT NULL,
	"raised_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"read_at" text,
	"read_by" text,
	"handled_at" text,
	"handled_by" text,
	"handle_note" text,
	"closed_at" text,
	"closed_why" text
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"run_id" text NOT NULL,
	"subject_code" text NOT NULL,
	"subject_path" text NOT NULL,
	"rank" integer NOT NULL,
	"score" double precision NOT NULL,
	"grade" text,
	"result" jsonb NOT NULL,
	CONSTRAINT "assessment_results_run_id_subject_code_pk" PRIMARY KEY("run_id","subject_code")
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"scheme_code" text NOT NULL,
	"pack_hash" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"as_of" text NOT NULL,
	"status" text NOT NULL,
	"summary" jsonb NOT NULL,
	"computed_at" text NOT NULL,
	"computed_by" text NOT NULL,
	"published_at" text,
	"published_by" text
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"filename" text NOT NULL,
	"note" text,
	"sealed_text" text,
	"uploaded_by" text NOT NULL,
	"uploaded_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"case_id" text,
	"target" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_closings" (
	"period" text NOT NULL,
	"subject_org" text NOT NULL,
	"matter_code" text NOT NULL,
	"category" text NOT NULL,
	"closed_month" text NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "case_closings_period_subject_org_matter_code_category_closed_month_pk" PRIMARY KEY("period","subject_org","matter_code","category","closed_month")
);
--> statement-breakpoint
CREATE TABLE "case_counts" (
	"period" text NOT NULL,
	"subject_org" text NOT NULL,
	"matter_code" text NOT NULL,
	"closed" boolean NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "case_counts_period_subject_org_matter_code_closed_pk" PRIMARY KEY("period","subject_org","matter_code","closed")
);
--> statement-breakpoint
CREATE TABLE "case_officers" (
	"officer_id" text NOT NULL,
	"opened_at" text NOT NULL,
	"number" text NOT NULL,
	"case_id" text NOT NULL,
	"subject_org" text NOT NULL,
	"subject_path" text NOT NULL,
	"matter_code" text NOT NULL,
	CONSTRAINT "case_officers_officer_id_opened_at_number_pk" PRIMARY KEY("officer_id","opened_at","number")
);
--> statement-breakpoint
CREATE TABLE "case_period_counts" (
	"period" text NOT NULL,
	"matter_code" text NOT NULL,
	"closed" boolean NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "case_period_counts_period_matter_code_closed_pk" PRIMARY KEY("period","matter_code","closed")
);
--> statement-breakpoint
CREATE TABLE "case_sources" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_org" text NOT NULL,
	"subject_path" text NOT NULL,
	"pack_hash" text NOT NULL,
	"kind" text NOT NULL,
	"received_on" text NOT NULL,
	"description" text NOT NULL,
	"party_name" text,
	"sealed_text" text,
	"registered_by" text NOT NULL,
	"registered_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"due_on" text NOT NULL,
	"extended_by" text,
	"extension_reason" text,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"outcome_reason" text,
	"transferred_to" text,
	"case_id" text,
	"decided_by" text,
	"decided_at" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_state_counts" (
	"period" text NOT NULL,
	"subject_org" text NOT NULL,
	"matter_code" text NOT NULL,
	"state" text NOT NULL,
	"closed" boolean NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "case_state_counts_period_subject_org_matter_code_state_closed_pk" PRIMARY KEY("period","subject_org","matter_code","state","closed")
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"case_id" text PRIMARY KEY NOT NULL,
	"computed_for" text NOT NULL,
	"legal_review" boolean NOT NULL,
	"due" text,
	"warn_from" text,
	"deadline" text,
	"view" text NOT NULL,
	"actions" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"matter_code" text NOT NULL,
	"workflow_code" text NOT NULL,
	"category" text NOT NULL,
	"subject_org" text NOT NULL,
	"subject_path" text NOT NULL,
	"pack_hash" text NOT NULL,
	"state" text NOT NULL,
	"party" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"sealed_facts" text,
	"officers" jsonb NOT NULL,
	"state_entered" jsonb NOT NULL,
	"extensions" jsonb NOT NULL,
	"violation_date" text,
	"opened_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"closed_at" text,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"linked_case_id" text,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"document_id" text NOT NULL,
	"subject_org" text NOT NULL,
	"subject_path" text NOT NULL,
	"state" text NOT NULL,
	"document_number" text NOT NULL,
	"party_name" text NOT NULL,
	"authority" text NOT NULL,
	"decided_on" text NOT NULL,
	"due_on" text,
	"published_on" text NOT NULL,
	"published_at" text NOT NULL,
	"published_by" text NOT NULL,
	"content" jsonb NOT NULL,
	"reason" text,
	"changed_at" text,
	"changed_on" text,
	"changed_by" text,
	"cause_case_id" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"pattern" text NOT NULL,
	"org_code" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	CONSTRAINT "document_counters_pattern_org_code_year_pk" PRIMARY KEY("pattern","org_code","year")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"form_code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"number" text,
	"data" jsonb NOT NULL,
	"form_hash" text NOT NULL,
	"hash" text,
	"sealed_data" text,
	"print_context" jsonb,
	"supersedes" text,
	"correction_reason" text,
	"sealed_correction_reason" text,
	"created_by" text NOT NULL,
	"updated_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"issued_at" text,
	"issued_by" text
);
--> statement-breakpoint
CREATE TABLE "entity_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" text NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"declared_by" text NOT NULL,
	"declared_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_review_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"checklist_code" text NOT NULL,
	"pack_hash" text NOT NULL,
	"org_code" text NOT NULL,
	"org_path" text NOT NULL,
	"subjects" jsonb NOT NULL,
	"rule" jsonb NOT NULL,
	"seed" text NOT NULL,
	"algorithm" text NOT NULL,
	"strata" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"subject_org" text NOT NULL,
	"subject_path" text NOT NULL,
	"workflow_code" text NOT NULL,
	"checklist_code" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"marks" jsonb NOT NULL,
	"total" double precision,
	"qualified" boolean,
	"reviewer_id" text,
	"assignee_id" text,
	"assigned_by" text,
	"assigned_at" text,
	"finished_at" text,
	"corrections" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"org_code" text NOT NULL,
	"org_path" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"matter_code" text NOT NULL,
	"scheme_code" text NOT NULL,
	"pack_hash" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"seed" text,
	"algorithm" text,
	"classes" jsonb,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"drawn_by" text,
	"drawn_at" text,
	"opened_at" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_entities" (
	"id" text PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"sector" text NOT NULL,
	"org_code" text NOT NULL,
	"org_path" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officer_counts" (
	"period" text NOT NULL,
	"subject_org" text NOT NULL,
	"officer_id" text NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "officer_counts_period_subject_org_officer_id_pk" PRIMARY KEY("period","subject_org","officer_id")
);
--> statement-breakpoint
CREATE TABLE "officer_matter_counts" (
	"period" text NOT NULL,
	"subject_org" text NOT NULL,
	"officer_id" text NOT NULL,
	"matter_code" text NOT NULL,
	"closed" boolean NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "officer_matter_counts_period_subject_org_officer_id_matter_code_closed_pk" PRIMARY KEY("period","subject_org","officer_id","matter_code","closed")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"type" text NOT NULL,
	"parent" text,
	"numbering_prefix" text,
	"enforcement_subject" boolean NOT NULL,
	"path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pack_activations" (
	"org_code" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"activated_at" text NOT NULL,
	"activated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pack_versions" (
	"hash" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"bundle" text NOT NULL,
	"imported_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"imported_by" text,
	"active" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_on" text NOT NULL,
	"reference" text,
	"recorded_by" text NOT NULL,
	"recorded_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"entity_id" text NOT NULL,
	"risk_class" text NOT NULL,
	"officers" jsonb NOT NULL,
	"case_id" text,
	"case_number" text
);
--> statement-breakpoint
CREATE TABLE "review_marks" (
	"opened_at" text NOT NULL,
	"case_id" text NOT NULL,
	"subject_org" text NOT NULL,
	"workflow_code" text NOT NULL,
	"state_entered" jsonb NOT NULL,
	"requested_at" text NOT NULL,
	"agreed_at" text,
	CONSTRAINT "review_marks_opened_at_case_id_pk" PRIMARY KEY("opened_at","case_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"due_date" text,
	"reviewer" text,
	"opinion" text,
	"checklist" jsonb,
	"comment" text,
	"sealed_comment" text,
	"decided_at" text
);
--> statement-breakpoint
CREATE TABLE "scheduler_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" text NOT NULL,
	"last_pass_at" text,
	"swept_on" text
);
--> statement-breakpoint
CREATE TABLE "sector_supervision" (
	"supervisor_code" text NOT NULL,
	"supervised_code" text NOT NULL,
	"supervised_path" text NOT NULL,
	CONSTRAINT "sector_supervision_supervisor_code_supervised_code_pk" PRIMARY KEY("supervisor_code","supervised_code")
);
--> statement-breakpoint
CREATE TABLE "security_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"min_length" integer NOT NULL,
	"min_classes" integer NOT NULL,
	"max_failures" integer NOT NULL,
	"lock_minutes" integer NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" text NOT NULL,
	"last_seen_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"username" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"locked_until" text
);
--> statement-breakpoint
CREATE TABLE "statistics_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"month_offset" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"name" text NOT NULL,
	"base" jsonb,
	"files" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"published_hash" text
);
--> statement-breakpoint
CREATE TABLE "task_steps" (
	"case_id" text NOT NULL,
	"ord" integer NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"action" text,
	"document" text,
	"name" text NOT NULL,
	"href" text NOT NULL,
	"roles_any" text,
	"roles_also" text,
	"roles_not" text,
	"officers_only" boolean NOT NULL,
	"needs_issue" boolean NOT NULL,
	CONSTRAINT "task_steps_case_id_ord_pk" PRIMARY KEY("case_id","ord")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"org_code" text NOT NULL,
	"roles" jsonb NOT NULL,
	"certificate_no" text,
	"certificate_valid_until" text,
	"legal_qualification" boolean DEFAULT false NOT NULL,
	"password_changed_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" text DEFAULT (to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"locked_at" text,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_conflicts" ADD CONSTRAINT "entity_conflicts_entity_id_market_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."market_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_reviews" ADD CONSTRAINT "file_reviews_round_id_file_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."file_review_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pack_activations" ADD CONSTRAINT "pack_activations_hash_pack_versions_hash_fk" FOREIGN KEY ("hash") REFERENCES "public"."pack_versions"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_inspections" ADD CONSTRAINT "plan_inspections_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_inspections" ADD CONSTRAINT "plan_inspections_entity_id_market_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."market_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_steps" ADD CONSTRAINT "task_steps_case_id_case_tasks_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_tasks"("case_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_checks_due" ON "alert_checks" USING btree ("watched","checked_on","case_id");--> statement-breakpoint
CREATE INDEX "alert_recipients_alert" ON "alert_recipients" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key" ON "alerts" USING btree ("key") WHERE "alerts"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "alerts_case" ON "alerts" USING btree ("case_id","status");--> statement-breakpoint
CREATE INDEX "alerts_subject" ON "alerts" USING btree ("subject_org","status","severity","raised_at");--> statement-breakpoint
CREATE INDEX "alerts_path" ON "alerts" USING btree ("subject_path","status");--> statement-breakpoint
CREATE INDEX "alerts_status" ON "alerts" USING btree ("status","severity","raised_at");--> statement-breakpoint
CREATE INDEX "assessment_results_rank" ON "assessment_results" USING btree ("run_id","rank");--> statement-breakpoint
CREATE INDEX "assessment_runs_scheme" ON "assessment_runs" USING btree ("scheme_code","computed_at");--> statement-breakpoint
CREATE INDEX "attachments_case" ON "attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "audit_case" ON "audit_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "audit_actor" ON "audit_events" USING btree ("actor","seq");--> statement-breakpoint
CREATE INDEX "audit_action" ON "audit_events" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "case_sources_subject" ON "case_sources" USING btree ("subject_org","outcome");--> statement-breakpoint
CREATE INDEX "case_sources_path" ON "case_sources" USING btree ("subject_path");--> statement-breakpoint
CREATE UNIQUE INDEX "case_sources_case" ON "case_sources" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_sources_decided" ON "case_sources" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "case_sources_kind" ON "case_sources" USING btree ("kind","received_on");--> statement-breakpoint
CREATE INDEX "cases_subject" ON "cases" USING btree ("subject_org","state");--> statement-breakpoint
CREATE INDEX "cases_path" ON "cases" USING btree ("subject_path");--> statement-breakpoint
CREATE INDEX "cases_linked" ON "cases" USING btree ("linked_case_id");--> statement-breakpoint
CREATE INDEX "cases_opened" ON "cases" USING btree ("opened_at","subject_org","category","matter_code","closed_at","officers");--> statement-breakpoint
CREATE INDEX "cases_open" ON "cases" USING btree ("id") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "disclosures_case" ON "disclosures" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "disclosures_shown" ON "disclosures" USING btree ("published_on","id") WHERE "disclosures"."state" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "disclosures_number" ON "disclosures" USING btree ("document_number");--> statement-breakpoint
CREATE INDEX "disclosures_party" ON "disclosures" USING btree ("party_name");--> statement-breakpoint
CREATE INDEX "disclosures_subject" ON "disclosures" USING btree ("subject_path","published_on");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_case_form_version" ON "documents" USING btree ("case_id","form_code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number" ON "documents" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "entity_conflicts_pair" ON "entity_conflicts" USING btree ("entity_id","user_id");--> statement-breakpoint
CREATE INDEX "file_review_rounds_org" ON "file_review_rounds" USING btree ("org_path","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "file_reviews_ordinal" ON "file_reviews" USING btree ("round_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "file_reviews_case" ON "file_reviews" USING btree ("round_id","case_id");--> statement-breakpoint
CREATE INDEX "file_reviews_finished" ON "file_reviews" USING btree ("subject_org","finished_at");--> statement-breakpoint
CREATE INDEX "file_reviews_assignee" ON "file_reviews" USING btree ("assignee_id","round_id");--> statement-breakpoint
CREATE INDEX "inspection_plans_org" ON "inspection_plans" USING btree ("org_path","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "market_entities_credit_code" ON "market_entities" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "market_entities_org" ON "market_entities" USING btree ("org_path","sector");--> statement-breakpoint
CREATE UNIQUE INDEX "pack_versions_id_version" ON "pack_versions" USING btree ("pack_id","version");--> statement-breakpoint
CREATE INDEX "payments_case" ON "payments" USING btree ("case_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_inspections_ordinal" ON "plan_inspections" USING btree ("plan_id","ordinal");--> statement-breakpoint
CREATE INDEX "plan_inspections_entity" ON "plan_inspections" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_marks_case" ON "review_marks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "reviews_case" ON "reviews" USING btree ("case_id","requested_at");--> statement-breakpoint
CREATE INDEX "studio_workspaces_pack" ON "studio_workspaces" USING btree ("pack_id");