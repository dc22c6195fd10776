/** The notification as it travels from the provider API to a device, and the two seams between them. */
package io.landline.gateway.push;
