import EntityMember from '#identity/models/entity_member'

/** The entities an account acts for, with its role in each, oldest first */
export function accountEntities(accountId: number) {
  return EntityMember.query().where('account_id', accountId).preload('entity').orderBy('id')
}
