import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Draws from the pool for a trade (domain.md §5). Tenant tables: a draw
 * belongs to the tenant the trade is in, while the experts it names stay in
 * the global pool.
 *
 * `expert_draws` keeps everything the published record needs: the request as
 * the pure draw reads it, the snapshot of the pool taken before drawing, the
 * commitment sha256(seed), and the result once drawn. The seed is stored from
 * the start (a failed draw step can be retried with the committed seed) but
 * leaves the server only once the draw is decided (`revealed_at`): with the
 * seed and the snapshot anyone could name the drawn experts, which must stay
 * sealed until then.
 *
 * `expert_draw_seats` is one row per picked expert: who answers, and how.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE expert_draws (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        tenderer_uscc text NOT NULL CHECK (tenderer_uscc ~ '^[0-9A-Z]{18}$'),
        evaluation_date date NOT NULL,
        status text NOT NULL DEFAULT 'committed'
          CHECK (status IN ('committed', 'drawn', 'decided')),
        request jsonb NOT NULL,
        snapshot jsonb NOT NULL,
        snapshot_hash text NOT NULL CHECK (snapshot_hash ~ '^[0-9a-f]{64}$'),
        commitment text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
        seed bytea NOT NULL CHECK (length(seed) = 32),
        result jsonb,
        drawn_at timestamptz,
        decided_at timestamptz,
        revealed_at timestamptz,
        created_by bigint NOT NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        CHECK ((status = 'committed') = (result IS NULL)),
        CHECK ((status = 'decided') = (decided_at IS NOT NULL)),
        CHECK (revealed_at IS NULL OR status = 'decided')
      )`)
    this.schema.raw(`CREATE INDEX expert_draws_tenant_idx ON expert_draws (tenant_id, id)`)
    this.schema.raw(
      `CREATE INDEX expert_draws_trade_idx ON expert_draws (root_tenant_id, trade_id)`
    )
    // The N-draws-per-tenderer rule counts by tenderer within 12 months
    this.schema.raw(
      `CREATE INDEX expert_draws_tenderer_idx ON expert_draws (root_tenant_id, tenderer_uscc, evaluation_date)`
    )
    for (const sql of tenantTableRls('expert_draws', { grants: ['SELECT', 'INSERT', 'UPDATE'] })) {
      this.schema.raw(sql)
    }

    this.schema.raw(`
      CREATE TABLE expert_draw_seats (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        draw_id bigint NOT NULL,
        expert_id bigint NOT NULL REFERENCES experts (id),
        line smallint NOT NULL CHECK (line >= 0),
        via_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('drawn', 'reserve', 'top_up')),
        status text NOT NULL CHECK (status IN ('standby', 'invited', 'confirmed', 'declined')),
        decline_reason text CHECK (length(decline_reason) <= 500),
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, draw_id, expert_id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id),
        FOREIGN KEY (root_tenant_id, draw_id) REFERENCES expert_draws (root_tenant_id, id),
        CHECK ((status IN ('confirmed', 'declined')) = (answered_at IS NOT NULL))
      )`)
    this.schema.raw(
      `CREATE INDEX expert_draw_seats_expert_idx ON expert_draw_seats (expert_id, status)`
    )
    for (const sql of tenantTableRls('expert_draw_seats', {
      grants: ['SELECT', 'INSERT', 'UPDATE'],
    })) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS expert_draw_seats, expert_draws')
  }
}
