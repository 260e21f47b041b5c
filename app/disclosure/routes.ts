import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PublicAnnouncementsController = () =>
  import('#disclosure/controllers/public_announcements_controller')
const OcdsController = () => import('#disclosure/controllers/ocds_controller')

/** The public service system: no login anywhere here (announcements are public by law) */
router
  .get('/api/v1/public/announcements', [PublicAnnouncementsController, 'index'])
  .as('api.public.announcements')

router
  .get('/t/:code/announcements/:id', [PublicAnnouncementsController, 'show'])
  .as('disclosure.announcements.show')
  // Ids stay exact as JS numbers: a longer one is no such page, not a query error
  .where('id', { match: /^[1-9][0-9]{0,14}$/, cast: (value) => Number(value) })
  .use(middleware.tenant())

router.get('/api/ocds/releases', [OcdsController, 'releases']).as('api.ocds.releases')
router.get('/api/ocds/records/:ocid', [OcdsController, 'record']).as('api.ocds.record')
