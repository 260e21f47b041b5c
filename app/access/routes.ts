import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const StaffController = () => import('#access/controllers/staff_controller')
const AccountStatusController = () => import('#access/controllers/account_status_controller')

/** Positive ids small enough to stay exact numbers; anything else matches no route (404) */
const ID = { match: /^[1-9][0-9]{0,14}$/, cast: (value: string) => Number(value) }

function staffRoutes() {
  router.get('/staff', [StaffController, 'index']).as('staff.index')
  router.post('/staff', [StaffController, 'store']).as('staff.store')
  router.delete('/staff/:id', [StaffController, 'destroy']).as('staff.destroy')
  router.post('/accounts/:id/disable', [AccountStatusController, 'disable']).as('accounts.disable')
  router.post('/accounts/:id/enable', [AccountStatusController, 'enable']).as('accounts.enable')
}

for (const [prefix, name] of [
  ['/t/:code/admin', 'access'],
  ['/api/v1/t/:code', 'api.access'],
]) {
  router
    .group(staffRoutes)
    .prefix(prefix)
    .as(name)
    .where('id', ID)
    .use([middleware.auth(), middleware.tenant()])
}
