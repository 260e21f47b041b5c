import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import '#trading/sealed_bids/abilities'

const BidsController = () => import('#trading/sealed_bids/bids_controller')
const OpeningsController = () => import('#trading/sealed_bids/openings_controller')
const OpeningHallController = () => import('#trading/sealed_bids/opening_hall_controller')

router
  .group(() => {
    router.post('/bids', [BidsController, 'submit'])
    router.get('/bids/mine', [BidsController, 'mine'])
    router.get('/bids/mine/receipt', [BidsController, 'receipt'])
    router.delete('/bids/mine', [BidsController, 'withdraw'])
    router.post('/bids/mine/decrypt', [BidsController, 'decrypt'])
    router.get('/opening', [OpeningsController, 'show'])
    router.get('/opening/events', [OpeningHallController, 'events'])
    router.post('/opening/start', [OpeningsController, 'start'])
    router.post('/opening/close', [OpeningsController, 'close'])
  })
  .prefix('/api/v1/t/:code/trades/:tradeId')
  .where('tradeId', /^[1-9][0-9]{0,14}$/)
  .as('api.bids')
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/bid', [BidsController, 'page'])
    router.get('/opening', [OpeningHallController, 'page'])
  })
  .prefix('/t/:code/trades/:tradeId')
  .where('tradeId', /^[1-9][0-9]{0,14}$/)
  .as('bids.pages')
  .use([middleware.auth(), middleware.tenant()])
