export { CoinbaseBroker, type CoinbaseBrokerOptions } from './CoinbaseBroker.js'
