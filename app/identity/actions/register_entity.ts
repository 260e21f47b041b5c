import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import type Account from '#identity/models/account'
import EntityMember from '#identity/models/entity_member'
import MarketEntity, { type EntityType } from '#identity/models/market_entity'
import { insertUnique } from '#identity/unique_insert'

export interface RegisterEntityInput {
  codeType: 'uscc' | 'id_card'
  code: string
  name: string
  entityType: EntityType
  regionCode?: string
  address?: string
  legalRepresentative?: string
}

/**
 * Registers a market entity once for the whole city, free of charge
 * (ARCHITECTURE.md §3); the registering account becomes its owner member.
 */
export class RegisterEntity {
  constructor(private readonly actor: AuditActor) {}

  async handle(account: Account, input: RegisterEntityInput) {
    const entity = await insertUnique(
      async (client) => {
        const created = await MarketEntity.create(
          {
            codeType: input.codeType,
            code: input.code,
            name: input.name,
            entityType: input.entityType,
            regionCode: input.regionCode ?? null,
            address: input.address ?? null,
            legalRepresentative:
              input.codeType === 'id_card' ? null : (input.legalRepresentative ?? null),
            registeredBy: account.id,
          },
          { client }
        )
        await EntityMember.create(
          { entityId: created.id, accountId: account.id, role: 'owner' },
          { client }
        )
        return created
      },
      () => new RuleViolation('code', 'identity.entities.code_taken')
    )
    await recordAudit(this.actor, {
      action: 'entity.register',
      subjectType: 'market_entity',
      subjectId: entity.id,
      // An ID number is personal data: the append-only log never holds one
      payload: {
        codeType: entity.codeType,
        entityType: entity.entityType,
        code: entity.codeType === 'uscc' ? entity.code : null,
      },
    })
    return entity
  }
}
