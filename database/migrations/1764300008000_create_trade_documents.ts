import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Documents of a trade and the clarifications and amendments to them
 * (招标投标法实施条例 Art. 21). A document kind is a versioned set: each
 * upload of the same kind is the next version and earlier ones are kept.
 * The file lives on the drive under `storage_key`; the row keeps its SHA-256.
 * An amendment keeps the bid deadline before and after it, the history of
 * every postponement.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE trade_documents (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('tender_documents', 'amendment_documents')),
        version integer NOT NULL CHECK (version > 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        storage_key text NOT NULL,
        file_name text NOT NULL,
        extension text NOT NULL,
        mime_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by bigint NOT NULL REFERENCES accounts (id),
        uploaded_at timestamptz NOT NULL,
        published_at timestamptz,
        PRIMARY KEY (root_tenant_id, id),
        UNIQUE (root_tenant_id, trade_id, kind, version),
        UNIQUE (root_tenant_id, storage_key),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('trade_documents')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE trade_amendments (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('clarification', 'amendment')),
        summary text NOT NULL,
        affects_bids boolean NOT NULL,
        issued_by bigint NOT NULL REFERENCES accounts (id),
        issued_at timestamptz NOT NULL,
        deadline_before timestamptz,
        deadline_after timestamptz,
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('trade_amendments')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS trade_amendments, trade_documents`)
  }
}
