import { BaseSchema } from '@adonisjs/lucid/schema'
import { SEPARATION_CONSTRAINT, separationSides } from '#access/separation_of_duties'

/**
 * The database's own wall for 管办分离 and 专家库三端分离: whatever writes
 * staff_memberships (the app, a script, the owner), an account never holds
 * two roles of different sides of a rule in one tenant. The rules come from
 * app/access/separation_of_duties.ts, so the action and the trigger agree.
 *
 * A per-(account, tenant) advisory lock serialises concurrent inserts: the
 * second one waits, then (READ COMMITTED: a new snapshot per statement) sees
 * the first one's committed row and is refused.
 */
export default class extends BaseSchema {
  async up() {
    const sides = separationSides()
      .map(({ rule, side, role }) => `('${rule}', ${side}, '${role}')`)
      .join(', ')
    this.schema.raw(`
      CREATE FUNCTION app.staff_separation_of_duties() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        clash record;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('staff_memberships'),
          hashtext(format('%s:%s', NEW.account_id, NEW.tenant_id)));
        WITH sides(rule, side, role) AS (VALUES ${sides})
        SELECT mine.rule, other.role AS held INTO clash
          FROM sides mine
          JOIN sides theirs ON theirs.rule = mine.rule AND theirs.side <> mine.side
          JOIN staff_memberships other ON other.role = theirs.role
         WHERE mine.role = NEW.role
           AND other.account_id = NEW.account_id
           AND other.tenant_id = NEW.tenant_id
           AND other.id <> NEW.id
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'separation of duties: % cannot be held together with % in one tenant',
            NEW.role, clash.held
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = '${SEPARATION_CONSTRAINT}',
                  DETAIL = clash.rule || ' ' || clash.held;
        END IF;
        RETURN NULL;
      END $$`)
    this.schema.raw(`
      CREATE CONSTRAINT TRIGGER ${SEPARATION_CONSTRAINT}
      AFTER INSERT OR UPDATE OF account_id, tenant_id, role ON staff_memberships
      FOR EACH ROW EXECUTE FUNCTION app.staff_separation_of_duties()`)
  }

  async down() {
    this.schema.raw(`DROP TRIGGER IF EXISTS ${SEPARATION_CONSTRAINT} ON staff_memberships`)
    this.schema.raw(`DROP FUNCTION IF EXISTS app.staff_separation_of_duties()`)
  }
}
