-- 0002_catalog: the merchant's product structure (plan groups > plans > plan variants, components, coupons), the
-- EU VAT rate table, and the self-service settings document. Periods are ISO 8601 durations ('P1M'), NULL = none;
-- money is bigint minor units; localized texts are jsonb {"en": "...", "de": "..."}.

CREATE TABLE vat_rates (
  country     char(2) PRIMARY KEY,
  standard_bp integer NOT NULL CHECK (standard_bp BETWEEN 0 AND 10000),
  reduced_bp  integer NOT NULL CHECK (reduced_bp BETWEEN 0 AND 10000)
);
-- Standard and main reduced rate of the 27 member states, in basis points.
-- Source: European Commission, "VAT rates applied in the Member States of the European Union", as known on
-- 2025-08-01 (EE 24 % from 2025-07-01, RO 21/11 % from 2025-08-01, SK 23 % from 2025-01-01, FI 25.5 % from
-- 2024-09-01). Denmark has no reduced rate. Rate changes land as new migrations that UPDATE this table.
INSERT INTO vat_rates (country, standard_bp, reduced_bp) VALUES
  ('AT', 2000, 1000), ('BE', 2100, 600), ('BG', 2000, 900), ('CY', 1900, 500), ('CZ', 2100, 1200),
  ('DE', 1900, 700), ('DK', 2500, 2500), ('EE', 2400, 900), ('ES', 2100, 1000), ('FI', 2550, 1400),
  ('FR', 2000, 550), ('GR', 2400, 1300), ('HR', 2500, 1300), ('HU', 2700, 500), ('IE', 2300, 1350),
  ('IT', 2200, 1000), ('LT', 2100, 900), ('LU', 1700, 800), ('LV', 2100, 1200), ('MT', 1800, 700),
  ('NL', 2100, 900), ('PL', 2300, 800), ('PT', 2300, 600), ('RO', 2100, 1100), ('SE', 2500, 1200),
  ('SI', 2200, 950), ('SK', 2300, 1900);

CREATE TABLE plan_groups (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq         bigserial UNIQUE NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  currency    char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  external_id text UNIQUE,
  archived_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plans (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq           bigserial UNIQUE NOT NULL,
  plan_group_id uuid NOT NULL REFERENCES plan_groups (id) ON DELETE RESTRICT,
  name          jsonb NOT NULL,
  description   jsonb,
  external_id   text UNIQUE,
  hidden        boolean NOT NULL DEFAULT false,
  archived_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_group_idx ON plans (plan_group_id, seq);

CREATE TABLE components (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq                   bigserial UNIQUE NOT NULL,
  plan_group_id         uuid NOT NULL REFERENCES plan_groups (id) ON DELETE RESTRICT,
  type                  text NOT NULL CHECK (type IN ('quantityBased', 'onOff', 'metered')),
  name                  jsonb NOT NULL,
  description           jsonb,
  unit_name             jsonb,
  unit_price            bigint NOT NULL CHECK (unit_price >= 0),
  fee_period            text,
  min_quantity          integer NOT NULL DEFAULT 0 CHECK (min_quantity >= 0),
  max_quantity          integer CHECK (max_quantity >= 0),
  show_in_signup        boolean NOT NULL DEFAULT true,
  show_as_pricing_info  boolean NOT NULL DEFAULT true,
  tax_category          text NOT NULL DEFAULT 'standard' CHECK (tax_category IN ('standard', 'reduced', 'exempt')),
  external_id           text UNIQUE,
  archived_at           timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX components_group_idx ON components (plan_group_id, seq);

CREATE TABLE plan_variants (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq                           bigserial UNIQUE NOT NULL,
  plan_id                       uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
  internal_name                 text NOT NULL CHECK (length(internal_name) BETWEEN 1 AND 200),
  name                          jsonb,
  description                   jsonb,
  allow_self_service            boolean NOT NULL DEFAULT false,
  allow_without_payment_data    boolean NOT NULL DEFAULT false,
  consumer                      boolean NOT NULL DEFAULT false,
  trial_period                  text,
  contract_period               text,
  later_contract_period         text,
  cancellation_period           text,
  later_cancellation_period     text,
  billing_period                text NOT NULL,
  fee_period                    text NOT NULL,
  recurring_fee                 bigint NOT NULL CHECK (recurring_fee >= 0),
  setup_fee                     bigint NOT NULL DEFAULT 0 CHECK (setup_fee >= 0),
  payment_period_mode           text NOT NULL DEFAULT 'prePaid' CHECK (payment_period_mode IN ('prePaid', 'postPaid')),
  after_first_contract_period_next_step text NOT NULL DEFAULT 'renew'
                                CHECK (after_first_contract_period_next_step IN ('renew', 'end', 'change')),
  next_plan_variant_id          uuid REFERENCES plan_variants (id) ON DELETE RESTRICT,
  component_ids                 uuid[],   -- NULL: every component of the plan group
  tax_category                  text NOT NULL DEFAULT 'standard' CHECK (tax_category IN ('standard', 'reduced', 'exempt')),
  hidden                        boolean NOT NULL DEFAULT false,
  external_id                   text UNIQUE,
  archived_at                   timestamptz,
  created_at                    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_variants_plan_idx ON plan_variants (plan_id, seq);

CREATE TABLE coupons (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq                  bigserial UNIQUE NOT NULL,
  code                 text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,64}$'),
  kind                 text NOT NULL CHECK (kind IN ('percent', 'fixed')),
  percent_basis_points integer CHECK (percent_basis_points BETWEEN 1 AND 10000),
  amount               bigint CHECK (amount > 0),
  currency             char(3),
  applies_to           text[] NOT NULL,
  duration             text NOT NULL CHECK (duration IN ('once', 'periods', 'forever')),
  duration_periods     integer CHECK (duration_periods BETWEEN 1 AND 120),
  valid_from           timestamptz,
  valid_until          timestamptz,
  max_redemptions      integer CHECK (max_redemptions >= 1),
  redemptions          integer NOT NULL DEFAULT 0 CHECK (redemptions >= 0),
  plan_variant_ids     uuid[],
  active               boolean NOT NULL DEFAULT true,
  external_id          text UNIQUE,
  archived_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (max_redemptions IS NULL OR redemptions <= max_redemptions),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from)
);
CREATE UNIQUE INDEX coupons_code_ci ON coupons (lower(code));

-- The merchant's self-service settings: one validated JSON document (portico validates it as a whole).
CREATE TABLE settings (
  id         integer PRIMARY KEY CHECK (id = 1),
  document   jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
