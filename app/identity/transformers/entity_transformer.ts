import type EntityMember from '#identity/models/entity_member'
import type MarketEntity from '#identity/models/market_entity'

/** What of a market entity reaches the pages and API of its own members. */
export const entityTransformer = {
  forMember(entity: MarketEntity, role: EntityMember['role'], currentEntityId: number | null) {
    return {
      id: entity.id,
      codeType: entity.codeType,
      code: entity.code,
      name: entity.name,
      entityType: entity.entityType,
      regionCode: entity.regionCode,
      address: entity.address,
      legalRepresentative: entity.legalRepresentative,
      role,
      current: entity.id === currentEntityId,
      createdAt: entity.createdAt.toISO(),
    }
  },
}
