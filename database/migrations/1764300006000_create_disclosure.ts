import { BaseSchema } from '@adonisjs/lucid/schema'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { tenantTableRls } from '#tenancy/rls_ddl'
import { SCOPE_ROLES } from '#tenancy/scopes'

/**
 * Published disclosures (ARCHITECTURE.md §2, §6): the five kinds of
 * announcement and the OCDS release each publication produces. They are
 * tenant tables (written by the publishing tenant, keyed on the root), and
 * public by law: the global scope, which serves requests without a login,
 * reads every row. Its policy is `true` rather than a tenant equality on
 * purpose: the full-text operator is not leakproof, so any row predicate in
 * a policy would keep the search off its GIN index (datalayer.md §1.6).
 */
const KINDS = ['trade_notice', 'qualification', 'deal', 'performance', 'change']

function publicRead(table: string) {
  return [
    `CREATE POLICY ${table}_public_select ON "${table}" FOR SELECT TO ${SCOPE_ROLES.global}
       USING (true)`,
    `GRANT SELECT ON "${table}" TO ${SCOPE_ROLES.global}`,
  ]
}

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE announcements (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        kind text NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(', ')})),
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 40),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL DEFAULT '',
        project_id bigint,
        trade_id bigint,
        ocid text NOT NULL,
        search_vector tsvector NOT NULL,
        published_at timestamptz NOT NULL DEFAULT ${PLATFORM_NOW_SQL},
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX announcements_city_feed_idx ON announcements (root_tenant_id, published_at DESC, id DESC)`
    )
    this.schema.raw(
      `CREATE INDEX announcements_tenant_feed_idx ON announcements (tenant_id, published_at DESC, id DESC)`
    )
    this.schema.raw(
      `CREATE INDEX announcements_search_idx ON announcements USING gin (search_vector)`
    )
    for (const sql of tenantTableRls('announcements', { grants: ['SELECT', 'INSERT', 'UPDATE'] })) {
      this.schema.raw(sql)
    }
    for (const sql of publicRead('announcements')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE ocds_releases (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        announcement_id bigint NOT NULL,
        ocid text NOT NULL,
        release_id text NOT NULL,
        release jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, release_id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id),
        FOREIGN KEY (root_tenant_id, announcement_id) REFERENCES announcements (root_tenant_id, id)
      )`)
    this.schema.raw(
      `CREATE INDEX ocds_releases_feed_idx ON ocds_releases (root_tenant_id, published_at DESC, id DESC)`
    )
    this.schema.raw(
      `CREATE INDEX ocds_releases_ocid_idx ON ocds_releases (root_tenant_id, ocid, published_at, id)`
    )
    this.schema.raw(`CREATE INDEX ocds_releases_tenant_idx ON ocds_releases (tenant_id, id)`)
    for (const sql of tenantTableRls('ocds_releases', { grants: ['SELECT', 'INSERT'] })) {
      this.schema.raw(sql)
    }
    for (const sql of publicRead('ocds_releases')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS ocds_releases, announcements`)
  }
}
