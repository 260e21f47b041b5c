import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TenantHomeController = () => import('#tenancy/controllers/tenant_home_controller')

router
  .group(() => {
    router.get('/', [TenantHomeController, 'show']).as('tenant.home')
  })
  .prefix('/t/:code')
  .use(middleware.tenant())
