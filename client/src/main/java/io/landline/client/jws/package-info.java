/** Signing compact JWS tokens (RFC 7515) with ES256 or EdDSA: provider tokens and device assertions. */
package io.landline.client.jws;
