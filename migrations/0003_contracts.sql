-- 0003_contracts: customers, orders (signup and change), contracts with their price phases, portal tokens, and the
-- idempotency keys of creating POSTs.

CREATE TABLE customers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq          bigserial UNIQUE NOT NULL,
  email        text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  first_name   text,
  last_name    text,
  company_name text,
  vat_id       text,
  phone        text,
  language     text,
  tag          text,
  external_id  text UNIQUE,
  address      jsonb,
  archived_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_email_idx ON customers (lower(email));
CREATE INDEX customers_tag_idx ON customers (tag);

CREATE TABLE orders (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq              bigserial UNIQUE NOT NULL,
  type             text NOT NULL CHECK (type IN ('signup', 'change')),
  status           text NOT NULL DEFAULT 'inProgress' CHECK (status IN ('inProgress', 'committed')),
  customer_id      uuid REFERENCES customers (id),
  customer_data    jsonb,            -- inline customer of a signup order, created at commit
  contract_id      uuid,             -- change orders: the contract; signup orders: the contract made at commit
  plan_variant_id  uuid NOT NULL REFERENCES plan_variants (id),
  cart             jsonb NOT NULL,
  coupon_id        uuid REFERENCES coupons (id),
  effective_at     timestamptz NOT NULL,  -- start of a signup, or the change date
  preview          jsonb NOT NULL,
  currency         char(3) NOT NULL,
  expires_at       timestamptz NOT NULL,
  committed_at     timestamptz,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contracts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq                 bigserial UNIQUE NOT NULL,
  customer_id         uuid NOT NULL REFERENCES customers (id),
  plan_variant_id     uuid NOT NULL REFERENCES plan_variants (id) ON DELETE RESTRICT, -- defines the terms
  currency            char(3) NOT NULL,
  start_at            timestamptz NOT NULL,
  end_at              timestamptz,
  cancelled_at        timestamptz,
  cancellation_reason text,
  annulled            boolean NOT NULL DEFAULT false,
  order_id            uuid UNIQUE REFERENCES orders (id),  -- one contract per signup order, whatever the race
  external_id         text UNIQUE,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (end_at IS NULL OR end_at >= start_at)
);
CREATE INDEX contracts_customer_idx ON contracts (customer_id, seq);
ALTER TABLE orders ADD CONSTRAINT orders_contract_fk FOREIGN KEY (contract_id) REFERENCES contracts (id);

-- What the contract costs from valid_from on: its plan variant (up/downgrades) and component quantities.
CREATE TABLE contract_phases (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id      uuid NOT NULL REFERENCES contracts (id),
  valid_from       timestamptz NOT NULL,
  plan_variant_id  uuid NOT NULL REFERENCES plan_variants (id) ON DELETE RESTRICT,
  components       jsonb NOT NULL DEFAULT '[]'::jsonb,
  coupon_id        uuid REFERENCES coupons (id),
  order_id         uuid NOT NULL REFERENCES orders (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contract_phases_contract_idx ON contract_phases (contract_id, valid_from);

CREATE TABLE portal_tokens (
  jti          uuid PRIMARY KEY,
  contract_id  uuid NOT NULL REFERENCES contracts (id),
  created_by   text NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_tokens_contract_idx ON portal_tokens (contract_id, created_at);

CREATE TABLE idempotency_keys (
  client_id     text NOT NULL,
  key           text NOT NULL,
  route         text NOT NULL,
  request_hash  text NOT NULL,
  status        integer,            -- NULL while the first request is still running
  response      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, key)
);
