import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The addresses an organization receives mail on (modules/mailin). Plus-addresses
    -- (local+anything@domain) reach the same organization. Stored lower-case.
    CREATE TABLE inbound_addresses (
      address text PRIMARY KEY CHECK (address = lower(address) AND address LIKE '%_@_%'),
      organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inbound_addresses_org ON inbound_addresses (organization_id, created_at);

    CREATE TABLE inbound_settings (
      organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
      -- A reply to a case closed longer ago than this becomes a new case linked to the old one.
      new_case_after_days integer NOT NULL DEFAULT 30 CHECK (new_case_after_days BETWEEN 1 AND 3650),
      -- More mails than this from one sender in an hour are held for the registrar.
      sender_hourly_limit integer NOT NULL DEFAULT 20 CHECK (sender_hourly_limit BETWEEN 1 AND 10000),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every mail received, whatever became of it: the raw message is the original document.
    CREATE TABLE inbound_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
      -- The Message-ID, or a hash of the raw message when it has none: a re-read is a no-op.
      message_key text NOT NULL,
      header_message_id text,
      in_reply_to text,
      "references" text[] NOT NULL DEFAULT '{}',
      source text NOT NULL CHECK (source IN ('smtp', 'imap', 'release')),
      envelope_from text,
      envelope_to text[] NOT NULL DEFAULT '{}',
      from_address text,
      from_name text,
      to_text text,
      subject text,
      body text NOT NULL,
      body_stripped text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('new_case', 'reply', 'reply_after_close', 'new_case_after_close', 'held', 'released', 'discarded', 'auto_reply', 'bounce', 'bounce_unmatched', 'delivery_report', 'loop')),
      warnings text[] NOT NULL DEFAULT '{}',
      needs_attention boolean NOT NULL DEFAULT false,
      bounced_message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
      raw bytea,
      raw_size integer NOT NULL,
      received_at timestamptz NOT NULL,
      handled_by uuid REFERENCES users(id),
      handled_at timestamptz,
      UNIQUE (organization_id, message_key)
    );
    CREATE INDEX inbound_messages_case ON inbound_messages (case_id, received_at) WHERE case_id IS NOT NULL;
    CREATE INDEX inbound_messages_sender ON inbound_messages (organization_id, from_address, received_at);
    CREATE INDEX inbound_messages_header_id ON inbound_messages (organization_id, header_message_id) WHERE header_message_id IS NOT NULL;
    CREATE INDEX inbound_messages_attention ON inbound_messages (organization_id, received_at) WHERE needs_attention;

    -- Files that came with a mail (also a reply to an existing case) keep their mail.
    ALTER TABLE attachments ADD COLUMN inbound_message_id uuid REFERENCES inbound_messages(id) ON DELETE SET NULL;
    CREATE INDEX attachments_inbound ON attachments (inbound_message_id) WHERE inbound_message_id IS NOT NULL;

    -- Replies and bounces name the Message-ID of what we sent.
    CREATE INDEX messages_header_message_id ON messages (header_message_id) WHERE header_message_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX messages_header_message_id;
    ALTER TABLE attachments DROP COLUMN inbound_message_id;
    DROP TABLE inbound_messages, inbound_settings, inbound_addresses;
  `.execute(db);
}
