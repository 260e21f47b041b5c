import type { Database } from '@adonisjs/lucid/database'

export class UnsafeLoginRoleError extends Error {}

/**
 * ARCHITECTURE.md §2: the app refuses to start when its login role is a
 * superuser, has BYPASSRLS or owns tables; any of these skips the RLS wall.
 */
export async function assertSafeLoginRole(db: Database, connection = 'app') {
  const { rows } = await db.connection(connection).rawQuery(`
    select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
      (select count(*) from pg_class c
        where c.relowner = r.oid and c.relkind in ('r', 'p', 'v', 'm', 'f')) as owned
    from pg_roles r where r.rolname = current_user`)
  const role = rows[0]
  const problems: string[] = []
  if (role.superuser) problems.push('is a superuser')
  if (role.bypass_rls) problems.push('has BYPASSRLS')
  if (Number(role.owned) > 0) problems.push(`owns ${role.owned} tables or views`)
  if (problems.length) {
    throw new UnsafeLoginRoleError(
      `Refusing to start: the database login role "${role.role}" ${problems.join(', ')}. ` +
        `Connect as the login role created by "npm run setup" (DB_USER / DATABASE_URL).`
    )
  }
}
