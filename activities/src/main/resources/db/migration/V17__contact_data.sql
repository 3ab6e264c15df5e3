-- Issue #20: how an account shows phone numbers, and which identities of a messaging peer are one person.

-- e164 (default) | national | international | raw: rendered by libphonenumber from each number's own region.
ALTER TABLE accounts ADD COLUMN phone_format text NOT NULL DEFAULT 'e164'
    CHECK (phone_format IN ('e164', 'national', 'international', 'raw'));

-- A messaging peer identifier (a WhatsApp LID such as 82399031480511@lid, or an E.164 handle) known to be a phone
-- number (seen together in one inbound message: WhatsApp's senderPn) and/or a contact (linked by hand). Messages
-- from the peer go to the phone's, or the contact's, canonical conversation.
CREATE TABLE conversation_peer_links (
    account_id uuid        NOT NULL REFERENCES accounts (id),
    peer       text        NOT NULL,
    phone      text,
    contact_id bigint REFERENCES contacts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, peer),
    CHECK (phone IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX conversation_peer_links_contact_idx ON conversation_peer_links (contact_id) WHERE contact_id IS NOT NULL;
