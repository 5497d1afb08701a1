// OpenStack Swift simulator (v1 auth + object API). Implementation in ./swift/.
export { startSwift, SWIFT_SANDBOX_USERS } from './swift/server.js';
export type { SwiftSim, SwiftSimOptions, SwiftTempauthUser } from './swift/server.js';
