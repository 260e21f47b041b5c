import vine from '@vinejs/vine'

/**
 * Like VineJS's requiredIfMissing, but reported as `requiredIfMissing` with
 * the other field, so the message can say "enter email or mobile number".
 */
export const requiredIfMissingRule = vine.createRule<{ otherField: string }>(
  (_, { otherField }, field) => {
    if (!field.isDefined && vine.helpers.isMissing(field.parent[otherField])) {
      field.report('Enter {{ field }} or {{ otherField }}', 'requiredIfMissing', field, {
        otherField,
      })
    }
  },
  { name: 'requiredIfMissing', implicit: true }
)
