/** The APNs-compatible provider API: {@code POST /3/device/{token}} and the receipt query, with APNs' answers. */
package io.landline.gateway.provider;
