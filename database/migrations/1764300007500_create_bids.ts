import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

/**
 * Sealed bids (ARCHITECTURE.md §6, 电子招标投标办法 Arts. 26–31). The server
 * holds only what the bidder's browser produced: ciphertexts, the data key
 * wrapped by a key only the bidder has, the wrapping parameters and the
 * SHA-256 of each ciphertext. The read-out exists only after opening.
 * One live bid per entity and trade; a modification replaces it (version+1).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE bids (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        trade_id bigint NOT NULL,
        entity_id bigint NOT NULL REFERENCES market_entities (id),
        submitted_by bigint NOT NULL REFERENCES accounts (id),
        version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'sealed'
          CHECK (status IN ('sealed', 'withdrawn', 'decrypted', 'revoked', 'retracted')),
        key_wrapping text NOT NULL CHECK (key_wrapping IN ('password', 'key_file')),
        kdf_salt bytea,
        kdf_iterations integer,
        wrapped_key bytea NOT NULL,
        envelopes jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        decrypted_at timestamptz,
        readout jsonb,
        failure text,
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, trade_id) REFERENCES trades (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    this.schema
      .raw(`CREATE UNIQUE INDEX bids_live_per_entity ON bids (root_tenant_id, trade_id, entity_id)
      WHERE status <> 'withdrawn'`)
    for (const sql of tenantTableRls('bids')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE bid_envelope_blobs (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        bid_id bigint NOT NULL,
        name text NOT NULL,
        ciphertext bytea NOT NULL,
        PRIMARY KEY (root_tenant_id, bid_id, name),
        FOREIGN KEY (root_tenant_id, bid_id) REFERENCES bids (root_tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )`)
    for (const sql of tenantTableRls('bid_envelope_blobs')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw(`DROP TABLE IF EXISTS bid_envelope_blobs, bids`)
  }
}
