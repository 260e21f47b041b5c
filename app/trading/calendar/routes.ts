import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import '#trading/calendar/abilities'

const CalendarController = () => import('#trading/calendar/calendar_controller')

function calendarRoutes() {
  router.get('/admin/calendar', [CalendarController, 'show'])
  router.post('/admin/calendar/days', [CalendarController, 'addDay'])
  router.put('/admin/calendar/days/:date', [CalendarController, 'changeDay'])
  router.delete('/admin/calendar/days/:date', [CalendarController, 'removeDay'])
  router.post('/admin/calendar/years/:year', [CalendarController, 'publishYear'])
  router.delete('/admin/calendar/years/:year', [CalendarController, 'unpublishYear'])
}

for (const [prefix, name] of [
  ['/t/:code', 'calendar'],
  ['/api/v1/t/:code', 'api.calendar'],
]) {
  router
    .group(calendarRoutes)
    .prefix(prefix)
    .as(name)
    .where('date', /^\d{4}-\d{2}-\d{2}$/)
    .where('year', /^\d{4}$/)
    .use([middleware.auth(), middleware.tenant(), middleware.cityTenant()])
}
