import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Open311 clients are a channel of their own, and they send a place: coordinates (WGS84)
    -- and/or an address string (kept in the existing location column), and a link to a picture.
    ALTER TABLE cases DROP CONSTRAINT cases_channel_check;
    ALTER TABLE cases ADD CONSTRAINT cases_channel_check
      CHECK (channel IN ('web', 'email', 'phone', 'letter', 'visit', 'social_media', 'sms', 'paper_form', 'internal', 'api', 'open311'));
    ALTER TABLE cases ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90);
    ALTER TABLE cases ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180);
    ALTER TABLE cases ADD CONSTRAINT cases_coordinates_pair CHECK ((latitude IS NULL) = (longitude IS NULL));
    ALTER TABLE cases ADD COLUMN media_url text;

    -- Sync: integrations read "what changed since" in (updated_at, id) order, page by page.
    CREATE INDEX cases_org_updated ON cases (organization_id, updated_at, id);

    -- Anything added to a case's history (a note, a message, a publication …) is a change of the
    -- case for an integration that syncs it. Transitions set updated_at themselves to the same
    -- time as their event, so this only writes when nothing else did.
    CREATE FUNCTION case_events_touch_case() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE cases SET updated_at = NEW.occurred_at WHERE id = NEW.case_id AND updated_at < NEW.occurred_at;
      RETURN NULL;
    END $$;
    CREATE TRIGGER case_events_touch AFTER INSERT ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_touch_case();

    -- Standard Webhooks. A subscription belongs to one organization; its secret is sealed with
    -- the installation key (it must be read to sign, so it cannot be hashed).
    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
      secret_sealed bytea NOT NULL,
      -- Plain http to a host other than localhost, allowed by an admin who said so.
      allow_insecure boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
      paused_at timestamptz,
      pause_reason text,
      -- Start of the current run of failed attempts; null after a success.
      failing_since timestamptz,
      created_by uuid REFERENCES users(id),
      created_by_key uuid REFERENCES api_keys(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    CREATE INDEX webhook_subscriptions_org ON webhook_subscriptions (organization_id) WHERE deleted_at IS NULL;

    -- One row per thing that happened (its id is the webhook-id every receiver gets), thin:
    -- which case, its status and when. Nothing about the submitter.
    CREATE TABLE webhook_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      type text NOT NULL,
      -- No foreign key: the event outlives a disposed case.
      case_id uuid NOT NULL,
      case_number text NOT NULL,
      status text NOT NULL,
      occurred_at timestamptz NOT NULL,
      extra jsonb NOT NULL DEFAULT '{}'::jsonb
    );

    -- One row per event and subscription: what was sent, how often, and how it went.
    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      event_id uuid NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
      -- Deliveries with the same chain (the case) go out one at a time, in order.
      chain uuid NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      created_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      first_attempt_at timestamptz,
      last_attempt_at timestamptz,
      next_attempt_at timestamptz,
      last_status integer,
      last_error text,
      delivered_at timestamptz
    );
    CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (subscription_id, chain, seq) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, seq DESC);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

    CREATE TABLE webhook_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      attempted_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      status_code integer,
      error text
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

    -- Every new delivery gets its chain's job in the same transaction, whoever inserted it (a
    -- command, or the web intake's single INSERT statement). One job per chain (job key), run
    -- one at a time (queue name); a chain that is backing off keeps its time (preserve run_at),
    -- so a new event does not hurry a retry. Paused subscriptions collect deliveries without jobs.
    CREATE FUNCTION webhook_deliveries_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM inserted) THEN
        PERFORM graphile_worker.add_jobs(
          ARRAY(
            SELECT ROW('webhook_deliver', json_build_object('subscriptionId', c.subscription_id, 'chain', c.chain),
                       'webhook:' || c.subscription_id || ':' || c.chain, NULL, 25,
                       'webhook:' || c.subscription_id || ':' || c.chain, NULL, NULL)::graphile_worker.job_spec
            FROM (
              SELECT DISTINCT i.subscription_id, i.chain
              FROM inserted i JOIN webhook_subscriptions s ON s.id = i.subscription_id
              WHERE s.status = 'active' AND s.deleted_at IS NULL
            ) c
          ),
          true
        );
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER webhook_deliveries_jobs AFTER INSERT ON webhook_deliveries
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_enqueue();

    -- Recording an event: one row per happening, one delivery per subscription that wants it
    -- (the trigger above gives the deliveries their jobs). Nothing is written when no
    -- subscription of the organization wants the type.
    CREATE FUNCTION webhook_emit(p_org uuid, p_kind text, p_case_id uuid, p_number text, p_status text, p_at timestamptz, p_extra jsonb) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE v_event uuid;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.organization_id = p_org AND s.deleted_at IS NULL AND p_kind = ANY(s.event_types)) THEN
        RETURN;
      END IF;
      INSERT INTO webhook_events (organization_id, type, case_id, case_number, status, occurred_at, extra)
        VALUES (p_org, p_kind, p_case_id, p_number, p_status, p_at, coalesce(p_extra, '{}'::jsonb))
        RETURNING id INTO v_event;
      INSERT INTO webhook_deliveries (event_id, subscription_id, chain, created_at)
        SELECT v_event, s.id, p_case_id, p_at FROM webhook_subscriptions s
        WHERE s.organization_id = p_org AND s.deleted_at IS NULL AND p_kind = ANY(s.event_types);
    END $$;

    -- The one place case events happen is the case history: every module writes its events
    -- there (the web form, mail, staff registration, forwarding, every lifecycle transition), so
    -- integrations hear of each from here, in the transaction that wrote it. The mapping is
    -- the same as webhooks/events.ts, which a test holds it to.
    CREATE FUNCTION case_events_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      kind text := CASE NEW.type
        WHEN 'received' THEN 'case.created'
        WHEN 'register' THEN 'case.registered'
        WHEN 'assign' THEN 'case.assigned'
        WHEN 'answer' THEN 'case.answered'
        WHEN 'close' THEN 'case.closed'
        WHEN 'quick_close' THEN 'case.closed'
        WHEN 'refer' THEN 'case.closed'
        WHEN 'reject' THEN 'case.closed'
        WHEN 'merge' THEN 'case.closed'
        WHEN 'withdraw' THEN 'case.closed'
        WHEN 'reopen' THEN 'case.reopened'
        WHEN 'exported' THEN 'case.exported'
        WHEN 'publication_published' THEN 'case.published'
        WHEN 'publication_withdrawn' THEN 'case.unpublished'
      END;
      c record;
    BEGIN
      IF kind IS NULL THEN
        RETURN NULL;
      END IF;
      SELECT id, organization_id, number, status INTO c FROM cases WHERE id = NEW.case_id;
      PERFORM webhook_emit(c.organization_id, kind, c.id, c.number, coalesce(NEW.to_status, c.status), NEW.occurred_at, NULL);
      RETURN NULL;
    END $$;
    CREATE TRIGGER case_events_webhooks AFTER INSERT ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_webhooks();

    -- A notice to the organization's admins (a paused webhook) is mail without a case.
    ALTER TABLE messages DROP CONSTRAINT messages_case_or_digest;
    ALTER TABLE messages ADD CONSTRAINT messages_case_or_digest CHECK (case_id IS NOT NULL OR purpose IN ('digest', 'invitation', 'other'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM messages WHERE case_id IS NULL AND purpose = 'other';
    ALTER TABLE messages DROP CONSTRAINT messages_case_or_digest;
    ALTER TABLE messages ADD CONSTRAINT messages_case_or_digest CHECK (case_id IS NOT NULL OR purpose IN ('digest', 'invitation'));
    DROP TRIGGER case_events_webhooks ON case_events;
    DROP FUNCTION case_events_webhooks();
    DROP FUNCTION webhook_emit(uuid, text, uuid, text, text, timestamptz, jsonb);
    DROP TRIGGER webhook_deliveries_jobs ON webhook_deliveries;
    DROP FUNCTION webhook_deliveries_enqueue();
    DROP TABLE webhook_attempts;
    DROP TABLE webhook_deliveries;
    DROP TABLE webhook_events;
    DROP TABLE webhook_subscriptions;
    DROP TRIGGER case_events_touch ON case_events;
    DROP FUNCTION case_events_touch_case();
    DROP INDEX cases_org_updated;
    ALTER TABLE cases DROP COLUMN media_url;
    ALTER TABLE cases DROP CONSTRAINT cases_coordinates_pair;
    ALTER TABLE cases DROP COLUMN longitude;
    ALTER TABLE cases DROP COLUMN latitude;
    DELETE FROM cases WHERE channel = 'open311';
    ALTER TABLE cases DROP CONSTRAINT cases_channel_check;
    ALTER TABLE cases ADD CONSTRAINT cases_channel_check
      CHECK (channel IN ('web', 'email', 'phone', 'letter', 'visit', 'social_media', 'sms', 'paper_form', 'internal', 'api'));
  `.execute(db);
}
