import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuditEventsController = () => import('#audit/controllers/audit_events_controller')

for (const [prefix, name] of [
  ['/t/:code/audit', 'audit'],
  ['/api/v1/t/:code/audit', 'api.audit'],
]) {
  router
    .group(() => {
      router.get('/', [AuditEventsController, 'index']).as('index')
      router.get('/:id', [AuditEventsController, 'show']).as('show')
    })
    .prefix(prefix)
    .as(name)
    .where('id', router.matchers.number())
    .use([middleware.auth(), middleware.tenant()])
}
