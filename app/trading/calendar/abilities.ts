import { contributeAbilities } from '#access/ability'

/**
 * The working-day calendar is one for the whole city (global tables): only
 * the city admin maintains it. Subject: WorkingCalendar.
 */
contributeAbilities(({ can }, input) => {
  if (input.cityRoles.includes('city_admin')) can('manage', 'WorkingCalendar')
})
