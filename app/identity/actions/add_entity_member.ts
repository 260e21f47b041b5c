import { recordAudit, type AuditActor } from '#audit/audit_log'
import { ForbiddenException } from '#access/exceptions'
import { RuleViolation } from '#core/rule_violation'
import Account from '#identity/models/account'
import EntityMember from '#identity/models/entity_member'
import { insertUnique } from '#identity/unique_insert'

/** An entity's owner lets another account act for it, found by email or mobile. */
export class AddEntityMember {
  constructor(private readonly actor: AuditActor) {}

  async handle(owner: Account, entityId: number, uid: string) {
    const ownership = await EntityMember.query()
      .where('entity_id', entityId)
      .where('account_id', owner.id)
      .where('role', 'owner')
      .first()
    if (!ownership) throw new ForbiddenException()

    const account = await Account.findForAuth(['email', 'mobile'], uid)
    if (!account || account.isDisabled) {
      throw new RuleViolation('uid', 'identity.members.unknown_account')
    }
    const member = await insertUnique(
      (client) =>
        EntityMember.create({ entityId, accountId: account.id, role: 'member' }, { client }),
      () => new RuleViolation('uid', 'identity.members.already_member')
    )
    await recordAudit(this.actor, {
      action: 'entity.member_add',
      subjectType: 'market_entity',
      subjectId: entityId,
      payload: { accountId: account.id, role: member.role },
    })
    return member
  }
}
