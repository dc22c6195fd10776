/** The device push endpoint: MQTT 5 in Landline's restricted profile, over TLS with client certificates and over WebSocket. */
package io.landline.gateway.mqtt;
