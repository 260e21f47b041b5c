import { BaseSchema } from '@adonisjs/lucid/schema'

/** The agency (招标代理机构) a tender may name to act for its tenderer (法 Art. 12) */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `ALTER TABLE cb_tenders ADD COLUMN agency_entity_id bigint REFERENCES market_entities (id)`
    )
  }

  async down() {
    this.schema.raw(`ALTER TABLE cb_tenders DROP COLUMN agency_entity_id`)
  }
}
