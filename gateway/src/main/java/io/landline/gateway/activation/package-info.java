/** Device activation ({@code POST /v1/activate}): a CSR in, a device token and certificate out, under the configured policy and rate limit; plus invites and revocation. */
package io.landline.gateway.activation;
