-- 0001_core: merchant API clients, development signing keys, and the event log.
-- schema_migrations itself is created by `portico migrate` before the first migration runs.


CREATE TABLE api_clients (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  secret_sha256 bytea NOT NULL CHECK (length(secret_sha256) = 32),
  scopes        text[] NOT NULL,
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only used outside production when PORTICO_SIGNING_KEYS is unset: one shared development key, so that several
-- portico processes on one database verify each other's tokens.
CREATE TABLE signing_keys (
  kid        text PRIMARY KEY,
  secret     text NOT NULL CHECK (length(secret) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Business events (OrderSucceeded, ContractCreated, ...). Delivery to webhooks claims rows with SKIP LOCKED.
CREATE TABLE events (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq         bigserial UNIQUE NOT NULL,
  type        text NOT NULL,
  entity_id   uuid,
  payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_created_idx ON events (seq);
