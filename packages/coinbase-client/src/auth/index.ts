export {
  type Credentials,
  type CredentialsInput,
  type CredentialsSource,
  isParsedCredentials,
  type JwtAlgorithm,
  parseCredentials,
} from './credentials.js'
export {
  isLegacyHmacInput,
  type LegacyHmacCredentials,
  type LegacyHmacCredentialsInput,
  type LegacyHmacRequest,
  parseLegacyHmacCredentials,
  signLegacyHmac,
} from './hmac.js'
export { createRestJwt, createWsJwt, formatJwtUri, JWT_LIFETIME_SECONDS, type RestJwtRequest } from './jwt.js'
