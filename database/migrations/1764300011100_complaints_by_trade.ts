import { BaseSchema } from '@adonisjs/lucid/schema'

/** Every transition asks whether an objection to its trade awaits an answer */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `CREATE INDEX complaints_trade_idx ON complaints (root_tenant_id, trade_id) WHERE status = 'filed'`
    )
  }

  async down() {
    this.schema.raw(`DROP INDEX IF EXISTS complaints_trade_idx`)
  }
}
