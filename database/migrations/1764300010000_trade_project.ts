import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A trade belongs to the project it serves (ARCHITECTURE.md §6: project →
 * trade), which names the tenderer and the fund source the rules need: the
 * expert pool avoids the tenderer's staff, state-funded projects award the
 * first-ranked candidate. Trades made before this column, and test
 * procedures, have none.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`ALTER TABLE trades ADD COLUMN project_id bigint`)
    this.schema.raw(`ALTER TABLE trades ADD CONSTRAINT trades_project_fk
      FOREIGN KEY (root_tenant_id, project_id) REFERENCES projects (root_tenant_id, id)`)
    this.schema.raw(
      `CREATE INDEX trades_project_idx ON trades (root_tenant_id, project_id) WHERE project_id IS NOT NULL`
    )
  }

  async down() {
    this.schema.raw(`ALTER TABLE trades DROP COLUMN project_id`)
  }
}
