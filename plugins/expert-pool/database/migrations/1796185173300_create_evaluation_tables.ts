import { BaseSchema } from '@adonisjs/lucid/schema'
import { globalTableGrants, tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Evaluation committees and their work (domain.md §5, 招标投标法 Art. 37,
 * 条例 Arts. 46–53), and the experts' credit ratings.
 *
 * The evaluation of a trade, its members, and each member's verdict on each
 * opened bid are tenant tables: they belong to the trade's platform. A
 * replaced member is never deleted: it is marked void with the statutory
 * reason and its verdicts stay, excluded from the result (条例 Art. 48).
 *
 * Ratings are global, like the experts they rate: an expert's credit is one
 * city-wide record, summed over every platform the expert served.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE expert_evaluations (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 50),
        method text NOT NULL CHECK (method IN ('lowest_evaluated_price', 'comprehensive_scoring')),
        composition_rule text NOT NULL CHECK (composition_rule IN ('construction',
          'gp_open_tender', 'gp_negotiation', 'gp_competitive_consultation', 'gp_inquiry')),
        weights jsonb,
        candidate_count smallint NOT NULL CHECK (candidate_count BETWEEN 1 AND 10),
        opened_by bigint REFERENCES accounts (id),
        opened_at timestamptz NOT NULL,
        committee_formed_at timestamptz,
        outcome jsonb,
        final_at timestamptz,
        CHECK ((method = 'comprehensive_scoring') = (weights IS NOT NULL)),
        CHECK ((outcome IS NULL) = (final_at IS NULL)),
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, trade_id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('expert_evaluations')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE expert_committee_members (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        evaluation_id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('expert', 'tenderer_representative')),
        expert_id bigint REFERENCES experts (id),
        account_id bigint NOT NULL REFERENCES accounts (id),
        declared_at timestamptz,
        chair_vote_member_id bigint,
        signed_at timestamptz,
        voided_at timestamptz,
        void_reason text CHECK (void_reason IN ('avoidance', 'left_post', 'health')),
        replaces_member_id bigint,
        CHECK ((kind = 'expert') = (expert_id IS NOT NULL)),
        CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, evaluation_id)
          REFERENCES expert_evaluations (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, chair_vote_member_id)
          REFERENCES expert_committee_members (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, replaces_member_id)
          REFERENCES expert_committee_members (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    // One live seat per person on a committee; a replaced seat leaves room for no one else
    this.schema.raw(`CREATE UNIQUE INDEX expert_committee_members_live_account
      ON expert_committee_members (root_tenant_id, evaluation_id, account_id) WHERE voided_at IS NULL`)
    // "My evaluations": a person's seats
    this.schema.raw(`CREATE INDEX expert_committee_members_account
      ON expert_committee_members (root_tenant_id, account_id)`)
    for (const sql of tenantTableRls('expert_committee_members')) this.schema.raw(sql)

    // One verdict per member and bid: scored (by the method) or rejected with a legal reason
    this.schema.raw(`
      CREATE TABLE expert_bid_verdicts (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        member_id bigint NOT NULL,
        bid_id bigint NOT NULL,
        technical numeric(7, 2) CHECK (technical >= 0),
        commercial numeric(7, 2) CHECK (commercial >= 0),
        evaluated_price numeric(16, 2) CHECK (evaluated_price > 0),
        reject_reason text CHECK (length(reject_reason) BETWEEN 1 AND 50),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (reject_reason IS NULL
          OR (technical IS NULL AND commercial IS NULL AND evaluated_price IS NULL)),
        PRIMARY KEY (root_tenant_id, member_id, bid_id),
        FOREIGN KEY (root_tenant_id, member_id)
          REFERENCES expert_committee_members (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, bid_id) REFERENCES bids (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('expert_bid_verdicts')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE expert_ratings (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        expert_id bigint NOT NULL REFERENCES experts (id),
        tenant_id bigint NOT NULL REFERENCES tenants (id),
        evaluation_id bigint NOT NULL,
        rater_kind text NOT NULL CHECK (rater_kind IN ('tenderer', 'supervisor')),
        rater_account_id bigint NOT NULL REFERENCES accounts (id),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text CHECK (length(comment) <= 500),
        rated_at timestamptz NOT NULL,
        UNIQUE (tenant_id, evaluation_id, expert_id, rater_kind)
      )`)
    this.schema.raw(
      `CREATE INDEX expert_ratings_expert_idx ON expert_ratings (expert_id, rated_at)`
    )
    for (const sql of globalTableGrants('expert_ratings', ['SELECT', 'INSERT'])) {
      this.schema.raw(sql)
    }
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS expert_ratings, expert_bid_verdicts,
      expert_committee_members, expert_evaluations`)
  }
}
