import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { CENTER_ROLES } from '#access/roles'
import { requestActor } from '#audit/request_actor'
import { currentEntityId } from '#identity/current_entity'
import type { TradeActor } from '#trading/engine/procedure_engine'
import type { TradeRole } from '#trading/engine/define_procedure'

/**
 * Who a person is in a tender: the tenderer acts for the entity that owns
 * the project or for the agency (招标代理机构) the tender names; the centre's staff are the operator (witness, opening);
 * supervisors of the category supervise; anyone else acting for an entity
 * is a bidder. The procedure then decides which of its steps each may take.
 */
export async function partyOf(
  ctx: HttpContext,
  tendererEntityIds: number[]
): Promise<TradeRole | null> {
  const access = await loadAccess(ctx)
  const entityId = currentEntityId(ctx.session, access.entityIds)
  if (tendererEntityIds.some((id) => access.entityIds.includes(id))) return 'tenderer'
  if (access.tenantRoles.some((role) => CENTER_ROLES.includes(role))) return 'operator'
  if (access.ability.can('suspend', subject('ConstructionTender', { tenantId: ctx.tenant!.id }))) {
    return 'supervisor'
  }
  return entityId === null ? null : 'bidder'
}

/** The request's actor in the role it holds, or 403 */
export async function actorOf(
  ctx: HttpContext,
  tendererEntityIds: number[]
): Promise<TradeActor & { accountId: number }> {
  const role = await partyOf(ctx, tendererEntityIds)
  const actor = requestActor(ctx)
  if (!role || actor.accountId === null) throw new ForbiddenException()
  return { ...actor, accountId: actor.accountId, role }
}

/** The entity a bidder acts for now */
export async function actingEntityId(ctx: HttpContext) {
  const access = await loadAccess(ctx)
  const entityId = currentEntityId(ctx.session, access.entityIds)
  if (entityId === null) throw new ForbiddenException()
  return entityId
}
