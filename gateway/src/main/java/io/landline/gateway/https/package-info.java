/** The HTTPS listener shared by the provider API, the device API and MQTT over WebSocket. */
package io.landline.gateway.https;
