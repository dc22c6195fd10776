/** Compact JWS (RFC 7515) parsing and ES256/EdDSA verification for provider, enrollment and device tokens. */
package io.landline.gateway.jws;
